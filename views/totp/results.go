package totp

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// onEntities applies a page of entities, dropping late ones.
func (m Model) onEntities(r common.Result[twilioapi.EntityPage]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || req.service != m.service.SID {
		return m, nil
	}
	if r.Err != nil {
		m.entities.SetError(r.Err)
		return m, common.Failed("Loading entities failed", r.Err)
	}
	if req.kind == reqEntitiesPage {
		m.entities.AddPage(r.Value.Entities, r.Value.NextPageToken)
	} else {
		m.entities.SetItems(r.Value.Entities, r.Value.NextPageToken)
	}
	return m.entityMoved(false)
}

// onFactors applies an entity's factors.
func (m Model) onFactors(r common.Result[factorList]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || req.service != m.service.SID {
		return m, nil
	}
	if r.Err != nil {
		if req.identity == m.factorsOf {
			m.factorsErr = r.Err
			m.factors.SetError(r.Err)
		}
		return m, nil
	}
	m.factorCache[req.identity] = r.Value
	if req.identity != m.factorsOf {
		return m, nil
	}
	m.factors.SetItems(r.Value, "")
	return m.factorMoved()
}

// onChallenges applies a factor's newest challenges.
func (m Model) onChallenges(r common.Result[twilioapi.ChallengePage]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || req.service != m.service.SID {
		return m, nil
	}
	if r.Err != nil {
		m.problem = common.Explain("Loading challenges", r.Err, nil, m.c.Now(), "")
		return m, nil
	}
	m.challenges[req.factor] = r.Value.Challenges
	return m, nil
}

// onCreated shows a new factor's QR code and secret (once) and adds it
// to its entity; with keep secret on, the secret goes to the keyring.
func (m Model) onCreated(r common.Result[created]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if r.Err != nil {
		m.audit("create factor", req.identity, "", "failed: "+r.Err.Error())
		if _, placed := m.form.PlaceError(r.Err, formErrorPlaces()); !placed {
			m.formProblem = common.Explain("Create factor", r.Err, nil, m.c.Now(), "")
		}
		return m, nil
	}
	f, b := r.Value.factor, r.Value.binding
	m.audit("create factor", f.Identity, f.SID, string(f.Status))
	keep := m.form.Bool(fieldKeep)
	m.screen, m.formProblem, m.detailOffset = screenEnrol, nil, 0
	m.enrol = newEnrolment(f, b, keep)
	m.enrol.render(m.c.Styles, m.width, m.height)
	m.addFactor(f)
	var cmds []tea.Cmd
	if keep {
		cmds = append(cmds, m.keepSecret(f, b.Secret))
	}
	cmds = append(cmds, common.Flash(common.FlashWarn, "factor created: scan the QR code now, the secret shows only once"))
	return m, tea.Batch(cmds...)
}

// addFactor puts a new factor into its entity's factors (and the entity
// into the list when it is new) and selects it.
func (m *Model) addFactor(f twilioapi.Factor) {
	if _, ok := m.entities.Find(f.Identity); !ok {
		m.entities.Insert(twilioapi.Entity{SID: f.EntitySID, Identity: f.Identity, ServiceSID: f.ServiceSID,
			AccountSID: f.AccountSID, DateCreated: f.DateCreated, DateUpdated: f.DateCreated})
	}
	m.entities.Select(f.Identity)
	m.factorCache[f.Identity] = append(append([]twilioapi.Factor(nil), m.factorCache[f.Identity]...), f)
	if m.factorsOf != f.Identity {
		m.factorsOf, m.factorsErr = f.Identity, nil
		m.factors = newFactorList()
		*m = m.setSize(m.width, m.height)
		m.factors.SetItems(m.factorCache[f.Identity], "")
	} else {
		m.factors.Append(f)
	}
	m.factors.Select(f.SID)
	m.challenges[f.SID] = nil
	m.focus = focusFactors
}

// replaceFactor updates a factor wherever it is shown.
func (m *Model) replaceFactor(f twilioapi.Factor) {
	fs := append([]twilioapi.Factor(nil), m.factorCache[f.Identity]...)
	for i := range fs {
		if fs[i].SID == f.SID {
			fs[i] = f
		}
	}
	m.factorCache[f.Identity] = fs
	if m.factorsOf == f.Identity {
		m.factors.Replace(f)
	}
	if m.enrol != nil && m.enrol.factor.SID == f.SID {
		m.enrol.factor = f
	}
}

// onKept applies a keyring answer: a secret kept, forgotten or found.
func (m Model) onKept(r common.Result[keptDone]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	sid := req.factor
	e := m.enrol
	if e != nil && e.factor.SID != sid {
		e = nil
	}
	switch req.kind {
	case reqKeep:
		if r.Err != nil {
			if e != nil {
				e.keep, e.keepErr = false, keepProblem(r.Err)
			}
			return m, common.Flash(common.FlashError, "the secret could not be kept: "+keyringReason(r.Err))
		}
		m.kept[sid], m.keptLooked[sid] = r.Value.kept, true
		if e != nil {
			e.keepErr = ""
		}
		m.audit("keep secret", r.Value.kept.Identity, sid, "kept in the OS keyring")
		return m, common.Flash(common.FlashInfo, "secret kept in the OS keyring ("+keyring.TOTPServiceName+")")
	case reqForget:
		if r.Err != nil {
			return m, common.Flash(common.FlashError, "the kept secret could not be removed: "+keyringReason(r.Err))
		}
		delete(m.kept, sid)
		m.audit("forget secret", "", sid, "removed from the OS keyring")
		return m, nil
	}
	// A lookup: a failure other than "nothing kept" is shown where the
	// code would be, not as a dialog (most factors keep nothing).
	if r.Err != nil {
		m.keptLooked[sid] = false
		return m, nil
	}
	if r.Value.found {
		m.kept[sid] = r.Value.kept
	}
	return m, nil
}

