package sshserve

import (
	"net"
	"strings"
	"testing"
)

// TestBannerSaysReadOnly: `serve --read-only` in demo mode printed the same
// first line as a demo where visitors can change things; the banner names
// read-only in both modes.
func TestBannerSaysReadOnly(t *testing.T) {
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 23234}
	for _, c := range []struct {
		name string
		o    Options
		want bool
	}{
		{"demo", Options{HostKey: newSigner(t), OpenDemo: true}, false},
		{"demo, read-only", Options{HostKey: newSigner(t), OpenDemo: true, ReadOnly: true}, true},
	} {
		var out strings.Builder
		printBanner(&out, addr, c.o)
		first, _, _ := strings.Cut(out.String(), "\n")
		if got := strings.Contains(first, "read-only"); got != c.want {
			t.Errorf("%s: %q", c.name, first)
		}
	}
}
