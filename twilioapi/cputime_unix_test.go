//go:build unix

package twilioapi_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) this process has used so far. The
// benchmarks divide it by the work done: on a shared machine wall-clock
// rates depend on the neighbours, CPU per operation does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
