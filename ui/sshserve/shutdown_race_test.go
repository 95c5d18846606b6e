package sshserve

import (
	"context"
	"testing"
	"time"
)

// TestShutdownRightAfterServe: a server shut down while Serve is still
// taking its listener (a serve command stopped at once) ends cleanly:
// neither Shutdown nor Serve reports the listener it closed itself.
func TestShutdownRightAfterServe(t *testing.T) {
	for i := range 100 {
		ts := startServer(t, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := ts.Shutdown(ctx); err != nil {
			t.Fatalf("round %d: Shutdown: %v", i, err)
		}
		cancel()
		if err := <-ts.served; err != nil {
			t.Fatalf("round %d: Serve: %v", i, err)
		}
	}
}
