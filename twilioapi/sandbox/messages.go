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

// psd2Templates are the dynamic-linking sentences a PSD2 service's SMS
// appends per language: the user must see what the code approves.
var psd2Templates = map[string]string{
	"en": " Use it to approve the payment of {amount} to {payee}.",
	"es": " Úsalo para aprobar el pago de {amount} a {payee}.",
	"fr": " Utilisez-le pour approuver le paiement de {amount} à {payee}.",
	"de": " Verwenden Sie ihn, um die Zahlung von {amount} an {payee} freizugeben.",
	"pt": " Use-o para aprovar o pagamento de {amount} para {payee}.",
	"it": " Usalo per approvare il pagamento di {amount} a {payee}.",
}

// payment is a PSD2 verification's amount and payee.
type payment struct{ amount, payee string }

// paymentOf is the payment a message names: v's amount and payee when sv
// is a PSD2 service (which requires both), nil otherwise.
func paymentOf(sv *service, v *verification) *payment {
	if !sv.PSD2Enabled || v.Amount == nil || v.Payee == nil {
		return nil
	}
	return &payment{*v.Amount, *v.Payee}
}

// bodyParams is what shapes a message's text.
type bodyParams struct {
	channel, name, code, locale, appHash string
	doNotShare, dtmf                     bool
	payment                              *payment // PSD2: named in every channel's text
	// template is an SMS template's text ({{friendly_name}}, {{code}});
	// "" uses the built-in texts.
	template string
}

// fill replaces {amount} and {payee} in t.
func (p *payment) fill(t string) string {
	return strings.NewReplacer("{amount}", p.amount, "{payee}", p.payee).Replace(t)
}

// messageBody renders the text a user receives on channel.
func messageBody(p bodyParams) string {
	switch p.channel {
	case "whatsapp":
		// Twilio's WhatsApp authentication template.
		body := "*" + p.code + "* is your verification code. For your security, do not share this code."
		if p.payment != nil {
			body += p.payment.fill(psd2Templates["en"])
		}
		return body
	case "email":
		var pay string
		if p.payment != nil {
			pay = "." + p.payment.fill(psd2Templates["en"])
		}
		return "Subject: Your " + p.name + " verification code\n\n" +
			"Your " + p.name + " verification code is: " + p.code + pay + "\n\n" +
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
		b.WriteString(".")
		if p.payment != nil {
			b.WriteString(p.payment.fill(psd2Templates["en"]))
		}
		b.WriteString(" Goodbye.")
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
	if p.payment != nil {
		lang, _, _ := strings.Cut(strings.ToLower(p.locale), "-")
		pt, ok := psd2Templates[lang]
		if !ok {
			pt = psd2Templates["en"]
		}
		body += "." + p.payment.fill(pt)
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
