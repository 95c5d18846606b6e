package common

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// Problem is an error explained in place, where it happened: what failed,
// Twilio's code and status, why and what to do. Every view shows errors
// this way (the shell's details dialog keeps the raw error).
type Problem struct {
	// Title is one line: what failed, Twilio's code and the HTTP status.
	Title string
	// Reason is the Title without the action ("Max check attempts
	// reached (Twilio 60202, HTTP 429)"), for history lines and flashes.
	Reason string
	// Lines explain why and what to do (Render wraps them).
	Lines []string
	// Code and Status are Twilio's code and the HTTP status (0 if none).
	Code   int
	Status int
	// Err is the original error, for the details dialog.
	Err error
}

// NotFoundReason replaces a 404's message, which is a resource path full
// of SIDs, in a Problem's reason.
const NotFoundReason = "Twilio no longer has it"

// Explain turns err from action ("Send", "Check") into a Problem. lines
// are the view's own explanation; nil means ErrorHint's (the field, the
// client's hint and any Retry-After). notFound, when set, replaces the
// reason of a 404 (e.g. "Verify no longer has this verification").
func Explain(action string, err error, lines []string, now time.Time, notFound string) *Problem {
	p := &Problem{Err: err, Reason: err.Error()}
	if e := twilioapi.AsError(err); e != nil {
		p.Code, p.Status = e.Code, e.Status
		p.Reason = reason(e, notFound)
		if lines == nil {
			lines = ErrorHint(e, now)
		}
	}
	p.Lines = lines
	p.Title = action + " failed: " + p.Reason
	return p
}

// reason is Twilio's message with its code and HTTP status.
func reason(e *twilioapi.Error, notFound string) string {
	r := e.Message
	if twilioapi.IsNotFound(e) {
		r = NotFoundReason
		if notFound != "" {
			r = notFound
		}
	}
	switch {
	case e.Code != 0 && e.Status != 0:
		r += fmt.Sprintf(" (Twilio %d, HTTP %d)", e.Code, e.Status)
	case e.Code != 0:
		r += fmt.Sprintf(" (Twilio %d)", e.Code)
	case e.Status != 0:
		r += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	return r
}

// ErrorHint is the plain-language part of an error: the field it names,
// the client's hint (without a repeat of the message) and, for a rate
// limit, when calls resume. now dates the Retry-After line.
func ErrorHint(err error, now time.Time) []string {
	e := twilioapi.AsError(err)
	if e == nil {
		return nil
	}
	var lines []string
	if e.Kind == twilioapi.KindInvalidInput && e.Field != "" {
		lines = append(lines, "Field "+e.Field+": "+e.Message)
	}
	if h := HintOnly(e); h != "" {
		lines = append(lines, h)
	}
	if l := RetryLine(e, now); l != "" {
		lines = append(lines, l)
	}
	return lines
}

// HintOnly is the client's hint without a leading repeat of the message
// (some hints begin with it; the title says it already).
func HintOnly(e *twilioapi.Error) string {
	hint := e.Hint
	if rest, ok := strings.CutPrefix(hint, e.Message); ok && e.Message != "" {
		hint = strings.TrimLeft(rest, ". ")
	}
	return hint
}

// RetryLine says when a rate-limited call may be made again ("" for other
// errors, and for the attempt limits, which say themselves when they
// clear).
func RetryLine(e *twilioapi.Error, now time.Time) string {
	if !twilioapi.IsRateLimited(e) {
		return ""
	}
	if d, _ := twilioapi.RetryAfter(e); d > 0 {
		return fmt.Sprintf("Twilio asked to wait %s (Retry-After, until %s); status polling pauses until then.", d.Round(time.Second), ClockTime(now.Add(d)))
	}
	return "Too many requests: Twilio sent no Retry-After; status polling pauses " + twilioapi.DefaultRetryAfter.String() + "."
}

// RetryHint is the line under a failed load that says how to load again,
// the same under every list and panel: "Press r to retry.".
func RetryHint(key string) string { return "Press " + key + " to retry." }

// ClockTime formats a time of day as the console shows it.
func ClockTime(t time.Time) string { return t.Format("15:04:05") }

// Render draws the problem in w cells: the title in the error style, the
// explanation indented under it, and details (the key that opens the
// details dialog) when it works here.
func (p *Problem) Render(st *Styles, w int, details string) []string {
	lines := Hanging("", "✗ "+p.Title, st.Error.Render, w)
	for _, text := range p.Lines {
		lines = append(lines, Hanging("  ", text, st.Normal.Render, w)...)
	}
	if details != "" {
		lines = append(lines, st.Subtle.Render(Truncate("  "+details+": error details", w)))
	}
	return lines
}

// Hanging wraps text to w cells, styled, with prefix before the first
// line and as many spaces before the others (a hanging indent).
func Hanging(prefix, text string, style func(...string) string, w int) []string {
	pw := ansi.StringWidth(prefix)
	if pw >= w {
		return []string{Truncate(prefix+style(text), w)}
	}
	lines := Wrap(text, w-pw)
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		if i == 0 {
			out = append(out, prefix+style(l))
			continue
		}
		out = append(out, strings.Repeat(" ", pw)+style(l))
	}
	return out
}

// Wrap wraps plain text to w cells and returns its lines.
func Wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	return strings.Split(ansi.Wrap(s, w, " "), "\n")
}
