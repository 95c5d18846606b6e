package common

import (
	"errors"
	"testing"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// Every form says the same thing about a number field that holds no
// whole number, and a twilioapi check's error loses nothing but its field.
func TestFieldChecks(t *testing.T) {
	if n, err := WholeNumber("42"); err != nil || n != 42 {
		t.Fatalf("WholeNumber(42) = %d, %v", n, err)
	}
	for _, s := range []string{"", "4.5", "ten", " 7"} {
		if _, err := WholeNumber(s); err == nil || err.Error() != "Enter a whole number." {
			t.Errorf("WholeNumber(%q) error = %v", s, err)
		}
	}
	err := twilioapi.ValidateFriendlyName("")
	if twilioapi.AsError(err) == nil {
		t.Fatalf("ValidateFriendlyName(\"\") = %v, want a *twilioapi.Error", err)
	}
	got := FieldMessage(err)
	if got == nil || got.Error() != twilioapi.AsError(err).Message {
		t.Errorf("FieldMessage = %v, want the message %q", got, twilioapi.AsError(err).Message)
	}
	plain := errors.New("plain")
	if FieldMessage(plain) != plain || FieldMessage(nil) != nil {
		t.Error("FieldMessage changed an error that is not a *twilioapi.Error")
	}
}
