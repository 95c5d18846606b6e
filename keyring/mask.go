package keyring

// MaskSecret hides a secret for display: at most its last 4 characters are
// shown, and none at all when it is short enough that 4 characters would
// give most of it away.
func MaskSecret(s string) string {
	if s == "" {
		return ""
	}
	if len(s) < 16 {
		return "****"
	}
	return "****" + s[len(s)-4:]
}

// MaskSID shortens a SID for display as its two-letter prefix and last 4
// characters ("AC…1a2b"). SIDs are not secrets, but the account SID is half
// of a credential pair and the full value is rarely needed on screen.
func MaskSID(s string) string {
	if len(s) <= 6 {
		return s
	}
	return s[:2] + "…" + s[len(s)-4:]
}
