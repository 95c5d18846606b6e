package totp

import (
	"time"

	"strings"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

// newEntityList is the list of the service's entities, named by identity
// (every call addresses an entity by it) and filtered by identity and SID.
func newEntityList() common.List[twilioapi.Entity] {
	return common.NewList(
		func(e twilioapi.Entity) string { return e.Identity },
		func(e twilioapi.Entity) string { return e.Identity + " " + e.SID },
		"filter by identity or SID")
}

// newFactorList is the list of one entity's factors, filtered by name,
// type, status and SID.
func newFactorList() common.List[twilioapi.Factor] {
	return common.NewList(
		func(f twilioapi.Factor) string { return f.SID },
		func(f twilioapi.Factor) string {
			return f.FriendlyName + " " + string(f.Type) + " " + string(f.Status) + " " + f.SID
		},
		"filter by name, type, status or SID")
}

// dateTime is how dates are shown: UTC, to the second.
func dateTime(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

// entityRow is one line of the entity list.
func entityRow(e twilioapi.Entity, w int) string {
	created := e.DateCreated.Format("2006-01-02")
	idW := max(w-len(created)-1, 8)
	return common.PadRight(e.Identity, idW) + " " + created
}

// entityHeader is the entity list's header for w cells.
func entityHeader(w int) string {
	return common.PadRight("IDENTITY", max(w-11, 8)) + " CREATED"
}

// factorColumns are the factor list's column widths for w cells.
type factorColumns struct{ typ, name, status int }

func factorColumnsFor(w int) factorColumns {
	return factorColumns{typ: 9, status: 11, name: max(w-9-11-20-3, 8)}
}

// row is one line of the factor list: type, name, status, created.
func (c factorColumns) row(typ, name, status, created string) string {
	var b strings.Builder
	b.WriteString(common.PadRight(typ, c.typ))
	b.WriteByte(' ')
	b.WriteString(common.PadRight(name, c.name))
	b.WriteByte(' ')
	b.WriteString(common.PadRight(status, c.status))
	b.WriteByte(' ')
	b.WriteString(created)
	return b.String()
}

// factorRow is a factor as one line of the list.
func (c factorColumns) factorRow(f twilioapi.Factor) string {
	return c.row(string(f.Type), f.FriendlyName, string(f.Status), dateTime(f.DateCreated))
}

// canVerify reports whether the view can verify f with a typed code: an
// unverified TOTP factor (push and passkey factors are verified by the
// device).
func canVerify(f twilioapi.Factor) bool {
	return f.Type == twilioapi.FactorTOTP && f.Status == twilioapi.FactorUnverified
}

// canChallenge reports whether the view can challenge f: a verified TOTP
// factor (push challenges are answered on the device, passkeys in a
// browser).
func canChallenge(f twilioapi.Factor) bool {
	return f.Type == twilioapi.FactorTOTP && f.Status == twilioapi.FactorVerified
}
