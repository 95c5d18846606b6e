package keyring

// The shape checks of names, SIDs, secrets and regions. They are loops over
// bytes rather than regular expressions: a pattern like `[A-Za-z0-9]{1,256}`
// compiles to hundreds of states at package init, which every command —
// `version` included — paid before main.

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isLower(b byte) bool { return b >= 'a' && b <= 'z' }
func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
func isAlnum(b byte) bool { return isDigit(b) || isLower(b) || isUpper(b) }
func isHex(b byte) bool   { return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F') }

// all reports whether every byte of s passes ok.
func all(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// validProfileName: 1–64 letters, digits, '.', '_' or '-', starting with a
// letter or digit.
func validProfileName(s string) bool {
	return len(s) >= 1 && len(s) <= 64 && isAlnum(s[0]) &&
		all(s, func(b byte) bool { return isAlnum(b) || b == '.' || b == '_' || b == '-' })
}

// validHex: one or more hex digits.
func validHex(s string) bool { return s != "" && all(s, isHex) }

// validSecret: 1–256 letters and digits. twilio-go refuses credentials
// outside [a-zA-Z0-9] (errors 21222 and 21224) without sending anything,
// so anything else cannot work.
func validSecret(s string) bool { return len(s) >= 1 && len(s) <= 256 && all(s, isAlnum) }

// validRegion: up to 32 lower-case letters, digits or '-' ("" is none).
func validRegion(s string) bool {
	return len(s) <= 32 && all(s, func(b byte) bool { return isLower(b) || isDigit(b) || b == '-' })
}
