package sandbox

import (
	"fmt"
	"slices"
	"unicode/utf8"
)

// statuses are the verification statuses a state file may hold.
var statuses = []string{statusPending, statusApproved, statusCanceled, statusExpired, statusMaxAttempts}

// check reports the first way a decoded state file breaks the sandbox's
// own rules: valid JSON with a negative code length, a pending
// verification past its send limit or of a deleted service, two pending
// verifications for one destination, would otherwise be served as if the
// API could have produced it.
func (st *state) check() error {
	if st.Seq < 0 {
		return fmt.Errorf("seq %d is negative", st.Seq)
	}
	for sid, sv := range st.Services {
		switch {
		case !validSID(sid, "VA"):
			return fmt.Errorf("service %q is not a VA SID", sid)
		case sv.CodeLength < 4 || sv.CodeLength > 10:
			return fmt.Errorf("service %s: code_length %d is not 4–10", sid, sv.CodeLength)
		case sv.FriendlyName == "" || utf8.RuneCountInString(sv.FriendlyName) > 30:
			return fmt.Errorf("service %s: friendly_name must be 1–30 characters", sid)
		case sv.Seq < 1 || sv.Seq > st.Seq:
			return fmt.Errorf("service %s: seq %d is outside 1–%d", sid, sv.Seq, st.Seq)
		case !inRange(sv.TOTPTimeStep, 20, 60) || !inRange(sv.TOTPCodeLength, 3, 8) || !inRange(sv.TOTPSkew, 0, 2):
			return fmt.Errorf("service %s: a totp setting is out of range", sid)
		}
	}
	live := map[pendingID]string{}
	for sid, v := range st.Verifications {
		switch {
		case !validSID(sid, "VE"):
			return fmt.Errorf("verification %q is not a VE SID", sid)
		case st.Services[v.ServiceSID] == nil:
			return fmt.Errorf("verification %s belongs to no service in the file", sid)
		case !slices.Contains(statuses, v.Status):
			return fmt.Errorf("verification %s: unknown status %q", sid, v.Status)
		case v.To == "" || !slices.Contains(channels, v.Channel):
			return fmt.Errorf("verification %s: no destination or an unknown channel", sid)
		case len(v.Code) < 4 || len(v.Code) > 10:
			return fmt.Errorf("verification %s: code length %d is not 4–10", sid, len(v.Code))
		case v.Checks < 0 || v.Checks > MaxChecks:
			return fmt.Errorf("verification %s: %d checks is outside 0–%d", sid, v.Checks, MaxChecks)
		case len(v.Sends) > MaxSends || (v.Status == statusPending && len(v.Sends) == 0):
			return fmt.Errorf("verification %s: %d sends is outside 1–%d", sid, len(v.Sends), MaxSends)
		case !v.ExpiresAt.After(v.DateCreated) || v.DateUpdated.Before(v.DateCreated):
			return fmt.Errorf("verification %s: its dates are out of order", sid)
		}
		if v.Status == statusPending {
			key := pendingKey(v.ServiceSID, v.To)
			if other, dup := live[key]; dup {
				return fmt.Errorf("verifications %s and %s are both pending for one destination", other, sid)
			}
			live[key] = sid
		}
	}
	for phone, sid := range st.SafeList {
		if !strictE164(phone) || !validSID(sid, "GN") {
			return fmt.Errorf("safe list entry %q → %q is not E.164 → GN SID", phone, sid)
		}
	}
	return nil
}

// inRange reports whether an optional setting is unset or within [lo, hi].
func inRange(p *int, lo, hi int) bool { return p == nil || (*p >= lo && *p <= hi) }
