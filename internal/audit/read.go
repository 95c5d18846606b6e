package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Filter selects records; the zero Filter selects all.
type Filter struct {
	// Since keeps records at or after this time.
	Since time.Time
	// Operator keeps records of this operator (exact user name).
	Operator string
}

// Match reports whether r passes f.
func (f Filter) Match(r Record) bool {
	if !f.Since.IsZero() && r.Time.Before(f.Since) {
		return false
	}
	return f.Operator == "" || r.Operator == f.Operator
}

// Read returns the records of dir that pass f, oldest first, across the
// rotated files. Lines that are not a record (a line torn by a writer
// that died, anything hand-edited) are skipped and counted, never fatal:
// one bad line must not hide the rest of the trail. A missing trail is no
// records.
func Read(dir string, f Filter) (recs []Record, skipped int, err error) {
	files, err := trailFiles(dir)
	if err != nil {
		return nil, 0, err
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue // rotated away since the listing
		}
		if err != nil {
			return nil, 0, err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Bytes()
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			var r Record
			if json.Unmarshal(line, &r) != nil || r.Action == "" {
				skipped++
				continue
			}
			if f.Match(r) {
				recs = append(recs, r)
			}
		}
		if sc.Err() != nil {
			skipped++ // an over-long line ends this file's reading
		}
	}
	return recs, skipped, nil
}

// trailFiles lists the audit files of dir, oldest first: audit.jsonl.N …
// audit.jsonl.1, audit.jsonl.
func trailFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	type rotated struct {
		n    int
		path string
	}
	var rs []rotated
	current := ""
	for _, e := range ents {
		name := e.Name()
		if name == FileName {
			current = filepath.Join(dir, name)
			continue
		}
		if suffix, ok := strings.CutPrefix(name, FileName+"."); ok {
			if n, err := strconv.Atoi(suffix); err == nil && n > 0 {
				rs = append(rs, rotated{n, filepath.Join(dir, name)})
			}
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].n > rs[j].n })
	out := make([]string, 0, len(rs)+1)
	for _, r := range rs {
		out = append(out, r.path)
	}
	if current != "" {
		out = append(out, current)
	}
	return out, nil
}
