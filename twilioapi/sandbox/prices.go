package sandbox

// attemptPrice is the sandbox's made-up but plausible USD price of one
// attempt: the channel's delivery cost to the country. Twilio's attempt
// price excludes the per-verification fee, so e-mail and SNA cost nothing
// here, and a blocked attempt is never charged. The table (USD):
//
//	channel   US/CA   GB      DE      FR/ES   IN      BR      MX      CO      NG      other
//	sms       0.0083  0.0400  0.0870  0.0800  0.0330  0.0500  0.0600  0.0350  0.2000  0.0500
//	call      0.0130  0.0150  0.0250  0.0250  0.0300  0.0400  0.0350  0.0400  0.1500  0.0300
//	whatsapp  0.0050  0.0300  0.0700  0.0600  0.0020  0.0300  0.0150  0.0100  0.0300  0.0300
func attemptPrice(channel, country, status string) string {
	if status == deliveryBlocked {
		return "0.0000"
	}
	row := 9
	switch country {
	case "US", "CA":
		row = 0
	case "GB":
		row = 1
	case "DE":
		row = 2
	case "FR", "ES":
		row = 3
	case "IN":
		row = 4
	case "BR":
		row = 5
	case "MX":
		row = 6
	case "CO":
		row = 7
	case "NG":
		row = 8
	}
	switch channel {
	case "sms":
		return [...]string{"0.0083", "0.0400", "0.0870", "0.0800", "0.0330", "0.0500", "0.0600", "0.0350", "0.2000", "0.0500"}[row]
	case "call":
		return [...]string{"0.0130", "0.0150", "0.0250", "0.0250", "0.0300", "0.0400", "0.0350", "0.0400", "0.1500", "0.0300"}[row]
	case "whatsapp":
		return [...]string{"0.0050", "0.0300", "0.0700", "0.0600", "0.0020", "0.0300", "0.0150", "0.0100", "0.0300", "0.0300"}[row]
	}
	return "0.0000"
}
