package guard

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// formKind says what the open form is for.
type formKind int

// The view's forms.
const (
	formSafeAdd formKind = iota
	formSafeLookup
	formNumber
	formRateLimitNew
	formRateLimitEdit
	formBucketNew
	formBucketEdit
	formGuard
)

// Field keys.
const (
	fNumber      = "number"
	fUniqueName  = "unique_name"
	fDescription = "description"
	fMax         = "max"
	fInterval    = "interval"
	fLevel       = "level"
	fCountries   = "blocked_countries"
)

// panelForm is a form drawn inside a panel, with what it edits.
type panelForm struct {
	kind  formKind
	title string
	form  common.Form
	// limit and bucket are the rate limit (and bucket) being edited or
	// added to.
	limit  twilioapi.RateLimit
	bucket twilioapi.Bucket
}

// numberField is a phone number field, read like the Sessions view reads
// one: E.164, or national in the profile's country.
func numberField(label, value, region string) common.Field {
	return common.NewTextField(fNumber, label, value).WithPlaceholder("+14155550100").
		WithValidate(func(s string) error {
			_, err := twilioapi.NormalizePhone(s, region)
			return common.FieldMessage(err)
		}).WithHint("E.164 (+ country code and number) or a national number in " + region + ".")
}

// intField is a whole-number field checked with one of twilioapi's
// limits, so the form and the client word a refusal alike.
func intField(k, label string, value int, check func(int) error, hint string) common.Field {
	v := ""
	if value > 0 {
		v = strconv.Itoa(value)
	}
	return common.NewTextField(k, label, v).WithHint(hint).WithValidate(func(s string) error {
		n, err := common.WholeNumber(s)
		if err != nil {
			return err
		}
		return common.FieldMessage(check(n))
	})
}

// openForm shows f in the current panel and focuses the panel.
func (m *Model) openForm(f panelForm) tea.Cmd {
	m.form, m.formOpen, m.inPane = f, true, true
	return m.form.form.FocusKey(m.form.form.Fields[0].Key)
}

// closeForm closes the open form.
func (m *Model) closeForm() {
	m.formOpen = false
	m.form = panelForm{}
}

// saving reports whether the open form's answer is awaited.
func (m Model) saving() bool {
	return m.formOpen && m.reqs.Any(func(r request) bool { return r.fromForm })
}

// updateForm handles a key or paste while a form is open.
func (m Model) updateForm(msg tea.Msg) (Model, tea.Cmd) {
	km := m.c.Keys
	if k, ok := msg.(tea.KeyPressMsg); ok && !(m.form.form.Capturing() && common.Typed(k)) && key.Matches(k, km.Cancel) {
		m.reqs.Drop(func(r request) bool { return r.fromForm })
		m.closeForm()
		return m, nil
	}
	if m.saving() {
		return m, nil
	}
	f, cmd, submit := m.form.form.Update(msg, km)
	m.form.form = f
	if !submit {
		return m, cmd
	}
	if !m.form.form.Validate() {
		return m, cmd
	}
	return m.submitForm()
}

// submitForm sends what the validated form asks for.
func (m Model) submitForm() (Model, tea.Cmd) {
	f := m.form.form
	number, _ := twilioapi.NormalizePhone(f.Get(fNumber), m.c.DefaultRegion)
	switch m.form.kind {
	case formSafeAdd:
		after := m.addToSafeList(number, true)
		return m, after
	case formSafeLookup:
		m.closeForm()
		after := m.lookUpSafeList(number)
		return m, after
	case formNumber:
		m.closeForm()
		after := m.inspect(number)
		return m, after
	case formRateLimitNew, formRateLimitEdit, formBucketNew, formBucketEdit:
		after := m.saveLimit()
		return m, after
	case formGuard:
		after := m.saveGuard()
		return m, after
	}
	return m, nil
}

// formFailed puts a refused save on its field, or above the form.
func (m Model) formFailed(err error, places common.ErrorPlaces) (Model, tea.Cmd) {
	if !m.formOpen {
		return m, common.Failed("Saving failed", err)
	}
	cmd, ok := m.form.form.PlaceError(err, places)
	if !ok {
		m.form.form.Err = common.ErrorText(err)
	}
	return m, cmd
}

// csv splits a comma- or space-separated list, dropping empty items.
func csv(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}
