package attempts

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// The export formats.
const (
	FormatCSV   = "csv"
	FormatJSONL = "jsonl"
)

// exportColumns are the CSV header and the JSON Lines keys, in order.
var exportColumns = []string{
	"date_created", "sid", "service_sid", "service", "verification_sid", "channel", "to", "country",
	"conversion_status", "status", "delivery_status", "error_code", "price", "price_currency",
	"carrier", "mcc", "mnc", "locale", "code_length", "date_updated",
}

// exportRow is one attempt as the export writes it, in exportColumns'
// order.
func exportRow(a twilioapi.Attempt, service string, unmask bool) []string {
	to := a.To
	if !unmask {
		to = maskDestination(to)
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	return []string{
		date(a.DateCreated), a.SID, a.ServiceSID, service, a.VerificationSID, string(a.Channel), to, a.Country,
		string(a.Conversion), a.Status, a.DeliveryStatus, num(a.ErrorCode), a.Price, a.PriceCurrency,
		a.Carrier.Name, a.Carrier.MobileCountryCode, a.Carrier.MobileNetworkCode, a.Locale, num(a.CodeLength), date(a.DateUpdated),
	}
}

// errExportClosed is a page that arrived after the export was canceled.
var errExportClosed = errors.New("the export was canceled")

// exportJob is one export's file: written page by page into a private
// temporary file next to the target, renamed over it when complete, so
// a canceled or failed export leaves the old file (or none). Only one of
// its calls runs at a time; the lock covers a cancel racing a page.
type exportJob struct {
	mu        sync.Mutex
	path, tmp string
	format    string
	unmask    bool
	services  map[string]string
	f         *os.File
	bw        *bufio.Writer
	cw        *csv.Writer
	closed    bool
	// line is the JSON Lines buffer, reused for every row.
	line []byte
}

// expandPath resolves a leading ~/ to the home directory and makes the
// path absolute.
func expandPath(p string) (string, error) {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, rest), nil
	}
	// Absolute, so the messages say which directory a bare name went to.
	return filepath.Abs(p)
}

// pathTarget is where an export would go and whether a file is there.
type pathTarget struct {
	path   string
	exists bool
}

// statTarget checks the export's target: its directory must exist and
// it must not be a directory itself.
func statTarget(p string) (pathTarget, error) {
	p, err := expandPath(p)
	if err != nil {
		return pathTarget{}, err
	}
	if fi, err := os.Stat(filepath.Dir(p)); err != nil || !fi.IsDir() {
		return pathTarget{}, fmt.Errorf("no directory %s", filepath.Dir(p))
	}
	fi, err := os.Stat(p)
	switch {
	case err == nil && fi.IsDir():
		return pathTarget{}, fmt.Errorf("%s is a directory", p)
	case err == nil:
		return pathTarget{path: p, exists: true}, nil
	case errors.Is(err, os.ErrNotExist):
		return pathTarget{path: p}, nil
	}
	return pathTarget{}, err
}

// openExport starts an export to path: a 0600 temporary file in its
// directory, with the CSV header written.
func openExport(path, format string, unmask bool, services map[string]string) (*exportJob, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		_ = f.Close()
		_ = os.Remove(f.Name())
		return nil, err
	}
	j := &exportJob{path: path, tmp: f.Name(), format: format, unmask: unmask, services: services, f: f,
		bw: bufio.NewWriterSize(f, 64<<10)}
	if format == FormatCSV {
		j.cw = csv.NewWriter(j.bw)
		if err := j.cw.Write(exportColumns); err != nil {
			j.abort()
			return nil, err
		}
	}
	return j, nil
}

// jsonLine appends row as one JSON object, keys in exportColumns' order
// (the CSV's), and a newline.
func jsonLine(b []byte, row []string) []byte {
	b = append(b, '{')
	for i, k := range exportColumns {
		if i > 0 {
			b = append(b, ',')
		}
		// The keys are plain ASCII names; values go through encoding/json.
		b = append(append(append(b, '"'), k...), '"', ':')
		v, _ := json.Marshal(row[i]) // a string always marshals
		b = append(b, v...)
	}
	return append(b, '}', '\n')
}

// write appends a page of attempts; it returns how many it wrote.
func (j *exportJob) write(as []twilioapi.Attempt) (int, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return 0, errExportClosed
	}
	for _, a := range as {
		row := exportRow(a, j.services[a.ServiceSID], j.unmask)
		if j.cw != nil {
			if err := j.cw.Write(row); err != nil {
				return 0, err
			}
			continue
		}
		j.line = jsonLine(j.line[:0], row)
		if _, err := j.bw.Write(j.line); err != nil {
			return 0, err
		}
	}
	if j.cw != nil {
		j.cw.Flush()
		if err := j.cw.Error(); err != nil {
			return 0, err
		}
	}
	return len(as), nil
}

// commit finishes the file and puts it at its path (replacing what the
// user agreed to overwrite).
func (j *exportJob) commit() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return errExportClosed
	}
	j.closed = true
	err := j.bw.Flush()
	if err == nil {
		err = j.f.Sync()
	}
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(j.tmp, j.path)
	}
	if err != nil {
		_ = os.Remove(j.tmp)
	}
	return err
}

// abort drops the temporary file; the target is left as it was.
func (j *exportJob) abort() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return
	}
	j.closed = true
	_ = j.f.Close()
	_ = os.Remove(j.tmp)
}
