package twilioapi

import verify "github.com/twilio/twilio-go/rest/verify/v2"

// Conversions of twilio-go's entity, factor and challenge models.

func entityFrom(e *verify.VerifyV2Entity) Entity {
	return Entity{
		SID: str(e.Sid), Identity: str(e.Identity), AccountSID: str(e.AccountSid), ServiceSID: str(e.ServiceSid),
		DateCreated: tm(e.DateCreated), DateUpdated: tm(e.DateUpdated), URL: str(e.Url),
	}
}

// factorFrom converts a fetched or listed factor. The config object is
// read by factor type: TOTP and push configs share no keys.
func factorFrom(f *verify.VerifyV2Factor) Factor {
	out := Factor{
		SID: str(f.Sid), AccountSID: str(f.AccountSid), ServiceSID: str(f.ServiceSid), EntitySID: str(f.EntitySid),
		Identity: str(f.Identity), Type: FactorType(str(f.FactorType)), Status: FactorStatus(str(f.Status)),
		FriendlyName: str(f.FriendlyName), Metadata: stringMap(object(f.Metadata)),
		DateCreated: tm(f.DateCreated), DateUpdated: tm(f.DateUpdated), URL: str(f.Url),
	}
	cfg := object(f.Config)
	switch out.Type {
	case FactorTOTP:
		out.TOTP = TOTPConfig{Algorithm: mstr(cfg, "alg"), TimeStep: mint(cfg, "time_step"),
			CodeLength: mint(cfg, "code_length"), Skew: mint(cfg, "skew")}
	case FactorPush:
		out.Push = PushConfig{SDKVersion: mstr(cfg, "sdk_version"), AppID: mstr(cfg, "app_id"),
			NotificationPlatform: mstr(cfg, "notification_platform"), NotificationToken: mstr(cfg, "notification_token")}
	}
	return out
}

// newFactorFrom converts a creation answer (the binding is read apart).
func newFactorFrom(f *verify.VerifyV2NewFactor) Factor {
	return factorFrom(&verify.VerifyV2Factor{
		Sid: f.Sid, AccountSid: f.AccountSid, ServiceSid: f.ServiceSid, EntitySid: f.EntitySid,
		Identity: f.Identity, DateCreated: f.DateCreated, DateUpdated: f.DateUpdated,
		FriendlyName: f.FriendlyName, Status: f.Status, FactorType: f.FactorType, Config: f.Config,
		Metadata: f.Metadata, Url: f.Url,
	})
}

func challengeFrom(c *verify.VerifyV2Challenge) Challenge {
	out := Challenge{
		SID: str(c.Sid), AccountSID: str(c.AccountSid), ServiceSID: str(c.ServiceSid), EntitySID: str(c.EntitySid),
		Identity: str(c.Identity), FactorSID: str(c.FactorSid), FactorType: FactorType(str(c.FactorType)),
		Status: ChallengeStatus(str(c.Status)), RespondedReason: str(c.RespondedReason),
		HiddenDetails: stringMap(object(c.HiddenDetails)), Metadata: stringMap(object(c.Metadata)),
		DateCreated: tm(c.DateCreated), DateUpdated: tm(c.DateUpdated), DateResponded: tm(c.DateResponded),
		ExpirationDate: tm(c.ExpirationDate), URL: str(c.Url),
	}
	d := object(c.Details)
	out.Message = mstr(d, "message")
	if fields, ok := d["fields"].([]any); ok {
		for _, f := range fields {
			if m, ok := f.(map[string]any); ok {
				out.Fields = append(out.Fields, ChallengeField{Label: mstr(m, "label"), Value: mstr(m, "value")})
			}
		}
	}
	return out
}

// stringMap turns a JSON object into a map of strings (numbers formatted);
// nil stays nil.
func stringMap(m map[string]any) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k := range m {
		out[k] = mstr(m, k)
	}
	return out
}
