package sandbox

import (
	"io"
	"net/http"
	"slices"
	"strings"
)

// maxBody caps a request body; Verify requests are a few hundred bytes.
const maxBody = 1 << 16

// ServeHTTP routes a request. Routes are case-sensitive, like Twilio's;
// every answer, including 401 and unknown routes, is JSON.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if rec := recover(); rec != nil {
			if rec == http.ErrAbortHandler {
				panic(rec) // a dropped connection (Faults)
			}
			writeError(w, errf(http.StatusInternalServerError, 20500, "Internal Server Error"))
		}
	}()
	if s.proxied(w, r) {
		return
	}
	// The answer's Date is the sandbox's clock, as Twilio's is its own:
	// a client moved on in time with the clock learns so from it.
	w.Header().Set("Date", s.clock().Format(http.TimeFormat))
	var buf [maxSegs]string
	segs := splitPath(r.URL.Path, &buf)
	// The SNA URL is opened by the end user's device, which has no
	// credentials: its unguessable token is the authorisation.
	if len(segs) == 4 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "SNA" {
		if allow(w, r.Method, http.MethodGet, http.MethodPost) {
			s.invokeSNA(w, r, segs[3])
		}
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
		writeError(w, errAuth())
		return
	}
	f, ferr := requestForm(r)
	if ferr != nil {
		writeError(w, ferr)
		return
	}
	switch {
	case len(segs) >= 2 && segs[0] == "v2" && !hostServes(r, segs[1]):
		writeError(w, errNotFound(r.URL.Path))
	case len(segs) >= 2 && segs[0] == "v2":
		if s.injectFault(w, r) {
			return
		}
		s.routeV2(w, r, segs[1:], f)
	case len(segs) == 3 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "Messages":
		if allow(w, r.Method, http.MethodGet) {
			s.listMessages(w, f)
		}
	case len(segs) == 3 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "Guard":
		if allow(w, r.Method, http.MethodGet, http.MethodPost) {
			s.guardHandler(w, r, f)
		}
	case len(segs) == 3 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "WebhookDeliveries":
		if allow(w, r.Method, http.MethodGet) {
			s.listDeliveries(w)
		}
	case (len(segs) == 3 || len(segs) == 4) && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "EventSinks":
		s.eventSinksHandler(w, r, strings.Join(segs[3:], ""), f)
	case len(segs) == 3 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "Faults":
		if allow(w, r.Method, http.MethodGet, http.MethodPost) {
			s.faultsHandler(w, r)
		}
	case len(segs) == 3 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "Clock":
		if allow(w, r.Method, http.MethodGet, http.MethodPost) {
			s.clockHandler(w, r)
		}
	default:
		writeError(w, errNotFound(r.URL.Path))
	}
}

// routeV2 dispatches the Twilio API routes (segs without "v2"). A plain
// switch: building a method table per request cost a map and a closure per
// method on every call.
func (s *Sandbox) routeV2(w http.ResponseWriter, r *http.Request, segs []string, f form) {
	m := r.Method
	n := len(segs)
	switch {
	case n == 1 && segs[0] == "Services":
		switch m {
		case http.MethodGet:
			s.listServices(w, r, f)
		case http.MethodPost:
			s.createService(w, r, f)
		default:
			writeError(w, errMethod())
		}
	case n >= 2 && segs[0] == "Services" && !validSID(segs[1], "VA"):
		writeError(w, errNotFound("/"+strings.Join(segs, "/")))
	case n == 2 && segs[0] == "Services":
		switch m {
		case http.MethodGet:
			s.fetchService(w, r, segs[1])
		case http.MethodPost:
			s.updateService(w, r, segs[1], f)
		case http.MethodDelete:
			s.deleteService(w, segs[1])
		default:
			writeError(w, errMethod())
		}
	case n == 3 && segs[0] == "Services" && segs[2] == "Verifications":
		if allow(w, m, http.MethodPost) {
			s.gatedStart(w, r, segs[1], f)
		}
	case n == 4 && segs[0] == "Services" && segs[2] == "Verifications" && segs[3] != "":
		switch m {
		case http.MethodGet:
			s.fetchVerification(w, r, segs[1], segs[3])
		case http.MethodPost:
			s.updateVerification(w, r, segs[1], segs[3], f)
		default:
			writeError(w, errMethod())
		}
	case n == 3 && segs[0] == "Services" && segs[2] == "VerificationCheck":
		if allow(w, m, http.MethodPost) {
			s.createCheck(w, segs[1], f)
		}
	case n >= 3 && segs[0] == "Services" && segs[2] == "Entities":
		s.routeEntities(w, r, segs[1], segs[3:], f)
	case n == 4 && segs[0] == "Services" && segs[2] == "Passkeys" && segs[3] == "Factors":
		if allow(w, m, http.MethodPost) {
			s.createPasskeysFactor(w, r, segs[1])
		}
	case n == 2 && segs[0] == "SafeList" && segs[1] == "Numbers":
		if allow(w, m, http.MethodPost) {
			s.createSafelist(w, r, f)
		}
	case n == 3 && segs[0] == "SafeList" && segs[1] == "Numbers" && segs[2] != "":
		switch m {
		case http.MethodGet:
			s.fetchSafelist(w, r, segs[2])
		case http.MethodDelete:
			s.deleteSafelist(w, segs[2])
		default:
			writeError(w, errMethod())
		}
	case n >= 3 && segs[0] == "Services" && segs[2] == "RateLimits":
		s.routeRateLimits(w, m, s.basesFor(r).verify, segs, f)
	case n >= 3 && segs[0] == "Services" && segs[2] == "Webhooks":
		s.routeWebhooks(w, m, s.basesFor(r).verify, segs, f)
	case n >= 3 && segs[0] == "Services" && segs[2] == "MessagingConfigurations":
		s.routeMsgConfigs(w, m, s.basesFor(r).verify, segs, f)
	case n == 1 && segs[0] == "Templates":
		if allow(w, m, http.MethodGet) {
			s.listTemplates(w, s.basesFor(r).verify, f)
		}
	case segs[0] == "Attempts":
		s.routeAttempts(w, m, s.basesFor(r).verify, segs, f)
	case n == 2 && segs[0] == "PhoneNumbers" && segs[1] != "":
		if allow(w, m, http.MethodGet) {
			s.lookupPhone(w, r, segs[1], f)
		}
	default:
		writeError(w, errNotFound("/"+strings.Join(segs, "/")))
	}
}

