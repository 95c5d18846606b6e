package sandbox

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// clockJSON is the wire shape of GET and POST /sandbox/v1/Clock. A POST
// carries exactly one of advance_seconds and now.
type clockJSON struct {
	Now            *string `json:"now,omitempty"`
	AdvanceSeconds *int64  `json:"advance_seconds,omitempty"`
}

// Bounds of a clock move: a century forward at most, and never past the
// year 9000, so every date the sandbox renders stays a four-digit-year
// RFC 3339 string.
const maxClockAdvance = 100 * 365 * 24 * time.Hour

var maxClockTime = time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC)

// clockHandler answers GET (the sandbox's time) and POST (move it forward:
// {"advance_seconds":N} or {"now":"RFC 3339"}) on /sandbox/v1/Clock.
func (s *Sandbox) clockHandler(w http.ResponseWriter, r *http.Request) {
	now := s.Now()
	if r.Method == http.MethodPost {
		var in clockJSON
		if err := decodeStrictJSON(r.Body, &in); err != nil || (in.Now == nil) == (in.AdvanceSeconds == nil) {
			writeError(w, errf(http.StatusBadRequest, 60200, `Invalid parameter: the clock takes a JSON object with one of "advance_seconds" (whole seconds) or "now" (RFC 3339)`))
			return
		}
		var err error
		if in.AdvanceSeconds != nil {
			secs := *in.AdvanceSeconds
			if secs < 0 {
				err = errClockBackwards
			} else if secs > int64(maxClockAdvance/time.Second) || now.Add(time.Duration(secs)*time.Second).After(maxClockTime) {
				writeError(w, errInvalid("advance_seconds (at most a century, and not past the year 9000)"))
				return
			} else {
				now, err = s.AdvanceClock(time.Duration(secs) * time.Second)
			}
		} else {
			t, perr := time.Parse(time.RFC3339, *in.Now)
			if perr != nil || t.After(maxClockTime) {
				writeError(w, errInvalid("now (an RFC 3339 time before the year 9000)"))
				return
			}
			now, err = s.SetClock(t)
		}
		if errors.Is(err, errClockBackwards) {
			writeError(w, errf(http.StatusBadRequest, 60200, "Invalid parameter: "+err.Error()+" (it reads "+rfc3339(s.Now())+")"))
			return
		}
	}
	t := rfc3339(now)
	writeJSON(w, http.StatusOK, clockJSON{Now: &t})
}

// decodeStrictJSON decodes one JSON value of at most maxBody bytes into v,
// refusing unknown fields and anything after the value.
func decodeStrictJSON(body io.Reader, v any) error {
	dec := json.NewDecoder(io.LimitReader(body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}
