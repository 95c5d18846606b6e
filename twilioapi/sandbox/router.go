package sandbox

import (
	"io"
	"net/http"
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
	segs := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	// The SNA URL is opened by the end user's device, which has no
	// credentials: its unguessable token is the authorisation.
	if len(segs) == 4 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "SNA" {
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			writeError(w, errMethod())
			return
		}
		s.invokeSNA(w, r, segs[3])
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
	case len(segs) >= 2 && segs[0] == "v2":
		if s.injectFault(w, r) {
			return
		}
		s.routeV2(w, r, segs[1:], f)
	case len(segs) == 3 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "Messages":
		if r.Method != http.MethodGet {
			writeError(w, errMethod())
			return
		}
		s.listMessages(w, f)
	case len(segs) == 3 && segs[0] == "sandbox" && segs[1] == "v1" && segs[2] == "Faults":
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			writeError(w, errMethod())
			return
		}
		s.faultsHandler(w, r)
	default:
		writeError(w, errNotFound(r.URL.Path))
	}
}

// routeV2 dispatches the Twilio API routes (segs without "v2").
func (s *Sandbox) routeV2(w http.ResponseWriter, r *http.Request, segs []string, f form) {
	m := r.Method
	notFound := func() { writeError(w, errNotFound("/"+strings.Join(segs, "/"))) }
	type route struct {
		ok      bool
		methods map[string]func()
	}
	var rt route
	switch {
	case len(segs) == 1 && segs[0] == "Services":
		rt = route{true, map[string]func(){
			http.MethodGet:  func() { s.listServices(w, f) },
			http.MethodPost: func() { s.createService(w, f) },
		}}
	case len(segs) >= 2 && segs[0] == "Services" && !validSID(segs[1], "VA"):
		notFound()
		return
	case len(segs) == 2 && segs[0] == "Services":
		sid := segs[1]
		rt = route{true, map[string]func(){
			http.MethodGet:    func() { s.fetchService(w, sid) },
			http.MethodPost:   func() { s.updateService(w, sid, f) },
			http.MethodDelete: func() { s.deleteService(w, sid) },
		}}
	case len(segs) == 3 && segs[0] == "Services" && segs[2] == "Verifications":
		sid := segs[1]
		rt = route{true, map[string]func(){
			http.MethodPost: func() { s.createVerification(w, r, sid, f) },
		}}
	case len(segs) == 4 && segs[0] == "Services" && segs[2] == "Verifications" && segs[3] != "":
		sid, id := segs[1], segs[3]
		rt = route{true, map[string]func(){
			http.MethodGet:  func() { s.fetchVerification(w, sid, id) },
			http.MethodPost: func() { s.updateVerification(w, sid, id, f) },
		}}
	case len(segs) == 3 && segs[0] == "Services" && segs[2] == "VerificationCheck":
		sid := segs[1]
		rt = route{true, map[string]func(){
			http.MethodPost: func() { s.createCheck(w, sid, f) },
		}}
	case len(segs) == 2 && segs[0] == "SafeList" && segs[1] == "Numbers":
		rt = route{true, map[string]func(){
			http.MethodPost: func() { s.createSafelist(w, f) },
		}}
	case len(segs) == 3 && segs[0] == "SafeList" && segs[1] == "Numbers" && segs[2] != "":
		phone := segs[2]
		rt = route{true, map[string]func(){
			http.MethodGet:    func() { s.fetchSafelist(w, phone) },
			http.MethodDelete: func() { s.deleteSafelist(w, phone) },
		}}
	case len(segs) == 2 && segs[0] == "PhoneNumbers" && segs[1] != "":
		phone := segs[1]
		rt = route{true, map[string]func(){
			http.MethodGet: func() { s.lookupPhone(w, phone, f) },
		}}
	}
	if !rt.ok {
		notFound()
		return
	}
	h, ok := rt.methods[m]
	if !ok {
		writeError(w, errMethod())
		return
	}
	h()
}

// errMethod is Twilio's 405.
func errMethod() *apiError { return errf(http.StatusMethodNotAllowed, 20004, "Method not allowed") }

// requestForm collects the parameters: the query string, plus the form
// body of a POST (twilio-go sends POST parameters in the body and GET and
// DELETE parameters in the query string).
func requestForm(r *http.Request) (form, *apiError) {
	bad := errf(http.StatusBadRequest, 60200, "Invalid parameter: the request is not valid form data")
	f, err := parseForm(r.URL.RawQuery)
	if err != nil {
		return nil, bad
	}
	if r.Method == http.MethodPost && r.Body != nil && !strings.HasPrefix(r.URL.Path, "/sandbox/v1/Faults") {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			return nil, bad
		}
		if len(b) > maxBody {
			return nil, errf(http.StatusRequestEntityTooLarge, 60200, "Invalid parameter: request body too large")
		}
		if err := f.add(string(b)); err != nil {
			return nil, bad
		}
	}
	return f, nil
}
