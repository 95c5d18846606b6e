package guard

import (
	"context"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// limitsPageSize is the page size of rate limit and bucket lists: Verify
// allows a service few of either, so one page is all of them.
const limitsPageSize = 100

// limitWithBuckets is a rate limit and its buckets.
type limitWithBuckets struct {
	limit   twilioapi.RateLimit
	buckets []twilioapi.Bucket
}

// limitRow is one row of the panel: a rate limit (bucket -1) or one of
// its buckets.
type limitRow struct{ limit, bucket int }

// rateLimitsState is the Rate limits panel.
type rateLimitsState struct {
	limits  []limitWithBuckets
	loaded  bool
	err     error
	note    string
	problem *common.Problem
}

// Results of the rate limit calls.
type (
	limitsLoaded struct{ limits []limitWithBuckets }
	// limitChanged is a saved or deleted rate limit or bucket; done says
	// what happened, for the flash.
	limitChanged struct{ done string }
	// deleteLimitMsg comes back from the confirm dialog (bucket nil: the
	// rate limit and its buckets).
	deleteLimitMsg struct {
		limit  twilioapi.RateLimit
		bucket *twilioapi.Bucket
	}
)

// rows flattens the limits and their buckets.
func (s rateLimitsState) rows() []limitRow {
	var out []limitRow
	for i, l := range s.limits {
		out = append(out, limitRow{i, -1})
		for j := range l.buckets {
			out = append(out, limitRow{i, j})
		}
	}
	return out
}

// selectedLimit is the row under the cursor.
func (m Model) selectedLimit() (limitRow, bool) {
	rows := m.limits.rows()
	i := m.cursors[secRateLimits]
	if i < 0 || i >= len(rows) {
		return limitRow{}, false
	}
	return rows[i], true
}

// loadLimits fetches the current service's rate limits and buckets.
func (m *Model) loadLimits(bg bool) tea.Cmd {
	if !m.hasService() {
		return nil
	}
	svc := m.service.SID
	m.reqs.Drop(is(reqLimits))
	return start(m, request{kind: reqLimits, service: svc, background: bg}, func(ctx context.Context, cl *twilioapi.Client) (limitsLoaded, error) {
		var out []limitWithBuckets
		token := ""
		for {
			p, err := cl.ListRateLimitsPage(ctx, svc, limitsPageSize, token)
			if err != nil {
				return limitsLoaded{}, err
			}
			for _, l := range p.RateLimits {
				bp, err := cl.ListBucketsPage(ctx, svc, l.SID, limitsPageSize, "")
				if err != nil {
					return limitsLoaded{}, err
				}
				out = append(out, limitWithBuckets{limit: l, buckets: bp.Buckets})
			}
			if token = p.NextPageToken; token == "" {
				return limitsLoaded{limits: out}, nil
			}
		}
	})
}

// onLimitsLoaded applies a load.
func (m Model) onLimitsLoaded(r common.Result[limitsLoaded]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || m.stale(req) {
		return m, nil
	}
	if r.Err != nil {
		m.limits.err = r.Err
		return m, nil
	}
	m.limits.limits, m.limits.loaded, m.limits.err = r.Value.limits, true, nil
	m.cursors[secRateLimits] = min(m.cursors[secRateLimits], max(len(m.limits.rows())-1, 0))
	return m, nil
}

// limitPlaces puts rate limit errors on their fields.
func limitPlaces() common.ErrorPlaces {
	return common.ErrorPlaces{
		Params: map[string]string{"uniquename": fUniqueName, "unique name": fUniqueName, "description": fDescription,
			"max": fMax, "interval": fInterval},
		Codes: map[int]common.FieldNote{
			twilioapi.CodeRateLimitExists:      {Key: fUniqueName, Text: "This service already has a rate limit with this name (60208): add buckets to it instead."},
			twilioapi.CodeRateLimitNameFormat:  {Key: fUniqueName, Text: "Verify refuses this name's format (60209): letters, digits, '.', '-' or '_', never personal data."},
			twilioapi.CodeBucketIntervalExists: {Key: fInterval, Text: "This rate limit already has a bucket with this interval (60211): edit that bucket's Max instead."},
		},
	}
}

// rateLimitForm builds the form for a new rate limit or a description.
func rateLimitForm(kind formKind, l twilioapi.RateLimit) panelForm {
	desc := common.NewTextField(fDescription, "Description", l.Description).
		WithHint("What the key limits, for whoever reads this later (optional).")
	if kind == formRateLimitEdit {
		return panelForm{kind: kind, title: "Edit rate limit " + l.UniqueName + " (its name cannot change)", limit: l,
			form: common.NewForm(desc)}
	}
	name := common.NewTextField(fUniqueName, "Unique name", "").WithPlaceholder("end_user_ip_address").
		WithValidate(func(s string) error { return common.FieldMessage(twilioapi.ValidateRateLimitName(s)) }).
		WithHint("The key your backend sends in a start's RateLimits, e.g. end_user_ip_address. Never personal data; it cannot change later.")
	return panelForm{kind: kind, title: "New rate limit", form: common.NewForm(name, desc)}
}

// bucketForm builds the form for a new or edited bucket.
func bucketForm(kind formKind, l twilioapi.RateLimit, b twilioapi.Bucket) panelForm {
	title := "New bucket of " + l.UniqueName
	if kind == formBucketEdit {
		title = "Edit bucket of " + l.UniqueName
	}
	return panelForm{kind: kind, title: title, limit: l, bucket: b, form: common.NewForm(
		intField(fMax, "Max", b.Max, func(n int) error { return twilioapi.ValidateBucket(n, twilioapi.MinBucketInterval) }, "Starts allowed per interval for each value of the key."),
		intField(fInterval, "Interval (s)", b.Interval, func(n int) error { return twilioapi.ValidateBucket(twilioapi.MinBucketMax, n) }, "Seconds; one bucket per interval on a rate limit (60211)."),
	)}
}

// saveLimit sends the open rate limit or bucket form.
func (m *Model) saveLimit() tea.Cmd {
	f := m.form
	svc := m.service.SID
	name, desc := f.form.Get(fUniqueName), f.form.Get(fDescription)
	maxN, _ := strconv.Atoi(f.form.Get(fMax))
	interval, _ := strconv.Atoi(f.form.Get(fInterval))
	return start(m, request{kind: reqLimitChange, service: svc, fromForm: true}, func(ctx context.Context, cl *twilioapi.Client) (limitChanged, error) {
		switch f.kind {
		case formRateLimitNew:
			_, err := cl.CreateRateLimit(ctx, svc, name, desc)
			return limitChanged{done: "created rate limit " + name}, err
		case formRateLimitEdit:
			_, err := cl.UpdateRateLimit(ctx, svc, f.limit.SID, desc)
			return limitChanged{done: "saved rate limit " + f.limit.UniqueName}, err
		case formBucketNew:
			_, err := cl.CreateBucket(ctx, svc, f.limit.SID, maxN, interval)
			return limitChanged{done: "added a bucket to " + f.limit.UniqueName}, err
		}
		var u twilioapi.BucketUpdate
		if maxN != f.bucket.Max {
			u.Max = &maxN
		}
		if interval != f.bucket.Interval {
			u.Interval = &interval
		}
		if u.Max == nil && u.Interval == nil {
			return limitChanged{done: "nothing to change"}, nil
		}
		_, err := cl.UpdateBucket(ctx, svc, f.limit.SID, f.bucket.SID, u)
		return limitChanged{done: "saved a bucket of " + f.limit.UniqueName}, err
	})
}

// askDeleteLimit opens the confirm dialog for the selected row.
func (m Model) askDeleteLimit(row limitRow) tea.Cmd {
	l := m.limits.limits[row.limit]
	msg := deleteLimitMsg{limit: l.limit}
	title, body := "Delete rate limit", fmt.Sprintf("Delete rate limit %s and its %d bucket(s)?\nStarts that send this key are then refused by Verify.", l.limit.UniqueName, len(l.buckets))
	if row.bucket >= 0 {
		b := l.buckets[row.bucket]
		msg.bucket = &b
		title, body = "Delete bucket", fmt.Sprintf("Delete the bucket %s of %s?\nThat limit stops applying at once.", bucketText(b), l.limit.UniqueName)
	}
	return func() tea.Msg {
		return common.ConfirmMsg{Title: title, Body: body, Mutates: true, OnConfirm: common.ToView{View: ID, Msg: msg}}
	}
}

// deleteLimit deletes a confirmed rate limit or bucket.
func (m *Model) deleteLimit(d deleteLimitMsg) tea.Cmd {
	svc := m.service.SID
	return start(m, request{kind: reqLimitChange, service: svc}, func(ctx context.Context, cl *twilioapi.Client) (limitChanged, error) {
		if d.bucket != nil {
			return limitChanged{done: "deleted a bucket of " + d.limit.UniqueName}, cl.DeleteBucket(ctx, svc, d.limit.SID, d.bucket.SID)
		}
		return limitChanged{done: "deleted rate limit " + d.limit.UniqueName}, cl.DeleteRateLimit(ctx, svc, d.limit.SID)
	})
}

// onLimitChanged closes the form and reloads, or explains the refusal.
func (m Model) onLimitChanged(r common.Result[limitChanged]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok {
		return m, nil
	}
	if r.Err != nil {
		if req.fromForm && m.formOpen {
			return m.formFailed(r.Err, limitPlaces())
		}
		m.limits.problem = common.Explain("Delete", r.Err, nil, m.c.Now(), "")
		return m, common.Flash(common.FlashError, m.limits.problem.Reason)
	}
	if req.fromForm {
		m.closeForm()
	}
	m.limits.note, m.limits.problem = "✓ "+r.Value.done+".", nil
	after := tea.Batch(common.Flash(common.FlashInfo, r.Value.done), m.loadLimits(false))
	return m, after
}

// updateRateLimits handles the Rate limits panel's keys.
func (m Model) updateRateLimits(k tea.KeyPressMsg) (Model, tea.Cmd) {
	kmap := m.c.Keys
	row, selected := m.selectedLimit()
	mutating := key.Matches(k, kmap.New, kmap.Edit, kmap.Delete, kmap.Get(keyNewBucket))
	switch {
	case key.Matches(k, kmap.Refresh):
		m.limits.note, m.limits.problem = "", nil
		after := m.loadLimits(false)
		return m, after
	case !mutating || !m.hasService():
		return m, nil
	case m.c.ReadOnly:
		return m, common.ReadOnlyRefused()
	case key.Matches(k, kmap.New):
		after := m.openForm(rateLimitForm(formRateLimitNew, twilioapi.RateLimit{}))
		return m, after
	case !selected:
		return m, nil
	case key.Matches(k, kmap.Get(keyNewBucket)):
		after := m.openForm(bucketForm(formBucketNew, m.limits.limits[row.limit].limit, twilioapi.Bucket{}))
		return m, after
	case key.Matches(k, kmap.Edit):
		l := m.limits.limits[row.limit]
		if row.bucket >= 0 {
			after := m.openForm(bucketForm(formBucketEdit, l.limit, l.buckets[row.bucket]))
			return m, after
		}
		after := m.openForm(rateLimitForm(formRateLimitEdit, l.limit))
		return m, after
	case key.Matches(k, kmap.Delete):
		return m, m.askDeleteLimit(row)
	}
	return m, nil
}

// bucketText is a bucket as the panel says it: "10 per 60 s".
func bucketText(b twilioapi.Bucket) string {
	return fmt.Sprintf("%d per %s", b.Max, intervalText(b.Interval))
}

// intervalText is seconds in the largest exact unit.
func intervalText(s int) string {
	switch {
	case s >= 86400 && s%86400 == 0:
		return fmt.Sprintf("%d d", s/86400)
	case s >= 3600 && s%3600 == 0:
		return fmt.Sprintf("%d h", s/3600)
	case s >= 60 && s%60 == 0:
		return fmt.Sprintf("%d min", s/60)
	}
	return fmt.Sprintf("%d s", s)
}

// renderRateLimits draws the Rate limits panel.
func (m Model) renderRateLimits(d *doc) {
	st := m.c.Styles
	d.heading("Service Rate Limits")
	d.text(st.Normal, "A rate limit is a key (its unique name, e.g. end_user_ip_address) your backend sends with each start in RateLimits, "+
		"with a value (that user's IP). Each bucket allows Max starts per interval for each value; one more is refused with 429 (20429).")
	d.text(st.Subtle, "Verify caps the rate limits of a service (60207) and the buckets of a rate limit (60210); "+
		"two buckets of one rate limit cannot share an interval (60211); a unique name cannot change.")
	d.blank()
	switch {
	case !m.hasService():
		d.text(st.Subtle, m.c.Keys.NoService())
		return
	case m.limits.err != nil && !m.limits.loaded:
		d.loadFailed(common.Explain("Loading rate limits", m.limits.err, nil, m.c.Now(), ""), m.c.Keys.Refresh)
		return
	case !m.limits.loaded:
		d.text(st.Subtle, "Loading rate limits of "+m.service.FriendlyName+"…")
		return
	case len(m.limits.limits) == 0:
		empty := m.service.FriendlyName + " has no rate limits."
		if !m.c.ReadOnly {
			empty += " Press " + common.KeyName(m.c.Keys.New) + " to create one."
		}
		d.text(st.Subtle, empty)
	default:
		cur := m.cursors[secRateLimits]
		for i, r := range m.limits.rows() {
			l := m.limits.limits[r.limit]
			if r.bucket < 0 {
				line := l.limit.UniqueName
				if l.limit.Description != "" {
					line += " — " + l.limit.Description
				}
				if len(l.buckets) == 0 {
					line += " (no buckets: limits nothing)"
				}
				d.row(line, i == cur)
				continue
			}
			d.row("  ↳ at most "+bucketText(l.buckets[r.bucket])+" per value", i == cur)
		}
	}
	if m.limits.note != "" || m.limits.problem != nil {
		d.blank()
		if m.limits.note != "" {
			d.text(st.Normal, m.limits.note)
		}
		d.problem(m.limits.problem)
	}
}
