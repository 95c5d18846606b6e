//go:build !unix

package twilioapi_test

import "time"

// cpuTime is unknown on this platform; the CPU metrics then read 0.
func cpuTime() time.Duration { return 0 }
