package twilioapi

import (
	"context"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// CreateTOTPFactor creates an unverified TOTP factor and returns it with
// its binding — the secret and otpauth:// URI, which Verify never shows
// again. Verify it with VerifyFactor and a code from the app.
func (c *Client) CreateTOTPFactor(ctx context.Context, p TOTPFactorParams) (Factor, FactorBinding, error) {
	if err := validateTOTPFactorParams(p); err != nil {
		return Factor{}, FactorBinding{}, err
	}
	out, err := mutate(ctx, c, audited{action: ActionFactorCreate, service: p.ServiceSID}, func(cl *call) (createdFactor, error) {
		params := (&verify.CreateNewFactorParams{}).SetFriendlyName(p.FriendlyName).SetFactorType(string(FactorTOTP))
		if p.Secret != "" {
			params.SetBindingSecret(p.Secret)
		}
		o := p.Config
		if o.Algorithm != "" {
			params.SetConfigAlg(o.Algorithm)
		}
		if o.TimeStep != nil {
			params.SetConfigTimeStep(*o.TimeStep)
		}
		if o.CodeLength != nil {
			params.SetConfigCodeLength(*o.CodeLength)
		}
		if o.Skew != nil {
			params.SetConfigSkew(*o.Skew)
		}
		if p.Metadata != nil {
			params.SetMetadata(p.Metadata)
		}
		nf, err := cl.verifyAPI().CreateNewFactor(p.ServiceSID, p.Identity, params)
		if err != nil {
			return createdFactor{}, err
		}
		b := object(nf.Binding)
		return createdFactor{newFactorFrom(nf), FactorBinding{Secret: mstr(b, "secret"), URI: mstr(b, "uri")}}, nil
	})
	return out.f, out.b, err
}

// ListFactors returns every factor of an entity, oldest first (an entity
// has a handful).
func (c *Client) ListFactors(ctx context.Context, serviceSID, identity string) ([]Factor, error) {
	if err := validateEntityPath(serviceSID, identity); err != nil {
		return nil, err
	}
	out, err := run(ctx, c, func(cl *call) ([]Factor, error) {
		list, err := cl.verifyAPI().ListFactor(serviceSID, identity, (&verify.ListFactorParams{}).SetPageSize(MaxPageSize))
		if err != nil {
			return nil, err
		}
		out := make([]Factor, 0, len(list))
		for i := range list {
			out = append(out, factorFrom(&list[i]))
		}
		return out, nil
	})
	return out, tfaNotFound(err)
}

// FetchFactor returns one factor (without its binding).
func (c *Client) FetchFactor(ctx context.Context, serviceSID, identity, factorSID string) (Factor, error) {
	if err := validateFactorPath(serviceSID, identity, factorSID); err != nil {
		return Factor{}, err
	}
	f, err := run(ctx, c, func(cl *call) (Factor, error) {
		f, err := cl.verifyAPI().FetchFactor(serviceSID, identity, factorSID)
		if err != nil {
			return Factor{}, err
		}
		return factorFrom(f), nil
	})
	return f, tfaNotFound(err)
}

// VerifyFactor sends a code from the authenticator app. A right code
// returns the factor verified; a wrong one returns it unchanged (not an
// error: check Status). After five wrong codes Verify answers 429/60310.
func (c *Client) VerifyFactor(ctx context.Context, serviceSID, identity, factorSID, code string) (Factor, error) {
	if err := validateFactorPath(serviceSID, identity, factorSID); err != nil {
		return Factor{}, err
	}
	if err := ValidateTOTPCode(code); err != nil {
		return Factor{}, err
	}
	return c.updateFactor(ctx, ActionFactorVerify, serviceSID, identity, factorSID, (&verify.UpdateFactorParams{}).SetAuthPayload(code))
}

// UpdateFactor renames a factor or changes its TOTP parameters.
func (c *Client) UpdateFactor(ctx context.Context, serviceSID, identity, factorSID string, u FactorUpdate) (Factor, error) {
	if err := validateFactorPath(serviceSID, identity, factorSID); err != nil {
		return Factor{}, err
	}
	if u.FriendlyName != nil {
		if err := ValidateFactorName(*u.FriendlyName); err != nil {
			return Factor{}, err
		}
	}
	if err := ValidateTOTPOptions(u.TOTP); err != nil {
		return Factor{}, err
	}
	params := &verify.UpdateFactorParams{}
	if u.FriendlyName != nil {
		params.SetFriendlyName(*u.FriendlyName)
	}
	if u.TOTP.Algorithm != "" {
		params.SetConfigAlg(u.TOTP.Algorithm)
	}
	if u.TOTP.TimeStep != nil {
		params.SetConfigTimeStep(*u.TOTP.TimeStep)
	}
	if u.TOTP.CodeLength != nil {
		params.SetConfigCodeLength(*u.TOTP.CodeLength)
	}
	if u.TOTP.Skew != nil {
		params.SetConfigSkew(*u.TOTP.Skew)
	}
	return c.updateFactor(ctx, ActionFactorUpdate, serviceSID, identity, factorSID, params)
}

func (c *Client) updateFactor(ctx context.Context, action Action, serviceSID, identity, factorSID string, params *verify.UpdateFactorParams) (Factor, error) {
	f, err := mutate(ctx, c, audited{action: action, service: serviceSID, sid: factorSID}, func(cl *call) (Factor, error) {
		f, err := cl.verifyAPI().UpdateFactor(serviceSID, identity, factorSID, params)
		if err != nil {
			return Factor{}, err
		}
		return factorFrom(f), nil
	})
	return f, tfaNotFound(err)
}

// DeleteFactor deletes a factor.
func (c *Client) DeleteFactor(ctx context.Context, serviceSID, identity, factorSID string) error {
	if err := validateFactorPath(serviceSID, identity, factorSID); err != nil {
		return err
	}
	_, err := mutate(ctx, c, audited{action: ActionFactorDelete, service: serviceSID, sid: factorSID}, func(cl *call) (struct{}, error) {
		return struct{}{}, cl.verifyAPI().DeleteFactor(serviceSID, identity, factorSID)
	})
	return tfaNotFound(err)
}

// createdFactor is what a TOTP factor create answers: the factor and its
// binding (which holds the secret: only the factor reaches the audit).
type createdFactor struct {
	f Factor
	b FactorBinding
}

// describe implements auditDescriber.
func (c createdFactor) describe(ev *AuditEvent) { describeResult(ev, c.f) }
