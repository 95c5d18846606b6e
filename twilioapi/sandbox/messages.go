package sandbox

import "strings"

// smsTemplates are the default SMS texts per language (the shape of
// Twilio's default templates; other locales fall back to English).
var smsTemplates = map[string]string{
	"en": "Your {name} verification code is: {code}",
	"es": "Tu código de verificación de {name} es: {code}",
	"fr": "Votre code de vérification {name} est : {code}",
	"de": "Ihr {name} Bestätigungscode lautet: {code}",
	"pt": "Seu código de verificação do {name} é: {code}",
	"it": "Il tuo codice di verifica {name} è: {code}",
}

// doNotShare is appended to SMS when the service has
// do_not_share_warning_enabled.
const doNotShare = " Don't share this code with anyone; our employees will never ask for the code."

// bodyParams is what shapes a message's text.
type bodyParams struct {
	channel, name, code, locale, appHash string
	doNotShare, dtmf                     bool
	// template is an SMS template's text ({{friendly_name}}, {{code}});
	// "" uses the built-in texts.
	template string
}

// messageBody renders the text a user receives on channel.
func messageBody(p bodyParams) string {
	switch p.channel {
	case "whatsapp":
		// Twilio's WhatsApp authentication template.
		return "*" + p.code + "* is your verification code. For your security, do not share this code."
	case "email":
		return "Subject: Your " + p.name + " verification code\n\n" +
			"Your " + p.name + " verification code is: " + p.code + "\n\n" +
			"This code expires in 10 minutes. If you did not request it, you can ignore this e-mail."
	case "call":
		// What the text-to-speech voice says: the code as a whole, then
		// digit by digit.
		var b strings.Builder
		if p.dtmf {
			b.WriteString("Press any key to hear your code. ")
		}
		b.WriteString("Your " + p.name + " verification code is " + p.code + ". Once again, your code is ")
		for i, d := range p.code {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteRune(d)
		}
		b.WriteString(". Goodbye.")
		return b.String()
	}
	var body string
	if p.template != "" {
		body = strings.ReplaceAll(strings.ReplaceAll(p.template, "{{friendly_name}}", p.name), "{{code}}", p.code)
	} else {
		lang, _, _ := strings.Cut(strings.ToLower(p.locale), "-")
		t, ok := smsTemplates[lang]
		if !ok {
			t = smsTemplates["en"]
		}
		body = strings.ReplaceAll(strings.ReplaceAll(t, "{name}", p.name), "{code}", p.code)
	}
	if p.doNotShare {
		body += doNotShare
	}
	if p.appHash != "" {
		// Android SMS Retriever format.
		body = "<#> " + body + "\n" + p.appHash
	}
	return body
}

// messageSIDPrefix is the SID prefix of an outbox entry per channel.
func messageSIDPrefix(channel string) string {
	switch channel {
	case "call":
		return "CA"
	case "email":
		return "EM"
	}
	return "SM"
}
