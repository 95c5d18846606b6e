package services

import (
	"fmt"
	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// panelRows is the number of item rows a panel list shows (the list pane
// of the services layout, minus its header).
func (m Model) panelRows() int { return m.listRows() }

// viewPanel draws the open panel: its title, the list pane and the
// selected item's detail (or the panel's form over the whole view).
func (m Model) viewPanel() string {
	st := m.c.Styles
	in := m.integ
	if in.formOpen {
		return m.viewPanelForm()
	}
	l := m.layout()
	listBody, exact := m.panelList(l.listW)
	detail := m.panelDetail(l.detailW)
	off := common.ClampOffset(in.detailOffset, len(detail), l.detailH)
	listPane := pane(st.PaneFocused, listBody, l.listW, l.listH, exact)
	detailPane := pane(st.Pane, detail[off:], l.detailW, l.detailH, false)
	var body []string
	if l.wide {
		body = common.JoinColumns(listPane, detailPane)
	} else {
		body = append(listPane, detailPane...)
	}
	lines := append([]string{common.PadRight(m.panelTitleLine(), m.width)}, body...)
	return strings.Join(common.FitLines(lines, m.width, m.height, l.listW > 0 && l.listH > 0 && l.detailW > 0 && l.detailH > 0), "\n")
}

// panelTitleLine is the line above a panel: what it is, whose, where the
// cursor is.
func (m Model) panelTitleLine() string {
	st := m.c.Styles
	in := m.integ
	title := panelTitle(in.panel)
	l := in.current()
	if l.Filtering() {
		return st.Title.Render(title+" ") + l.FilterView(st, m.width-30)
	}
	of := ""
	if in.panel == panelWebhooks || in.panel == panelConfigs {
		of = " · " + in.service.FriendlyName
	} else if in.panel == panelTemplates && in.service.SID != "" {
		of = " · default for " + in.service.FriendlyName
	}
	parts := l.Position()
	if m.reqs.Any(func(r request) bool { return r.panel == in.panel && r.kind != reqPanelDelete }) {
		parts = strings.TrimPrefix(parts+" · working…", " · ")
	}
	return common.Truncate(st.Title.Render(title)+st.Subtle.Render(of)+"  "+st.Subtle.Render(parts), m.width)
}

// panelList draws the open panel's list pane content.
func (m Model) panelList(w int) ([]string, bool) {
	st, km, in := m.c.Styles, m.c.Keys, m.integ
	retry := common.KeyName(km.Refresh)
	newKey := common.KeyName(km.New)
	switch in.panel {
	case panelWebhooks:
		empty := "No webhooks yet. Press " + newKey + " to add one: Push/TOTP events are POSTed to its URL."
		if m.c.ReadOnly {
			empty = "No webhooks on this service."
		}
		nameW := min(max(w/4, 10), 24)
		row := func(on, name, events, u string) string {
			return on + " " + common.PadRight(name, nameW) + " " + common.PadRight(events, 20) + " " + u
		}
		return in.hooks.Rows(st, w, common.ListTexts{Noun: "webhooks", Retry: retry, Empty: empty},
			row(" ", "NAME", "EVENTS", "URL"), func(h twilioapi.Webhook, _ bool) string {
				on := "○"
				if h.Enabled() {
					on = "●"
				}
				return row(on, h.FriendlyName, eventsText(h.EventTypes), h.URL)
			}, !in.hooks.Filtering())
	case panelConfigs:
		empty := "No messaging configurations: SMS go out through Twilio's senders. Press " + newKey + " to add one."
		if m.c.ReadOnly {
			empty = "No messaging configurations: SMS go out through Twilio's senders."
		}
		row := func(cc, mg, upd string) string {
			return "  " + common.PadRight(cc, 8) + " " + common.PadRight(mg, 35) + upd
		}
		return in.configs.Rows(st, w, common.ListTexts{Noun: "messaging configurations", Retry: retry, Empty: empty},
			row("COUNTRY", "MESSAGING SERVICE", "UPDATED"), func(mc twilioapi.MessagingConfiguration, _ bool) string {
				return row(mc.Country, mc.MessagingServiceSID, mc.DateUpdated.UTC().Format("2006-01-02"))
			}, !in.configs.Filtering())
	case panelTemplates:
		nameW := min(max(w/2, 16), 48)
		row := func(mark, name, ch, locales string) string {
			return mark + common.PadRight(name, nameW) + " " + common.PadRight(ch, 10) + " " + locales
		}
		return in.tmpls.Rows(st, w, common.ListTexts{Noun: "templates", Retry: retry, Empty: "This account has no verification templates."},
			row("  ", "NAME", "CHANNELS", "LOCALES"), func(t twilioapi.Template, _ bool) string {
				mark := "  "
				if t.SID == in.service.DefaultTemplateSID {
					mark = "★ "
				}
				var locales []string
				for _, tr := range t.Translations {
					locales = append(locales, tr.Locale)
				}
				return row(mark, t.FriendlyName, strings.Join(t.Channels, ","), strings.Join(locales, " "))
			}, !in.tmpls.Filtering())
	case panelDeliveries:
		row := func(at, event, code, dur, what string) string {
			return "  " + common.PadRight(at, 8) + " " + common.PadRight(event, 20) + " " + common.PadRight(code, 6) +
				" " + common.PadRight(dur, 7) + " " + what
		}
		return in.log.Rows(st, w, common.ListTexts{Noun: "webhook deliveries", Retry: retry,
			Empty: "No deliveries yet. Add a webhook (or an event sink) and enrol a factor; press " + retry + " to refresh."},
			row("TIME", "EVENT", "STATUS", "TOOK", "TO / ERROR"), func(d twilioapi.WebhookDelivery, _ bool) string {
				code := "—"
				if d.StatusCode != 0 {
					code = fmt.Sprint(d.StatusCode)
				}
				if d.Attempt > 1 {
					code += " #" + fmt.Sprint(d.Attempt) // a retry, told apart from the first try
				}
				what := d.WebhookSID
				if name := in.hookNames[d.WebhookSID]; name != "" {
					what = name
				}
				if what == "" {
					what = "event sink"
				}
				if d.Error != "" {
					what += " · " + d.Error
				}
				return row(d.Time.UTC().Format("15:04:05"), shortEvent(d.Event), code, fmt.Sprintf("%dms", d.Duration.Milliseconds()), what)
			}, !in.log.Filtering())
	}
	return nil, false
}

// eventsText is a webhook's event types, short.
func eventsText(es []twilioapi.WebhookEvent) string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = string(e)
	}
	return strings.Join(out, ",")
}

