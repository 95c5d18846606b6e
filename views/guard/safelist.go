package guard

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/internal/safelist"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// maxChecked is how many of the kept numbers a load asks Twilio about
// (one fetch each, newest first): enough for a console's own list, and a
// load stays well inside the call timeout.
const maxChecked = 25

// safeStatus is what Twilio said about a kept number.
type safeStatus int

// The statuses.
const (
	safeUnchecked safeStatus = iota
	safeOnList
	safeNotOnList
	safeCheckFailed
)

// text is the ON LIST column.
func (s safeStatus) text() string {
	switch s {
	case safeOnList:
		return "✓ yes"
	case safeNotOnList:
		return "✗ no"
	case safeCheckFailed:
		return "? error"
	}
	return "–"
}

// safeEntry is a kept number and its status.
type safeEntry struct {
	safelist.Entry
	status safeStatus
}

// safeListState is the Safe List panel.
type safeListState struct {
	entries []safeEntry
	loaded  bool
	err     error
	// note is the outcome of the last action (added, looked up, removed).
	note    string
	problem *common.Problem
}

// Results of the Safe List calls.
type (
	safeLoaded struct{ entries []safeEntry }
	safeAdded  struct {
		entry safeEntry
		// keepErr is a failure to remember the number (it is on the list).
		keepErr error
	}
	safeLookedUp struct {
		number string
		onList bool
		sid    string
	}
	safeRemoved struct {
		number    string
		wasOnList bool
		keepErr   error
	}
	// removeConfirmedMsg comes back from the confirm dialog.
	removeConfirmedMsg struct{ number string }
)

// account is the account whose numbers are kept ("" without a client).
func (m Model) account() string {
	if m.c.Client == nil {
		return ""
	}
	return m.c.Client.AccountSID()
}

// keptWhere says where the numbers are kept, for the panel.
func (m Model) keptWhere() string {
	if m.c.ConfigDir == "" {
		return "kept for this session only: the embedded sandbox's account is new on every run"
	}
	return "kept in " + safelist.Path(m.c.ConfigDir) + " for account " + twilioapi.MaskSID(m.account())
}

// safeStatusOf asks Twilio whether number is on the Safe List.
func safeStatusOf(ctx context.Context, cl *twilioapi.Client, number string) safeStatus {
	_, err := cl.FetchSafeListEntry(ctx, number)
	switch {
	case err == nil:
		return safeOnList
	case twilioapi.IsNotFound(err):
		return safeNotOnList
	}
	return safeCheckFailed
}

// loadSafeList reads the kept numbers and asks Twilio about each.
func (m *Model) loadSafeList(bg bool) tea.Cmd {
	dir, account := m.c.ConfigDir, m.account()
	mem := make([]safelist.Entry, 0, len(m.safe.entries))
	for _, e := range m.safe.entries {
		mem = append(mem, e.Entry)
	}
	return start(m, request{kind: reqSafeLoad, background: bg}, func(ctx context.Context, cl *twilioapi.Client) (safeLoaded, error) {
		kept := mem
		if dir != "" {
			var err error
			if kept, err = safelist.Load(dir, account); err != nil {
				return safeLoaded{}, err
			}
		}
		out := make([]safeEntry, len(kept))
		for i := range kept {
			out[i] = safeEntry{Entry: kept[i]}
			if j := len(kept) - 1 - i; j < maxChecked && ctx.Err() == nil {
				out[i].status = safeStatusOf(ctx, cl, kept[i].Number)
			}
		}
		return safeLoaded{entries: out}, nil
	})
}

// addToSafeList puts number on the Safe List and keeps it.
func (m *Model) addToSafeList(number string, fromForm bool) tea.Cmd {
	dir, account := m.c.ConfigDir, m.account()
	entry := safelist.Entry{Number: number, Added: m.c.Now().UTC(), By: m.c.Operator.String()}
	return start(m, request{kind: reqSafeAdd, number: number, fromForm: fromForm},
		func(ctx context.Context, cl *twilioapi.Client) (safeAdded, error) {
			e, err := cl.AddToSafeList(ctx, number)
			if err != nil {
				return safeAdded{}, err
			}
			if e.PhoneNumber != "" {
				entry.Number = e.PhoneNumber
			}
			out := safeAdded{entry: safeEntry{Entry: entry, status: safeOnList}}
			if dir != "" {
				_, out.keepErr = safelist.Add(dir, account, entry)
			}
			return out, nil
		})
}

