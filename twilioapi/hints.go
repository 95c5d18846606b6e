package twilioapi

// HintFor returns the plain-language hint for a Twilio error code, or "" when
// there is none. The hints say why it happened and what to do next. (A switch,
// not a map, so the package holds no mutable state.)
func HintFor(code int) string {
	switch code {
	case 20003:
		return "The credentials were refused. Check the Account SID and Auth Token (or the API key SID and secret) " +
			"and that they belong to the same account; a rotated token stops working at once."
	case 20404:
		return "Twilio has no such resource. Verify removes a verification once it is approved, expired " +
			"(after 10 minutes), canceled or out of check attempts, which is why a check or fetch of it now " +
			"returns 404. Start a new verification."
	case 20429:
		return "Too many requests: a Service Rate Limit bucket (or the account's concurrency) was exceeded. " +
			"Wait for the Retry-After time, then try again; the Twilio-Reached-Rate-Limit header names the rate limit."
	case 21222:
		return "The username contains characters other than letters and digits; twilio-go refused to send it."
	case 21224:
		return "The password contains characters other than letters and digits; twilio-go refused to send it."
	case 60200:
		return "A parameter was rejected; the message names it. Phone numbers must be E.164 (+ and country code), " +
			"codes 4-10 characters, the channel one of sms, call, email, whatsapp, sna or auto. Webhook URLs must be " +
			"https and their event types from Twilio's list; a messaging configuration needs an ISO country code " +
			"(or all) not configured yet and a Messaging Service SID (MG…)."
	case 60202:
		return "The code was checked more than 5 times. This verification is closed: start a new one to get a new code."
	case 60203:
		return "Verify sends at most 5 codes per verification. The limit clears when the verification expires " +
			"10 minutes after it was started; start a new one then (or cancel this one first)."
	case 60204:
		return "This service does not have that feature enabled (custom codes or a custom friendly name). " +
			"Enable it in the service settings, or leave the field empty."
	case 60205:
		return "The number is a landline and this service skips SMS to landlines. Use the call channel, " +
			"or turn off \"skip SMS to landlines\"."
	case 60206:
		return "This service has PSD2 enabled, so Amount and Payee are required on the verification and the check."
	case 60207:
		return "This service already has as many rate limits as Verify allows. Delete one you no longer use, or reuse " +
			"an existing rate limit's unique name."
	case 60208:
		return "This service already has a rate limit with that unique name. Pick another name, or add buckets to the existing one."
	case 60209:
		return "The rate limit's unique name has a format Verify refuses. Use letters, digits, dots, dashes or underscores, " +
			"e.g. end_user_ip_address; never personal data."
	case 60210:
		return "This rate limit already has as many buckets as Verify allows. Delete or change a bucket you do not need, " +
			"or create another rate limit for the new interval."
	case 60211:
		return "This rate limit already has a bucket with that interval. Change that bucket's Max instead, or use another interval."
	case 60212:
		return "Too many verifications are being started for this number at the same time. Wait a moment and retry once."
	case 60214:
		return "PSD2 services cannot use the call channel. Use SMS or another channel."
	case 60223:
		return "That delivery channel is disabled for this service or account. Pick another channel."
	case 60300:
		return "A Push/TOTP parameter was rejected; the message names it. Identities are 8-64 letters and digits " +
			"separated by dashes, TOTP codes 3-8 digits, time steps 20-60 s, skew 0-2, code length 3-8."
	case 60308:
		return "Five wrong codes were entered for this challenge, so it takes no more answers. Create a new challenge."
	case 60310:
		return "Five wrong codes were entered while verifying this factor, so it takes no more. Delete the factor " +
			"and create it again (the authenticator app needs the new secret)."
	case 60311:
		return "The factor could not be verified: the push signature (or a legacy TOTP code) was not accepted. " +
			"Check the device's key and try again."
	case 60318:
		return "This factor is not verified yet. Verify it first with a code from the authenticator app, " +
			"then create the challenge."
	case 60323:
		return "The challenge expired (5 minutes by default, at most 60) before it was answered. Create a new challenge."
	case 60324:
		return "The challenge answer was not accepted (an invalid push signature). Answer it again from the device."
	case 60410:
		return "Fraud Guard blocked this destination (SMS pumping protection). If the number is yours, add it to the " +
			"Safe List, or start with RiskCheck=disable for this one attempt."
	case 60605:
		return "Geo Permissions block delivery to this country. Allow the country in Verify > Settings > Geo permissions, " +
			"or add the number to the Safe List."
	}
	return ""
}

// hintOr is the hint of a code, or of the status when the code has none.
func hintOr(code, status int) string {
	if h := HintFor(code); h != "" {
		return h
	}
	return hintForStatus(status)
}

// hintForStatus explains an HTTP failure that came without a Twilio code.
func hintForStatus(status int) string {
	switch {
	case status == 401:
		return HintFor(20003)
	case status == 404:
		return "Nothing answers at that address. Check the base URL and the SID."
	case status == 429:
		return "Too many requests. Wait for the Retry-After time, then try again."
	case status >= 500:
		return "The server had a problem. Try again in a moment."
	default:
		return ""
	}
}

// hintForKind explains a transport failure.
func hintForKind(k ErrorKind, sandbox bool) string {
	where := "Twilio"
	if sandbox {
		where = "the sandbox"
	}
	switch k {
	case KindTimeout:
		return "No answer from " + where + " in time. Check the network and try again."
	case KindRefused:
		return refusedHint("", sandbox)
	case KindReset:
		return "The connection was dropped before the answer arrived. The request may or may not have " +
			"taken effect: fetch before retrying a send."
	case KindNetwork:
		return "The network failed (DNS, TLS or routing). Check the connection."
	case KindDecode:
		return "The answer was not in the format Twilio uses. Check the base URL points at Twilio or a sandbox."
	default:
		return ""
	}
}

// refusedHint explains a connection refused by addr ("" when unknown).
func refusedHint(addr string, sandbox bool) string {
	if !sandbox {
		return "The connection was refused. Check the network or proxy settings."
	}
	at := "the sandbox address"
	if addr != "" {
		at = addr
	}
	return "Nothing listens at " + at + ". Start the sandbox there (`twilio-verify sandbox --addr " + orPlaceholder(addr, "HOST:PORT") +
		"`; a new sandbox has new credentials unless given --account-sid and --auth-token-file), or log in again " +
		"with the URL a running sandbox prints (`twilio-verify login --sandbox-url URL`)."
}

// orPlaceholder is s, or placeholder when s is empty.
func orPlaceholder(s, placeholder string) string {
	if s == "" {
		return placeholder
	}
	return s
}
