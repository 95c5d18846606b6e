package sessions

import (
	"fmt"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// snaErrorText explains an SNA attempt error code (605xx).
func snaErrorText(code int) string {
	what := map[int]string{
		60510: "generic SNA error",
		60511: "downstream carrier error",
		60519: "result pending: the phone has not opened the SNA URL yet",
		60520: "the SNA URL failed",
		60531: "the URL was opened over Wi-Fi, not mobile data",
		60534: "carrier error",
		60540: "invalid phone number: do not fall back to SMS",
	}[code]
	if what == "" {
		return fmt.Sprint(code)
	}
	return fmt.Sprintf("%d: %s", code, what)
}

// noteApprovedManually marks a session approved with a, not by a code.
const noteApprovedManually = "APPROVED manually"

// noteApprovedElsewhere is the note of a verification approved outside
// this console (the Attempts API shows its code converted).
const noteApprovedElsewhere = "APPROVED elsewhere (the Attempts API shows the code was used)"

// checksLeftText is "N checks left" in good English.
func checksLeftText(n int) string {
	switch n {
	case 0:
		return "no checks left"
	case 1:
		return "1 check left"
	}
	return fmt.Sprintf("%d checks left", n)
}

// noChecksAdvice follows "no checks left" while Verify still lists the
// verification as pending: no code can approve it any more.
func noChecksAdvice(km *common.KeyMap) string {
	return ": no code can approve it now; " + cancelAndResend(km)
}

// cancelAndResend is the way out of a verification no check can approve
// (on its own in a flash, which has no room for the reason at 80
// columns).
func cancelAndResend(km *common.KeyMap) string {
	return common.KeyName(km.Resend) + " cancels it and sends a new code (asks first)"
}

// statusWord is the status in words, as of now.
func statusWord(s *session, now time.Time) string {
	st := s.statusAt(now)
	if s.gone && st == twilioapi.StatusPending {
		if s.outcome != "" {
			return "removed by Verify: " + s.outcome
		}
		return "removed by Verify"
	}
	if st == "" {
		return "not sent"
	}
	return strings.ReplaceAll(string(st), "_", " ")
}

// lookupSummary is one line about a looked-up number.
func lookupSummary(info twilioapi.PhoneInfo) string {
	parts := []string{}
	if t := info.LineType.Type; t != "" {
		parts = append(parts, t)
	} else {
		parts = append(parts, "line type unknown")
	}
	if info.LineType.Name != "" {
		parts = append(parts, info.LineType.Name)
	}
	parts = append(parts, fmt.Sprintf("SMS pumping risk %d/100", info.SMSPumpingRisk.Score))
	if !info.Valid {
		parts = append(parts, "invalid number")
	}
	return strings.Join(parts, " · ")
}
