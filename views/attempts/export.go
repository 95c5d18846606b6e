package attempts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// ExportPageSize is how many attempts one export call fetches and
// writes: the largest page, so 100,000 attempts take 100 calls.
const ExportPageSize = twilioapi.AttemptsMaxPageSize

// The export form's fields.
const (
	fieldPath         = "path"
	fieldFormat       = "format"
	fieldDestinations = "destinations"
)

// The destinations choice of the export form.
const (
	destMasked = "masked"
	destFull   = "full"
)

// export is the export of the filtered log: its form, then one page per
// call into its file, with progress, until done or canceled.
type export struct {
	form *common.Form
	// gen numbers exports: a page of a canceled one is dropped.
	gen     int
	running bool
	job     *exportJob
	filter  twilioapi.AttemptFilter
	next    string
	rows    int
	pages   int
	// total is how many attempts Twilio's summary expects (0 unknown).
	total int
	// retryAt is when a rate-limited page is asked again.
	retryAt time.Time
}

// exportForm is the export's form: the file, its format and whether
// destinations are written in full.
func exportForm(now time.Time, unmasked bool) *common.Form {
	dest := destMasked
	if unmasked {
		dest = destFull
	}
	f := common.NewForm(
		common.NewTextField(fieldPath, "File", "attempts-"+now.Format("20060102-1504")+".csv").
			WithHint("Written 0600, in the directory the console runs in unless the name has one; an existing file is only replaced after you confirm.").
			WithValidate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("name the file to write")
				}
				return nil
			}),
		common.NewChoiceField(fieldFormat, "Format", []string{FormatCSV, FormatJSONL}, FormatCSV).
			WithHint("csv: a header and one row per attempt; jsonl: one JSON object per line."),
		common.NewChoiceField(fieldDestinations, "Destinations", []string{destMasked, destFull}, dest).
			WithHint("full writes phone numbers and e-mail addresses as they are."),
	)
	return &f
}

// exportRequest is what the export form asked for.
type exportRequest struct {
	path, format string
	unmask       bool
}

// request reads the form.
func (e export) request() exportRequest {
	f := e.form
	return exportRequest{path: f.Get(fieldPath), format: f.Get(fieldFormat), unmask: f.Get(fieldDestinations) == destFull}
}

// exportTarget is the checked target of a submitted export form.
type exportTarget struct {
	req    exportRequest
	target pathTarget
}

// overwriteMsg comes back from the confirm dialog: replace the file.
type overwriteMsg struct{ t exportTarget }

// exportOpened is a started export's file.
type exportOpened struct {
	job *exportJob
	req exportRequest
}

// exportPage is one page written to the export file.
type exportPage struct {
	rows int
	next string
}

// exportDone is a finished export.
type exportDone struct{ path string }

// retryExportMsg asks for a rate-limited export page again.
type retryExportMsg struct{ gen int }

// submitExport checks the form and then the target (off the UI
// goroutine).
func (m Model) submitExport() (Model, tea.Cmd) {
	if !m.exp.form.Validate() {
		return m, nil
	}
	req := m.exp.request()
	id := m.exportStep(m.exp.gen)
	return m, common.Call(m.c, ID, id, func(context.Context) (exportTarget, error) {
		t, err := statTarget(req.path)
		return exportTarget{req: req, target: t}, err
	})
}

// onTarget asks before overwriting a file, else starts the export.
func (m Model) onTarget(r common.Result[exportTarget]) (Model, tea.Cmd) {
	if _, ok := m.takeExportStep(r.ID); !ok || m.exp.form == nil {
		return m, nil
	}
	if r.Err != nil {
		return m, m.exp.form.SetError(fieldPath, r.Err.Error())
	}
	if r.Value.target.exists {
		t := r.Value
		return m, func() tea.Msg {
			return common.ConfirmMsg{
				Title:     "Overwrite file",
				Body:      fmt.Sprintf("%s exists. Replace it with the export?", t.target.path),
				OnConfirm: common.ToView{View: ID, Msg: overwriteMsg{t: t}},
			}
		}
	}
	return m.openExport(r.Value)
}

// openExport creates the export's file and starts it.
func (m Model) openExport(t exportTarget) (Model, tea.Cmd) {
	m.exp.form = nil
	m.exp.gen++
	id := m.exportStep(m.exp.gen)
	names := m.services
	return m, common.Call(m.c, ID, id, func(context.Context) (exportOpened, error) {
		j, err := openExport(t.target.path, t.req.format, t.req.unmask, names)
		return exportOpened{job: j, req: t.req}, err
	})
}

// onOpened starts writing pages, and asks the summary how many to expect.
func (m Model) onOpened(r common.Result[exportOpened]) (Model, tea.Cmd) {
	if _, ok := m.takeExportStep(r.ID); !ok || m.exp.running {
		if r.Err == nil {
			r.Value.job.abort()
		}
		return m, nil
	}
	if r.Err != nil {
		return m, tea.Batch(common.Flash(common.FlashError, "export failed: "+r.Err.Error()),
			func() tea.Msg { return common.ShowErrorMsg{Title: "Export failed", Err: r.Err} })
	}
	m.exp = export{gen: m.exp.gen, running: true, job: r.Value.job, filter: m.applied}
	return m, tea.Batch(m.exportTotal(), m.nextExportPage())
}