// lookUpSafeList asks whether number is on the Safe List.
func (m *Model) lookUpSafeList(number string) tea.Cmd {
	m.safe.note, m.safe.problem = "", nil
	return start(m, request{kind: reqSafeLookup, number: number},
		func(ctx context.Context, cl *twilioapi.Client) (safeLookedUp, error) {
			e, err := cl.FetchSafeListEntry(ctx, number)
			switch {
			case err == nil:
				return safeLookedUp{number: number, onList: true, sid: e.SID}, nil
			case twilioapi.IsNotFound(err):
				return safeLookedUp{number: number}, nil
			}
			return safeLookedUp{}, err
		})
}

// askRemove opens the confirm dialog for taking number off the list.
func askRemove(number string) tea.Cmd {
	return func() tea.Msg {
		return common.ConfirmMsg{
			Title: "Remove from the Safe List",
			Body: "Take " + number + " off the account's Safe List?\n" +
				"Fraud Guard and Geo Permissions will screen sends to it again (60410 / 60605 when they block it).",
			OnConfirm: common.ToView{View: ID, Msg: removeConfirmedMsg{number: number}},
			Mutates:   true,
		}
	}
}

// removeFromSafeList takes number off the list and forgets it; a number
// Twilio no longer lists is forgotten too.
func (m *Model) removeFromSafeList(number string) tea.Cmd {
	dir, account := m.c.ConfigDir, m.account()
	return start(m, request{kind: reqSafeRemove, number: number},
		func(ctx context.Context, cl *twilioapi.Client) (safeRemoved, error) {
			out := safeRemoved{number: number, wasOnList: true}
			if err := cl.RemoveFromSafeList(ctx, number); err != nil {
				if !twilioapi.IsNotFound(err) {
					return safeRemoved{}, err
				}
				out.wasOnList = false
			}
			if dir != "" {
				_, out.keepErr = safelist.Remove(dir, account, number)
			}
			return out, nil
		})
}

// safePlaces puts Safe List errors on the number field.
func safePlaces() common.ErrorPlaces {
	return common.ErrorPlaces{Params: map[string]string{"phonenumber": fNumber, "phone number": fNumber}}
}

// onSafeLoaded applies a load.
func (m Model) onSafeLoaded(r common.Result[safeLoaded]) (Model, tea.Cmd) {
	if _, ok := m.reqs.Take(r.ID); !ok {
		return m, nil
	}
	if r.Err != nil {
		m.safe.err = r.Err
		return m, nil
	}
	m.safe.entries, m.safe.loaded, m.safe.err = r.Value.entries, true, nil
	m.cursors[secSafeList] = min(m.cursors[secSafeList], max(len(m.safe.entries)-1, 0))
	return m, nil
}

// onSafeAdded applies an add: the form closes and the number is listed.
func (m Model) onSafeAdded(r common.Result[safeAdded]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if r.Err != nil {
		if req.fromForm && m.formOpen {
			return m.formFailed(r.Err, safePlaces())
		}
		m.safe.problem = common.Explain("Adding "+req.number+" to the Safe List", r.Err, nil, m.c.Now(), "")
		return m, common.Flash(common.FlashError, "Safe List: "+m.safe.problem.Reason)
	}
	if req.fromForm {
		m.closeForm()
	}
	e := r.Value.entry
	m.safe.entries = withEntry(m.safe.entries, e)
	m.safe.loaded = true
	m.safe.problem = nil
	m.safe.note = "✓ " + e.Number + " is on the Safe List: Fraud Guard and Geo Permissions no longer block it."
	if r.Value.keepErr != nil {
		m.safe.note += " It could not be kept in the list on disk: " + r.Value.keepErr.Error()
	}
	return m, common.Flash(common.FlashInfo, e.Number+" added to the Safe List")
}

// withEntry is entries with e added at the end, or replacing its number's
// status; the slice is new, so earlier copies of the view keep theirs.
func withEntry(entries []safeEntry, e safeEntry) []safeEntry {
	out := make([]safeEntry, 0, len(entries)+1)
	found := false
	for _, x := range entries {
		if x.Number == e.Number {
			x.status, found = e.status, true
		}
		out = append(out, x)
	}
	if !found {
		out = append(out, e)
	}
	return out
}

// onSafeLookedUp shows whether the number is on the list.
func (m Model) onSafeLookedUp(r common.Result[safeLookedUp]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if r.Err != nil {
		m.safe.problem = common.Explain("Looking up "+req.number, r.Err, nil, m.c.Now(), "")
		return m, nil
	}
	v := r.Value
	if v.onList {
		m.safe.note = "✓ " + v.number + " is on the Safe List (" + v.sid + ")."
		for i, e := range m.safe.entries {
			if e.Number == v.number {
				m.safe.entries = withEntry(m.safe.entries, safeEntry{Entry: e.Entry, status: safeOnList})
				m.cursors[secSafeList] = i
			}
		}
	} else {
		m.safe.note = "✗ " + v.number + " is not on the Safe List: Fraud Guard and Geo Permissions screen sends to it."
	}
	return m, nil
}

