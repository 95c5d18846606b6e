package ui

import (
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// dialogKind is what a dialog is for.
type dialogKind int

const (
	dialogConfirm dialogKind = iota
	dialogError
)

// dialog is the one modal dialog the shell shows at a time. While it is
// open it has every key but ctrl+c.
type dialog struct {
	kind  dialogKind
	title string
	body  string
	// typeTo must be typed exactly before confirming ("" = y/enter is
	// enough).
	typeTo string
	input  textinput.Model
	// onConfirm is sent back when the user confirms.
	onConfirm tea.Msg
	// mismatch is set after enter with the wrong text typed.
	mismatch bool
	// dangerous dialogs (a change at Twilio) take only the confirm key
	// that is not enter: a stray enter must not say yes.
	dangerous bool
}

// quitMsg is the shell's own "quit confirmed" message.
type quitMsg struct{}

// newConfirm opens a confirm dialog for a ConfirmMsg.
func newConfirm(c common.ConfirmMsg) *dialog {
	d := &dialog{kind: dialogConfirm, title: c.Title, body: c.Body, typeTo: c.TypeToConfirm, onConfirm: c.OnConfirm, dangerous: c.Mutates}
	if d.typeTo != "" {
		d.input = common.NewInput()
		d.input.Prompt = "› "
		d.input.CharLimit = 256
		d.input.Focus()
	}
	return d
}

// newErrorDialog opens the error details dialog: Twilio code, message,
// hint and more_info for client errors, the plain message otherwise.
func newErrorDialog(title string, err error) *dialog {
	if title == "" {
		title = "Error"
	}
	body := "unknown error"
	if err != nil {
		body = err.Error()
		var te *twilioapi.Error
		if errors.As(err, &te) {
			body = te.Detail()
		}
	}
	return &dialog{kind: dialogError, title: title, body: body}
}

// update handles a key. done is true when the dialog closes; then msg (if
// not nil) is the confirmed action to deliver.
func (d *dialog) update(msg tea.Msg, km *common.KeyMap) (done bool, out tea.Msg, cmd tea.Cmd) {
	k, isKey := msg.(tea.KeyPressMsg)
	if d.kind == dialogError {
		if isKey {
			switch {
			case key.Matches(k, km.Copy):
				return false, nil, common.Copy(d.body, "error details")
			case key.Matches(k, km.Back, km.Select, km.Quit):
				return true, nil, nil
			}
		}
		return false, nil, nil
	}
	if d.typeTo == "" {
		if isKey {
			switch {
			case key.Matches(k, d.confirmKey(km)):
				return true, d.onConfirm, nil
			case key.Matches(k, km.Deny):
				return true, nil, nil
			}
		}
		return false, nil, nil
	}
	// A printable key is always typed into the name, even when the
	// `[keys]` table binds a letter to select or back.
	if isKey && !common.Typed(k) {
		switch {
		case key.Matches(k, km.Back):
			return true, nil, nil
		case key.Matches(k, km.Select):
			if d.input.Value() == d.typeTo {
				return true, d.onConfirm, nil
			}
			d.mismatch = true
			return false, nil, nil
		}
	}
	before := d.input.Value()
	d.input, cmd = d.input.Update(msg)
	if d.input.Value() != before {
		d.mismatch = false
	}
	return false, nil, cmd
}

// view renders the dialog box, at most w×h cells.
func (d *dialog) view(s *common.Styles, km *common.KeyMap, w, h int) string {
	// Error details are wider: a more_info link must fit on one line.
	minW := 40
	if d.kind == dialogError {
		minW = 60
	}
	boxW := min(max(w*2/3, minW), 76, w)
	inner := max(boxW-s.Dialog.GetHorizontalFrameSize(), 1)
	var body []string
	for _, para := range strings.Split(d.body, "\n") {
		body = append(body, hangingWrap(para, inner)...)
	}
	var tail []string
	keys := d.help(km)
	switch {
	case d.kind == dialogError:
		tail = append(tail, s.Subtle.Render(helpText(keys)))
	case d.typeTo != "":
		tail = append(tail, "Type "+s.Bold.Render(d.typeTo)+" to confirm:")
		in := d.input
		in.SetStyles(s.Input)
		in.SetWidth(max(inner-3, 1))
		tail = append(tail, in.View())
		if d.mismatch {
			tail = append(tail, s.Error.Render("That is not the name; nothing was deleted."))
		}
		tail = append(tail, s.Subtle.Render(helpText(keys)))
	case d.dangerous:
		// No is the focused button: yes takes a deliberate key.
		tail = append(tail, s.Button.Render(d.confirmKey(km).Help().Key+": yes")+" "+s.ButtonFocus.Render(km.Deny.Help().Key+": no"))
	default:
		tail = append(tail, s.ButtonFocus.Render(km.Confirm.Help().Key+": yes")+" "+s.Button.Render(km.Deny.Help().Key+": no"))
	}
	lines := fitDialogLines(s.DialogTitle.Render(common.Truncate(d.title, inner)), body, tail,
		max(h-s.Dialog.GetVerticalFrameSize(), 1))
	for i, l := range lines {
		lines[i] = common.Truncate(l, inner)
	}
	return s.Dialog.Width(boxW).Render(strings.Join(lines, "\n"))
}

// fitDialogLines stacks a dialog's title, body and tail (the answer: the
// buttons, or the name being typed and its keys) in at most maxLines
// lines. When they do not fit, the blank separators go first, then the
// end of the body (marked …): the tail is how the dialog is answered, so
// it is the last thing to lose.
func fitDialogLines(title string, body, tail []string, maxLines int) []string {
	lines := append(append(append([]string{title, ""}, body...), ""), tail...)
	if len(lines) <= maxLines {
		return lines
	}
	room := maxLines - 1 - len(tail) // title, body, tail
	if room > 0 && room < len(body) {
		body = append(body[:room-1:room-1], "…")
	} else if room <= 0 {
		body = nil
	}
	lines = append(append([]string{title}, body...), tail...)
	if len(lines) > maxLines {
		lines = lines[len(lines)-maxLines:]
	}
	return lines
}

// help is the dialog's keys, for its own hint line and the shell's help
// line (which must not advertise the view's keys while a dialog has
// them all).
func (d *dialog) help(km *common.KeyMap) []key.Binding {
	switch {
	case d.kind == dialogError:
		closeKeys := key.NewBinding(key.WithKeys(append(km.Select.Keys(), km.Back.Keys()...)...),
			key.WithHelp(km.Select.Help().Key+"/"+km.Back.Help().Key, "close"))
		return []key.Binding{closeKeys, common.WithDesc(km.Copy, "copy details")}
	case d.typeTo != "":
		return []key.Binding{common.WithDesc(km.Select, "confirm"), common.WithDesc(km.Back, "cancel")}
	}
	return []key.Binding{common.WithDesc(d.confirmKey(km), "yes"), common.WithDesc(km.Deny, "no")}
}

// confirmKey is what says yes: the confirm keys, less enter (select) on a
// dangerous dialog.
func (d *dialog) confirmKey(km *common.KeyMap) key.Binding {
	if !d.dangerous {
		return km.Confirm
	}
	var keys []string
	for _, k := range km.Confirm.Keys() {
		if !slices.Contains(km.Select.Keys(), k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		keys = []string{"y"}
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(strings.Join(keys, "/"), km.Confirm.Help().Desc))
}

// helpText is bindings as "key desc · key desc".
func helpText(bs []key.Binding) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, " · ")
}

// detailLabelW is the width of the "Label:    " column of an error's
// Detail (twilioapi pads labels to 11).
const detailLabelW = 11

// hangingWrap wraps a line to w; a "Label:    value" line of an error's
// details continues under its value, so the labels stay readable.
func hangingWrap(para string, w int) []string {
	indent := 0
	if len(para) > detailLabelW && para[detailLabelW-1] == ' ' && strings.Contains(para[:detailLabelW], ":") && w > 2*detailLabelW {
		indent = detailLabelW
	}
	if indent == 0 {
		return strings.Split(lipgloss.Wrap(para, w, " "), "\n")
	}
	value := para[indent:]
	if !strings.Contains(value, " ") && lipgloss.Width(value) > w-indent {
		// One long word (a link): whole on its own line, never broken.
		return append([]string{strings.TrimRight(para[:indent], " ")}, strings.Split(lipgloss.Wrap(value, w, " "), "\n")...)
	}
	out := strings.Split(lipgloss.Wrap(value, w-indent, " "), "\n")
	for i := range out {
		if i == 0 {
			out[i] = para[:indent] + out[i]
		} else {
			out[i] = strings.Repeat(" ", indent) + out[i]
		}
	}
	return out
}
