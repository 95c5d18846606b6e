package sandbox

import (
	"net/http"
	"strconv"
	"strings"
)

// attemptsSummaryJSON is the wire shape of GET /v2/Attempts/Summary.
type attemptsSummaryJSON struct {
	TotalAttempts    int     `json:"total_attempts"`
	TotalConverted   int     `json:"total_converted"`
	TotalUnconverted int     `json:"total_unconverted"`
	ConversionRate   *string `json:"conversion_rate_percentage"`
	URL              string  `json:"url"`
}

// attemptsSummary counts the attempts the filters select (the date range
// by binary search, the rest by a scan of that range).
func (s *Sandbox) attemptsSummary(w http.ResponseWriter, base string, f form) {
	af, aerr := parseAttemptFilter(f, summaryFilterKeys)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var out attemptsSummaryJSON
	s.mu.Lock()
	l := &s.attempts
	lo, hi := af.span(l)
	for i := lo; i < hi; i++ {
		if r := &l.recs[i]; af.match(r) {
			out.TotalAttempts++
			if r.converted {
				out.TotalConverted++
			}
		}
	}
	s.mu.Unlock()
	out.TotalUnconverted = out.TotalAttempts - out.TotalConverted
	out.ConversionRate = conversionRate(out.TotalConverted, out.TotalAttempts)
	out.URL = base + "/Attempts/Summary"
	writeJSON(w, http.StatusOK, out)
}

// conversionRate is converted/total as a percentage string with at most
// nine decimals, as in Twilio's example ("81.818181818" for 9 of 11); null
// when there are no attempts.
func conversionRate(converted, total int) *string {
	if total == 0 {
		return nil
	}
	p := strconv.FormatFloat(100*float64(converted)/float64(total), 'f', 9, 64)
	p = strings.TrimRight(strings.TrimRight(p, "0"), ".")
	return &p
}