// onSafeRemoved drops the number from the panel.
func (m Model) onSafeRemoved(r common.Result[safeRemoved]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if r.Err != nil {
		m.safe.problem = common.Explain("Removing "+req.number+" from the Safe List", r.Err, nil, m.c.Now(), "")
		return m, common.Flash(common.FlashError, "Safe List: "+m.safe.problem.Reason)
	}
	out := make([]safeEntry, 0, len(m.safe.entries))
	for _, e := range m.safe.entries {
		if e.Number != req.number {
			out = append(out, e)
		}
	}
	m.safe.entries, m.safe.problem = out, nil
	m.cursors[secSafeList] = min(m.cursors[secSafeList], max(len(out)-1, 0))
	m.safe.note = "✓ " + req.number + " is off the Safe List."
	if !r.Value.wasOnList {
		m.safe.note = req.number + " was not on the Safe List any more; the console forgot it."
	}
	if r.Value.keepErr != nil {
		m.safe.note += " The list on disk could not be updated: " + r.Value.keepErr.Error()
	}
	return m, common.Flash(common.FlashInfo, req.number+" removed from the Safe List")
}

// selectedSafe is the number under the Safe List's cursor.
func (m Model) selectedSafe() (safeEntry, bool) {
	i := m.cursors[secSafeList]
	if i < 0 || i >= len(m.safe.entries) {
		return safeEntry{}, false
	}
	return m.safe.entries[i], true
}

// updateSafeList handles the Safe List panel's keys.
func (m Model) updateSafeList(k tea.KeyPressMsg) (Model, tea.Cmd) {
	km := m.c.Keys
	switch {
	case key.Matches(k, km.New):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		after := m.openForm(panelForm{kind: formSafeAdd, title: "Add a number to the Safe List",
			form: common.NewForm(numberField("Number", "", m.c.DefaultRegion))})
		return m, after
	case key.Matches(k, km.Lookup):
		after := m.openForm(panelForm{kind: formSafeLookup, title: "Is a number on the Safe List?",
			form: common.NewForm(numberField("Number", "", m.c.DefaultRegion))})
		return m, after
	case key.Matches(k, km.Delete):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		if e, ok := m.selectedSafe(); ok {
			return m, askRemove(e.Number)
		}
	case key.Matches(k, km.Copy):
		if e, ok := m.selectedSafe(); ok {
			return m, common.Copy(e.Number, e.Number)
		}
	case key.Matches(k, km.Refresh):
		m.safe.note, m.safe.problem = "", nil
		after := m.loadSafeList(false)
		return m, after
	}
	return m, nil
}

// renderSafeList draws the Safe List panel.
func (m Model) renderSafeList(d *doc) {
	st := m.c.Styles
	d.heading("Safe List")
	d.text(st.Normal, "Numbers on the account's Safe List are never blocked by Fraud Guard or Geo Permissions, on every service.")
	d.text(st.Subtle, "Twilio has no call that lists them: below are the numbers this console added, "+m.keptWhere()+".")
	d.blank()
	switch {
	case m.safe.err != nil && !m.safe.loaded:
		d.loadFailed(common.Explain("Loading the numbers", m.safe.err, nil, m.c.Now(), ""), m.c.Keys.Refresh)
	case !m.safe.loaded:
		d.text(st.Subtle, "Loading the numbers…")
	case len(m.safe.entries) == 0:
		empty := "No numbers added from this console yet."
		if !m.c.ReadOnly {
			empty += " Press " + common.KeyName(m.c.Keys.New) + " to add one."
		}
		d.text(st.Subtle, empty)
	default:
		cols := func(n, s, a string) string { return fmt.Sprintf("%-16s %-8s %s", n, s, a) }
		d.header(cols("NUMBER", "ON LIST", "ADDED (UTC)"))
		for i, e := range m.safe.entries {
			added := "–"
			if !e.Added.IsZero() {
				added = e.Added.UTC().Format("2006-01-02 15:04")
			}
			d.row(cols(e.Number, e.status.text(), added), i == m.cursors[secSafeList])
		}
	}
	if m.safe.note != "" || m.safe.problem != nil {
		d.blank()
		if m.safe.note != "" {
			d.text(st.Normal, m.safe.note)
		}
		d.problem(m.safe.problem)
	}
}

// km is a binding's key as help shows it.
