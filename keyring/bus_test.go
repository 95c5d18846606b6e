package keyring

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSessionBusMissing(t *testing.T) {
	tests := []struct {
		goos, addr string
		missing    bool
	}{
		{"linux", "", true},
		{"linux", "  ", true},
		{"linux", "autolaunch:", true},
		{"freebsd", "autolaunch:scope=x", true},
		{"linux", "unix:path=/run/user/1000/bus", false},
		{"openbsd", "unix:abstract=/tmp/dbus-x", false},
		{"darwin", "", false},  // Keychain
		{"windows", "", false}, // Credential Manager
	}
	for _, tt := range tests {
		got := sessionBusMissing(tt.goos, mapEnv(map[string]string{BusAddressVar: tt.addr}))
		if got != tt.missing {
			t.Errorf("sessionBusMissing(%s, %q) = %v, want %v", tt.goos, tt.addr, got, tt.missing)
		}
	}
}

// Refused for want of a bus, a call says why and how to get a keyring:
// the README's recipe, which pipes the password in.
func TestNoSessionBusHint(t *testing.T) {
	err := error(&SecretError{Kind: KindNoKeyring, Op: "get", Profile: "prod", Err: errNoSessionBus})
	if !errors.Is(err, ErrNoKeyring) || !strings.Contains(err.Error(), "no keyring available") {
		t.Fatalf("error = %v", err)
	}
	h := Hint(err)
	for _, want := range []string{BusAddressVar + " is not set", "never starts a bus", StartKeyringRecipe, RecipeSection, "TWILIO_ACCOUNT_SID"} {
		if !strings.Contains(h, want) {
			t.Errorf("hint lacks %q:\n%s", want, h)
		}
	}
	for _, r := range []string{StartKeyringRecipe, UnlockKeyringRecipe} {
		if !strings.Contains(r, `printf %s "$p" | gnome-keyring-daemon`) || !strings.Contains(r, "--unlock --components=secrets") {
			t.Errorf("recipe does not pipe the password in: %s", r)
		}
	}
	if h := (&SecretError{Kind: KindLocked, Profile: "prod"}).Hint(); !strings.Contains(h, UnlockKeyringRecipe) || !strings.Contains(h, RecipeSection) {
		t.Errorf("locked hint lacks the unlock recipe: %s", h)
	}
}

// The README gives the recipes the hints give, in the section they name.
func TestREADMEHasTheRecipes(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, want := range []string{"### Hosts without a keyring", strings.Trim(StartKeyringRecipe, "`"), strings.Trim(UnlockKeyringRecipe, "`")} {
		if !strings.Contains(readme, want) {
			t.Errorf("README lacks %s", want)
		}
	}
}
