package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// printer writes a command's result in the mode its flags ask for: a
// human table, JSON, or (--quiet) only the one value a script needs.
type printer struct {
	out   io.Writer
	json  bool
	quiet bool
}

func newPrinter(out io.Writer, f apiFlags) printer {
	return printer{out: out, json: f.json, quiet: f.quiet}
}

// emit prints v as indented JSON with --json, the key/value rows as a
// two-column table by default, and quiet (when not empty) with --quiet.
func (p printer) emit(v any, rows [][2]string, quiet string) error {
	switch {
	case p.json:
		return writeJSON(p.out, v)
	case p.quiet:
		if quiet != "" {
			_, err := fmt.Fprintln(p.out, quiet)
			return err
		}
		return nil
	}
	tw := tabwriter.NewWriter(p.out, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		if r[1] != "" {
			fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1])
		}
	}
	return tw.Flush()
}

// table prints rows under header (one line per record), or with --json v,
// or with --quiet each row's first column.
func (p printer) table(v any, header []string, rows [][]string) error {
	switch {
	case p.json:
		return writeJSON(p.out, v)
	case p.quiet:
		for _, r := range rows {
			if _, err := fmt.Fprintln(p.out, r[0]); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(p.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// The exit codes of the scripting commands (see exitCode).
const (
	exitOK          = 0
	exitAPI         = 1
	exitUsage       = 2
	exitNotApproved = 3
	exitNetwork     = 4
)

// notApproved is a check that ran but did not approve: exit code 3.
type notApproved struct{ status twilioapi.Status }

func (e notApproved) Error() string {
	return fmt.Sprintf("the verification is not approved (status %s)", e.status)
}

// apiExitCode is the exit code of a client error: bad input 2, no answer
// (refused, reset, timeout, network) 4, anything Twilio answered 1.
func apiExitCode(te *twilioapi.Error) int {
	switch te.Kind {
	case twilioapi.KindInvalidInput:
		return exitUsage
	case twilioapi.KindTimeout, twilioapi.KindRefused, twilioapi.KindReset, twilioapi.KindNetwork:
		return exitNetwork
	}
	return exitAPI
}

// errorText is what stderr shows for err: the message (with Twilio's code)
// and, for a client error, its hint on the next line.
func errorText(err error) string {
	msg := err.Error()
	var te *twilioapi.Error
	if errors.As(err, &te) && te.Hint != "" && !strings.Contains(msg, te.Hint) {
		msg += "\nhint: " + te.Hint
	}
	return msg
}
