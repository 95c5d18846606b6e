package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/twilio-verify/twilio-verify/internal/audit"
)

// newAuditCmd prints the audit trail.
func newAuditCmd(d credDeps) *cobra.Command {
	var (
		since, operator string
		asJSON          bool
	)
	c := &cobra.Command{
		Use:   "audit [--since 24h] [--operator NAME] [--json]",
		Short: "Print the audit trail of actions (sends, checks, service changes, logins)",
		Long: "Prints the audit trail, oldest first: every action that changed something or reached a\n" +
			"person, by whom, through which profile or sandbox, and how it ended. It is kept in\n" +
			"$XDG_STATE_HOME/twilio-verify/audit.jsonl (TWILIO_VERIFY_STATE_DIR moves it), one JSON\n" +
			"record per line, and never holds a code, a secret or a full phone number.",
		Example: "  twilio-verify audit --since 24h\n" +
			"  twilio-verify audit --operator alice --since 2030-01-02T00:00:00Z\n" +
			"  twilio-verify audit --json | jq 'select(.outcome == \"error\")'",
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			f := audit.Filter{Operator: operator}
			if since != "" {
				t, err := parseSince("--since", since, time.Now())
				if err != nil {
					return usageError{err}
				}
				f.Since = t
			}
			dir, err := d.stateDir()
			if err != nil {
				return err
			}
			recs, skipped, err := audit.Read(dir, f)
			if err != nil {
				return err
			}
			if skipped > 0 {
				fmt.Fprintf(c.ErrOrStderr(), "warning: %d unreadable line(s) of the audit trail skipped\n", skipped)
			}
			return printAudit(c, recs, asJSON)
		},
	}
	c.Flags().StringVar(&since, "since", "", "only records newer than a `duration` (24h, 90m) or time (RFC 3339)")
	c.Flags().StringVar(&operator, "operator", "", "only records of this operator (user `NAME`)")
	c.Flags().BoolVar(&asJSON, "json", false, "print the records as JSON lines, as stored")
	return c
}

// parseSince reads a time flag (--since, --until): a duration back from
// now, or a time. Its errors name the flag.
func parseSince(flag, s string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil {
		if d < 0 {
			return time.Time{}, errors.New(flag + " must not be negative")
		}
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%s %q is neither a duration (24h) nor a time (2030-01-02T15:04:05Z)", flag, s)
}

func printAudit(c *cobra.Command, recs []audit.Record, asJSON bool) error {
	out := c.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(out)
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	rows := make([][]string, 0, len(recs))
	for _, r := range recs {
		via := r.Profile
		if r.Sandbox != "" {
			via = "sandbox " + r.Sandbox
		}
		who := r.Operator
		if r.KeyFingerprint != "" {
			who += " (" + r.KeyFingerprint + ")"
		}
		target := r.SID
		if r.Destination != "" {
			target = joinNonEmpty(r.Destination, r.SID)
		}
		outcome := r.Outcome
		if r.ErrorCode != 0 {
			outcome += " " + strconv.Itoa(r.ErrorCode)
		}
		rows = append(rows, []string{r.Time.Local().Format("2006-01-02 15:04:05"), who, via, r.Action,
			r.ServiceSID, target, outcome})
	}
	return printer{out: out}.table(nil, []string{"TIME", "OPERATOR", "VIA", "ACTION", "SERVICE", "TARGET", "OUTCOME"}, rows)
}

func joinNonEmpty(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}
