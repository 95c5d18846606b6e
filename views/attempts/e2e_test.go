package attempts_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/ui/common/tmuxtest"
)

// codeOnScreen finds the code the Sessions outbox pane shows.
var codeOnScreen = regexp.MustCompile(`code (\d{4,10})`)

// attemptsTab finds the Attempts tab's key in the tab bar.
var attemptsTab = regexp.MustCompile(`(\d) Attempts`)

// verificationOnScreen finds a verification SID in a log row.
var verificationOnScreen = regexp.MustCompile(`VE[0-9a-f]{32}`)

// TestEndToEndAttemptsInTmux drives the real binary on its sandbox: two
// verifications sent and approved in Sessions show in Attempts as two
// converted rows for that number, their export to CSV holds the same
// rows, and o takes the number to a new session.
func TestEndToEndAttemptsInTmux(t *testing.T) {
	tmuxtest.SkipShort(t)
	dir := t.TempDir()
	s := tmuxtest.StartConsole(t, tmuxtest.Options{Args: []string{"--sandbox"}, Width: 130, Height: 36, Dir: dir})
	const wait = 15 * time.Second
	const number = "+14155550100"
	screen := s.WaitFor("Sandbox Demo", wait)
	tab := attemptsTab.FindStringSubmatch(screen)
	if tab == nil {
		t.Fatalf("no Attempts tab:\n%s", screen)
	}

	// Two verifications to one number, each approved with its code.
	s.SendKeys("2")
	s.WaitFor("No sessions yet", wait)
	// Sessions keeps one session per number: the second send starts a
	// new verification in it.
	for i := 1; i <= 2; i++ {
		n := strconv.Itoa(i)
		s.SendKeys("n")
		s.WaitFor("New session", wait)
		s.Type(number)
		s.WaitFor("valid number", wait)
		s.SendKeys("Enter")
		screen = s.WaitUntil(func(sc string) bool {
			return strings.Contains(sc, "PENDING") && strings.Contains(sc, "outbox "+n+" ·") && codeOnScreen.MatchString(sc)
		}, wait, "the code of verification "+n)
		s.Type(codeOnScreen.FindStringSubmatch(screen)[1])
		s.SendKeys("Enter")
		s.WaitUntil(func(sc string) bool { return strings.Count(sc, "check → APPROVED") == i }, wait, "approval "+n)
		s.WaitFor("n new session", wait) // back on the sessions list
	}

	// Attempts: filter at Twilio to that number.
	s.SendKeys(tab[1])
	s.WaitFor("last 30 days", wait)
	s.SendKeys("f")
	s.WaitFor("Filter attempts at Twilio", wait)
	s.SendKeys("Tab", "Tab") // since, until, then the destination
	s.Type(number)
	s.SendKeys("C-s")
	screen = s.WaitFor("to +1415•••••00", wait)
	rows := logRows(screen, "+1415•••••00")
	if len(rows) != 2 {
		t.Fatalf("want 2 rows for the number, got %d:\n%s", len(rows), screen)
	}
	var sids []string
	for _, r := range rows {
		if !strings.Contains(r, " converted ") {
			t.Fatalf("row not converted: %q", r)
		}
		sids = append(sids, verificationOnScreen.FindString(r))
	}

	// Export the filtered log to CSV (the form's default file name).
	s.SendKeys("x")
	s.WaitFor("Export the filtered log", wait)
	s.SendKeys("C-s")
	s.WaitFor("exported 2 attempts", wait)
	files, _ := filepath.Glob(filepath.Join(dir, "attempts-*.csv"))
	if len(files) != 1 {
		t.Fatalf("export files: %v", files)
	}
	fi, err := os.Stat(files[0])
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("export file: %v %v", err, fi)
	}
	f, _ := os.Open(files[0])
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("csv: %v, %d records", err, len(recs))
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	for i, r := range recs[1:] {
		if r[col("verification_sid")] != sids[i] || r[col("to")] != "+1415•••••00" || r[col("conversion_status")] != "converted" ||
			r[col("channel")] != "sms" || r[col("country")] != "US" {
			t.Fatalf("csv row %d = %v, screen row %q", i+1, r, rows[i])
		}
	}

	// From a row, o opens the number in a new session in Sessions.
	s.SendKeys("o")
	s.WaitFor("New session", wait)
	s.WaitFor(number, wait)
}

// logRows are the log's lines that name dest.
func logRows(screen, dest string) []string {
	var out []string
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, dest) && verificationOnScreen.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}
