package twilioapi

// PumpingRiskLevel is a band of Lookup's sms_pumping_risk_score.
type PumpingRiskLevel int

// The bands, lowest first.
const (
	PumpingRiskUnknown PumpingRiskLevel = iota
	PumpingRiskLow
	PumpingRiskMild
	PumpingRiskModerate
	PumpingRiskHigh
)

// String is the band's name as Twilio's documentation writes it.
func (l PumpingRiskLevel) String() string {
	switch l {
	case PumpingRiskLow:
		return "low"
	case PumpingRiskMild:
		return "mild"
	case PumpingRiskModerate:
		return "moderate"
	case PumpingRiskHigh:
		return "high"
	}
	return "unknown"
}

// Level is the band of the risk score: low below 60, mild below 75,
// moderate below 90, high from 90 (the score bands of Lookup's SMS Pumping
// Risk documentation; the score itself is 0–100). A number Twilio blocks
// is high whatever its score, and a failed package (ErrorCode) is unknown.
func (r SMSPumpingRisk) Level() PumpingRiskLevel {
	switch {
	case r.ErrorCode != 0:
		return PumpingRiskUnknown
	case r.NumberBlocked || r.Score >= 90:
		return PumpingRiskHigh
	case r.Score >= 75:
		return PumpingRiskModerate
	case r.Score >= 60:
		return PumpingRiskMild
	}
	return PumpingRiskLow
}