// shortEvent drops the Event Streams prefix of verification events.
func shortEvent(e string) string {
	return strings.Replace(e, "com.twilio.accountsecurity.verify.", "", 1)
}

// panelDetail is the selected item's detail lines, w cells wide.
func (m Model) panelDetail(w int) []string {
	st, in := m.c.Styles, m.integ
	var rows []kv
	var extra []string
	switch in.panel {
	case panelWebhooks:
		h, ok := in.hooks.Selected()
		if !ok {
			return nil
		}
		rows = []kv{{"Name", h.FriendlyName}, {"SID", h.SID}, {"Status", h.Status}, {"URL", h.URL}, {"Method", h.Method},
			{"Version", h.Version}, {"Events", eventsText(h.EventTypes)}, {"Created", stamp(h.DateCreated)}, {"Updated", stamp(h.DateUpdated)}}
		extra = append([]string{""}, subtle(st, wrap("Each POST carries X-Twilio-Signature: HMAC-SHA1 of the URL and the "+
			"sorted parameters, keyed with the auth token.", w, ""))...)
	case panelConfigs:
		mc, ok := in.configs.Selected()
		if !ok {
			return nil
		}
		rows = []kv{{"Country", mc.Country}, {"Messaging service", mc.MessagingServiceSID}, {"Created", stamp(mc.DateCreated)},
			{"Updated", stamp(mc.DateUpdated)}}
		extra = append([]string{""}, subtle(st, wrap("SMS to "+countryName(mc.Country)+" go out through this Messaging Service's senders.", w, ""))...)
	case panelTemplates:
		t, ok := in.tmpls.Selected()
		if !ok {
			return nil
		}
		def := "no"
		if t.SID == in.service.DefaultTemplateSID {
			def = "yes"
		}
		rows = []kv{{"Name", t.FriendlyName}, {"SID", t.SID}, {"Channels", strings.Join(t.Channels, ", ")}, {"Service default", def}}
		extra = append(extra, "", st.Heading.Render("Translations"))
		for _, tr := range t.Translations {
			label := tr.Locale
			if tr.IsDefault {
				label += " (default)"
			}
			extra = append(extra, st.Label.Render(label)+" "+st.Subtle.Render(tr.Status))
			extra = append(extra, wrap(tr.Text, w-2, "  ")...)
		}
	case panelDeliveries:
		d, ok := in.log.Selected()
		if !ok {
			return nil
		}
		code := "no answer"
		if d.StatusCode != 0 {
			code = fmt.Sprint(d.StatusCode)
		}
		rows = []kv{{"Time", stamp(d.Time)}, {"Event", d.Event}, {"Target", d.Target}, {"Webhook", orNone(d.WebhookSID)},
			{"URL", d.URL}, {"Attempt", fmt.Sprint(d.Attempt)}, {"HTTP status", code},
			{"Duration", fmt.Sprintf("%d ms", d.Duration.Milliseconds())}, {"Error", orNone(d.Error)}}
	}
	labelW := 0
	for _, r := range rows {
		labelW = max(labelW, len(r.label))
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, common.Truncate(st.Label.Render(common.PadRight(r.label, labelW+1))+" "+st.Value.Render(r.value), w))
	}
	for _, e := range extra {
		lines = append(lines, common.Truncate(e, w))
	}
	return lines
}

// subtle renders each line in the subtle style.
func subtle(st *common.Styles, lines []string) []string {
	for i, l := range lines {
		lines[i] = st.Subtle.Render(l)
	}
	return lines
}

// wrap breaks text into lines of at most w cells, each prefixed.
func wrap(text string, w int, prefix string) []string {
	w = max(w-len(prefix), 10)
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > w {
			out = append(out, prefix+line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		out = append(out, prefix+line)
	}
	return out
}

// viewPanelForm draws the webhook or messaging configuration form.
func (m Model) viewPanelForm() string {
	st, in := m.c.Styles, m.integ
	var title string
	switch {
	case in.panel == panelWebhooks && in.formEdit:
		title = "Edit webhook " + in.hookBase.FriendlyName + " (" + in.hookBase.SID + ")"
	case in.panel == panelWebhooks:
		title = "New webhook on " + in.service.FriendlyName
	case in.formEdit:
		title = "Messaging configuration " + in.configBase.Country + " of " + in.service.FriendlyName
	default:
		title = "New messaging configuration on " + in.service.FriendlyName
	}
	if m.reqs.Any(is(reqPanelSave)) {
		title += " — saving…"
	}
	f := in.form
	w, h := m.width-2, m.height-3
	body := strings.Split(f.View(st, w, h), "\n")
	lines := append([]string{common.Truncate(st.Title.Render(title), m.width)}, pane(st.PaneFocused, body, w, h, false)...)
	return common.Fit(strings.Join(lines, "\n"), m.width, m.height)
}
