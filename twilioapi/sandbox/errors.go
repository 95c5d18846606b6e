package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// apiError is a Twilio error answer: the HTTP status and the JSON body
// {code, message, more_info, status} that twilio-go decodes into
// client.TwilioRestError.
type apiError struct {
	status     int
	code       int
	message    string
	retryAfter time.Duration // > 0 adds a Retry-After header (429s)
	rateLimit  string        // a Service Rate Limit's unique name: the Twilio-Reached-Rate-Limit header
}

// Error implements error.
func (e *apiError) Error() string { return strconv.Itoa(e.code) + ": " + e.message }

func errf(status, code int, message string) *apiError {
	return &apiError{status: status, code: code, message: message}
}

// errNotFound is Twilio's 20404 for a resource path ("/Services/VA…/…",
// without the version prefix, as in Twilio's own message).
func errNotFound(resource string) *apiError {
	return errf(http.StatusNotFound, 20404, "The requested resource "+resource+" was not found")
}

// errInvalid is the Verify 60200 "Invalid parameter" error.
func errInvalid(param string) *apiError {
	return errf(http.StatusBadRequest, 60200, "Invalid parameter: "+param)
}

// errPSD2Values is 60206: a PSD2 service needs Amount and Payee on the
// start and on the check.
func errPSD2Values() *apiError {
	return errf(http.StatusBadRequest, 60206, "'Amount' and 'Payee' are required for PSD2 verifications")
}

// errorBody is the wire shape of every error.
type errorBody struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

// writeError answers e as JSON. Every error, including 401 and unknown
// routes, must be JSON: twilio-go cannot decode anything else.
func writeError(w http.ResponseWriter, e *apiError) {
	if e.retryAfter > 0 {
		secs := int((e.retryAfter + time.Second - 1) / time.Second)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	if e.rateLimit != "" {
		w.Header().Set("Twilio-Reached-Rate-Limit", e.rateLimit)
	}
	writeJSON(w, e.status, errorBody{
		Code:     e.code,
		Message:  e.message,
		MoreInfo: "https://www.twilio.com/docs/errors/" + strconv.Itoa(e.code),
		Status:   e.status,
	})
}

// writeJSON answers v with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil { // only our own types are marshalled; this is a bug
		status = http.StatusInternalServerError
		b = []byte(`{"code":20500,"message":"Internal Server Error","more_info":"https://www.twilio.com/docs/errors/20500","status":500}`)
	}
	writeBody(w, status, b)
}

// autoLengthMax is the largest body net/http gives a Content-Length by
// itself: it buffers that much (bufferBeforeChunkingSize) and, when the
// handler returns without flushing, sets the header from the buffer without
// allocating. Larger bodies would go out chunked, so they get it here.
const autoLengthMax = 2048

// writeBody answers the JSON b with the given status.
func writeBody(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if len(b) > autoLengthMax {
		h.Set("Content-Length", strconv.Itoa(len(b)))
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
