package twilioapi

import (
	"context"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

// CreateChallenge starts an authentication with a verified factor. With a
// Code (TOTP), the answer says at once whether it was right: approved, or
// still pending for a wrong code. An unverified factor answers 403/60318.
func (c *Client) CreateChallenge(ctx context.Context, p ChallengeParams) (Challenge, error) {
	if err := validateChallengeParams(p); err != nil {
		return Challenge{}, err
	}
	params := (&verify.CreateChallengeParams{}).SetFactorSid(p.FactorSID)
	if p.Code != "" {
		params.SetAuthPayload(p.Code)
	}
	if !p.ExpirationDate.IsZero() {
		params.SetExpirationDate(p.ExpirationDate)
	}
	if p.Message != "" {
		params.SetDetailsMessage(p.Message)
	}
	if len(p.Fields) > 0 {
		fields := make([]interface{}, 0, len(p.Fields))
		for _, f := range p.Fields {
			fields = append(fields, map[string]string{"label": f.Label, "value": f.Value})
		}
		params.SetDetailsFields(fields)
	}
	if p.HiddenDetails != nil {
		params.SetHiddenDetails(p.HiddenDetails)
	}
	ch, err := mutate(ctx, c, audited{action: ActionChallengeCreate, service: p.ServiceSID, sid: p.FactorSID}, func(cl *call) (Challenge, error) {
		ch, err := cl.verifyAPI().CreateChallenge(p.ServiceSID, p.Identity, params)
		if err != nil {
			return Challenge{}, err
		}
		return challengeFrom(ch), nil
	})
	return ch, tfaNotFound(err)
}

// ListChallengesPage returns one page of an entity's challenges, filtered
// (pageSize 1–1000). An empty token asks for the first page; pass the same
// filter with every page.
func (c *Client) ListChallengesPage(ctx context.Context, f ChallengeFilter, pageSize int, pageToken string) (ChallengePage, error) {
	if err := validateEntityPath(f.ServiceSID, f.Identity); err != nil {
		return ChallengePage{}, err
	}
	if f.FactorSID != "" {
		if err := ValidateSID("YF", f.FactorSID); err != nil {
			return ChallengePage{}, err
		}
	}
	switch f.Status {
	case "", ChallengePending, ChallengeApproved, ChallengeDenied, ChallengeExpired:
	default:
		return ChallengePage{}, invalid("Status", "Status must be pending, approved, denied or expired.")
	}
	if err := ValidatePageSize(pageSize); err != nil {
		return ChallengePage{}, err
	}
	page, token, err := decodePageToken(pageToken)
	if err != nil {
		return ChallengePage{}, err
	}
	params := (&verify.ListChallengeParams{}).SetPageSize(pageSize)
	if f.FactorSID != "" {
		params.SetFactorSid(f.FactorSID)
	}
	if f.Status != "" {
		params.SetStatus(string(f.Status))
	}
	if f.NewestFirst {
		params.SetOrder("desc")
	}
	out, err := run(ctx, c, func(cl *call) (ChallengePage, error) {
		r, err := cl.verifyAPI().PageChallenge(f.ServiceSID, f.Identity, params, token, page)
		if err != nil {
			return ChallengePage{}, err
		}
		out := ChallengePage{Challenges: make([]Challenge, 0, len(r.Challenges))}
		for i := range r.Challenges {
			out.Challenges = append(out.Challenges, challengeFrom(&r.Challenges[i]))
		}
		out.NextPageToken = encodePageToken(r.Meta.NextPageUrl)
		return out, nil
	})
	return out, tfaNotFound(err)
}

// FetchChallenge returns one challenge; a pending one past its expiration
// date is reported expired.
func (c *Client) FetchChallenge(ctx context.Context, serviceSID, identity, challengeSID string) (Challenge, error) {
	if err := validateChallengePath(serviceSID, identity, challengeSID); err != nil {
		return Challenge{}, err
	}
	ch, err := run(ctx, c, func(cl *call) (Challenge, error) {
		ch, err := cl.verifyAPI().FetchChallenge(serviceSID, identity, challengeSID)
		if err != nil {
			return Challenge{}, err
		}
		return challengeFrom(ch), nil
	})
	return ch, tfaNotFound(err)
}

// AnswerChallenge sends a TOTP code for a pending challenge: approved when
// right, still pending when wrong (not an error: check Status). After five
// wrong codes Verify answers 429/60308; an expired challenge 403/60323.
func (c *Client) AnswerChallenge(ctx context.Context, serviceSID, identity, challengeSID, code string) (Challenge, error) {
	if err := validateChallengePath(serviceSID, identity, challengeSID); err != nil {
		return Challenge{}, err
	}
	if err := ValidateTOTPCode(code); err != nil {
		return Challenge{}, err
	}
	ch, err := mutate(ctx, c, audited{action: ActionChallengeAnswer, service: serviceSID, sid: challengeSID}, func(cl *call) (Challenge, error) {
		ch, err := cl.verifyAPI().UpdateChallenge(serviceSID, identity, challengeSID,
			(&verify.UpdateChallengeParams{}).SetAuthPayload(code))
		if err != nil {
			return Challenge{}, err
		}
		return challengeFrom(ch), nil
	})
	return ch, tfaNotFound(err)
}
