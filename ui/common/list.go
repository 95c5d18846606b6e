package common

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// List is the list half of every list + detail screen: the loaded pages
// of items, a `/` filter over them, the cursor and the visible window,
// with the same keys, scrolling, paging and empty/loading/error states in
// every view. It does no I/O: the view fetches pages (NeedsMore says
// when) and feeds them in with SetItems and AddPage.
//
// Only the visible rows are drawn, so a frame costs the same with 50 or
// 50,000 loaded items. Methods that change or remove items copy the
// slices they change, so an earlier copy of a view keeps its own list;
// appends grow in place, which an earlier copy, with its own length,
// never sees.
type List[T any] struct {
	items []T
	// lower caches each item's lower-cased filter text.
	lower []string
	// view is the indices of items that pass the filter, in order.
	view   []int
	filter string
	cursor int // index into view
	offset int // first visible row
	// height is how many rows the list area has (below its header).
	height int
	// next is the token of the next page ("" when all are loaded).
	next string
	// loaded is true once the first page arrived.
	loaded bool
	// err is the last load failure (shown in place of an empty list).
	err error

	id   func(T) string
	text func(T) string

	filtering bool
	input     textinput.Model
}

// NewList builds an empty list; id names an item (selection survives
// refreshes and filtering by it), text is what the filter matches.
// placeholder is the filter's hint ("filter by name or SID").
func NewList[T any](id, text func(T) string, placeholder string) List[T] {
	in := NewInput()
	in.Prompt = "/"
	in.Placeholder = placeholder
	in.CharLimit = 64
	return List[T]{id: id, text: text, input: in}
}

// SetItems replaces the loaded items (a first load or refresh), keeping
// the cursor on the selected item when it is still there.
func (l *List[T]) SetItems(items []T, next string) {
	keep := l.SelectedID()
	l.items, l.lower = nil, nil
	l.next, l.loaded, l.err = next, true, nil
	l.appendItems(items)
	l.refilter(keep)
}

// AddPage appends the next page, keeping the selection.
func (l *List[T]) AddPage(items []T, next string) {
	keep := l.SelectedID()
	l.next = next
	// Appended in place (amortised, so loading page after page stays
	// linear): an earlier copy of the view keeps its own length and never
	// sees the new items, and only the newest copy is ever extended.
	l.items = append(l.items, items...)
	for _, it := range items {
		l.lower = append(l.lower, strings.ToLower(l.text(it)))
	}
	l.refilter(keep)
}

// appendItems adds items to fresh slices.
func (l *List[T]) appendItems(items []T) {
	for _, it := range items {
		l.items = append(l.items, it)
		l.lower = append(l.lower, strings.ToLower(l.text(it)))
	}
}

// SetError records a failed load; the list keeps what it had.
func (l *List[T]) SetError(err error) { l.err = err }

// Err is the last load failure (nil after a successful load).
func (l List[T]) Err() error { return l.err }

// Loaded reports whether the first page arrived.
func (l List[T]) Loaded() bool { return l.loaded }

// Next is the token of the next page ("" when everything is loaded).
func (l List[T]) Next() string { return l.next }

// Items are every loaded item, in order (do not modify).
func (l List[T]) Items() []T { return l.items }

// Len is how many items are loaded; Shown how many pass the filter.
func (l List[T]) Len() int { return len(l.items) }

// Shown is how many loaded items pass the filter.
func (l List[T]) Shown() int { return len(l.view) }

// Cursor is the selected row among the shown items.
func (l List[T]) Cursor() int { return l.cursor }

// Filter is the filter text ("" when none).
func (l List[T]) Filter() string { return l.filter }

// Selected is the item under the cursor.
func (l List[T]) Selected() (T, bool) {
	if l.cursor < 0 || l.cursor >= len(l.view) {
		var zero T
		return zero, false
	}
	return l.items[l.view[l.cursor]], true
}

