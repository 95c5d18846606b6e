package common

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
)

// FieldKind says how a form field is edited.
type FieldKind int

// The kinds of field.
const (
	// FieldText is a one-line text input.
	FieldText FieldKind = iota
	// FieldBool is an on/off switch (space toggles).
	FieldBool
	// FieldChoice cycles through Choices (space, ←/→).
	FieldChoice
)

// Field is one labelled form field with an inline error. It is a plain
// value; Form owns focus and key routing.
type Field struct {
	// Key identifies the field (e.g. "code_length").
	Key string
	// Label is shown left of the input.
	Label string
	// Hint is shown under the field while it has focus.
	Hint string
	// Group, when it differs from the previous field's, starts a heading.
	Group string
	Kind  FieldKind
	// Input edits FieldText values.
	Input textinput.Model
	// On is a FieldBool's value.
	On bool
	// Choices and Choice are a FieldChoice's options and selection.
	Choices []string
	Choice  int
	// Validate checks a FieldText value; its error is shown inline.
	Validate func(string) error
	// Err is the inline error shown under the field ("" = none). Twilio
	// errors naming a field land here too.
	Err string
}

// NewTextField returns a text field holding value.
func NewTextField(key, label, value string) Field {
	in := NewInput()
	in.Prompt = ""
	in.SetValue(value)
	in.CharLimit = 512
	return Field{Key: key, Label: label, Kind: FieldText, Input: in}
}

// NewInput returns a text input with a static (non-blinking) cursor, so
// focusing it starts no timer. Views should build inputs with it.
func NewInput() textinput.Model {
	in := textinput.New()
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

// NewBoolField returns an on/off field.
func NewBoolField(key, label string, on bool) Field {
	return Field{Key: key, Label: label, Kind: FieldBool, On: on}
}

// NewChoiceField returns a field cycling through choices, starting at
// selected (or the first choice when selected is not among them).
func NewChoiceField(key, label string, choices []string, selected string) Field {
	f := Field{Key: key, Label: label, Kind: FieldChoice, Choices: choices}
	for i, c := range choices {
		if c == selected {
			f.Choice = i
		}
	}
	return f
}

// WithHint sets the field's hint.
func (f Field) WithHint(h string) Field { f.Hint = h; return f }

// WithGroup sets the field's group heading.
func (f Field) WithGroup(g string) Field { f.Group = g; return f }

// WithValidate sets the field's validator.
func (f Field) WithValidate(v func(string) error) Field { f.Validate = v; return f }

// WithPlaceholder sets a text field's placeholder.
func (f Field) WithPlaceholder(p string) Field { f.Input.Placeholder = p; return f }

// Value is the field's value as text: the input, "true"/"false", or the
// chosen option.
func (f Field) Value() string {
	switch f.Kind {
	case FieldBool:
		if f.On {
			return "true"
		}
		return "false"
	case FieldChoice:
		if f.Choice >= 0 && f.Choice < len(f.Choices) {
			return f.Choices[f.Choice]
		}
		return ""
	default:
		return f.Input.Value()
	}
}

// check runs the validator and sets Err; it reports whether the value is
// valid.
func (f *Field) check() bool {
	f.Err = ""
	if f.Kind == FieldText && f.Validate != nil {
		if err := f.Validate(strings.TrimSpace(f.Input.Value())); err != nil {
			f.Err = err.Error()
			return false
		}
	}
	return true
}

// render draws the field's value part.
func (fl Field) render(s *Styles, w int, focused bool) string {
	switch fl.Kind {
	case FieldBool:
		if fl.On {
			return s.On.Render("[x] on")
		}
		return s.Off.Render("[ ] off")
	case FieldChoice:
		// The value starts in the same column as text inputs; the focused
		// one shows how to change it after the value, so nothing shifts.
		v := s.Value.Render(fl.Value())
		if focused {
			return v + s.FieldHint.Render("  ‹ ←/→ ›")
		}
		return v
	default:
		in := fl.Input
		in.SetStyles(s.Input)
		in.SetWidth(max(w-1, 1))
		return in.View()
	}
}
