package ui

import (
	"context"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// viewShell addresses the shell's own calls (the outbox poll).
const viewShell common.ViewID = "shell"

// outboxState is the sandbox outbox as last polled.
type outboxState struct {
	every time.Duration
	// wait blocks until the next delivery (nil: poll every every).
	wait func(ctx context.Context) bool
	req  common.RequestID
	msgs []twilioapi.OutboxMessage
	// total is how many messages the sandbox has delivered.
	total int
}

// outboxTickMsg asks for the next outbox poll.
type outboxTickMsg struct{}

// outboxPoll schedules the next poll of the sandbox outbox. Polling is a
// Cmd; View only draws what the last poll returned.
func (m Model) outboxPoll() tea.Cmd {
	if wait := m.outbox.wait; wait != nil {
		ctx := m.c.Ctx
		if ctx == nil {
			ctx = context.Background()
		}
		return func() tea.Msg {
			if !wait(ctx) {
				return nil // the program ended
			}
			return outboxTickMsg{}
		}
	}
	every := m.outbox.every
	if every <= 0 {
		every = 1500 * time.Millisecond
	}
	return m.c.After(every, outboxTickMsg{})
}

// fetchOutboxNow asks for the first poll at once.
func (m Model) fetchOutboxNow() tea.Cmd {
	return func() tea.Msg { return outboxTickMsg{} }
}

// fetchOutbox starts one poll (unless one is in flight).
func (m *Model) fetchOutbox() tea.Cmd {
	if m.outbox.req != 0 || m.c.Client == nil {
		return nil
	}
	m.outbox.req = m.c.NextRequestID()
	cl := m.c.Client
	return common.Poll(m.c, viewShell, m.outbox.req, func(ctx context.Context) ([]twilioapi.OutboxMessage, error) {
		return cl.Outbox(ctx, "")
	})
}

// onOutbox stores a poll's answer and schedules the next.
func (m *Model) onOutbox(r common.Result[[]twilioapi.OutboxMessage]) tea.Cmd {
	if r.ID != m.outbox.req {
		return nil
	}
	m.outbox.req = 0
	if r.Err == nil {
		msgs := r.Value
		m.outbox.total = len(msgs)
		if len(msgs) > 3 {
			msgs = msgs[:3]
		}
		m.outbox.msgs = msgs
	}
	return m.outboxPoll()
}

// emptyOutboxText is the outbox line before the first delivery, with
// the AccountHint when there is one (the first thing a new user needs),
// in the longest form that fits w.
func (m Model) emptyOutboxText(w int) string {
	const plain = "✉ outbox: empty — messages the sandbox delivers appear here"
	hints := m.opts.AccountHint
	if len(hints) == 0 {
		return plain
	}
	var forms []string // the hint's fuller forms first: it matters more than the outbox
	for _, h := range hints {
		for _, prefix := range []string{plain + " · ", "✉ outbox: empty · ", "✉ "} {
			forms = append(forms, prefix+h)
		}
	}
	for _, f := range forms {
		if ansi.StringWidth(f) <= w {
			return f
		}
	}
	return forms[len(forms)-1]
}

// outboxLine is the one-line global outbox indicator: how many messages
// the sandbox delivered and the newest one, code included (it is a
// sandbox: that is the point of the demo).
func (m Model) outboxLine(w int) string {
	s := m.c.Styles
	if len(m.outbox.msgs) == 0 {
		return common.PadRight(s.Subtle.Render(m.emptyOutboxText(w)), w)
	}
	o := m.outbox.msgs[0]
	// The code first: on a narrow terminal the line is cut, and the code
	// is what a demo needs to see.
	line := s.Subtle.Render("✉ ")
	if o.Code != "" {
		line += s.Bold.Render("code "+o.Code) + s.Subtle.Render(" · ")
	}
	line += s.Subtle.Render(o.To+" "+string(o.Channel)+" "+o.DateCreated.Format("15:04:05")+" · outbox "+strconv.Itoa(m.outbox.total)+" · ") +
		s.Value.Render("“"+o.Body+"”")
	return common.PadRight(common.Truncate(line, w), w)
}