// SelectedID is the selected item's id ("" when none).
func (l List[T]) SelectedID() string {
	if it, ok := l.Selected(); ok {
		return l.id(it)
	}
	return ""
}

// Find returns the loaded item with this id.
func (l List[T]) Find(id string) (T, bool) {
	for _, it := range l.items {
		if l.id(it) == id {
			return it, true
		}
	}
	var zero T
	return zero, false
}

// Select puts the cursor on the item with this id, if it is shown, and
// scrolls its row into view.
func (l *List[T]) Select(id string) bool {
	for vi, i := range l.view {
		if l.id(l.items[i]) == id {
			l.cursor = vi
			l.scroll()
			return true
		}
	}
	return false
}

// Replace updates the loaded item with it's id (after an edit).
func (l *List[T]) Replace(it T) {
	id := l.id(it)
	for i := range l.items {
		if l.id(l.items[i]) == id {
			l.items = append([]T(nil), l.items...)
			l.lower = append([]string(nil), l.lower...)
			l.items[i] = it
			l.lower[i] = strings.ToLower(l.text(it))
			l.refilter(l.SelectedID())
			return
		}
	}
}

// Insert adds an item at the top and selects it, clearing a filter that
// would hide it.
func (l *List[T]) Insert(it T) {
	l.items = append([]T{it}, l.items...)
	l.lower = append([]string{strings.ToLower(l.text(it))}, l.lower...)
	l.loaded = true
	id := l.id(it)
	l.refilter(id)
	if l.SelectedID() != id {
		l.filter = ""
		l.refilter(id)
	}
}

// Append adds an item at the end, keeping the selection.
func (l *List[T]) Append(it T) {
	keep := l.SelectedID()
	l.items = append(l.items, it)
	l.lower = append(l.lower, strings.ToLower(l.text(it)))
	l.loaded = true
	l.refilter(keep)
}

// Remove drops the item with this id.
func (l *List[T]) Remove(id string) {
	keep := l.SelectedID()
	items := make([]T, 0, len(l.items))
	lower := make([]string, 0, len(l.lower))
	for i := range l.items {
		if l.id(l.items[i]) != id {
			items = append(items, l.items[i])
			lower = append(lower, l.lower[i])
		}
	}
	l.items, l.lower = items, lower
	if keep == id {
		keep = ""
	}
	l.refilter(keep)
}

// SetFilter changes the filter text. The selection stays when it still
// matches; otherwise the cursor goes to the first match (as in fzf or
// k9s), not to wherever its old row number lands.
func (l *List[T]) SetFilter(f string) {
	keep := l.SelectedID()
	l.filter = f
	l.refilter(keep)
	if l.SelectedID() != keep {
		l.cursor, l.offset = 0, 0
	}
}

// refilter rebuilds view and puts the cursor on keep (or clamps it).
func (l *List[T]) refilter(keep string) {
	// A new slice, never the old backing array: earlier copies of the
	// view stay intact.
	l.view = make([]int, 0, len(l.lower))
	f := strings.ToLower(strings.TrimSpace(l.filter))
	for i, s := range l.lower {
		if f == "" || strings.Contains(s, f) {
			l.view = append(l.view, i)
		}
	}
	if keep != "" && l.Select(keep) {
		return
	}
	l.Move(0)
}

// Move moves the cursor by d rows, clamped to the shown items, and
// scrolls it into view.
func (l *List[T]) Move(d int) {
	l.cursor = max(0, min(l.cursor+d, len(l.view)-1))
	l.scroll()
}

// SetCursor puts the cursor on shown row i (clamped).
func (l *List[T]) SetCursor(i int) { l.cursor = 0; l.Move(i) }

// SetHeight gives the list its number of rows below the header (the
// view's pane height minus borders and header), keeping the cursor in
// view.
func (l *List[T]) SetHeight(rows int) {
	l.height = max(rows, 0)
	l.scroll()
}

