package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// logMode is the permission bits of the file at p.
func logMode(t *testing.T, p string) os.FileMode {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

func TestOpenLogPrivate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "debug.log")
	f, err := OpenLog(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if m := logMode(t, p); m != 0o600 {
		t.Fatalf("log file mode %v, want 0600", m)
	}
}

func TestOpenLogTightensAnExistingFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "debug.log")
	if err := os.WriteFile(p, []byte("earlier line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o644); err != nil { // whatever the umask did
		t.Fatal(err)
	}
	f, err := OpenLog(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("new line\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if m := logMode(t, p); m != 0o600 {
		t.Errorf("existing log file left at mode %v, want 0600", m)
	}
	if b, _ := os.ReadFile(p); string(b) != "earlier line\nnew line\n" {
		t.Errorf("log not appended to: %q", b)
	}
}

func TestOpenLogRefusesASymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere")
	if err := os.WriteFile(target, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, dest := range map[string]string{"to a file": target, "dangling": filepath.Join(dir, "missing")} {
		t.Run(name, func(t *testing.T) {
			link := filepath.Join(dir, "link-"+strings.ReplaceAll(name, " ", "-"))
			if err := os.Symlink(dest, link); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			f, err := OpenLog(link)
			if err == nil {
				f.Close()
				t.Fatal("a symbolic link was opened as the log")
			}
			if !strings.Contains(err.Error(), "is a symbolic link") || !strings.Contains(err.Error(), link) {
				t.Errorf("error = %v", err)
			}
		})
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o644 || st.Size() != 0 {
		t.Errorf("the link's target was touched: mode %v, %d bytes", st.Mode().Perm(), st.Size())
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
		t.Error("a dangling link's target was created")
	}
}

// A device is written to as it is: /dev/null's mode is not the log's to change.
func TestOpenLogLeavesADeviceAlone(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil || before.Mode().IsRegular() {
		t.Skip("no null device")
	}
	f, err := OpenLog(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if after, _ := os.Stat(os.DevNull); after.Mode() != before.Mode() {
		t.Errorf("%s mode changed from %v to %v", os.DevNull, before.Mode(), after.Mode())
	}
}
