package attempts

import (
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// TestParseRange reads relative ranges, dates and refuses the rest.
func TestParseRange(t *testing.T) {
	loc := time.UTC
	cases := []struct {
		since, until string
		want         Filter
		bad          bool
	}{
		{"30d", "", Filter{Window: 30 * 24 * time.Hour}, false},
		{"1h", "", Filter{Window: time.Hour}, false},
		{"90m", "", Filter{Window: 90 * time.Minute}, false},
		{"2026-11-25", "", Filter{From: time.Date(2026, 11, 25, 0, 0, 0, 0, loc)}, false},
		{"2026-11-25 14:00", "2026-11-25 15:30", Filter{From: time.Date(2026, 11, 25, 14, 0, 0, 0, loc), Until: time.Date(2026, 11, 25, 15, 30, 0, 0, loc)}, false},
		{"2h", "2026-11-25 15:00", Filter{From: time.Date(2026, 11, 25, 13, 0, 0, 0, loc), Until: time.Date(2026, 11, 25, 15, 0, 0, 0, loc)}, false},
		{"", "", Filter{}, false},
		{"yesterday", "", Filter{}, true},
		{"0h", "", Filter{}, true},
		{"2026-11-25", "2026-11-24", Filter{}, true},
		{"", "soon", Filter{}, true},
	}
	for _, c := range cases {
		got, err := ParseRange(c.since, c.until, loc)
		if (err != nil) != c.bad || !c.bad && got != c.want {
			t.Errorf("ParseRange(%q, %q) = %+v, %v", c.since, c.until, got, err)
		}
	}
	// The form shows a range as it reads it back.
	for _, f := range []Filter{DefaultFilter(), {Window: time.Hour}, {From: time.Date(2026, 11, 25, 14, 0, 0, 0, loc)}} {
		since, until := f.rangeTexts(loc)
		if back, err := ParseRange(since, until, loc); err != nil || back != f {
			t.Errorf("%+v → %q %q → %+v %v", f, since, until, back, err)
		}
	}
}

// TestSummaryFilterSaysWhatItDrops: the summary cannot filter by status,
// verification or an e-mail; a number becomes a prefix.
func TestSummaryFilterSaysWhatItDrops(t *testing.T) {
	s, left := SummaryFilter(twilioapi.AttemptFilter{To: "+14155550100", Country: "US", Conversion: twilioapi.Converted})
	if s.DestinationPrefix != "+14155550100" || s.Country != "US" || len(left) != 1 || left[0] != "status" {
		t.Fatalf("%+v %v", s, left)
	}
	_, left = SummaryFilter(twilioapi.AttemptFilter{To: "a@example.com", VerificationSID: "VE0123456789abcdef0123456789abcdef"})
	if len(left) != 2 {
		t.Fatalf("left %v", left)
	}
}

// FuzzParseRange: no input panics, and an accepted range never ends
// before it starts.
func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"30d", "1h", "2026-11-25", "2026-11-25 14:00", "9999w", "-1d", ""} {
		f.Add(s, "")
		f.Add(s, "2026-11-26")
	}
	f.Fuzz(func(t *testing.T, since, until string) {
		got, err := ParseRange(since, until, time.UTC)
		if err != nil {
			return
		}
		if !got.From.IsZero() && !got.Until.IsZero() && !got.From.Before(got.Until) {
			t.Fatalf("accepted inverted range %+v", got)
		}
		if got.Window < 0 {
			t.Fatalf("negative window %v", got.Window)
		}
	})
}

// TestMaskDestination hides the middle of numbers and e-mails.
func TestMaskDestination(t *testing.T) {
	for in, want := range map[string]string{
		"+14155550100":         "+1415•••••00",
		"+447700900123":        "+4477••••••23",
		"customer@example.com": "c•••@example.com",
		"12345":                "•••••",
	} {
		if got := maskDestination(in); got != want {
			t.Errorf("maskDestination(%q) = %q, want %q", in, got, want)
		}
	}
}
