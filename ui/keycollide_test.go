package ui

import (
	"strings"
	"testing"
)

// TestRegistryKeysDoNotCollide: with every registered view, the default
// keys collide nowhere (a view's KeyDef on a shell or list key would be
// reported to every user with a `[keys]` table), and a colliding entry
// is reported at start-up.
func TestRegistryKeysDoNotCollide(t *testing.T) {
	if _, err := NewCommon(CommonOptions{Keys: map[string][]string{"help": {"?"}}}); err != nil {
		t.Fatalf("the registry's defaults collide: %v", err)
	}
	_, err := NewCommon(CommonOptions{Keys: map[string][]string{"resend": {"q"}}})
	if err == nil || !strings.Contains(err.Error(), `resend = "q" collides with quit in the sessions view`) {
		t.Fatalf("resend = q: %v", err)
	}
}
