package attempts

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// startExport opens the export form, names the file and picks the
// format, and submits it.
func (h *harness) startExport(path, format string) {
	h.T().Helper()
	h.Key("x")
	if h.M.exp.form == nil {
		h.T().Fatal("x did not open the export form")
	}
	h.M.exp.form.Field(fieldPath).Input.SetValue(path)
	h.M.exp.form.FocusKey(fieldFormat)
	for h.M.exp.form.Get(fieldFormat) != format {
		h.Key("right")
	}
	h.Key("ctrl+s")
}

// allAttempts is every attempt of f, listed directly.
func (h *harness) allAttempts(f twilioapi.AttemptFilter) []twilioapi.Attempt {
	h.T().Helper()
	var all []twilioapi.Attempt
	token := ""
	for {
		p, err := h.client.ListAttemptsPage(context.Background(), f, 1000, token)
		if err != nil {
			h.T().Fatal(err)
		}
		all = append(all, p.Attempts...)
		if token = p.NextPageToken; token == "" {
			return all
		}
	}
}

// TestExportCSVStreamsEveryPage: the filtered log goes to a 0600 CSV, a
// page per call (paced by the budget), every attempt once, in order.
func TestExportCSVStreamsEveryPage(t *testing.T) {
	h := newHarness(t, 12_500, 120, 40)
	h.fillFilter(fieldChannel, "sms")
	path := filepath.Join(t.TempDir(), "attempts.csv")
	h.startExport(path, FormatCSV)
	h.settle()
	if h.M.exp.running {
		t.Fatal("export still running after the budget settled")
	}
	want := h.allAttempts(h.M.applied)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("export file mode %v", fi.Mode().Perm())
	}
	f, _ := os.Open(path)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(exportColumns, ",") {
		t.Fatalf("header %v", rows[0])
	}
	if len(rows)-1 != len(want) || len(want) < 5000 {
		t.Fatalf("%d rows, want %d", len(rows)-1, len(want))
	}
	for i, a := range want {
		r := rows[i+1]
		if r[1] != a.SID || r[5] != "sms" || r[6] != maskDestination(a.To) || r[8] != string(a.Conversion) {
			t.Fatalf("row %d = %v, want %s %s", i+1, r, a.SID, a.Conversion)
		}
	}
	if got := h.LastFlash(); !strings.Contains(got, "exported "+strconv.Itoa(len(want))+" attempts") {
		t.Fatalf("flash %q", got)
	}
	// No temporary file is left behind.
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(left) != 0 {
		t.Fatalf("left %v", left)
	}
}

// TestExportJSONLinesFullDestinations: JSON Lines, one object per
// attempt with the CSV's keys, destinations in full when asked.
func TestExportJSONLinesFullDestinations(t *testing.T) {
	h := newHarness(t, 1500, 120, 40)
	h.Key("m")
	path := filepath.Join(t.TempDir(), "attempts.jsonl")
	h.startExport(path, FormatJSONL)
	h.settle()
	want := h.allAttempts(h.M.applied)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		var rec map[string]string
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if len(rec) != len(exportColumns) || rec["sid"] != want[n].SID || rec["to"] != want[n].To {
			t.Fatalf("line %d = %v, want %s to %s", n+1, rec, want[n].SID, want[n].To)
		}
		n++
	}
	if n != len(want) {
		t.Fatalf("%d lines, want %d", n, len(want))
	}
}

// TestExportAsksBeforeOverwriting: an existing file is replaced only
// after the confirm dialog.
func TestExportAsksBeforeOverwriting(t *testing.T) {
	h := newHarness(t, 200, 120, 40)
	path := filepath.Join(t.TempDir(), "old.csv")
	if err := os.WriteFile(path, []byte("keep me\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.startExport(path, FormatCSV)
	if h.Confirm == nil || !strings.Contains(h.Confirm.Body, path) || h.Confirm.Mutates {
		t.Fatalf("no overwrite question: %+v", h.Confirm)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me\n" {
		t.Fatal("the file changed before the answer")
	}
	h.ConfirmYes()
	h.settle()
	b, _ := os.ReadFile(path)
	if lines := strings.Count(string(b), "\n"); lines != 201 {
		t.Fatalf("replaced file has %d lines, want 201", lines)
	}
}

// TestExportCancel: esc stops a running export; the page in flight is
// dropped and no file (nor its temporary) is left.
func TestExportCancel(t *testing.T) {
	h := newHarness(t, 30_000, 120, 40)
	path := filepath.Join(t.TempDir(), "big.csv")
	h.startExport(path, FormatCSV)
	if !h.M.exp.running || len(h.M.waiting) == 0 {
		t.Fatalf("want an export waiting for the budget (running %v, waiting %v)", h.M.exp.running, h.M.waiting)
	}
	written := h.M.exp.rows
	if written == 0 || written >= 30_000 {
		t.Fatalf("%d rows written before the budget ran out", written)
	}
	h.WantScreen("Exporting to "+path, "esc cancels")
	h.Key("esc")
	if h.M.exp.running {
		t.Fatal("esc did not cancel")
	}
	h.settle()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("canceled export left %s: %v", path, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(left) != 0 {
		t.Fatalf("canceled export left %v", left)
	}
	if got := h.LastFlash(); !strings.Contains(got, "export canceled") {
		t.Fatalf("flash %q", got)
	}
}

// TestExportRefusesMissingDirectory: a path in no directory is shown on
// the field, the form kept.
func TestExportRefusesMissingDirectory(t *testing.T) {
	h := newHarness(t, 10, 120, 40)
	h.startExport(filepath.Join(t.TempDir(), "no", "such", "x.csv"), FormatCSV)
	if h.M.exp.form == nil || h.M.exp.form.Field(fieldPath).Err == "" {
		t.Fatal("a missing directory was not refused on the field")
	}
}

// TestExportNamesWhereTheFileWent: a bare file name is written in the
// directory the console runs in, and the message names that directory,
// so nobody has to hunt for the file.
func TestExportNamesWhereTheFileWent(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	h := newHarness(t, 20, 120, 40)
	h.startExport("log.csv", FormatCSV)
	h.settle()
	want := filepath.Join(dir, "log.csv")
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
	if got := h.LastFlash(); !strings.Contains(got, want) {
		t.Fatalf("flash %q does not say the file is %s", got, want)
	}
}
