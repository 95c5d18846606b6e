package sessions

import (
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// TestFormFieldCountIsExact: the form's slice is made at the size
// rebuild fills, for every kind of service.
func TestFormFieldCountIsExact(t *testing.T) {
	for _, svc := range []twilioapi.Service{{}, {PSD2Enabled: true}, {CustomCodeEnabled: true}, {PSD2Enabled: true, CustomCodeEnabled: true}} {
		f := newSessionForm(svc, "", "", true)
		if got, want := len(f.form.Fields), formFieldCount(svc); got != want || cap(f.form.Fields) != want {
			t.Errorf("%+v: %d fields in a slice of %d, formFieldCount %d", svc, got, cap(f.form.Fields), want)
		}
	}
}
