package totp

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// promptKind is what a code typed in the prompt is for.
type promptKind int

const (
	// promptVerify verifies an unverified factor.
	promptVerify promptKind = iota
	// promptChallenge creates a challenge, with the code or (empty) without.
	promptChallenge
	// promptAnswer answers a pending challenge.
	promptAnswer
)

// codePrompt is the one-line code field the view opens to verify a
// factor, create a challenge or answer one.
type codePrompt struct {
	kind      promptKind
	factor    twilioapi.Factor
	challenge twilioapi.Challenge
	input     textinput.Model
	// note says how the last code went; problem is a failed call.
	note    string
	problem *common.Problem
}

// newPrompt opens a prompt for f.
func newPrompt(kind promptKind, f twilioapi.Factor) (*codePrompt, tea.Cmd) {
	in := common.NewInput()
	in.Prompt = "› "
	in.CharLimit = 12
	in.Placeholder = fmt.Sprintf("%d digits", max(f.TOTP.CodeLength, twilioapi.MinTOTPCodeInput))
	if kind == promptChallenge {
		in.Placeholder += " (empty: answer later)"
	}
	p := &codePrompt{kind: kind, factor: f, input: in}
	return p, p.input.Focus()
}

// title says what the prompt does.
func (p *codePrompt) title() string {
	switch p.kind {
	case promptChallenge:
		return "Create a challenge for " + p.factor.FriendlyName + ": type the current code"
	case promptAnswer:
		return "Answer challenge " + p.challenge.SID + ": type the current code"
	}
	return "Verify " + p.factor.FriendlyName + ": type the code the authenticator app shows"
}

// openVerify opens the verification prompt for an unverified TOTP factor.
func (m Model) openVerify(f twilioapi.Factor) (Model, tea.Cmd) {
	switch {
	case m.c.ReadOnly:
		return m, common.ReadOnlyRefused()
	case f.Type != twilioapi.FactorTOTP:
		return m, common.Flash(common.FlashWarn, string(f.Type)+" factors are verified by their device, not with a typed code")
	case f.Status == twilioapi.FactorVerified:
		return m, common.Flash(common.FlashInfo, "this factor is already verified")
	}
	p, cmd := newPrompt(promptVerify, f)
	m.prompt = p
	return m, cmd
}

// openChallenge opens the challenge prompt for a verified TOTP factor.
func (m Model) openChallenge(f twilioapi.Factor) (Model, tea.Cmd) {
	switch {
	case m.c.ReadOnly:
		return m, common.ReadOnlyRefused()
	case f.Type != twilioapi.FactorTOTP:
		return m, common.Flash(common.FlashWarn, string(f.Type)+" challenges are answered on the device, not here")
	case f.Status != twilioapi.FactorVerified:
		return m, common.Flash(common.FlashWarn, "verify the factor first: it takes no challenges until then (60318)")
	}
	p, cmd := newPrompt(promptChallenge, f)
	m.prompt = p
	return m, cmd
}

// openAnswer opens the answer prompt for f's newest pending challenge.
func (m Model) openAnswer(f twilioapi.Factor) (Model, tea.Cmd) {
	if m.c.ReadOnly {
		return m, common.ReadOnlyRefused()
	}
	ch, ok := m.pendingChallenge(f)
	if !ok {
		return m, common.Flash(common.FlashWarn, "no pending challenge: create one with "+common.KeyName(m.bind(keyChallenge)))
	}
	p, cmd := newPrompt(promptAnswer, f)
	p.challenge = ch
	m.prompt = p
	return m, cmd
}

// pendingChallenge is f's newest challenge still pending (not past its
// expiration date).
func (m Model) pendingChallenge(f twilioapi.Factor) (twilioapi.Challenge, bool) {
	now := m.c.Now()
	for _, ch := range m.challenges[f.SID] {
		if ch.Status == twilioapi.ChallengePending && now.Before(ch.ExpirationDate) {
			return ch, true
		}
	}
	return twilioapi.Challenge{}, false
}

