package services

import (
	"strconv"
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// list is the loaded services, the filter over them and the cursor. It
// holds only what pages have been fetched so far; more are fetched as
// the cursor nears the end (see Model.maybeLoadMore).
type list struct {
	items []twilioapi.Service
	// lower caches each item's lower-cased "name sid" for filtering.
	lower []string
	// view is the indices of items that pass the filter, in order.
	view   []int
	filter string
	cursor int // index into view
	offset int // first visible row
	// next is the token of the next page ("" when all are loaded).
	next string
	// loaded is true once the first page arrived.
	loaded bool
}

// setItems replaces the loaded services (a refresh) and keeps the cursor
// on the service with SID keep when it is still there.
func (l *list) setItems(items []twilioapi.Service, next, keep string) {
	l.items = nil
	l.lower = nil
	l.next = next
	l.loaded = true
	l.append(items)
	l.refilter(keep)
}

// append adds a page of services.
func (l *list) append(items []twilioapi.Service) {
	for _, s := range items {
		l.items = append(l.items, s)
		l.lower = append(l.lower, strings.ToLower(s.FriendlyName+" "+s.SID))
	}
}

// addPage appends the next page and re-applies the filter, keeping the
// selection.
func (l *list) addPage(items []twilioapi.Service, next string) {
	keep := l.selectedSID()
	l.next = next
	l.append(items)
	l.refilter(keep)
}

// setFilter changes the filter text. The selection stays when it still
// matches; otherwise the cursor goes to the first match (as in fzf or
// k9s), not to wherever its old row number lands.
func (l *list) setFilter(f string) {
	keep := l.selectedSID()
	l.filter = f
	l.refilter(keep)
	if l.selectedSID() != keep {
		l.cursor, l.offset = 0, 0
	}
}

// refilter rebuilds view and puts the cursor on keep (or clamps it).
func (l *list) refilter(keep string) {
	// A new slice, never the old backing array: earlier copies of the
	// model (kept by the shell to undo a panicking update) stay intact.
	l.view = make([]int, 0, len(l.lower))
	f := strings.ToLower(strings.TrimSpace(l.filter))
	for i, s := range l.lower {
		if f == "" || strings.Contains(s, f) {
			l.view = append(l.view, i)
		}
	}
	if keep != "" {
		for vi, i := range l.view {
			if l.items[i].SID == keep {
				l.cursor = vi
				return
			}
		}
	}
	l.clamp()
}

func (l *list) clamp() {
	if l.cursor >= len(l.view) {
		l.cursor = len(l.view) - 1
	}
	if l.cursor < 0 {
		l.cursor = 0
	}
}

// selected returns the service under the cursor.
func (l *list) selected() (twilioapi.Service, bool) {
	if l.cursor < 0 || l.cursor >= len(l.view) {
		return twilioapi.Service{}, false
	}
	return l.items[l.view[l.cursor]], true
}

func (l *list) selectedSID() string {
	s, _ := l.selected()
	return s.SID
}

// find returns the loaded service with this SID.
func (l *list) find(sid string) (twilioapi.Service, bool) {
	for _, s := range l.items {
		if s.SID == sid {
			return s, true
		}
	}
	return twilioapi.Service{}, false
}

// replace updates a loaded service (after an edit), copying the slices
// it changes.
func (l *list) replace(s twilioapi.Service) {
	for i := range l.items {
		if l.items[i].SID == s.SID {
			l.items = append([]twilioapi.Service(nil), l.items...)
			l.lower = append([]string(nil), l.lower...)
			l.items[i] = s
			l.lower[i] = strings.ToLower(s.FriendlyName + " " + s.SID)
			l.refilter(l.selectedSID())
			return
		}
	}
}

// insert adds a created service at the top and selects it.
func (l *list) insert(s twilioapi.Service) {
	l.items = append([]twilioapi.Service{s}, l.items...)
	l.lower = append([]string{strings.ToLower(s.FriendlyName + " " + s.SID)}, l.lower...)
	l.refilter(s.SID)
	if l.selectedSID() != s.SID {
		// The filter hides it; clear the filter so the user sees it.
		l.filter = ""
		l.refilter(s.SID)
	}
}

// remove drops a deleted service (copying, so earlier model copies keep
// their slices).
func (l *list) remove(sid string) {
	keep := l.selectedSID()
	items := make([]twilioapi.Service, 0, len(l.items))
	lower := make([]string, 0, len(l.lower))
	for i := range l.items {
		if l.items[i].SID != sid {
			items = append(items, l.items[i])
			lower = append(lower, l.lower[i])
		}
	}
	l.items, l.lower = items, lower
	if keep == sid {
		keep = ""
	}
	l.refilter(keep)
}

// move moves the cursor by d rows, clamped.
func (l *list) move(d int) {
	l.cursor += d
	l.clamp()
}

// scroll keeps the cursor within a window of h rows.
func (l *list) scroll(h int) {
	if h <= 0 {
		return
	}
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
	l.offset = max(0, min(l.offset, max(0, len(l.view)-h)))
}

// settingsFlags is the short "which settings are on" column.
func settingsFlags(s twilioapi.Service) string {
	var on []string
	add := func(b bool, name string) {
		if b {
			on = append(on, name)
		}
	}
	add(s.LookupEnabled, "lookup")
	add(s.PSD2Enabled, "psd2")
	add(s.SkipSMSToLandlines, "skip-landline")
	add(s.DTMFInputRequired, "dtmf")
	add(s.CustomCodeEnabled, "custom-code")
	add(s.DoNotShareWarningEnabled, "no-share")
	add(s.VerifyEventSubscriptionEnabled, "events")
	add(s.WhatsApp.From != "" || s.WhatsApp.MsgServiceSID != "", "whatsapp")
	add(s.Push.APNCredentialSID != "" || s.Push.FCMCredentialSID != "", "push")
	if len(on) == 0 {
		return "—"
	}
	return strings.Join(on, " ")
}

// render draws the list in w×h cells: a header row and the visible rows,
// each exactly w cells wide. Only the visible rows are formatted, so a
// frame costs the same with 50 or 50,000 loaded services.
func (l list) render(s *common.Styles, w, h int, current string, focused bool) []string {
	if w <= 0 || h <= 0 {
		return nil
	}
	nameW := min(max(w/4, 14), 32)
	sidW := 34
	lenW := 4
	showSID := w >= nameW+sidW+lenW+10
	row := func(mark, name, sid, n, flags string) string {
		var b strings.Builder
		b.WriteString(mark)
		b.WriteString(common.PadRight(name, nameW))
		b.WriteByte(' ')
		if showSID {
			b.WriteString(common.PadRight(sid, sidW))
			b.WriteByte(' ')
		}
		b.WriteString(common.PadRight(n, lenW))
		b.WriteByte(' ')
		b.WriteString(flags)
		return common.PadRight(b.String(), w)
	}
	out := make([]string, 0, h)
	out = append(out, s.Header.Render(row("  ", "NAME", "SID", "LEN", "SETTINGS ON")))
	rows := h - 1
	l.scroll(rows)
	blank := strings.Repeat(" ", w)
	for r := 0; r < rows; r++ {
		vi := l.offset + r
		if vi >= len(l.view) {
			out = append(out, blank)
			continue
		}
		sv := l.items[l.view[vi]]
		mark := "  "
		if sv.SID == current {
			mark = "★ "
		}
		line := row(mark, sv.FriendlyName, sv.SID, strconv.Itoa(sv.CodeLength), settingsFlags(sv))
		switch {
		case vi == l.cursor && focused:
			out = append(out, s.Selected.Render(line))
		case vi == l.cursor:
			out = append(out, s.Bold.Render(line))
		default:
			out = append(out, s.Row.Render(line))
		}
	}
	return out
}
