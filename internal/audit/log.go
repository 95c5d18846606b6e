package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/syslog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/twilio-verify/twilio-verify/internal/filelock"
)

// The rotation defaults: a file is rotated before it grows past
// DefaultMaxBytes, and DefaultKeep rotated files are kept.
const (
	DefaultMaxBytes = 10 << 20
	DefaultKeep     = 5
)

// Options configure a Log.
type Options struct {
	// Dir is the state directory (see StateDir); it is created 0700.
	Dir string
	// MaxBytes is the size past which the file is rotated
	// (DefaultMaxBytes when 0).
	MaxBytes int64
	// Keep is how many rotated files are kept (DefaultKeep when 0).
	Keep int
	// Syslog also sends each line to syslog (journald reads it too), at
	// facility authpriv, tag "twilio-verify".
	Syslog bool
	// SyslogNetwork and SyslogAddr name the syslog server; both empty is
	// the local one (/dev/log).
	SyslogNetwork, SyslogAddr string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Log appends records to the audit file. Appends from several goroutines
// and several processes (a console, scripts, SSH sessions) interleave
// whole lines: each line is one write on an O_APPEND descriptor, under an
// exclusive lock on the file that also serialises rotation, and is synced
// before Append returns. A Log opens nothing until its first Append.
type Log struct {
	opts Options
	path string

	mu  sync.Mutex
	f   *os.File
	sys *syslog.Writer
}

// Open returns the Log of o.Dir.
func Open(o Options) *Log {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Keep <= 0 {
		o.Keep = DefaultKeep
	}
	return &Log{opts: o, path: filepath.Join(o.Dir, FileName)}
}

// Path is the current audit file.
func (l *Log) Path() string { return l.path }

func (l *Log) now() time.Time {
	if l.opts.Now != nil {
		return l.opts.Now()
	}
	return time.Now()
}

// Append writes r as one line, synced to disk, then copies it to syslog
// when asked. Any failure is returned: an action whose record is lost
// must not pass unnoticed.
func (l *Log) Append(r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.appendLine(append(line, '\n')); err != nil {
		return fmt.Errorf("audit: %s: %w", l.path, err)
	}
	if l.opts.Syslog {
		if err := l.syslogLine(line); err != nil {
			return fmt.Errorf("audit: syslog copy: %w", err)
		}
	}
	return nil
}

// Close releases the file and the syslog connection.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []error
	if l.f != nil {
		errs = append(errs, l.f.Close())
		l.f = nil
	}
	if l.sys != nil {
		errs = append(errs, l.sys.Close())
		l.sys = nil
	}
	return errors.Join(errs...)
}

// maxReopens bounds how often one append chases a file another process
// rotated away: twice is already a race lost twice.
const maxReopens = 4

// appendLine writes line under the file lock, rotating first when the
// file is full. l.mu is held.
func (l *Log) appendLine(line []byte) error {
	for range maxReopens {
		f, err := l.file()
		if err != nil {
			return err
		}
		done, err := l.appendLocked(f, line)
		if done || err != nil {
			return err
		}
		// The file was rotated (by us or another process): write to the
		// new one.
		l.dropFile()
	}
	return errors.New("the file kept being rotated away; the line was not written")
}

// appendLocked takes the file lock and writes line to f, unless f is no
// longer the current file or is full (then it rotates): done is false and
// the caller reopens.
func (l *Log) appendLocked(f *os.File, line []byte) (done bool, err error) {
	if err := filelock.Lock(f); err != nil {
		return false, err
	}
	defer filelock.Unlock(f)
	st, err := f.Stat()
	if err != nil {
		return false, err
	}
	if cur, err := os.Stat(l.path); err != nil || !os.SameFile(st, cur) {
		return false, nil
	}
	size := st.Size()
	if size > 0 && size+int64(len(line)) > l.opts.MaxBytes {
		return false, l.rotate()
	}
	if size > 0 {
		// A writer that died mid-line left no newline: start a fresh line
		// so the torn one stays alone and readers can skip it.
		var last [1]byte
		if _, err := f.ReadAt(last[:], size-1); err != nil {
			return false, err
		}
		if last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	if _, err := f.Write(line); err != nil {
		return false, err
	}
	return true, f.Sync()
}

// file opens the audit file (creating it and its directory) unless open.
func (l *Log) file() (*os.File, error) {
	if l.f != nil {
		return l.f, nil
	}
	if err := os.MkdirAll(l.opts.Dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.Mode().Perm()&0o077 != 0 {
		// A copied or restored file may be readable by others: the trail
		// names people and numbers' last digits.
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, err
		}
	}
	l.f = f
	return f, nil
}

func (l *Log) dropFile() {
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// rotate shifts audit.jsonl.1… up by one, dropping the oldest past Keep,
// and moves the current file to audit.jsonl.1. The caller holds the lock
// of the current file, so two processes never rotate at once.
func (l *Log) rotate() error {
	if err := os.Remove(l.rotated(l.opts.Keep)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for i := l.opts.Keep - 1; i >= 1; i-- {
		if err := os.Rename(l.rotated(i), l.rotated(i+1)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(l.path, l.rotated(1))
}

// rotated is the path of the i-th rotated file (1 is the newest).
func (l *Log) rotated(i int) string { return l.path + "." + strconv.Itoa(i) }

// syslogLine sends line to syslog, connecting on first use.
func (l *Log) syslogLine(line []byte) error {
	if l.sys == nil {
		w, err := syslog.Dial(l.opts.SyslogNetwork, l.opts.SyslogAddr, syslog.LOG_INFO|syslog.LOG_AUTHPRIV, "twilio-verify")
		if err != nil {
			return err
		}
		l.sys = w
	}
	return l.sys.Info(string(line))
}
