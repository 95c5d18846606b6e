package common

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// Form is a vertical list of fields with one focused, inline validation
// and scrolling. Keys: next/prev field (tab, ↓ / shift+tab, ↑), toggle
// (space; ←/→ also cycle choices), enter moves on and submits on the last
// field, ctrl+s submits from anywhere. A form-level error (e.g. a Twilio
// error that names no field) is kept in Err.
type Form struct {
	Fields []Field
	// Focus is the index of the focused field.
	Focus int
	// Err is an error about the whole form, shown above the fields.
	Err string
	// offset is the first rendered line (scrolling).
	offset int
}

// NewForm builds a form and focuses its first field.
func NewForm(fields ...Field) Form {
	f := Form{Fields: fields}
	f.focus(0)
	return f
}

// focus moves the focus to field i (blurring the others).
func (f *Form) focus(i int) tea.Cmd {
	if len(f.Fields) == 0 {
		return nil
	}
	if i < 0 {
		i = 0
	}
	if i >= len(f.Fields) {
		i = len(f.Fields) - 1
	}
	f.Focus = i
	var cmd tea.Cmd
	for j := range f.Fields {
		if f.Fields[j].Kind != FieldText {
			continue
		}
		if j == i {
			cmd = f.Fields[j].Input.Focus()
		} else {
			f.Fields[j].Input.Blur()
		}
	}
	return cmd
}

// FocusKey focuses the field named key (after an error on it).
func (f *Form) FocusKey(k string) tea.Cmd {
	for i := range f.Fields {
		if f.Fields[i].Key == k {
			return f.focus(i)
		}
	}
	return nil
}

// Field returns the field named key, or nil.
func (f *Form) Field(k string) *Field {
	for i := range f.Fields {
		if f.Fields[i].Key == k {
			return &f.Fields[i]
		}
	}
	return nil
}

// Get is the value of the field named key ("" when there is none), with
// surrounding spaces removed.
func (f Form) Get(k string) string {
	if fl := f.Field(k); fl != nil {
		return strings.TrimSpace(fl.Value())
	}
	return ""
}

// Bool is the value of the bool field named key.
func (f Form) Bool(k string) bool {
	if fl := f.Field(k); fl != nil {
		return fl.On
	}
	return false
}

// SetError shows msg under the field named key and focuses it; when no
// field has that key the message becomes the form's Err. Input is kept.
func (f *Form) SetError(k, msg string) tea.Cmd {
	if fl := f.Field(k); fl != nil {
		fl.Err = msg
		return f.FocusKey(k)
	}
	f.Err = msg
	return nil
}

// Validate runs every field's validator, shows the errors inline and
// focuses the first invalid field. It reports whether all are valid.
func (f *Form) Validate() bool {
	first := -1
	for i := range f.Fields {
		if !f.Fields[i].check() && first < 0 {
			first = i
		}
	}
	if first >= 0 {
		f.focus(first)
		return false
	}
	return true
}

// Typed reports whether k is a printable key. A focused text input takes
// it as text even when the `[keys]` table binds that letter to an action
// (say back = ["esc", "x"]), so rebinding never makes a letter untypable.
func Typed(k tea.KeyPressMsg) bool { return k.Text != "" }

// Capturing reports whether the focused field takes typed text (then the
// shell's single-letter keys must go to it).
func (f Form) Capturing() bool {
	return len(f.Fields) > 0 && f.Fields[f.Focus].Kind == FieldText
}

// Update handles a message. submit is true when the user asked to submit
// (ctrl+s, or enter on the last field); the caller then validates and
// sends.
func (f Form) Update(msg tea.Msg, km *KeyMap) (out Form, cmd tea.Cmd, submit bool) {
	if len(f.Fields) == 0 {
		return f, nil, false
	}
	cur := &f.Fields[f.Focus]
	if kp, ok := msg.(tea.KeyPressMsg); ok && !(cur.Kind == FieldText && Typed(kp)) {
		switch {
		case key.Matches(kp, km.Submit):
			return f, nil, true
		case key.Matches(kp, km.Select):
			// enter accepts the field: on to the next, or submit on the last.
			cur.check()
			if f.Focus == len(f.Fields)-1 {
				return f, nil, true
			}
			return f, f.focus(f.Focus + 1), false
		case key.Matches(kp, km.NextField):
			cur.check()
			return f, f.focus((f.Focus + 1) % len(f.Fields)), false
		case key.Matches(kp, km.PrevField):
			cur.check()
			return f, f.focus((f.Focus - 1 + len(f.Fields)) % len(f.Fields)), false
		}
		switch cur.Kind {
		case FieldBool:
			if key.Matches(kp, km.Toggle, km.PrevChoice, km.NextChoice) {
				cur.On = !cur.On
			}
			return f, nil, false
		case FieldChoice:
			n := len(cur.Choices)
			if n == 0 {
				return f, nil, false
			}
			switch {
			case key.Matches(kp, km.Toggle, km.NextChoice):
				cur.Choice = (cur.Choice + 1) % n
			case key.Matches(kp, km.PrevChoice):
				cur.Choice = (cur.Choice - 1 + n) % n
			}
			return f, nil, false
		}
	}
	if cur.Kind == FieldText {
		before := cur.Input.Value()
		cur.Input, cmd = cur.Input.Update(msg)
		if cur.Input.Value() != before {
			// Typing clears a stale error; validation runs again on leave.
			cur.Err = ""
		}
	}
	return f, cmd, false
}

