package twilioapi

import (
	"context"
	"sort"

	verify "github.com/twilio/twilio-go/rest/verify/v2"
)

func templateFrom(t *verify.VerifyV2VerificationTemplate) Template {
	out := Template{SID: str(t.Sid), AccountSID: str(t.AccountSid), FriendlyName: str(t.FriendlyName)}
	if t.Channels != nil {
		out.Channels = append(out.Channels, *t.Channels...)
	}
	for locale, v := range object(t.Translations) {
		m, _ := v.(map[string]any)
		out.Translations = append(out.Translations, TemplateTranslation{
			Locale: locale, Text: mstr(m, "text"), Status: mstr(m, "status"), IsDefault: mbool(m, "is_default_translation"),
		})
	}
	sort.Slice(out.Translations, func(i, j int) bool {
		a, b := out.Translations[i], out.Translations[j]
		if a.IsDefault != b.IsDefault {
			return a.IsDefault
		}
		return a.Locale < b.Locale
	})
	return out
}

// ListTemplatesPage returns one page of the account's verification
// templates, those whose friendly name matches friendlyName when it is not
// empty.
func (c *Client) ListTemplatesPage(ctx context.Context, friendlyName string, pageSize int, pageToken string) (TemplatePage, error) {
	page, token, err := pageRequest(pageSize, pageToken)
	if err != nil {
		return TemplatePage{}, err
	}
	if err := printable("Friendly name", friendlyName); err != nil {
		return TemplatePage{}, err
	}
	if mangledByTwilioGo(friendlyName) {
		return TemplatePage{}, invalid("Friendly name", "twilio-go would drop the \".<digits>\" of %q from the query; filter on a part without it.", friendlyName)
	}
	p := (&verify.ListVerificationTemplateParams{}).SetPageSize(pageSize)
	if friendlyName != "" {
		p.SetFriendlyName(friendlyName)
	}
	return run(ctx, c, func(cl *call) (TemplatePage, error) {
		r, err := cl.verifyAPI().PageVerificationTemplate(p, token, page)
		if err != nil {
			return TemplatePage{}, err
		}
		out := TemplatePage{Templates: make([]Template, 0, len(r.Templates)), NextPageToken: encodePageToken(r.Meta.NextPageUrl)}
		for i := range r.Templates {
			out.Templates = append(out.Templates, templateFrom(&r.Templates[i]))
		}
		return out, nil
	})
}
