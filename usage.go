package main

import "errors"

// usageError marks bad command-line usage; the process exits with 2.
type usageError struct{ err error }

// Error implements error.
func (u usageError) Error() string { return u.err.Error() }

// Unwrap returns the wrapped error.
func (u usageError) Unwrap() error { return u.err }

// asUsage reports whether err is (or wraps) a usageError.
func asUsage(err error, target *usageError) bool { return errors.As(err, target) }

// usagef wraps err as a usage error (exit code 2).
func usagef(err error) error { return usageError{err} }
