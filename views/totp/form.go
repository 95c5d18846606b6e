package totp

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Field keys of the new factor form.
const (
	fieldIdentity  = "identity"
	fieldName      = "friendly_name"
	fieldKeep      = "keep_secret"
	fieldAlgorithm = "algorithm"
	fieldDigits    = "code_length"
	fieldStep      = "time_step"
	fieldSkew      = "skew"
)

// serviceTOTP is the service's TOTP settings with Verify's defaults for
// what the service leaves unset (30 s, 6 digits, skew 1).
func serviceTOTP(s twilioapi.Service) twilioapi.TOTPSettings {
	t := s.TOTP
	if t.TimeStep == 0 && t.Skew == 0 {
		// The service's TOTP block is null: Verify's default skew.
		t.Skew = 1
	}
	if t.TimeStep == 0 {
		t.TimeStep = 30
	}
	if t.CodeLength == 0 {
		t.CodeLength = 6
	}
	return t
}

// intField is a number field checked with one of twilioapi's limits.
func intField(k, label string, v int, check func(int) error, hint string) common.Field {
	return common.NewTextField(k, label, strconv.Itoa(v)).WithHint(hint).WithValidate(func(s string) error {
		n, err := common.WholeNumber(s)
		if err != nil {
			return err
		}
		return common.FieldMessage(check(n))
	})
}

// newFactorForm builds the form for the service s, the identity filled
// in when an entity is selected.
func newFactorForm(s twilioapi.Service, identity string, canKeep bool) common.Form {
	t := serviceTOTP(s)
	keepHint := "Test factors only: keeps the secret in the OS keyring so this console shows the current code. " +
		"Never for a real user's factor."
	if !canKeep {
		keepHint = "This console has no keyring to keep secrets in."
	}
	return common.NewForm(
		common.NewTextField(fieldIdentity, "Identity", identity).
			WithPlaceholder("e.g. 3f2c5e1a-7b4d-4c1e-9a8f-0d6b2e4c7a91").
			WithValidate(func(v string) error { return common.FieldMessage(twilioapi.ValidateIdentity(v)) }).
			WithHint("Your user's id, 8–64 letters and digits in dash-separated groups. Use a GUID-like id, never an e-mail or phone number: no PII."),
		common.NewTextField(fieldName, "Friendly name", "").
			WithPlaceholder("the account name the app shows").
			WithValidate(func(v string) error { return common.FieldMessage(twilioapi.ValidateFactorName(v)) }).
			WithHint("Shown in the authenticator app next to the issuer (up to 64 characters)."),
		common.NewBoolField(fieldKeep, "Keep secret", false).WithHint(keepHint),
		common.NewChoiceField(fieldAlgorithm, "Algorithm", []string{twilioapi.TOTPSHA1, twilioapi.TOTPSHA256, twilioapi.TOTPSHA512}, twilioapi.TOTPSHA1).
			WithGroup("Factor settings (the service's unless changed)").
			WithHint("sha1 is what every authenticator app supports; some ignore sha256/sha512."),
		intField(fieldDigits, "Digits", t.CodeLength, twilioapi.ValidateTOTPCodeLength, "Digits in each code, 3–8."),
		intField(fieldStep, "Time step", t.TimeStep, twilioapi.ValidateTOTPTimeStep, "Seconds each code lasts, 20–60."),
		intField(fieldSkew, "Skew", t.Skew, twilioapi.ValidateTOTPSkew, "Time steps accepted either side of now, 0–2 (clock drift)."),
	)
}

// formErrorPlaces maps Twilio's parameters to the form's fields.
func formErrorPlaces() common.ErrorPlaces {
	return common.ErrorPlaces{Params: map[string]string{
		"identity": fieldIdentity, "friendlyname": fieldName, "configalg": fieldAlgorithm, "totpalgorithm": fieldAlgorithm,
		"configcodelength": fieldDigits, "configtimestep": fieldStep, "configskew": fieldSkew,
	}}
}

// openForm opens the new factor form.
func (m Model) openForm() (Model, tea.Cmd) {
	switch {
	case m.c.ReadOnly:
		return m, common.ReadOnlyRefused()
	case m.service.SID == "":
		return m, common.Flash(common.FlashWarn, m.c.Keys.NoServiceFirst())
	}
	identity := ""
	if e, ok := m.entities.Selected(); ok {
		identity = e.Identity
	}
	m.form = newFactorForm(m.service, identity, m.c.TOTPKeeper != nil)
	m.formProblem = nil
	m.screen = screenForm
	if identity != "" {
		return m, m.form.FocusKey(fieldName)
	}
	return m, nil
}

// factorParams reads the form: only settings that differ from the
// service's are sent, so the service stays the source of its defaults.
func factorParams(f common.Form, s twilioapi.Service) twilioapi.TOTPFactorParams {
	t := serviceTOTP(s)
	p := twilioapi.TOTPFactorParams{ServiceSID: s.SID, Identity: f.Get(fieldIdentity), FriendlyName: f.Get(fieldName)}
	if a := f.Get(fieldAlgorithm); a != twilioapi.TOTPSHA1 {
		p.Config.Algorithm = a
	}
	set := func(k string, def int) *int {
		n, _ := strconv.Atoi(f.Get(k))
		if n == def {
			return nil
		}
		return &n
	}
	p.Config.CodeLength = set(fieldDigits, t.CodeLength)
	p.Config.TimeStep = set(fieldStep, t.TimeStep)
	p.Config.Skew = set(fieldSkew, t.Skew)
	return p
}

// updateForm handles keys on the form: esc leaves (input is dropped;
// not while the factor is being created),
// ctrl+s or enter on the last field creates the factor.
func (m Model) updateForm(msg tea.Msg) (Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, m.c.Keys.Cancel) && !(m.form.Capturing() && common.Typed(k)) {
		if m.reqs.Any(is(reqCreate)) {
			// Leaving would drop the answer, the only one that carries
			// the secret, while Twilio may create the factor anyway.
			return m, common.Flash(common.FlashWarn, "creating the factor: its secret shows when Twilio answers")
		}
		m.screen = screenMain
		return m, nil
	}
	if m.reqs.Any(is(reqCreate)) {
		return m, nil
	}
	var cmd tea.Cmd
	var submit bool
	m.form, cmd, submit = m.form.Update(msg, m.c.Keys)
	if !submit {
		return m, cmd
	}
	m.form.Err, m.formProblem = "", nil
	if !m.form.Validate() {
		return m, common.Flash(common.FlashWarn, "fix the highlighted fields")
	}
	if m.form.Bool(fieldKeep) && m.c.TOTPKeeper == nil {
		return m, m.form.SetError(fieldKeep, errNoKeeper.Error())
	}
	p := factorParams(m.form, m.service)
	r := request{kind: reqCreate, service: p.ServiceSID, identity: p.Identity}
	return m, start(&m, r, func(ctx context.Context, cl *twilioapi.Client) (created, error) {
		f, b, err := cl.CreateTOTPFactor(ctx, p)
		return created{f, b}, err
	})
}

// formTitle is the line above the form.
func (m Model) formTitle() string {
	t := "New TOTP factor on " + m.service.FriendlyName
	if m.reqs.Any(is(reqCreate)) {
		t += " — creating…"
	}
	return t
}

// identityLooksPersonal reports whether an identity looks like a phone
// number (only digits, 10 or more): Twilio takes it, but it is PII.
func identityLooksPersonal(id string) bool {
	return len(id) >= 10 && strings.Trim(id, "0123456789") == ""
}