// keyringReason is a keyring failure in a few words.
func keyringReason(err error) string {
	switch {
	case errors.Is(err, errNoKeeper):
		return err.Error()
	case errors.Is(err, keyring.ErrNoKeyring):
		return "no keyring available"
	case errors.Is(err, keyring.ErrLocked):
		return "the keyring is locked or did not answer"
	}
	return "keyring error"
}

// keepProblem is a keyring failure with what to do about it.
func keepProblem(err error) string {
	if h := keyring.TOTPHint(err); h != "" {
		return keyringReason(err) + ". " + h
	}
	return keyringReason(err)
}

// onVerified applies a factor verification: verified, or a wrong code
// that leaves fewer attempts.
func (m Model) onVerified(r common.Result[verified]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	p := m.prompt
	if p != nil && p.factor.SID != req.factor {
		p = nil
	}
	if r.Err != nil {
		m.audit("verify factor", req.identity, req.factor, "failed: "+r.Err.Error())
		prob := common.Explain("Verify factor", r.Err, nil, m.c.Now(), "")
		if p != nil {
			p.problem = prob
		} else {
			m.problem = prob
		}
		return m, nil
	}
	f := twilioapi.Factor(r.Value)
	m.replaceFactor(f)
	if f.Status == twilioapi.FactorVerified {
		m.audit("verify factor", f.Identity, f.SID, "verified")
		delete(m.wrong, f.SID)
		m.prompt = nil
		flash := common.Flash(common.FlashInfo, "factor "+f.FriendlyName+" verified")
		if m.screen == screenEnrol {
			// The app holds the secret now: the one-time screen is done
			// (and a service chosen meanwhile is shown).
			switched := m.nextService != nil
			var cmd tea.Cmd
			if m, cmd = m.closeEnrol(); switched {
				return m, tea.Batch(flash, cmd)
			}
		}
		m.focus = focusFactors
		m.factors.Select(f.SID)
		return m, flash
	}
	m.wrong[f.SID]++
	left := twilioapi.MaxTOTPAttempts - m.wrong[f.SID]
	m.audit("verify factor", f.Identity, f.SID, fmt.Sprintf("code not accepted, %d attempts left", left))
	if p != nil {
		p.note = "code not accepted: " + attemptsLeft(left) + ". Check the phone's clock and that the app shows this factor."
		p.problem = nil
		p.input.SetValue("")
	}
	return m, nil
}

// onDeleted removes a deleted factor or entity (and forgets a kept
// secret of it).
func (m Model) onDeleted(r common.Result[deleted]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	what := "entity " + req.identity
	if req.kind == reqDeleteFactor {
		what = "factor " + req.factor
	}
	if r.Err != nil {
		m.audit("delete", req.identity, req.factor, "failed: "+r.Err.Error())
		m.problem = common.Explain("Delete "+what, r.Err, nil, m.c.Now(), "")
		return m, common.Flash(common.FlashError, "delete failed")
	}
	m.audit("delete", req.identity, req.factor, "deleted")
	var cmds []tea.Cmd
	if req.kind == reqDeleteFactor {
		fs := m.factorCache[req.identity]
		rest := make([]twilioapi.Factor, 0, len(fs))
		for _, f := range fs {
			if f.SID != req.factor {
				rest = append(rest, f)
			}
		}
		m.factorCache[req.identity] = rest
		if m.factorsOf == req.identity {
			m.factors.Remove(req.factor)
		}
		delete(m.challenges, req.factor)
		cmds = append(cmds, m.forgetSecret(req.factor))
	} else {
		for _, f := range m.factorCache[req.identity] {
			cmds = append(cmds, m.forgetSecret(f.SID))
		}
		delete(m.factorCache, req.identity)
		m.entities.Remove(req.identity)
		m.focus = focusEntities
		var cmd tea.Cmd
		m, cmd = m.entityMoved(false)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(append(cmds, common.Flash(common.FlashInfo, "deleted "+what))...)
}

// startDeleteFactor sends the factor delete the user confirmed.
func (m Model) startDeleteFactor(d deleteFactorMsg) (Model, tea.Cmd) {
	f := d.factor
	svc := m.service.SID
	return m, start(&m, request{kind: reqDeleteFactor, service: svc, identity: f.Identity, factor: f.SID},
		func(ctx context.Context, cl *twilioapi.Client) (deleted, error) {
			return deleted{}, cl.DeleteFactor(ctx, svc, f.Identity, f.SID)
		})
}

// startDeleteEntity sends the entity delete the user confirmed.
func (m Model) startDeleteEntity(d deleteEntityMsg) (Model, tea.Cmd) {
	e := d.entity
	svc := m.service.SID
	return m, start(&m, request{kind: reqDeleteEntity, service: svc, identity: e.Identity},
		func(ctx context.Context, cl *twilioapi.Client) (deleted, error) {
			return deleted{}, cl.DeleteEntity(ctx, svc, e.Identity)
		})
}
