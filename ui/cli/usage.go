package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// usageError marks bad command-line usage; the process exits with 2.
type usageError struct{ err error }

// Error implements error.
func (u usageError) Error() string { return u.err.Error() }

// Unwrap returns the wrapped error.
func (u usageError) Unwrap() error { return u.err }

// showUsage prints c's usage on its stderr and returns err as a usage
// error (exit 2): for the checks whose failure should show the usage.
func showUsage(c *cobra.Command, err error) error {
	fmt.Fprintln(c.ErrOrStderr(), c.UsageString())
	return usageError{err}
}