// exportTotal asks the summary how many attempts the export will write,
// for the progress bar: exact unless the filter names a verification or
// an e-mail address (then the bar counts rows only).
func (m *Model) exportTotal() tea.Cmd {
	sum, left := SummaryFilter(m.exp.filter)
	if len(left) > 1 || len(left) == 1 && left[0] != "status" {
		return nil
	}
	// The bar can do without a total: it is asked only when the budget
	// has a token to spare, never waited for.
	if ok, _ := m.budget.take(m.c.Now()); !ok {
		return nil
	}
	conv := m.exp.filter.Conversion
	id := m.exportStep(m.exp.gen)
	return common.ClientCall(m.c, ID, id, func(ctx context.Context, cl *twilioapi.Client) (expectedRows, error) {
		s, err := cl.AttemptsSummary(ctx, sum)
		switch conv {
		case twilioapi.Converted:
			return expectedRows(s.TotalConverted), err
		case twilioapi.Unconverted:
			return expectedRows(s.TotalUnconverted), err
		}
		return expectedRows(s.TotalAttempts), err
	})
}

// expectedRows is the summary's count for an export.
type expectedRows int

// onExportTotal keeps the expected count (a failure leaves it unknown).
func (m Model) onExportTotal(r common.Result[expectedRows]) (Model, tea.Cmd) {
	if _, ok := m.takeExportStep(r.ID); ok && m.exp.running && r.Err == nil {
		m.exp.total = int(r.Value)
	}
	return m, nil
}

// nextExportPage fetches and writes the export's next page.
func (m *Model) nextExportPage() tea.Cmd {
	if !m.exp.running || m.reqs.Any(is(reqExport)) {
		return nil
	}
	ok, wait := m.gate(reqExport)
	if !ok {
		return wait
	}
	e := m.exp
	id := m.reqs.Start(m.c, request{kind: reqExport, gen: e.gen})
	return common.ClientCall(m.c, ID, id, func(ctx context.Context, cl *twilioapi.Client) (exportPage, error) {
		page, err := cl.ListAttemptsPage(ctx, e.filter, ExportPageSize, e.next)
		if err != nil {
			return exportPage{}, err
		}
		n, err := e.job.write(page.Attempts)
		return exportPage{rows: n, next: page.NextPageToken}, err
	})
}

// onExportPage counts a written page and asks for the next, or finishes.
// A rate-limited page is asked again when Twilio says the limit clears.
func (m Model) onExportPage(r common.Result[exportPage]) (Model, tea.Cmd) {
	req, ok := m.reqs.Take(r.ID)
	if !ok || req.gen != m.exp.gen || !m.exp.running {
		return m, nil
	}
	if r.Err != nil {
		if at, ok := twilioapi.ClearsAt(r.Err, time.Time{}, m.c.Now()); ok && twilioapi.IsRateLimited(r.Err) {
			m.exp.retryAt = at
			return m, m.c.After(at.Sub(m.c.Now()), retryExportMsg{gen: m.exp.gen})
		}
		return m.failExport(r.Err)
	}
	m.exp.retryAt = time.Time{}
	m.exp.rows += r.Value.rows
	m.exp.pages++
	m.exp.next = r.Value.next
	if m.exp.next != "" {
		after := m.nextExportPage()
		return m, after
	}
	m.exp.running = false
	j := m.exp.job
	id := m.exportStep(m.exp.gen)
	return m, common.Call(m.c, ID, id, func(context.Context) (exportDone, error) {
		return exportDone{path: j.path}, j.commit()
	})
}

// onExportDone reports the finished export.
func (m Model) onExportDone(r common.Result[exportDone]) (Model, tea.Cmd) {
	if _, ok := m.takeExportStep(r.ID); !ok {
		return m, nil
	}
	rows := m.exp.rows
	m.exp = export{gen: m.exp.gen}
	if r.Err != nil {
		return m.failExport(r.Err)
	}
	return m, common.Flash(common.FlashInfo, "exported "+common.Count(rows, "attempt")+" to "+r.Value.path)
}

// failExport ends the export, leaves the target untouched and explains.
func (m Model) failExport(err error) (Model, tea.Cmd) {
	j := m.exp.job
	m.exp = export{gen: m.exp.gen}
	return m, tea.Batch(abortCmd(j), common.Flash(common.FlashError, "export failed: "+err.Error()),
		func() tea.Msg { return common.ShowErrorMsg{Title: "Export failed", Err: err} })
}

// cancelExport stops the export (esc); the file is left as it was.
func (m Model) cancelExport() (Model, tea.Cmd) {
	j, rows := m.exp.job, m.exp.rows
	m.reqs.Drop(is(reqExport))
	m.exp = export{gen: m.exp.gen}
	return m, tea.Batch(abortCmd(j), common.Flash(common.FlashWarn, fmt.Sprintf("export canceled after %d attempts; no file written", rows)))
}

// abortCmd removes an export's temporary file off the UI goroutine.
func abortCmd(j *exportJob) tea.Cmd {
	if j == nil {
		return nil
	}
	return func() tea.Msg { j.abort(); return nil }
}

// progress is the export's share done (0–1) for the bar; without a
// total it is unknown (-1).
func (e export) progress() float64 {
	if e.total <= 0 {
		return -1
	}
	return min(float64(e.rows)/float64(e.total), 1)
}
