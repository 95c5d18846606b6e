package cli

import (
	"bufio"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initLine is one line of GODEBUG=inittrace=1 output:
// "init PKG @0.5 ms, 0.1 ms clock, 4280 bytes, 26 allocs".
var initLine = regexp.MustCompile(`^init (\S+) @[^,]+, [^,]+ clock, (\d+) bytes, (\d+) allocs$`)

// TestStartupDoesNotLoadTables: a command that needs no phone number
// must not pay for the phone-number metadata (2.5 MB, 35k allocations
// when it was loaded at init), and the whole binary's package
// initialisation stays small. Allocation counts, not times, so that the
// test means the same on a busy machine.
func TestStartupDoesNotLoadTables(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "version")
	cmd.Env = append(binEnv(t), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("version: %v\n%s", err, out)
	}
	var totalBytes, totalAllocs int
	perPackage := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		m := initLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		b, _ := strconv.Atoi(m[2])
		a, _ := strconv.Atoi(m[3])
		perPackage[m[1]] = b
		totalBytes += b
		totalAllocs += a
	}
	if len(perPackage) == 0 {
		t.Fatalf("no init trace in the output:\n%s", out)
	}
	// What is left in phonenumbers is its compiled regular expressions
	// (about 0.3 MB); the metadata alone was 2.2 MB more.
	if b := perPackage["github.com/twilio-verify/twilio-verify/internal/third_party/phonenumbers"]; b > 512<<10 {
		t.Errorf("phonenumbers allocates %d bytes at init: its metadata is loaded before first use", b)
	}
	if totalBytes > 1<<20 || totalAllocs > 10000 {
		t.Errorf("package initialisation allocates %d bytes in %d allocations, want at most 1 MiB and 10,000", totalBytes, totalAllocs)
	}
	t.Logf("package initialisation: %d bytes, %d allocations", totalBytes, totalAllocs)
}
