package sessions

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// problem is an error explained where it happened: what failed, why, what
// to do and, for limits, when they clear.
type problem struct {
	// Title is one line: what failed, Twilio's code and the HTTP status.
	Title string
	// Reason is the Title without the action ("Max check attempts
	// reached (Twilio 60202, HTTP 429)"), for history lines.
	Reason string
	// Lines explain why and what to do (the renderer wraps them).
	Lines []string
	// Code and Status are Twilio's code and the HTTP status (0 if none).
	Code   int
	Status int
	// Err is the original error, for the shell's details dialog.
	Err error
}

// Twilio error codes the view reacts to.
const (
	codeNotFound        = 20404
	codeMaxChecks       = 60202
	codeMaxSends        = 60203
	codeLandline        = 60205
	codeChannelDisabled = 60223
	codeFraudGuard      = 60410
	codeGeoPermissions  = 60605
)

// defaultRetryAfter is how long polling pauses after a 429 without a
// Retry-After header.
const defaultRetryAfter = time.Minute

// explainTimeLayout is how times of day are shown.
const explainTimeLayout = "15:04:05"

// What the view says about errors, beyond the client's hints.
const (
	removedExplanation   = "Verify removes a verification once it is approved, expired, canceled or out of attempts, so Twilio now answers 404 for it."
	notFoundReason       = "Verify no longer has this verification"
	approvedNothingToDo  = "The customer was verified: there is nothing more to do."
	geoSuggestion        = "Allow the destination country in the Verify Geo Permissions (Console > Verify > Settings), or add the number to the Safe List."
	channelSuggestion    = "Pick another channel (sms, call, email, whatsapp), or enable this one in the service settings."
	maxChecksExplanation = "The code was checked 5 times: this verification is closed and no code can approve it now."
)

// apiError returns err as a *twilioapi.Error, or nil.
func apiError(err error) *twilioapi.Error {
	var e *twilioapi.Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// isNotFound reports whether Verify answered that the verification is
// gone.
func isNotFound(err error) bool {
	e := apiError(err)
	return e != nil && e.Kind == twilioapi.KindAPI && (e.Code == codeNotFound || (e.Code == 0 && e.Status == 404))
}

// errCode is Twilio's error code (0 when there is none).
func errCode(err error) int {
	if e := apiError(err); e != nil {
		return e.Code
	}
	return 0
}

// transient reports whether nothing was answered (the call may be
// repeated as it was).
func transient(err error) bool {
	e := apiError(err)
	if e == nil {
		return true
	}
	switch e.Kind {
	case twilioapi.KindTimeout, twilioapi.KindRefused, twilioapi.KindReset, twilioapi.KindNetwork:
		return true
	}
	return e.Status >= 500
}

// rateLimited reports whether Twilio refused the call for its rate (429)
// without looking at it: the same call may be made again as it was. (A
// 429 for an attempt limit, 60202/60203, did look at it.)
func rateLimited(err error) bool {
	e := apiError(err)
	return e != nil && e.Status == 429 && e.Code != codeMaxChecks && e.Code != codeMaxSends
}

// retryAfter is how long Twilio asked us to wait, for a 429.
func retryAfter(err error) (time.Duration, bool) {
	e := apiError(err)
	if e == nil || e.Status != 429 {
		return 0, false
	}
	if e.RetryAfter > 0 {
		return e.RetryAfter, true
	}
	return 0, true
}

// restartSuggestion, fraudGuardExplanation and landlineSuggestion name
// the keys actually bound (the config's `[keys]` table may rebind them).
func restartSuggestion(km *common.KeyMap) string {
	return "Press " + keyName(km.Resend) + " to send this customer a new code (a new verification)."
}

func fraudGuardExplanation(km *common.KeyMap) string {
	return "Fraud Guard blocked this destination (SMS pumping protection). If this is a real customer, " +
		"add the number to the account's Safe List (it bypasses Fraud Guard), or send again with RiskCheck set to disable (a field of the new-session form)."
}

func landlineSuggestion(km *common.KeyMap) string {
	return "The number is a landline and this service skips SMS to landlines: send with the call channel instead (resend " +
		keyName(km.Resend) + ", or " + keyName(km.New) + ")."
}

// explain turns an error of action into a problem. s (may be nil) is the
// session it happened on, used to say when a limit clears; km names the
// keys the advice mentions.
func explain(km *common.KeyMap, action string, err error, now time.Time, s *session) *problem {
	p := &problem{Err: err, Reason: err.Error()}
	if e := apiError(err); e != nil {
		p.Code, p.Status = e.Code, e.Status
		p.Reason = apiReason(e)
		p.Lines = advice(km, e, now, s)
	}
	p.Title = action + " failed: " + p.Reason
	return p
}

// apiReason is Twilio's message with its code and HTTP status. A 404's
// message is a resource path full of SIDs, so it says what that means
// instead (the details dialog, e, still has Twilio's words).
func apiReason(e *twilioapi.Error) string {
	reason := e.Message
	if isNotFound(e) {
		reason = notFoundReason
	}
	switch {
	case e.Code != 0 && e.Status != 0:
		reason += fmt.Sprintf(" (Twilio %d, HTTP %d)", e.Code, e.Status)
	case e.Code != 0:
		reason += fmt.Sprintf(" (Twilio %d)", e.Code)
	case e.Status != 0:
		reason += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	return reason
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
	case isNotFound(e):
		// The wording, which also says why this session is over.
		lines = append(lines, removedExplanation)
		if s != nil && s.status == twilioapi.StatusApproved {
			lines = append(lines, approvedNothingToDo)
		} else {
			lines = append(lines, restartSuggestion(km))
		}
		hint = ""
	case e.Code == codeMaxChecks:
		lines = append(lines, maxChecksExplanation, restartSuggestion(km))
		hint = ""
	case e.Code == codeMaxSends:
		lines = append(lines, "Verify sends at most 5 codes per verification.")
		if s != nil && !s.created.IsZero() {
			// A time of day, not "in 8:00": these lines do not tick (the
			// Status line above counts down).
			lines = append(lines, "The limit clears when this verification expires at "+clockTime(s.expiresAt())+
				", 10 minutes after it was started. Canceling it ("+keyName(km.CancelVerification)+") clears it sooner; then "+
				keyName(km.Resend)+" sends a new code.")
		} else {
			lines = append(lines, "The limit clears when the verification expires, 10 minutes after it was started.")
		}
		hint = ""
	case e.Code == codeFraudGuard:
		// The client's hint names the Safe List too; one sentence says
		// both ways out and where they are.
		hint = fraudGuardExplanation(km)
	case hint == "" && e.Code == codeLandline:
		hint = landlineSuggestion(km)
	case hint == "" && e.Code == codeGeoPermissions:
		hint = "Geo Permissions block delivery to this country. " + geoSuggestion
	case hint == "" && e.Code == codeChannelDisabled:
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
	// The attempt limits say themselves when they clear; a Retry-After
	// line would repeat it.
	if d, ok := retryAfter(e); ok && e.Code != codeMaxChecks && e.Code != codeMaxSends {
		if d > 0 {
			lines = append(lines, fmt.Sprintf("Twilio asked to wait %s (Retry-After): calls resume at %s.", d.Round(time.Second), clockTime(now.Add(d))))
		} else {
			lines = append(lines, "Too many requests: Twilio sent no Retry-After, so this view waits "+defaultRetryAfter.String()+" before polling again.")
		}
	}
	return lines
}

// clockTime formats a time of day as the view shows it.
func clockTime(t time.Time) string { return t.Format(explainTimeLayout) }

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
