package twilioapi

import (
	"context"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// StartVerification sends a code (or starts SNA).
func (c *Client) StartVerification(ctx context.Context, p StartParams) (Verification, error) {
	to, err := validateStart(p, c.phones.normalize)
	if err != nil {
		return Verification{}, err
	}
	params, err := createVerificationParams(p, to)
	if err != nil {
		return Verification{}, err
	}
	v, err := mutate(ctx, c, audited{action: ActionVerificationStart, service: p.ServiceSID, ref: to}, func(cl *call) (Verification, error) {
		v, err := cl.verifyAPI().CreateVerification(p.ServiceSID, params)
		if err != nil {
			return Verification{}, err
		}
		return verificationFrom(v), nil
	})
	return v, serviceNotFound(explainUnknown(err, unknownSendHint))
}

// FetchVerification returns a verification. sidOrTo is its VE SID or, as
// for UpdateVerificationStatus, the To of the pending verification (the
// path takes either; Twilio documents the To form for updates only).
func (c *Client) FetchVerification(ctx context.Context, serviceSID, sidOrTo string) (Verification, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return Verification{}, err
	}
	ref, err := verificationRef(sidOrTo)
	if err != nil {
		return Verification{}, err
	}
	return run(ctx, c, func(cl *call) (Verification, error) {
		v, err := cl.verifyAPI().FetchVerification(serviceSID, ref)
		if err != nil {
			return Verification{}, err
		}
		return verificationFrom(v), nil
	})
}

// UpdateVerificationStatus sets a verification to canceled or approved.
// sidOrTo is the VE SID or the To it was sent to.
func (c *Client) UpdateVerificationStatus(ctx context.Context, serviceSID, sidOrTo string, status Status) (Verification, error) {
	if err := ValidateSID("VA", serviceSID); err != nil {
		return Verification{}, err
	}
	ref, err := verificationRef(sidOrTo)
	if err != nil {
		return Verification{}, err
	}
	if status != StatusCanceled && status != StatusApproved {
		return Verification{}, invalid("Status", "A verification can only be set to canceled or approved (got %q).", string(status))
	}
	action := ActionVerificationCancel
	if status == StatusApproved {
		action = ActionVerificationAppr
	}
	return mutate(ctx, c, audited{action: action, service: serviceSID, ref: ref}, func(cl *call) (Verification, error) {
		v, err := cl.verifyAPI().UpdateVerification(serviceSID, ref,
			(&verify.UpdateVerificationParams{}).SetStatus(string(status)))
		if err != nil {
			return Verification{}, err
		}
		return verificationFrom(v), nil
	})
}

// CheckVerification checks a code (or an SNA verification).
func (c *Client) CheckVerification(ctx context.Context, p CheckParams) (CheckResult, error) {
	to, err := validateCheck(p, c.phones.normalize)
	if err != nil {
		return CheckResult{}, err
	}
	ref := p.VerificationSID
	if ref == "" {
		ref = to
	}
	// A check is not refused in read-only mode (it changes nothing the
	// operator chose), but it is audited: it spends an attempt and can
	// approve a verification.
	r, err := runAudited(ctx, c, audited{action: ActionVerificationCheck, service: p.ServiceSID, ref: ref}, func(cl *call) (CheckResult, error) {
		r, err := cl.verifyAPI().CreateVerificationCheck(p.ServiceSID, createCheckParams(p, to))
		if err != nil {
			return CheckResult{}, err
		}
		return checkFrom(r), nil
	})
	return r, explainUnknown(err, unknownCheckHint)
}
