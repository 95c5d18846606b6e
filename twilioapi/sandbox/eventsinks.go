package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Event sinks stand in for Twilio Event Streams webhook sinks (Twilio
// configures them through the Events v1 API, which the sandbox does not
// emulate): each receives the verification status events of every service
// with verify_event_subscription_enabled, as a signed JSON POST. A sink
// comes from Options.EventsURL (`twilio-verify sandbox --events-url`) or
// POST /sandbox/v1/EventSinks; they are not kept in the state file.

// maxEventSinks bounds the sinks one sandbox delivers to.
const maxEventSinks = 10

// eventSink is one sink: a DG SID (Twilio's Event Streams sink prefix)
// and the URL events are POSTed to.
type eventSink struct {
	SID         string
	URL         string
	DateCreated time.Time
}

// ValidateEventsURL checks an event sink URL (the --events-url flag): https,
// or http to a loopback host, without user info — the rule webhook URLs
// follow too.
func ValidateEventsURL(raw string) error {
	if why := webhookURLProblem(raw); why != "" {
		return fmt.Errorf("events URL %q: %s", raw, why)
	}
	return nil
}

// addSink adds a sink for rawURL; the caller holds s.mu and has validated
// the URL.
func (s *Sandbox) addSink(rawURL string) (eventSink, *apiError) {
	if len(s.sinks) >= maxEventSinks {
		return eventSink{}, errf(http.StatusBadRequest, 60200, "Invalid parameter: Url (at most 10 event sinks)")
	}
	sk := eventSink{SID: newSID("DG"), URL: rawURL, DateCreated: s.clock()}
	s.sinks = append(s.sinks, sk)
	return sk, nil
}

// eventSinkJSON is the wire shape of a sink.
type eventSinkJSON struct {
	SID         string `json:"sid"`
	URL         string `json:"url"`
	DateCreated string `json:"date_created"`
}

func renderSink(sk eventSink) eventSinkJSON {
	return eventSinkJSON{SID: sk.SID, URL: sk.URL, DateCreated: rfc3339(sk.DateCreated)}
}

// eventSinksHandler answers /sandbox/v1/EventSinks[/{DG}]: GET lists the
// sinks, POST adds one (a JSON {"url": …} body or a Url form parameter),
// DELETE on a sink removes it.
func (s *Sandbox) eventSinksHandler(w http.ResponseWriter, r *http.Request, sid string, f form) {
	if sid != "" {
		if allow(w, r.Method, http.MethodDelete) {
			s.deleteSink(w, sid)
		}
		return
	}
	switch r.Method {
	case http.MethodGet:
		s.mu.Lock()
		out := make([]eventSinkJSON, 0, len(s.sinks))
		for _, sk := range s.sinks {
			out = append(out, renderSink(sk))
		}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"sinks": out})
	case http.MethodPost:
		raw, aerr := sinkURLParam(r, f)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		if why := webhookURLProblem(raw); why != "" {
			writeError(w, errWebhookParam("Url", why))
			return
		}
		s.mu.Lock()
		sk, aerr := s.addSink(raw)
		s.mu.Unlock()
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		writeJSON(w, http.StatusCreated, renderSink(sk))
	default:
		writeError(w, errMethod())
	}
}

// sinkURLParam reads the URL of a new sink: a JSON body's "url", or a
// Url parameter of a form body or the query (the router leaves the
// bodies of the sandbox's own routes to their handlers).
func sinkURLParam(r *http.Request, f form) (string, *apiError) {
	b, aerr := readBody(r)
	if aerr != nil {
		return "", aerr
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := f.add(string(b)); err != nil {
			return "", errBadFormData()
		}
		return strings.TrimSpace(f.str("Url")), nil
	}
	var in struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return "", errf(http.StatusBadRequest, 60200, "Invalid parameter: the body is not a JSON object")
	}
	return strings.TrimSpace(in.URL), nil
}

func (s *Sandbox) deleteSink(w http.ResponseWriter, sid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, sk := range s.sinks {
		if sk.SID == sid {
			s.sinks = append(s.sinks[:i], s.sinks[i+1:]...)
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	writeError(w, errNotFound("/sandbox/v1/EventSinks/"+sid))
}

// applyEventOptions adds the sink of Options.EventsURL.
func (s *Sandbox) applyEventOptions(opts Options) error {
	if opts.EventsURL == "" {
		return nil
	}
	if err := ValidateEventsURL(opts.EventsURL); err != nil {
		return errors.New("sandbox: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, aerr := s.addSink(opts.EventsURL)
	if aerr != nil {
		return aerr
	}
	return nil
}
