package sandbox

import (
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// routeAttempts answers /v2/Attempts, /v2/Attempts/Summary and
// /v2/Attempts/{VL} (segs without "v2"); all are GET only.
func (s *Sandbox) routeAttempts(w http.ResponseWriter, m, base string, segs []string, f form) {
	switch {
	case len(segs) == 1:
		if allow(w, m, http.MethodGet) {
			s.listAttempts(w, base, f)
		}
	case len(segs) == 2 && segs[1] == "Summary":
		if allow(w, m, http.MethodGet) {
			s.attemptsSummary(w, base, f)
		}
	case len(segs) == 2 && validSID(segs[1], "VL"):
		if allow(w, m, http.MethodGet) {
			s.fetchAttempt(w, base, segs[1])
		}
	default:
		writeError(w, errNotFound("/"+strings.Join(segs, "/")))
	}
}

// attemptCursor is where a page token resumes: after the attempt with this
// date and seq, in the log's (newest first) listing order.
type attemptCursor struct{ date, seq int64 }

// attemptToken is a page token: "PT", then the last listed attempt's
// creation date and seq as 16 hex digits each. It holds no dot, so
// twilio-go's query mangling (it deletes every "." followed by digits)
// leaves it alone.
func attemptToken(r *attemptRec) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(r.date))
	binary.BigEndian.PutUint64(b[8:], uint64(r.seq))
	return "PT" + hex.EncodeToString(b[:])
}

// parseAttemptPaging reads PageSize and Page as every list does, and the
// attempts' own page token.
func parseAttemptPaging(f form) (paging, *attemptCursor, *apiError) {
	tok, hasTok := f.get("PageToken")
	rest := make(form, 2)
	for _, k := range []string{"PageSize", "Page"} {
		if v, ok := f[k]; ok {
			rest[k] = v
		}
	}
	pg, err := parsePaging(rest)
	if err != nil || !hasTok || tok == "" {
		return pg, nil, err
	}
	body, ok := strings.CutPrefix(tok, "PT")
	raw, herr := hex.DecodeString(body)
	if !ok || herr != nil || len(raw) != 16 {
		return pg, nil, errInvalid("PageToken")
	}
	pg.token = tok
	return pg, &attemptCursor{date: int64(binary.BigEndian.Uint64(raw[:8])), seq: int64(binary.BigEndian.Uint64(raw[8:]))}, nil
}

// listAttempts answers one page of attempts, newest first. The date filters
// and the page token narrow the log by binary search; the other filters
// are tested from the newest end until the page is full, so a page costs
// what it skips, not the size of the log, and nothing is copied.
func (s *Sandbox) listAttempts(w http.ResponseWriter, base string, f form) {
	af, aerr := parseAttemptFilter(f, listFilterKeys)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	pg, cur, aerr := parseAttemptPaging(f)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.answerLocked(w, func(b []byte) ([]byte, int, *apiError) {
		l := &s.attempts
		lo, hi := af.span(l)
		skip := pg.page * pg.size
		if cur != nil {
			hi = max(lo, min(hi, l.lowerBound(cur.date, cur.seq)))
			skip = 0
		}
		picked := make([]int32, 0, min(pg.size+1, 64))
		for i := hi - 1; i >= lo && len(picked) <= pg.size; i-- {
			if !af.match(&l.recs[i]) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			picked = append(picked, int32(i))
		}
		next := ""
		if len(picked) > pg.size {
			picked = picked[:pg.size]
			next = attemptToken(&l.recs[picked[len(picked)-1]])
		}
		now := s.clock().Unix()
		b = slices.Grow(b, 256+900*len(picked)) // an attempt is ~850 bytes: one allocation, not a dozen doublings
		b = append(b, `{"attempts":[`...)
		for j, i := range picked {
			if j > 0 {
				b = append(b, ',')
			}
			b = s.appendAttempt(b, base, &l.recs[i], now)
		}
		b = append(b, `],"meta":`...)
		b = appendAttemptsMeta(b, base, pg, af.query, next)
		return append(b, '}'), http.StatusOK, nil
	})
}

// appendAttemptsMeta appends the list envelope's meta. Its URLs carry the
// filters: twilio-go follows next_page_url as it is.
func appendAttemptsMeta(b []byte, base string, pg paging, filters url.Values, next string) []byte {
	base += "/Attempts?"
	if len(filters) > 0 {
		base += filters.Encode() + "&"
	}
	pageURL := func(b []byte, page int, token string) []byte {
		u := base + "PageSize=" + strconv.Itoa(pg.size) + "&Page=" + strconv.Itoa(page)
		if token != "" {
			u += "&PageToken=" + token
		}
		return appendJSONString(b, u)
	}
	b = append(b, `{"page":`...)
	b = strconv.AppendInt(b, int64(pg.page), 10)
	b = append(b, `,"page_size":`...)
	b = strconv.AppendInt(b, int64(pg.size), 10)
	b = append(b, `,"first_page_url":`...)
	b = pageURL(b, 0, "")
	b = append(b, `,"previous_page_url":`...)
	if pg.page > 0 {
		b = pageURL(b, pg.page-1, "")
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"url":`...)
	b = pageURL(b, pg.page, pg.token)
	b = append(b, `,"next_page_url":`...)
	if next != "" {
		b = pageURL(b, pg.page+1, next)
	} else {
		b = append(b, "null"...)
	}
	return append(b, `,"key":"attempts"}`...)
}

// fetchAttempt answers GET /v2/Attempts/{VL}.
func (s *Sandbox) fetchAttempt(w http.ResponseWriter, base string, sid string) {
	s.answerLocked(w, func(b []byte) ([]byte, int, *apiError) {
		r := s.attempts.find(sid)
		if r == nil {
			return b, 0, errNotFound("/Attempts/" + sid)
		}
		return s.appendAttempt(b, base, r, s.clock().Unix()), http.StatusOK, nil
	})
}

// attemptStatus is channel_data.status: confirmed once converted; expired
// when the code's ten minutes are over; unconfirmed before.
func attemptStatus(r *attemptRec, now int64) string {
	switch {
	case r.converted:
		return "confirmed"
	case r.status == deliveryBlocked, now >= r.date+int64(CodeLifetime/time.Second):
		return "expired"
	}
	return "unconfirmed"
}
