package twilioapi

import "testing"

func TestPumpingRiskLevel(t *testing.T) {
	for _, tc := range []struct {
		r    SMSPumpingRisk
		want PumpingRiskLevel
	}{
		{SMSPumpingRisk{Score: 0}, PumpingRiskLow},
		{SMSPumpingRisk{Score: 59}, PumpingRiskLow},
		{SMSPumpingRisk{Score: 60}, PumpingRiskMild},
		{SMSPumpingRisk{Score: 61, CarrierRiskCategory: "moderate"}, PumpingRiskMild},
		{SMSPumpingRisk{Score: 75}, PumpingRiskModerate},
		{SMSPumpingRisk{Score: 89}, PumpingRiskModerate},
		{SMSPumpingRisk{Score: 90}, PumpingRiskHigh},
		{SMSPumpingRisk{Score: 7, NumberBlocked: true}, PumpingRiskHigh},
		{SMSPumpingRisk{Score: 95, ErrorCode: 60600}, PumpingRiskUnknown},
	} {
		if got := tc.r.Level(); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.r, got, tc.want)
		}
	}
}