// itemRows is how many items fit: every row, or all but the last when
// more items are shown than fit (the last row then says "↓ N more").
func (l List[T]) itemRows() int {
	if len(l.view) > l.height && l.height > 2 {
		return l.height - 1
	}
	return l.height
}

// scroll keeps the cursor within the visible window.
func (l *List[T]) scroll() {
	h := l.itemRows()
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

// NeedsMore reports whether the next page should be fetched: more exist
// and the cursor is within a screen of the loaded end.
func (l List[T]) NeedsMore() bool {
	return l.next != "" && len(l.view)-l.cursor <= max(l.height, 1)
}

// Step is how far a list key moves the cursor; ok is false for keys that
// do not move it.
func (l List[T]) Step(k tea.KeyPressMsg, km *KeyMap) (d int, ok bool) {
	return StepKey(k, km, max(l.itemRows(), 1), len(l.view))
}

// StepKey is how far a list key moves a cursor or a pane: a row for
// up/down, page for the page keys and all for home/end (enough to reach
// either end); ok is false for keys that do not move it.
func StepKey(k tea.KeyPressMsg, km *KeyMap, page, all int) (d int, ok bool) {
	switch {
	case key.Matches(k, km.Up):
		return -1, true
	case key.Matches(k, km.Down):
		return 1, true
	case key.Matches(k, km.PageUp):
		return -page, true
	case key.Matches(k, km.PageDown):
		return page, true
	case key.Matches(k, km.Home):
		return -all, true
	case key.Matches(k, km.End):
		return all, true
	}
	return 0, false
}

// RowAt is the shown row under line y of the rows area (0 = the first
// row below the header), or -1.
func (l List[T]) RowAt(y int) int {
	if y < 0 || y >= l.itemRows() || l.offset+y >= len(l.view) {
		return -1
	}
	return l.offset + y
}

// Filtering reports whether the filter input has focus.
func (l List[T]) Filtering() bool { return l.filtering }

// StartFilter focuses the filter input on the current filter text.
func (l *List[T]) StartFilter() tea.Cmd {
	l.filtering = true
	l.input.SetValue(l.filter)
	l.input.CursorEnd()
	return l.input.Focus()
}

// UpdateFilter handles a key or paste while the filter has focus: esc
// clears and leaves it, enter keeps it and leaves, ↑/↓ move the cursor,
// anything else edits the text (letters are typed whatever they are bound
// to). done is true when the filter lost focus.
func (l *List[T]) UpdateFilter(msg tea.Msg, km *KeyMap) (cmd tea.Cmd, done bool) {
	if k, ok := msg.(tea.KeyPressMsg); ok && !Typed(k) {
		switch {
		case key.Matches(k, km.Back):
			l.filtering = false
			l.input.Blur()
			l.SetFilter("")
			return nil, true
		case key.Matches(k, km.Select):
			l.filtering = false
			l.input.Blur()
			return nil, true
		case key.Matches(k, km.Up):
			l.Move(-1)
			return nil, false
		case key.Matches(k, km.Down):
			l.Move(1)
			return nil, false
		}
	}
	l.input, cmd = l.input.Update(msg)
	if v := l.input.Value(); v != l.filter {
		l.SetFilter(v)
	}
	return cmd, false
}

// FilterView is the filter input, w cells wide, for a view's title line.
func (l List[T]) FilterView(st *Styles, w int) string {
	in := l.input
	in.SetStyles(st.Input)
	in.SetWidth(max(w, 10))
	return in.View()
}

// Position is the title's "3/120 · 120 loaded · more on scroll" summary.
func (l List[T]) Position() string {
	var parts []string
	if len(l.view) > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d", l.cursor+1, len(l.view)))
	}
	switch {
	case l.filter != "":
		parts = append(parts, fmt.Sprintf("%d of %d loaded match /%s", len(l.view), len(l.items), l.filter))
	case l.loaded:
		parts = append(parts, fmt.Sprintf("%d loaded", len(l.items)))
	}
	if l.next != "" {
		parts = append(parts, "more on scroll")
	}
	return strings.Join(parts, " · ")
}

