package twilioapi

import "context"

// outcomePageSize covers every attempt of one verification: at most
// MaxSends codes, each perhaps with a fallback channel.
const outcomePageSize = 50

// VerificationOutcome is what the Attempts API says became of a
// verification, for a session that stopped polling it (Verify answers 404
// once a verification is approved, expired or canceled):
//
//   - StatusApproved when an attempt converted;
//   - StatusExpired when the newest attempt's code expired unconverted;
//   - StatusPending while its code is unconverted and unexpired;
//   - "" when Twilio has no attempt for it (yet).
//
// What it cannot tell: attempts record deliveries, not checks or
// updates, so a canceled verification or one that used up its checks
// reads as pending until its code's ten minutes are over, and as expired
// afterwards. serviceSID may be empty (any service).
func (c *Client) VerificationOutcome(ctx context.Context, serviceSID, verificationSID string) (Status, error) {
	if err := ValidateSID("VE", verificationSID); err != nil {
		return "", err
	}
	page, err := c.ListAttemptsPage(ctx, AttemptFilter{ServiceSID: serviceSID, VerificationSID: verificationSID}, outcomePageSize, "")
	if err != nil {
		return "", err
	}
	return outcomeOf(page.Attempts), nil
}

// outcomeOf reads a verification's outcome from its attempts, newest
// first.
func outcomeOf(attempts []Attempt) Status {
	if len(attempts) == 0 {
		return ""
	}
	for _, a := range attempts {
		if a.Conversion == Converted || a.Status == "confirmed" {
			return StatusApproved
		}
	}
	if attempts[0].Status == "expired" {
		return StatusExpired
	}
	return StatusPending
}
