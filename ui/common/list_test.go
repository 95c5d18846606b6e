package common

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

type item struct{ id, name string }

func newItemList() List[item] {
	return NewList(func(i item) string { return i.id }, func(i item) string { return i.name }, "filter")
}

func items(from, n int) []item {
	out := make([]item, n)
	for i := range out {
		out[i] = item{id: fmt.Sprintf("ID%03d", from+i), name: fmt.Sprintf("name %03d", from+i)}
	}
	return out
}

func rows(l List[item], w int) []string {
	lines, _ := l.Rows(NewStyles(PlainTheme()), w, ListTexts{Noun: "things", Empty: "none yet", Retry: "r"}, "ID",
		func(i item, _ bool) string { return i.id + " " + i.name }, true)
	for i := range lines {
		lines[i] = strings.TrimRight(ansi.Strip(lines[i]), " ")
	}
	return lines
}

// TestListStates: loading, empty, error with Twilio's hint, no match.
func TestListStates(t *testing.T) {
	l := newItemList()
	l.SetHeight(5)
	if got := rows(l, 40); got[0] != "Loading things…" {
		t.Fatalf("before the first page: %q", got)
	}
	l.SetError(&twilioapi.Error{Kind: twilioapi.KindAPI, Status: 401, Code: 20003, Message: "Authenticate", Hint: "Check the auth token."})
	if got := rows(l, 80); got[0] != "✗ Loading things failed: Authenticate (Twilio 20003, HTTP 401)" || got[1] != "  Check the auth token." || got[2] != "  Press r to retry." {
		t.Fatalf("error state: %q", got)
	}
	l.SetItems(nil, "")
	if got := rows(l, 40); got[0] != "none yet" || l.Err() != nil {
		t.Fatalf("empty state: %q (err %v)", got, l.Err())
	}
	l.SetItems(items(0, 3), "")
	l.SetFilter("zzz")
	if got := rows(l, 40); got[0] != `No loaded things match "zzz".` {
		t.Fatalf("no match: %q", got)
	}
	l.SetError(errors.New("later failure"))
	if got := rows(l, 40); strings.Contains(got[0], "later failure") {
		t.Fatal("a failed refresh must not hide the rows already loaded")
	}
}

// TestListScrollAndMore: the cursor stays visible, the last row says how
// many are below (or above at the end), and RowAt maps rows back.
func TestListScrollAndMore(t *testing.T) {
	l := newItemList()
	l.SetHeight(4)
	l.SetItems(items(0, 10), "")
	got := rows(l, 40)
	if len(got) != 5 || got[1] != "ID000 name 000" || got[4] != "  ↓ 7 more" {
		t.Fatalf("first screen: %q", got)
	}
	for range 5 {
		l.Move(1)
	}
	got = rows(l, 40)
	if got[3] != "ID005 name 005" || got[4] != "  ↓ 4 more" {
		t.Fatalf("cursor on 5: %q", got)
	}
	if l.RowAt(2) != 5 || l.RowAt(3) != -1 || l.RowAt(-1) != -1 {
		t.Fatalf("RowAt: %d %d", l.RowAt(2), l.RowAt(3))
	}
	l.Move(100)
	got = rows(l, 40)
	if sel, _ := l.Selected(); sel.id != "ID009" || got[3] != "ID009 name 009" || got[4] != "  ↑ 7 above" {
		t.Fatalf("at the end: %q", got)
	}
	l.SetHeight(20)
	if got := rows(l, 40); len(got) != 21 || got[10] != "ID009 name 009" || strings.Contains(strings.Join(got, "\n"), "more") {
		t.Fatalf("everything fits: %q", got)
	}
}

// TestListFilterPagingAndEdits: the selection survives a page, a filter
// and a refresh; edits copy, so an earlier copy keeps its items.
func TestListFilterPagingAndEdits(t *testing.T) {
	l := newItemList()
	l.SetHeight(5)
	l.SetItems(items(0, 10), "page2")
	l.SetCursor(7)
	if !l.NeedsMore() {
		t.Fatal("a cursor within a screen of the end must want the next page")
	}
	l.AddPage(items(10, 10), "")
	if l.SelectedID() != "ID007" || l.Len() != 20 || l.NeedsMore() {
		t.Fatalf("after a page: %s, %d, more %v", l.SelectedID(), l.Len(), l.NeedsMore())
	}
	l.SetFilter("name 01")
	if l.Shown() != 10 || l.SelectedID() != "ID010" {
		t.Fatalf("filter: %d shown, cursor on %s (the first match)", l.Shown(), l.SelectedID())
	}
	before := l
	l.Remove("ID010")
	l.Replace(item{id: "ID011", name: "name 011 renamed"})
	if _, ok := before.Find("ID010"); !ok {
		t.Fatal("Remove changed an earlier copy")
	}
	if it, _ := before.Find("ID011"); it.name != "name 011" {
		t.Fatal("Replace changed an earlier copy")
	}
	l.Insert(item{id: "NEW", name: "brand new"})
	if l.SelectedID() != "NEW" || l.Filter() != "" {
		t.Fatalf("an inserted item is selected, clearing a filter that hides it: %s %q", l.SelectedID(), l.Filter())
	}
	l.SetItems(items(0, 3), "")
	if l.SelectedID() != "ID000" {
		t.Fatalf("refresh without the selected item: cursor on %s", l.SelectedID())
	}
	if l.Position() != "1/3 · 3 loaded" {
		t.Fatalf("position %q", l.Position())
	}
}

// BenchmarkAddPages loads 100,000 items a page of 100 at a time: the cost
// of a lazy log scrolled to its end.
func BenchmarkAddPages(b *testing.B) {
	pages := make([][]item, 1000)
	for i := range pages {
		pages[i] = items(i*100, 100)
	}
	for b.Loop() {
		l := newItemList()
		l.SetHeight(40)
		l.SetItems(pages[0], "next")
		for _, p := range pages[1:] {
			l.AddPage(p, "next")
		}
	}
}

// TestListSelectScrollsIntoView: selecting an item by id (a factor just
// created, a session just started) brings its row into the window, as
// moving the cursor does; it is never left under "↓ N more".
func TestListSelectScrollsIntoView(t *testing.T) {
	l := newItemList()
	l.SetHeight(4)
	l.SetItems(items(0, 10), "")
	if !l.Select("ID008") {
		t.Fatal("ID008 not found")
	}
	if _, c := l.Visible(); c < 0 {
		t.Fatalf("the selected row is not in the window: %q", rows(l, 40))
	}
	l.Select("ID000")
	if got := rows(l, 40); got[1] != "ID000 name 000" {
		t.Fatalf("back to the first: %q", got)
	}
}
