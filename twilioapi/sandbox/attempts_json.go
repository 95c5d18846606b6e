package sandbox

import "strconv"

// appendAttempt appends the wire form of an attempt (Twilio's field order,
// the spec's example): price is {"value","currency"}; channel_data holds
// the destination, its country and carrier, the delivery outcome (the
// message_status enum for messages, call_status for calls; the sandbox's
// choice of key for calls is unverified) and, for a failed or blocked
// attempt, the error code as a string.
func (s *Sandbox) appendAttempt(b []byte, base string, r *attemptRec, now int64) []byte {
	b = append(b, `{"sid":`...)
	b = appendJSONString(b, r.sid)
	b = append(b, `,"account_sid":`...)
	b = appendJSONString(b, s.st.AccountSID)
	b = append(b, `,"service_sid":`...)
	b = appendJSONString(b, r.service)
	b = append(b, `,"verification_sid":`...)
	b = appendOptString(b, r.verification)
	b = append(b, `,"date_created":`...)
	b = appendUnix(b, r.date)
	b = append(b, `,"date_updated":`...)
	b = appendUnix(b, r.updated)
	b = append(b, `,"conversion_status":`...)
	if r.converted {
		b = append(b, `"converted"`...)
	} else {
		b = append(b, `"unconverted"`...)
	}
	b = append(b, `,"channel":`...)
	b = appendJSONString(b, r.channel)
	b = append(b, `,"price":{"value":`...)
	b = appendJSONString(b, attemptPrice(r.channel, r.country, r.status))
	b = append(b, `,"currency":"usd"},"channel_data":{"verification_sid":`...)
	b = appendOptString(b, r.verification)
	b = append(b, `,"to":`...)
	b = appendJSONString(b, r.to)
	b = append(b, `,"status":`...)
	b = appendJSONString(b, attemptStatus(r, now))
	outcome, errCode := deliveryOutcome(r)
	if r.channel == "call" {
		b = append(b, `,"call_status":`...)
	} else {
		b = append(b, `,"message_status":`...)
	}
	b = appendJSONString(b, outcome)
	b = append(b, `,"error_code":`...)
	if errCode != 0 {
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(errCode), 10)
		b = append(b, '"')
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"country":`...)
	b = appendOptString(b, r.country)
	b = append(b, `,"code_length":`...)
	b = strconv.AppendInt(b, int64(r.codeLength), 10)
	b = append(b, `,"locale":`...)
	b = appendOptString(b, r.locale)
	carrier, mcc, mnc := attemptCarrier(r)
	b = append(b, `,"mcc":`...)
	b = appendOptString(b, mcc)
	b = append(b, `,"mnc":`...)
	b = appendOptString(b, mnc)
	b = append(b, `,"carrier":`...)
	b = appendOptString(b, carrier)
	b = append(b, `},"url":"`...)
	b = appendJSONStringBody(b, base)
	b = append(b, "/Attempts/"...)
	b = appendJSONStringBody(b, r.sid)
	return append(b, `"}`...)
}

// appendUnix appends Unix seconds as a quoted RFC 3339 UTC date.
func appendUnix(b []byte, sec int64) []byte {
	return appendTime(b, unixUTC(sec))
}

// deliveryOutcome is the delivery status Twilio would show, and the error
// code of a failure: 30008 (unknown error) for an undeliverable
// destination, 60410/60605 for a blocked start.
func deliveryOutcome(r *attemptRec) (string, int) {
	switch r.status {
	case deliveryFailed:
		if r.channel == "call" {
			return "failed", 30008
		}
		return "undelivered", 30008
	case deliveryBlocked:
		if r.channel == "call" {
			return "canceled", int(r.errorCode)
		}
		return "failed", int(r.errorCode)
	case deliverySent:
		return "sent", 0
	}
	if r.channel == "call" {
		return "completed", 0
	}
	return "delivered", 0
}

// attemptCarrier is the carrier of an attempt's destination: the sandbox's
// own for live attempts (lineOf), the seeded country's for seeded ones;
// none for e-mail.
func attemptCarrier(r *attemptRec) (name, mcc, mnc string) {
	if r.channel == "email" {
		return "", "", ""
	}
	if r.seeded {
		c := seedCountryOf(r.country)
		return c.carrier, c.mcc, c.mnc
	}
	ln := lineOf(r.to)
	return ln.Carrier, ln.MCC, ln.MNC
}
