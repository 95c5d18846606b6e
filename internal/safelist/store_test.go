package safelist

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestAddLoadRemovePerAccount(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg") // created on first write
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const a, b = "AC00000000000000000000000000000001", "AC00000000000000000000000000000002"
	if got, err := Load(dir, a); err != nil || len(got) != 0 {
		t.Fatalf("empty store: %v, %v", got, err)
	}
	if _, err := Add(dir, a, Entry{Number: "+14155550102", Added: t0, By: "ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Add(dir, a, Entry{Number: "+14155550102", Added: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := Add(dir, b, Entry{Number: "+442071838750", Added: t0}); err != nil {
		t.Fatal(err)
	}
	got, err := Load(dir, a)
	if err != nil || len(got) != 1 || got[0].Number != "+14155550102" || !got[0].Added.Equal(t0) || got[0].By != "ana" {
		t.Fatalf("account a: %+v, %v (a repeat must keep the first entry)", got, err)
	}
	if got, _ := Load(dir, b); len(got) != 1 || got[0].Number != "+442071838750" {
		t.Fatalf("account b: %+v", got)
	}
	fi, err := os.Stat(Path(dir))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, %v", fi.Mode().Perm(), err)
	}
	if left, err := Remove(dir, a, "+14155550102"); err != nil || len(left) != 0 {
		t.Fatalf("remove: %v, %v", left, err)
	}
	if got, _ := Load(dir, a); len(got) != 0 {
		t.Fatalf("after remove: %+v", got)
	}
	if got, _ := Load(dir, b); len(got) != 1 {
		t.Fatalf("removing from a touched b: %+v", got)
	}
}

func TestAddKeepsTheNewestMaxPerAccount(t *testing.T) {
	dir := t.TempDir()
	const a = "AC00000000000000000000000000000001"
	var err error
	var list []Entry
	for i := 0; i < MaxPerAccount+3; i++ {
		list, err = Add(dir, a, Entry{Number: fmt.Sprintf("+1415555%04d", i)})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(list) != MaxPerAccount || list[0].Number != "+14155550003" {
		t.Fatalf("kept %d, first %s; want %d from +14155550003", len(list), list[0].Number, MaxPerAccount)
	}
}

func TestCorruptFileIsAnErrorNotAReset(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(Path(dir), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir, "AC1"); err == nil {
		t.Fatal("a corrupt file loaded")
	}
	if _, err := Add(dir, "AC1", Entry{Number: "+14155550100"}); err == nil {
		t.Fatal("a corrupt file was overwritten")
	}
	if b, _ := os.ReadFile(Path(dir)); string(b) != "{not json" {
		t.Fatalf("file changed: %q", b)
	}
}
