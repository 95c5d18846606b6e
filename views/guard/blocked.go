package guard

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// Blocked sends are found among the newest attempts of the service:
// scanPages pages of attemptsPageSize, at most maxBlocked kept.
const (
	attemptsPageSize = 100
	scanPages        = 5
	maxBlocked       = 100
)

// blockedCodes are the refusals the panel lists: Fraud Guard and Geo
// Permissions. A start a Service Rate Limit refuses (20429) is no attempt,
// so it cannot be listed.
func blockedCodes() map[int]string {
	return map[int]string{60410: "Fraud Guard", 60605: "Geo Permissions"}
}

// blockedState is the Blocked sends panel.
type blockedState struct {
	attempts []twilioapi.Attempt
	// scanned is how many attempts were looked at; more says older ones
	// were not.
	scanned int
	more    bool
	loaded  bool
	err     error
}

// blockedLoaded is the result of a scan.
type blockedLoaded struct {
	attempts []twilioapi.Attempt
	scanned  int
	more     bool
}

// loadBlocked scans the service's newest attempts for blocked ones.
func (m *Model) loadBlocked(bg bool) tea.Cmd {
	if !m.hasService() {
		return nil
	}
	svc := m.service.SID
	m.reqs.Drop(is(reqBlocked))
	codes := blockedCodes()
	return start(m, request{kind: reqBlocked, service: svc, background: bg}, func(ctx context.Context, cl *twilioapi.Client) (blockedLoaded, error) {
		var out blockedLoaded
		token := ""
		for page := 0; page < scanPages; page++ {
			p, err := cl.ListAttemptsPage(ctx, twilioapi.AttemptFilter{ServiceSID: svc}, attemptsPageSize, token)
			if err != nil {
				return blockedLoaded{}, err
			}
			out.scanned += len(p.Attempts)
			for _, a := range p.Attempts {
				if _, ok := codes[a.ErrorCode]; ok && len(out.attempts) < maxBlocked {
					out.attempts = append(out.attempts, a)
				}
			}
			if token = p.NextPageToken; token == "" {
				return out, nil
			}
		}
		out.more = true
		return out, nil
	})
}

// onBlockedLoaded applies a scan.
func (m Model) onBlockedLoaded(r common.Result[blockedLoaded]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || m.stale(req) {
		return m, nil
	}
	if r.Err != nil {
		m.blocked.err = r.Err
		return m, nil
	}
	v := r.Value
	m.blocked = blockedState{attempts: v.attempts, scanned: v.scanned, more: v.more, loaded: true}
	m.cursors[secBlocked] = min(m.cursors[secBlocked], max(len(v.attempts)-1, 0))
	return m, nil
}

// selectedBlocked is the attempt under the cursor.
func (m Model) selectedBlocked() (twilioapi.Attempt, bool) {
	i := m.cursors[secBlocked]
	if i < 0 || i >= len(m.blocked.attempts) {
		return twilioapi.Attempt{}, false
	}
	return m.blocked.attempts[i], true
}

// updateBlocked handles the Blocked sends panel's keys.
func (m Model) updateBlocked(k tea.KeyPressMsg) (Model, tea.Cmd) {
	kmap := m.c.Keys
	if key.Matches(k, kmap.Refresh) {
		after := m.loadBlocked(false)
		return m, after
	}
	a, ok := m.selectedBlocked()
	if !ok || !strings.HasPrefix(a.To, "+") {
		return m, nil
	}
	switch {
	case key.Matches(k, kmap.Get(keySafeList)):
		if m.c.ReadOnly {
			return m, common.ReadOnlyRefused()
		}
		after := m.addToSafeList(a.To, false)
		return m, after
	case key.Matches(k, kmap.Select):
		after := m.inspect(a.To)
		return m, after
	}
	return m, nil
}

// maskNumber hides the middle of a number: its prefix (where pumping
// shows) and last four digits stay ("+1415•••0102").
func maskNumber(n string) string {
	if !strings.HasPrefix(n, "+") || len(n) < 10 {
		return twilioapi.Mask(n)
	}
	return n[:5] + "•••" + n[len(n)-4:]
}

// renderBlocked draws the Blocked sends panel.
func (m Model) renderBlocked(d *doc) {
	st := m.c.Styles
	d.heading("Blocked sends")
	d.text(st.Subtle, "Recent starts of the current service that Fraud Guard (60410) or Geo Permissions (60605) refused. "+
		"A start a rate limit refuses (20429) makes no attempt, so it is not listed: the Rate limits panel shows the buckets.")
	d.blank()
	switch {
	case !m.hasService():
		d.text(st.Subtle, m.c.Keys.NoService())
		return
	case m.blocked.err != nil && !m.blocked.loaded:
		d.loadFailed(common.Explain("Loading attempts", m.blocked.err, nil, m.c.Now(), ""), m.c.Keys.Refresh)
		return
	case !m.blocked.loaded:
		d.text(st.Subtle, "Loading attempts of "+m.service.FriendlyName+"…")
		return
	}
	scope := fmt.Sprintf("the newest %d attempts", m.blocked.scanned)
	if !m.blocked.more {
		scope = fmt.Sprintf("all %d attempts", m.blocked.scanned)
	}
	if len(m.blocked.attempts) == 0 {
		d.text(st.Subtle, "Nothing blocked among "+scope+" of "+m.service.FriendlyName+".")
		return
	}
	codes := blockedCodes()
	cols := func(n, c, t, why string) string { return fmt.Sprintf("%-13s %-3s %-14s %s", n, c, t, why) }
	d.header(cols("NUMBER", "CC", "TIME (UTC)", "BLOCKED BY"))
	for i, a := range m.blocked.attempts {
		why := fmt.Sprintf("%s %d", codes[a.ErrorCode], a.ErrorCode)
		d.row(cols(maskNumber(a.To), orDash(a.Country), a.DateCreated.UTC().Format("01-02 15:04:05"), why), i == m.cursors[secBlocked])
	}
	d.blank()
	d.text(st.Subtle, fmt.Sprintf("%d blocked among %s.", len(m.blocked.attempts), scope))
}
