package keyring

import (
	"errors"
	"reflect"
	"testing"
)

func TestSetDefaultRiskCheckChangesOnlyThatProfile(t *testing.T) {
	dir := t.TempDir()
	before := sampleConfig()
	if err := SaveConfig(dir, before); err != nil {
		t.Fatal(err)
	}
	if err := SetDefaultRiskCheck(dir, "staging", "disable"); err != nil {
		t.Fatal(err)
	}
	got, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := before
	want.Profiles = append([]Profile(nil), before.Profiles...)
	want.Profiles[1].DefaultRiskCheck = "disable"
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("config after the change:\n got %+v\nwant %+v", got, want)
	}
	if err := SetDefaultRiskCheck(dir, "staging", "sometimes"); err == nil {
		t.Fatal("an invalid RiskCheck was saved")
	}
	if err := SetDefaultRiskCheck(dir, "nobody", "enable"); !errors.Is(err, ErrUnknownProfile) {
		t.Fatalf("unknown profile: %v", err)
	}
}
