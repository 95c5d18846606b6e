package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Verification templates: Twilio's account-level list of approved message
// texts a service may use as its default (DefaultTemplateSid) or a start
// may pick (TemplateSid). The sandbox has a small fixed set, documented in
// the README; their SIDs derive from their names, so they are the same in
// every sandbox and survive restarts.

// template is one verification template.
type template struct {
	SID          string
	FriendlyName string
	Channels     []string
	Translations []translation // the first is the default
}

// translation is a template's text in one locale.
type translation struct {
	Locale, Text string
}

// templateDate is the creation date of every sandbox template, with the
// nanosecond precision of Twilio's translation dates (free-form strings
// that clients do not parse).
const templateDate = "2021-07-29T20:38:28.165602325Z"

// templateSID is the fixed SID of the template called name.
func templateSID(name string) string {
	sum := sha256.Sum256([]byte("twilio-verify sandbox template: " + name))
	return "HJ" + hex.EncodeToString(sum[:16])
}

// templates is the sandbox's catalog, in list order. A function, not a
// package variable: nothing is shared mutable state.
func templates() []template {
	mk := func(name string, channels []string, tr ...translation) template {
		return template{SID: templateSID(name), FriendlyName: name, Channels: channels, Translations: tr}
	}
	return []template{
		mk("Verify Default", []string{"sms", "voice"},
			translation{"en", "Your {{friendly_name}} verification code is: {{code}}"},
			translation{"es", "Tu código de verificación de {{friendly_name}} es: {{code}}"},
			translation{"fr", "Votre code de vérification {{friendly_name}} est : {{code}}"},
			translation{"de", "Ihr {{friendly_name}} Bestätigungscode lautet: {{code}}"},
			translation{"pt-BR", "Seu código de verificação do {{friendly_name}} é: {{code}}"}),
		mk("Base Verification Template 2 with do not share", []string{"sms"},
			translation{"en", "Your {{friendly_name}} verification code is: {{code}}. Do not share this code with anyone."},
			translation{"es", "Tu código de verificación de {{friendly_name}} es: {{code}}. No compartas este código con nadie."},
			translation{"fr", "Votre code de vérification {{friendly_name}} est : {{code}}. Ne le partagez avec personne."}),
		mk("Base Verification Template 3", []string{"sms", "voice"},
			translation{"en", "Your verification code is: {{code}}. Do not share it."},
			translation{"es", "Tu código de verificación es: {{code}}. No lo compartas."}),
		mk("Code First", []string{"sms"},
			translation{"en", "{{code}} is your {{friendly_name}} verification code."},
			translation{"de", "{{code}} ist Ihr {{friendly_name}} Bestätigungscode."},
			translation{"it", "{{code}} è il tuo codice di verifica {{friendly_name}}."},
			translation{"ja", "{{friendly_name}} の認証コードは {{code}} です。"}),
	}
}

// findTemplate returns the template with SID sid.
func findTemplate(sid string) (template, bool) {
	for _, t := range templates() {
		if t.SID == sid {
			return t, true
		}
	}
	return template{}, false
}

// text is the template's text for locale: an exact match (case-folded),
// else one of the same language, else the default translation.
func (t template) text(locale string) string {
	lang, _, _ := strings.Cut(locale, "-")
	for _, tr := range t.Translations {
		if strings.EqualFold(tr.Locale, locale) {
			return tr.Text
		}
	}
	for _, tr := range t.Translations {
		if l, _, _ := strings.Cut(tr.Locale, "-"); lang != "" && strings.EqualFold(l, lang) {
			return tr.Text
		}
	}
	return t.Translations[0].Text
}

// smsTemplateText is the text of the template an SMS start uses — the
// start's TemplateSid, else the service's default template — or "" for
// the built-in texts (no template, or one the sandbox does not have, or
// one without the sms channel).
func smsTemplateText(sv *service, templateSID, locale string) string {
	sid := templateSID
	if sid == "" && sv.DefaultTemplateSID != nil {
		sid = *sv.DefaultTemplateSID
	}
	t, ok := findTemplate(sid)
	if !ok || !slices.Contains(t.Channels, "sms") {
		return ""
	}
	return t.text(locale)
}

// translationJSON is one entry of a template's translations.
type translationJSON struct {
	IsDefaultTranslation bool   `json:"is_default_translation"`
	Status               string `json:"status"`
	Locale               string `json:"locale"`
	Text                 string `json:"text"`
	DateUpdated          string `json:"date_updated"`
	DateCreated          string `json:"date_created"`
}

// templateJSON is the wire shape of a template (VerifyV2VerificationTemplate).
type templateJSON struct {
	SID          string                     `json:"sid"`
	AccountSID   string                     `json:"account_sid"`
	FriendlyName string                     `json:"friendly_name"`
	Channels     []string                   `json:"channels"`
	Translations map[string]translationJSON `json:"translations"`
}

func (s *Sandbox) renderTemplate(t template) templateJSON {
	tr := make(map[string]translationJSON, len(t.Translations))
	for i, x := range t.Translations {
		tr[x.Locale] = translationJSON{
			IsDefaultTranslation: i == 0, Status: "approved", Locale: x.Locale, Text: x.Text,
			DateUpdated: templateDate, DateCreated: templateDate,
		}
	}
	return templateJSON{SID: t.SID, AccountSID: s.st.AccountSID, FriendlyName: t.FriendlyName, Channels: t.Channels, Translations: tr}
}

// listTemplates answers GET /v2/Templates: one page of the catalog,
// filtered by FriendlyName (a case-insensitive substring match; Twilio
// does not document whether its filter matches exactly). The filter is
// kept in the meta URLs, so next_page_url keeps filtering.
func (s *Sandbox) listTemplates(w http.ResponseWriter, base string, f form) {
	pg, perr := parsePaging(f)
	if perr != nil {
		writeError(w, perr)
		return
	}
	name := strings.TrimSpace(f.str("FriendlyName"))
	var all []template
	for _, t := range templates() {
		if name == "" || strings.Contains(strings.ToLower(t.FriendlyName), strings.ToLower(name)) {
			all = append(all, t)
		}
	}
	seqs := make([]int64, len(all))
	for i := range all {
		seqs[i] = int64(i + 1)
	}
	items, next := pageItems(pg, all, seqs, s.renderTemplate)
	q := ""
	if name != "" {
		q = "&FriendlyName=" + url.QueryEscape(name)
	}
	meta := pg.filteredMeta(base+"/Templates", "templates", next, q)
	writeJSON(w, http.StatusOK, map[string]any{"templates": items, "meta": meta})
}