// View renders the form in width×height cells, scrolled so the focused
// field is visible.
func (f *Form) View(s *Styles, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	lines, focusTop, focusBottom := f.Lines(s, width)
	// Keep the focused field (and its error/hint) on screen.
	if focusBottom >= f.offset+height {
		f.offset = focusBottom - height + 1
	}
	if focusTop < f.offset {
		f.offset = focusTop
	}
	f.offset = max(0, min(f.offset, max(0, len(lines)-height)))
	end := min(len(lines), f.offset+height)
	return strings.Join(lines[f.offset:end], "\n")
}

// Lines draws every line of the form, width cells wide, unscrolled, and
// says which lines the focused field (with its error and hint) takes, so a
// view that scrolls the form with other content can keep it in sight.
func (f *Form) Lines(s *Styles, width int) (lines []string, focusTop, focusBottom int) {
	labelW := 0
	for _, fl := range f.Fields {
		labelW = max(labelW, Width(fl.Label))
	}
	labelW = min(labelW+1, width/2)
	inputW := max(width-labelW-2, 1)

	if f.Err != "" {
		// Wrapped, not cut: a Twilio error's hint and link are the point.
		lines = append(lines, wrapLines(s.Error, "✗ "+f.Err, "  ", width)...)
	}
	group := ""
	for i, fl := range f.Fields {
		if fl.Group != "" && fl.Group != group {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, s.Heading.Render(Truncate(fl.Group, width)))
			group = fl.Group
		}
		focused := i == f.Focus
		if focused {
			focusTop = len(lines)
		}
		ls := s.FieldLabel
		mark := "  "
		if focused {
			ls = s.FieldLabelFocus
			mark = "› "
		}
		label := ls.Render(PadRight(fl.Label, labelW))
		lines = append(lines, Truncate(mark+label+fl.render(s, inputW, focused), width))
		if fl.Err != "" {
			lines = append(lines, wrapLines(s.FieldError, "    ✗ "+fl.Err, "      ", width)...)
		}
		if focused && fl.Hint != "" {
			lines = append(lines, wrapLines(s.FieldHint, "    "+fl.Hint, "    ", width)...)
		}
		if focused {
			focusBottom = len(lines) - 1
		}
	}
	return lines, focusTop, focusBottom
}

// wrapLines wraps text (which may hold newlines) to width, indents every
// line after the first by indent, and styles each line.
func wrapLines(st lipgloss.Style, text, indent string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		for _, l := range strings.Split(lipgloss.Wrap(para, max(width-Width(indent), 1), " "), "\n") {
			if len(out) > 0 {
				l = indent + strings.TrimLeft(l, " ")
			}
			out = append(out, st.Render(Truncate(l, width)))
		}
	}
	return out
}

// FieldNote is what a Twilio error code says about one field of a form.
type FieldNote struct {
	Key  string
	Text string
}

// ErrorPlaces tells PlaceError which field an error is about.
type ErrorPlaces struct {
	// Params maps Twilio parameter names, lower-cased without '.' or '_'
	// ("friendlyname", "totp.timestep" → "totptimestep"), to field keys.
	Params map[string]string
	// Codes maps Twilio error codes to a field and the words to show
	// there (e.g. 60205 → the channel field, "pick call").
	Codes map[int]FieldNote
	// Brief puts Twilio's message alone on the field: the view explains
	// the error (hint and all) next to the form, and says it once.
	Brief bool
}

// PlaceError shows err on the form field it is about, keeping every
// input: the field an invalid-input error names (by key, label or
// parameter), a parameter Twilio's message names, or a field its code is
// about; the text is Twilio's message with its code and hint. ok is false
// when no field owns the error (the view shows it above the form).
func (f *Form) PlaceError(err error, places ErrorPlaces) (cmd tea.Cmd, ok bool) {
	e := twilioapi.AsError(err)
	if e == nil {
		return nil, false
	}
	text := e.Message
	if h := HintOnly(e); h != "" && !places.Brief {
		text += " — " + h
	}
	if e.Field != "" {
		for _, fl := range f.Fields {
			if strings.EqualFold(fl.Label, e.Field) || strings.EqualFold(fl.Key, e.Field) {
				return f.SetError(fl.Key, text), true
			}
		}
		if k, found := places.Params[paramKey(e.Field)]; found {
			return f.SetError(k, text), true
		}
	}
	if n, found := places.Codes[e.Code]; found {
		return f.SetError(n.Key, n.Text), true
	}
	msg := paramKey(e.Message)
	params := slices.SortedFunc(maps.Keys(places.Params), func(a, b string) int {
		// Longest first: "totp.codelength" before "codelength".
		return cmp.Or(len(b)-len(a), strings.Compare(a, b))
	})
	for _, param := range params {
		if k := places.Params[param]; strings.Contains(msg, param) {
			full := e.Error()
			if h := HintOnly(e); h != "" && !places.Brief {
				full += " — " + h
			}
			return f.SetError(k, full), true
		}
	}
	return nil, false
}

// paramKey folds a parameter name (or a message naming one) for matching:
// lower case, without '.' and '_'.
func paramKey(s string) string {
	return strings.NewReplacer(".", "", "_", "").Replace(strings.ToLower(s))
}

// ErrorText is an error as a form shows it above its fields: Twilio's
// code and message, the hint and the more_info link.
func ErrorText(err error) string {
	e := twilioapi.AsError(err)
	if e == nil {
		return err.Error()
	}
	text := e.Error()
	if h := HintOnly(e); h != "" {
		text += " — " + h
	}
	if e.MoreInfo != "" {
		text += "\n" + e.MoreInfo
	}
	return text
}
