package common

import (
	"errors"
	"strconv"

	"github.com/twilio-verify/twilio-verify/twilioapi"
)

// errWholeNumber is the inline error of a number field holding anything
// but a whole number, worded like twilioapi's checks (a sentence) so a
// form's errors read alike whichever side found them.
var errWholeNumber = errors.New("Enter a whole number.")

// WholeNumber reads a number field's text, or says it is not a whole
// number.
func WholeNumber(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errWholeNumber
	}
	return n, nil
}

// FieldMessage is a validation error as a field's inline error: a
// *twilioapi.Error's message alone (the label is on screen already),
// any other error as it is.
func FieldMessage(err error) error {
	if e := twilioapi.AsError(err); e != nil && e.Message != "" {
		return errors.New(e.Message)
	}
	return err
}
