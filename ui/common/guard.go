package common

// RiskCheckChangedMsg says that the default RiskCheck of this program's
// sends changed (the Guard view's Risk check panel): "" leaves it to the
// service (Fraud Guard on), "enable" sends RiskCheck=enable, "disable"
// sends RiskCheck=disable, which bypasses Fraud Guard and Geo Permissions.
// It is broadcast to every view; views that start verifications use it
// for their next sends.
type RiskCheckChangedMsg struct {
	RiskCheck string
}
