package totp

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// reqKind says what a request was for.
type reqKind int

// The calls the view makes.
const (
	reqEntities reqKind = iota // the first page of entities (load or refresh)
	reqEntitiesPage
	reqFactors
	reqChallenges
	reqCreate
	reqVerify
	reqChallenge
	reqAnswer
	reqDeleteFactor
	reqDeleteEntity
	reqKeep
	reqForget
	reqLookupKept
)

// request is what the view remembers about a call in flight.
type request struct {
	kind reqKind
	// service, identity, factor and challenge are what the call was about.
	service, identity, factor, challenge string
}

// is matches requests of kind k.
func is(k reqKind) func(request) bool { return func(r request) bool { return r.kind == k } }

// Result payloads whose types would otherwise clash in Update's switch.
type (
	// factorList is an entity's factors.
	factorList []twilioapi.Factor
	// created is a new TOTP factor with its one-time binding.
	created struct {
		factor  twilioapi.Factor
		binding twilioapi.FactorBinding
	}
	// verified is the factor as a verification left it.
	verified twilioapi.Factor
	// challenged is a challenge as a create or an answer left it.
	challenged twilioapi.Challenge
	// deleted says a factor or an entity is gone.
	deleted struct{}
	// keptDone is the outcome of keeping, forgetting or looking up a
	// factor's secret (found is false when nothing is kept).
	keptDone struct {
		kept  keyring.KeptTOTP
		found bool
	}
)

// start numbers a request and returns its call.
func start[T any](m *Model, r request, fn func(ctx context.Context, cl *twilioapi.Client) (T, error)) tea.Cmd {
	id := m.reqs.Start(m.c, r)
	return common.ClientCall(m.c, ID, id, fn)
}

// loadEntities fetches the first page of entities (token "") or the next.
func (m *Model) loadEntities(token string) tea.Cmd {
	kind := reqEntitiesPage
	if token == "" {
		kind = reqEntities
		m.reqs.Drop(func(r request) bool { return r.kind == reqEntities || r.kind == reqEntitiesPage })
	}
	svc := m.service.SID
	return start(m, request{kind: kind, service: svc}, func(ctx context.Context, cl *twilioapi.Client) (twilioapi.EntityPage, error) {
		return cl.ListEntitiesPage(ctx, svc, PageSize, token)
	})
}

// loadFactors fetches an entity's factors.
func (m *Model) loadFactors(identity string) tea.Cmd {
	m.reqs.Drop(func(r request) bool { return r.kind == reqFactors && r.identity == identity })
	svc := m.service.SID
	return start(m, request{kind: reqFactors, service: svc, identity: identity}, func(ctx context.Context, cl *twilioapi.Client) (factorList, error) {
		return cl.ListFactors(ctx, svc, identity)
	})
}

// loadChallenges fetches a factor's newest challenges.
func (m *Model) loadChallenges(f twilioapi.Factor) tea.Cmd {
	m.reqs.Drop(func(r request) bool { return r.kind == reqChallenges && r.factor == f.SID })
	svc := m.service.SID
	filter := twilioapi.ChallengeFilter{ServiceSID: svc, Identity: f.Identity, FactorSID: f.SID, NewestFirst: true}
	return start(m, request{kind: reqChallenges, service: svc, identity: f.Identity, factor: f.SID},
		func(ctx context.Context, cl *twilioapi.Client) (twilioapi.ChallengePage, error) {
			return cl.ListChallengesPage(ctx, filter, ChallengePageSize, "")
		})
}

// lookupKept asks the keyring whether it keeps f's secret, once per
// factor.
func (m *Model) lookupKept(f twilioapi.Factor) tea.Cmd {
	k := m.c.TOTPKeeper
	if k == nil || f.Type != twilioapi.FactorTOTP || m.keptLooked[f.SID] {
		return nil
	}
	m.keptLooked[f.SID] = true
	id := m.reqs.Start(m.c, request{kind: reqLookupKept, factor: f.SID})
	return common.Call(m.c, ID, id, func(context.Context) (keptDone, error) {
		kt, err := k.Get(f.SID)
		if errors.Is(err, keyring.ErrNotFound) {
			return keptDone{}, nil
		}
		return keptDone{kept: kt, found: err == nil}, err
	})
}

// keepSecret stores a new factor's secret in the keyring.
func (m *Model) keepSecret(f twilioapi.Factor, secret string) tea.Cmd {
	k := m.c.TOTPKeeper
	kt := keyring.KeptTOTP{Secret: secret, Algorithm: f.TOTP.Algorithm, Digits: f.TOTP.CodeLength,
		Period: f.TOTP.TimeStep, ServiceSID: f.ServiceSID, Identity: f.Identity}
	id := m.reqs.Start(m.c, request{kind: reqKeep, factor: f.SID})
	return common.Call(m.c, ID, id, func(context.Context) (keptDone, error) {
		if k == nil {
			return keptDone{}, errNoKeeper
		}
		return keptDone{kept: kt, found: true}, k.Keep(f.SID, kt)
	})
}

// errNoKeeper is the error of keep secret in a program without a keyring.
var errNoKeeper = errors.New("this console keeps no secrets (no keyring here, or served over SSH, where the server's keyring is not yours)")

// forgetSecret removes a factor's secret from the keyring.
func (m *Model) forgetSecret(factorSID string) tea.Cmd {
	k := m.c.TOTPKeeper
	if k == nil {
		return nil
	}
	id := m.reqs.Start(m.c, request{kind: reqForget, factor: factorSID})
	return common.Call(m.c, ID, id, func(context.Context) (keptDone, error) {
		return keptDone{}, k.Forget(factorSID)
	})
}

// audit writes one line of the audit trail (the debug log): who did what
// to which entity and factor, and the outcome. It never holds a secret or
// a code.
func (m *Model) audit(action, identity, sid, outcome string) {
	if m.c.Logger != nil {
		m.c.Logger.Info("totp", "who", m.c.Who(), "action", action, "service", m.service.SID,
			"identity", identity, "sid", sid, "outcome", outcome)
	}
}