// maxSegs is how many path segments splitPath keeps on the stack; no route
// has more, and longer paths still split correctly (on the heap).
const maxSegs = 8

// splitPath is strings.Split(strings.TrimPrefix(p, "/"), "/") into buf
// when the path has at most maxSegs segments (every route), saving the
// slice allocation on each request.
func splitPath(p string, buf *[maxSegs]string) []string {
	p = strings.TrimPrefix(p, "/")
	if strings.Count(p, "/") >= maxSegs {
		return strings.Split(p, "/")
	}
	segs := buf[:0]
	for {
		seg, rest, more := strings.Cut(p, "/")
		segs = append(segs, seg)
		if !more {
			return segs
		}
		p = rest
	}
}

// allow reports whether the request method m is one of want; otherwise it
// answers Twilio's 405.
func allow(w http.ResponseWriter, m string, want ...string) bool {
	if !slices.Contains(want, m) {
		writeError(w, errMethod())
		return false
	}
	return true
}

// errMethod is Twilio's 405.
func errMethod() *apiError { return errf(http.StatusMethodNotAllowed, 20004, "Method not allowed") }

// requestForm collects the parameters: the query string, plus the form
// body of a POST (twilio-go sends POST parameters in the body and GET and
// DELETE parameters in the query string).
func requestForm(r *http.Request) (form, *apiError) {
	f, err := parseForm(r.URL.RawQuery)
	if err != nil {
		return nil, errBadFormData()
	}
	// JSON bodies (the sandbox's own routes, Passkeys) are read by their
	// handlers.
	if r.Method == http.MethodPost && r.Body != nil && !strings.HasPrefix(r.URL.Path, "/sandbox/v1/") &&
		!strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		b, aerr := readBody(r)
		if aerr != nil {
			return nil, aerr
		}
		if err := f.add(string(b)); err != nil {
			return nil, errBadFormData()
		}
	}
	return f, nil
}

// errBadFormData is the answer to a query or body that is not form data.
func errBadFormData() *apiError {
	return errf(http.StatusBadRequest, 60200, "Invalid parameter: the request is not valid form data")
}

// readBody reads a request body of at most maxBody bytes. With a
// Content-Length (twilio-go always sends one) it reads into one buffer of
// the exact size instead of growing one.
func readBody(r *http.Request) ([]byte, *apiError) {
	tooLarge := func() *apiError {
		return errf(http.StatusRequestEntityTooLarge, 60200, "Invalid parameter: request body too large")
	}
	if n := r.ContentLength; n > maxBody {
		return nil, tooLarge()
	} else if n > 0 { // 0 may mean unknown in a hand-built request
		b := make([]byte, n)
		if _, err := io.ReadFull(r.Body, b); err != nil {
			return nil, errBadFormData()
		}
		return b, nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return nil, errBadFormData()
	}
	if len(b) > maxBody {
		return nil, tooLarge()
	}
	return b, nil
}
