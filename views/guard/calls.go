package guard

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// reqKind says what a request was for.
type reqKind int

// The calls the view makes.
const (
	reqSafeLoad reqKind = iota
	reqSafeAdd
	reqSafeLookup
	reqSafeRemove
	reqRiskSave
	reqNumber
	reqLimits
	reqLimitChange
	reqBlocked
	reqGuard
	reqGuardSave
)

// request is what the view remembers about a call in flight.
type request struct {
	kind reqKind
	// service is the service a service-scoped call was for: an answer
	// for another service than the current one is dropped.
	service string
	// number is the number a Safe List or lookup call was for.
	number string
	// background is true for loads the view starts by itself (at start,
	// for a new current service): they do not make the view Busy.
	background bool
	// fromForm is true when an open form waits for the answer (its
	// errors go on its fields).
	fromForm bool
}

// is matches requests of kind k.
func is(k reqKind) func(request) bool { return func(r request) bool { return r.kind == k } }

// start numbers a request and returns the call of fn for it.
func start[T any](m *Model, r request, fn func(ctx context.Context, cl *twilioapi.Client) (T, error)) tea.Cmd {
	id := m.reqs.Start(m.c, r)
	return common.ClientCall(m.c, ID, id, fn)
}

// stale reports whether an answer for request r is about another service
// than the current one.
func (m Model) stale(r request) bool { return r.service != "" && r.service != m.service.SID }
