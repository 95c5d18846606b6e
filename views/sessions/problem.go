package sessions

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// What the view says about errors, beyond the client's hints.
const (
	removedExplanation   = "Verify removes a verification once it is approved, expired, canceled or out of attempts, so Twilio now answers 404 for it."
	notFoundReason       = "Verify no longer has this verification"
	approvedNothingToDo  = "The customer was verified: there is nothing more to do."
	geoSuggestion        = "Allow the destination country in the Verify Geo Permissions (Console > Verify > Settings), add the number to the Safe List, or send again with RiskCheck set to disable (a field of the new-session form)."
	channelSuggestion    = "Pick another channel (sms, call, email, whatsapp), or enable this one in the service settings."
	maxChecksExplanation = "The code was checked 5 times: this verification is closed and no code can approve it now."
)

// restartSuggestion, fraudGuardExplanation and landlineSuggestion name
// the keys actually bound (the config's `[keys]` table may rebind them).
func restartSuggestion(km *common.KeyMap) string {
	return "Press " + common.KeyName(km.Resend) + " to send this customer a new code (a new verification)."
}

func fraudGuardExplanation(km *common.KeyMap) string {
	return "Fraud Guard blocked this destination (SMS pumping protection). If this is a real customer, " +
		"add the number to the account's Safe List" + safeListWhere(km) + " (it bypasses Fraud Guard), or send again with RiskCheck set to disable (a field of the new-session form)."
}

// safeListWhere names where the Safe List is edited, when the console has
// the Guard view.
func safeListWhere(km *common.KeyMap) string {
	if name := km.ViewName("Guard"); name != "Guard" {
		return " (" + name + ")"
	}
	return ""
}

func landlineSuggestion(km *common.KeyMap) string {
	return "The number is a landline and this service skips SMS to landlines: send with the call channel instead (resend " +
		common.KeyName(km.Resend) + ", or " + common.KeyName(km.New) + ")."
}

// noSendsAdvice follows "no sends left": until when, and the way to a
// new code at once (short enough for the status line at 80 columns).
func noSendsAdvice(km *common.KeyMap, s *session) string {
	return "until " + clockTime(s.expiresAt()) + "; " + common.KeyName(km.CancelVerification) +
		" cancels it, then " + common.KeyName(km.Resend) + " sends a new code"
}

// serviceGoneAdvice is what to do once the session's service was
// deleted.
func serviceGoneAdvice(km *common.KeyMap) string {
	return "The service was deleted (here or elsewhere), so nothing can be sent from it. Pick another service in " +
		km.ViewName("Services") + ", then " + common.KeyName(km.New) + " sends a new code from it."
}

// explain turns an error of action into a problem. s (may be nil) is the
// session it happened on, used to say when a limit clears; km names the
// keys the advice mentions.
func explain(km *common.KeyMap, action string, err error, now time.Time, s *session) *common.Problem {
	var lines []string
	e := twilioapi.AsError(err)
	starts := action == "Send" || action == "Resend"
	switch {
	case e != nil && starts && twilioapi.IsNotFound(e):
		// Creating a verification answers 404 only when its service is
		// gone: a resend would fail the same way.
		return common.Explain(action, err, []string{serviceGoneAdvice(km)}, now, "the service no longer exists")
	case e != nil:
		lines = advice(km, e, now, s)
	}
	return common.Explain(action, err, lines, now, notFoundReason)
}

// advice is why e happened and what to do: the field it names, the
// client's Hint, and what only the view knows (when a limit clears,
// where the Safe List is, when polling resumes).
func advice(km *common.KeyMap, e *twilioapi.Error, now time.Time, s *session) []string {
	var lines []string
	if e.Kind == twilioapi.KindInvalidInput && e.Field != "" {
		lines = append(lines, "Field "+e.Field+": "+e.Message)
	}
	hint := e.Hint
	switch {
	case twilioapi.IsNotFound(e):
		// The wording, which also says why this session is over.
		lines = append(lines, removedExplanation)
		if s != nil && s.status == twilioapi.StatusApproved {
			lines = append(lines, approvedNothingToDo)
		} else {
			lines = append(lines, restartSuggestion(km))
		}
		hint = ""
	case e.Code == twilioapi.CodeMaxChecks:
		lines = append(lines, maxChecksExplanation, restartSuggestion(km))
		hint = ""
	case e.Code == twilioapi.CodeMaxSends:
		lines = append(lines, "Verify sends at most 5 codes per verification.")
		if s != nil && !s.created.IsZero() {
			// A time of day, not "in 8:00": these lines do not tick (the
			// Status line above counts down).
			lines = append(lines, "The limit clears when this verification expires at "+clockTime(s.expiresAt())+
				", 10 minutes after it was started. Canceling it ("+common.KeyName(km.CancelVerification)+") clears it sooner; then "+
				common.KeyName(km.Resend)+" sends a new code.")
		} else {
			lines = append(lines, "The limit clears when the verification expires, 10 minutes after it was started.")
		}
		hint = ""
	case e.Code == twilioapi.CodeFraudGuard:
		// The client's hint names the Safe List too; one sentence says
		// both ways out and where they are.
		hint = fraudGuardExplanation(km)
	case hint == "" && e.Code == twilioapi.CodeLandline:
		hint = landlineSuggestion(km)
	case hint == "" && e.Code == twilioapi.CodeGeoPermissions:
		hint = "Geo Permissions block delivery to this country. " + geoSuggestion
	case hint == "" && e.Code == twilioapi.CodeChannelDisabled:
		hint = "This delivery channel is disabled for the service or the account. " + channelSuggestion
	}
	// Some hints begin by repeating the message (network errors): the
	// title says it already.
	if rest, ok := strings.CutPrefix(hint, e.Message); ok && e.Message != "" {
		hint = strings.TrimLeft(rest, ". ")
	}
	if hint != "" {
		lines = append(lines, hint)
	}
	if l := common.RetryLine(e, now); l != "" {
		lines = append(lines, l)
	}
	return lines
}

// clockTime formats a time of day as the view shows it.
func clockTime(t time.Time) string { return common.ClockTime(t) }

// countdown formats a duration as m:ss (h:mm:ss past an hour).
func countdown(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	secs := int((d + time.Second - 1) / time.Second)
	if secs >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	}
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// errServiceDeleted is the problem of a session whose service this
// console deleted.
var errServiceDeleted = errors.New("the service was deleted")