// updatePrompt handles keys while the prompt has focus: enter sends the
// code (checked first: 3–8 digits), esc closes it; letters are typed.
func (m Model) updatePrompt(msg tea.Msg) (Model, tea.Cmd) {
	p := m.prompt
	if kp, ok := msg.(tea.KeyPressMsg); ok && !common.Typed(kp) {
		switch {
		case key.Matches(kp, m.c.Keys.Back):
			m.prompt = nil
			return m, nil
		case key.Matches(kp, m.c.Keys.Select):
			return m.sendPrompt()
		}
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return m, cmd
}

// promptBusy reports whether the prompt's call is in flight.
func (m Model) promptBusy() bool {
	return m.reqs.Any(func(r request) bool {
		return r.kind == reqVerify || r.kind == reqChallenge || r.kind == reqAnswer
	})
}

// sendPrompt sends the typed code for what the prompt is for.
func (m Model) sendPrompt() (Model, tea.Cmd) {
	p := m.prompt
	if m.promptBusy() {
		return m, nil
	}
	code := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			return -1
		}
		return r
	}, p.input.Value())
	if code != "" || p.kind != promptChallenge {
		if err := twilioapi.ValidateTOTPCode(code); err != nil {
			p.note = err.Error()
			return m, nil
		}
	}
	p.note, p.problem = "sending…", nil
	f, svc := p.factor, m.service.SID
	r := request{service: svc, identity: f.Identity, factor: f.SID, challenge: p.challenge.SID}
	switch p.kind {
	case promptVerify:
		r.kind = reqVerify
		return m, start(&m, r, func(ctx context.Context, cl *twilioapi.Client) (verified, error) {
			v, err := cl.VerifyFactor(ctx, svc, f.Identity, f.SID, code)
			return verified(v), err
		})
	case promptChallenge:
		r.kind = reqChallenge
		return m, start(&m, r, func(ctx context.Context, cl *twilioapi.Client) (challenged, error) {
			ch, err := cl.CreateChallenge(ctx, twilioapi.ChallengeParams{ServiceSID: svc, Identity: f.Identity, FactorSID: f.SID, Code: code})
			return challenged(ch), err
		})
	}
	r.kind = reqAnswer
	chSID := p.challenge.SID
	return m, start(&m, r, func(ctx context.Context, cl *twilioapi.Client) (challenged, error) {
		ch, err := cl.AnswerChallenge(ctx, svc, f.Identity, chSID, code)
		return challenged(ch), err
	})
}

// onChallenged applies a created or answered challenge: approved closes
// the prompt; pending keeps it open to answer, with the attempts left.
func (m Model) onChallenged(r common.Result[challenged]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	action := "create challenge"
	if req.kind == reqAnswer {
		action = "answer challenge"
	}
	p := m.prompt
	if p != nil && p.factor.SID != req.factor {
		p = nil
	}
	if r.Err != nil {
		m.audit(action, req.identity, req.factor, "failed: "+r.Err.Error())
		prob := common.Explain(strings.ToUpper(action[:1])+action[1:], r.Err, nil, m.c.Now(), "")
		if p != nil {
			p.problem, p.note = prob, ""
		} else {
			m.problem = prob
		}
		if req.challenge != "" && (twilioapi.AsError(r.Err) != nil) {
			// Expired or out of attempts: show the challenge as Verify has it.
			if f, ok := m.factorBySID(req.identity, req.factor); ok {
				return m, m.loadChallenges(f)
			}
		}
		return m, nil
	}
	ch := twilioapi.Challenge(r.Value)
	m.putChallenge(ch)
	withCode := req.kind == reqAnswer || (p != nil && strings.TrimSpace(p.input.Value()) != "")
	if ch.Status == twilioapi.ChallengePending && withCode {
		m.wrong[ch.SID]++
	}
	outcome := string(ch.Status)
	if ch.Status == twilioapi.ChallengePending {
		outcome += ", " + attemptsLeft(twilioapi.MaxTOTPAttempts-m.wrong[ch.SID])
	}
	m.audit(action, ch.Identity, ch.SID, outcome)
	switch ch.Status {
	case twilioapi.ChallengeApproved:
		m.prompt = nil
		return m, common.Flash(common.FlashInfo, "challenge "+ch.SID+" approved")
	case twilioapi.ChallengePending:
		if p == nil {
			return m, nil
		}
		np, cmd := newPrompt(promptAnswer, p.factor)
		np.challenge = ch
		np.note = "pending: type the current code to answer it (" + attemptsLeft(twilioapi.MaxTOTPAttempts-m.wrong[ch.SID]) + ")"
		if withCode {
			np.note = "code not accepted, the challenge is pending: " + attemptsLeft(twilioapi.MaxTOTPAttempts-m.wrong[ch.SID])
		}
		m.prompt = np
		return m, cmd
	}
	m.prompt = nil
	return m, common.Flash(common.FlashWarn, "challenge "+ch.SID+" "+string(ch.Status))
}

// putChallenge puts ch at its place in its factor's challenges (newest
// first).
func (m *Model) putChallenge(ch twilioapi.Challenge) {
	old := m.challenges[ch.FactorSID]
	out := make([]twilioapi.Challenge, 0, len(old)+1)
	found := false
	for _, c := range old {
		if c.SID == ch.SID {
			c, found = ch, true
		}
		out = append(out, c)
	}
	if !found {
		out = append([]twilioapi.Challenge{ch}, out...)
	}
	m.challenges[ch.FactorSID] = out
}

// factorBySID finds a loaded factor.
func (m Model) factorBySID(identity, sid string) (twilioapi.Factor, bool) {
	for _, f := range m.factorCache[identity] {
		if f.SID == sid {
			return f, true
		}
	}
	return twilioapi.Factor{}, false
}

// attemptsLeft says how many wrong codes Verify still takes.
func attemptsLeft(n int) string {
	switch {
	case n <= 0:
		return "no attempts left: the next code is refused whatever it is"
	case n == 1:
		return "1 attempt left"
	}
	return fmt.Sprintf("%d attempts left", n)
}
