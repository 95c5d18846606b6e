package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The two answers of every verification — the start and the check — are
// encoded by hand: encoding/json's reflection, and the intermediate wire
// structs with their formatted dates and joined URLs, were the sandbox's
// largest cost per request. The output is byte for byte what json.Marshal
// gives for the wire structs (wire_reference_test.go holds them,
// jsonappend_test.go compares), so clients cannot tell the difference.

// maxPooledBuf is the largest answer buffer kept for reuse; a rare huge
// answer is left to the garbage collector rather than pinned in the pool.
const maxPooledBuf = 16 << 10

// answerLocked runs fill under s.mu and answers what it made once the lock
// is released. fill appends the JSON body to b and returns it with the
// status, or returns an error to answer instead. The body is encoded under
// the lock (it must be a consistent snapshot); setting the headers and
// copying it to the connection are not, which keeps the critical section
// of every start and check short.
func (s *Sandbox) answerLocked(w http.ResponseWriter, fill func(b []byte) ([]byte, int, *apiError)) {
	bp, _ := s.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	b, status, aerr := s.locked(fill, (*bp)[:0])
	if aerr != nil {
		writeError(w, aerr)
	} else {
		writeBody(w, status, b) // Write copies: the buffer is free again after it
	}
	if cap(b) <= maxPooledBuf {
		*bp = b
		s.bufs.Put(bp)
	}
}

// locked is fill(b) under s.mu, unlocked even if fill panics (ServeHTTP
// turns a panic into a 500 and the sandbox must keep serving), and
// answered once durable (lockedDurable).
func (s *Sandbox) locked(fill func(b []byte) ([]byte, int, *apiError), b []byte) ([]byte, int, *apiError) {
	return s.lockedDurable(fill, b)
}

// appendVerification appends the wire form of a verification (Twilio's
// field order), its url under base (basesFor): the lookup block is {} unless the service looks numbers up,
// send_code_attempts lists every delivery, sna is null unless the latest
// channel is sna.
func appendVerification(b []byte, base, accountSID string, sv *service, v *verification) []byte {
	b = appendHead(b, accountSID, v)
	b = append(b, `,"lookup":{`...)
	if sv != nil && sv.LookupEnabled && !strings.Contains(v.To, "@") {
		ln := lineOf(v.To)
		b = append(b, `"carrier":{"mobile_country_code":`...)
		b = appendOptString(b, ln.MCC)
		b = append(b, `,"type":`...)
		b = appendJSONString(b, ln.Type)
		b = append(b, `,"error_code":null,"mobile_network_code":`...)
		b = appendOptString(b, ln.MNC)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, ln.Carrier)
		b = append(b, '}')
	}
	b = append(b, `},"amount":`...)
	b = appendStringPtr(b, v.Amount)
	b = append(b, `,"payee":`...)
	b = appendStringPtr(b, v.Payee)
	b = append(b, `,"send_code_attempts":[`...)
	for i, a := range v.Sends {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"time":`...)
		b = appendTime(b, a.Time)
		b = append(b, `,"channel":`...)
		b = appendJSONString(b, a.Channel)
		b = append(b, `,"attempt_sid":`...)
		b = appendJSONString(b, a.SID)
		b = append(b, '}')
	}
	b = append(b, `],"date_created":`...)
	b = appendTime(b, v.DateCreated)
	b = append(b, `,"date_updated":`...)
	b = appendTime(b, v.DateUpdated)
	b = append(b, `,"sna":`...)
	if v.Channel == "sna" && v.SNAURL != "" {
		b = append(b, `{"url":`...)
		b = appendJSONString(b, v.SNAURL)
		b = append(b, '}')
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"url":"`...)
	b = appendJSONStringBody(b, base)
	b = append(b, "/Services/"...)
	b = appendJSONStringBody(b, v.ServiceSID)
	b = append(b, "/Verifications/"...)
	b = appendJSONStringBody(b, v.SID)
	return append(b, `"}`...)
}

// appendCheck appends the wire form of a verification check;
// sna_attempts_error_codes is null unless the latest channel is sna.
func appendCheck(b []byte, accountSID string, v *verification, snaErrs []snaErrorJSON) []byte {
	b = appendHead(b, accountSID, v)
	b = append(b, `,"amount":`...)
	b = appendStringPtr(b, v.Amount)
	b = append(b, `,"payee":`...)
	b = appendStringPtr(b, v.Payee)
	b = append(b, `,"date_created":`...)
	b = appendTime(b, v.DateCreated)
	b = append(b, `,"date_updated":`...)
	b = appendTime(b, v.DateUpdated)
	b = append(b, `,"sna_attempts_error_codes":`...)
	if snaErrs == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, e := range snaErrs {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"attempt_sid":`...)
			b = appendJSONString(b, e.AttemptSID)
			b = append(b, `,"code":`...)
			b = strconv.AppendInt(b, int64(e.Code), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendHead appends the members a verification and its check share, from
// "{" to "valid".
func appendHead(b []byte, accountSID string, v *verification) []byte {
	b = append(b, `{"sid":`...)
	b = appendJSONString(b, v.SID)
	b = append(b, `,"service_sid":`...)
	b = appendJSONString(b, v.ServiceSID)
	b = append(b, `,"account_sid":`...)
	b = appendJSONString(b, accountSID)
	b = append(b, `,"to":`...)
	b = appendJSONString(b, v.To)
	b = append(b, `,"channel":`...)
	b = appendJSONString(b, v.Channel)
	b = append(b, `,"status":`...)
	b = appendJSONString(b, v.Status)
	b = append(b, `,"valid":`...)
	return strconv.AppendBool(b, v.Status == statusApproved)
}

// appendTime appends t as the quoted RFC 3339 string rfc3339 makes (only
// digits, letters and "-:+": nothing to escape).
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

// appendStringPtr appends *p as a JSON string, or null when p is nil.
func appendStringPtr(b []byte, p *string) []byte {
	if p == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *p)
}

// appendOptString appends s, or null when it is empty (strPtr's rule).
func appendOptString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, s)
}

// appendJSONString appends s as encoding/json quotes a string.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONStringBody(b, s)
	return append(b, '"')
}

// appendJSONStringBody appends s escaped as encoding/json escapes it
// (HTML-safe: <, > and & as \u003c…; U+2028 and U+2029 escaped; invalid
// UTF-8 as \ufffd), without the quotes.
func appendJSONStringBody(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(b, s[start:]...)
}