// Visible is the items in the window, for a view that draws its rows
// itself, and the cursor's index among them (-1 when it is not there).
func (l List[T]) Visible() (items []T, cursor int) {
	cursor = -1
	for r := 0; r < l.itemRows() && l.offset+r < len(l.view); r++ {
		if l.offset+r == l.cursor {
			cursor = r
		}
		items = append(items, l.items[l.view[l.offset+r]])
	}
	return items, cursor
}

// MoreNote is what the window's last row says when not every item fits
// ("↓ 12 more", or "↑ 5 above" at the end); "" when all fit.
func (l List[T]) MoreNote() string {
	items := l.itemRows()
	if items == l.height || len(l.view) <= l.height {
		return ""
	}
	if more := len(l.view) - (l.offset + items); more > 0 {
		return fmt.Sprintf("↓ %d more", more)
	}
	return fmt.Sprintf("↑ %d above", l.offset)
}

// ListTexts are a list's words for its empty states.
type ListTexts struct {
	// Noun is the plural of what is listed ("services").
	Noun string
	// Empty is shown when nothing exists yet ("No services yet. Press n
	// to create one.").
	Empty string
	// Retry names the key that reloads ("r").
	Retry string
}

// Rows draws the list in w×(height+1) cells (SetHeight): a header row,
// then the visible rows drawn by row (selected says the cursor is on
// it), each padded to w, and "↓ N more" on the last row when more are
// below. In place of rows it shows the state: the load error (with
// Twilio's hint and how to retry), loading, empty, or no match for the
// filter. exact is true when the lines already fill the area.
func (l List[T]) Rows(st *Styles, w int, texts ListTexts, header string, row func(it T, selected bool) string, focused bool) (lines []string, exact bool) {
	// A state is a sentence that says what to do next: it wraps to the
	// pane rather than losing its end ("Press n to add one") to a cut.
	say := func(style func(...string) string, text string) []string { return Hanging("", text, style, w) }
	switch {
	case l.err != nil && len(l.items) == 0:
		// Worded as every panel words a failure (Explain: "Loading
		// services failed: Authenticate (Twilio 20003, HTTP 401)"), with
		// the client's hint and how to retry under it.
		hint := []string{}
		if e := twilioapi.AsError(l.err); e != nil && HintOnly(e) != "" {
			hint = append(hint, HintOnly(e))
		}
		p := Explain("Loading "+texts.Noun, l.err, hint, time.Time{}, "")
		return append(p.Render(st, w, ""), Hanging("  ", RetryHint(texts.Retry), st.Subtle.Render, w)...), false
	case !l.loaded:
		return say(st.Subtle.Render, "Loading "+texts.Noun+"…"), false
	case len(l.items) == 0:
		return say(st.Subtle.Render, texts.Empty), false
	case len(l.view) == 0:
		return say(st.Subtle.Render, fmt.Sprintf("No loaded %s match %q.", texts.Noun, l.filter)), false
	}
	if w <= 0 || l.height <= 0 {
		return nil, false
	}
	out := make([]string, 0, l.height+1)
	out = append(out, st.Header.Render(PadRight(header, w)))
	items := l.itemRows()
	blank := strings.Repeat(" ", w)
	for r := 0; r < l.height; r++ {
		vi := l.offset + r
		if r == items {
			// The last row says there is more below (k9s, lazygit).
			out = append(out, st.Subtle.Render(PadRight("  "+l.MoreNote(), w)))
			continue
		}
		if vi >= len(l.view) {
			out = append(out, blank)
			continue
		}
		selected := vi == l.cursor
		line := PadRight(row(l.items[l.view[vi]], selected), w)
		switch {
		case selected && focused:
			out = append(out, st.Selected.Render(line))
		case selected:
			out = append(out, st.Bold.Render(line))
		default:
			out = append(out, st.Row.Render(line))
		}
	}
	return out, true
}
