package sandbox

import (
	"encoding/json"
	"testing"
)

// Paging numbers that would overflow are 60200 like any bad paging input,
// never a 500.
func TestPagingOverflowIs60200(t *testing.T) {
	e := newEnv(t, Options{})
	for _, q := range []string{
		"Page=9223372036854775807", "PageSize=1000&Page=9223372036854775807", "Page=2147483648",
		"Page=99999999999999999999", "PageSize=9223372036854775807&Page=9223372036854775806",
	} {
		resp, b := e.raw("GET", "/v2/Services?"+q, "")
		var eb errorBody
		if resp.StatusCode != 400 || json.Unmarshal(b, &eb) != nil || eb.Code != 60200 {
			t.Fatalf("%s: %d %s", q, resp.StatusCode, b)
		}
	}
	// The largest page allowed is simply empty.
	resp, b := e.raw("GET", "/v2/Services?PageSize=1000&Page=2147483647", "")
	if resp.StatusCode != 200 {
		t.Fatalf("last allowed page: %d %s", resp.StatusCode, b)
	}
}
