package common

import "strings"

// Mask hides a secret, keeping at most its last 4 characters so a user can
// tell two values apart ("••••••••1a2b"). Values of 8 characters or fewer
// are hidden completely: showing 4 of them would give away half.
func Mask(s string) string {
	if s == "" {
		return ""
	}
	r := []rune(s)
	if len(r) <= 8 {
		return strings.Repeat("•", len(r))
	}
	return strings.Repeat("•", 8) + string(r[len(r)-4:])
}

// MaskSID shows a Twilio SID by its two-letter prefix and last 4
// characters ("AC…1a2b"): enough to tell accounts apart on screen, not
// enough to use.
func MaskSID(sid string) string {
	r := []rune(sid)
	if len(r) <= 8 {
		return Mask(sid)
	}
	return string(r[:2]) + "…" + string(r[len(r)-4:])
}
