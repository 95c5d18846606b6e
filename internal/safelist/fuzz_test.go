package safelist

import (
	"os"
	"testing"
)

// FuzzLoad reads any file content: it never panics, and a file it loads
// takes an Add and a Remove, after which the number is gone.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"accounts":{"AC1":[{"number":"+14155550102","added":"2026-01-02T03:04:05Z"}]}}`))
	f.Add([]byte(`{"accounts":null}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"accounts":{"AC1":[{"number":7}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(Path(dir), data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(dir, "AC1"); err != nil {
			return
		}
		if _, err := Add(dir, "AC1", Entry{Number: "+19999999999"}); err != nil {
			t.Fatalf("add after a good load: %v", err)
		}
		if _, err := Remove(dir, "AC1", "+19999999999"); err != nil {
			t.Fatalf("remove: %v", err)
		}
		after, err := Load(dir, "AC1")
		if err != nil || indexOf(after, "+19999999999") >= 0 {
			t.Fatalf("after remove: %v, %v", after, err)
		}
	})
}
