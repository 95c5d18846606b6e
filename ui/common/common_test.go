package common

import (
	"errors"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestRebind(t *testing.T) {
	km := DefaultKeyMap()
	err := km.Rebind(map[string][]string{"quit": {"ctrl+q", "Q"}, "tab_2": {"F2"}, "bogus": {"z"}, "force_quit": {"ctrl+x"}})
	if err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Fatalf("want an error naming bogus, got %v", err)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'Q', Text: "Q"}, km.Quit) {
		t.Error("Q should quit after rebinding")
	}
	if key.Matches(tea.KeyPressMsg{Code: 'q', Text: "q"}, km.Quit) {
		t.Error("q should no longer quit")
	}
	if km.Quit.Help().Key != "ctrl+q/Q" {
		t.Errorf("help key %q", km.Quit.Help().Key)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, km.ForceQuit) {
		t.Error("ctrl+c must always force-quit")
	}
	// A second keymap is independent (no shared state between programs).
	if !key.Matches(tea.KeyPressMsg{Code: 'q', Text: "q"}, DefaultKeyMap().Quit) {
		t.Error("a new keymap must have the defaults")
	}
}

func TestFit(t *testing.T) {
	got := Fit("abcdef\nx", 4, 3)
	want := "abc…\nx   \n    "
	if got != want {
		t.Fatalf("Fit = %q, want %q", got, want)
	}
	if Fit("x", 0, 5) != "" || Fit("x", 5, 0) != "" {
		t.Fatal("empty area must render nothing")
	}
}

func TestFormValidateAndKeys(t *testing.T) {
	km := DefaultKeyMap()
	f := NewForm(
		NewTextField("name", "Name", "").WithValidate(func(s string) error {
			if s == "" {
				return errors.New("required")
			}
			return nil
		}),
		NewBoolField("lookup", "Lookup", false),
		NewChoiceField("color", "Color", []string{"red", "green"}, "green"),
	)
	if !f.Capturing() {
		t.Fatal("a focused text field captures keys")
	}
	if f.Validate() {
		t.Fatal("empty name must be invalid")
	}
	if f.Fields[0].Err != "required" || f.Focus != 0 {
		t.Fatalf("err %q focus %d", f.Fields[0].Err, f.Focus)
	}
	f, _, _ = f.Update(tea.KeyPressMsg{Code: 'q', Text: "q"}, km)
	if f.Get("name") != "q" || f.Fields[0].Err != "" {
		t.Fatalf("typing: value %q err %q", f.Get("name"), f.Fields[0].Err)
	}
	f, _, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyTab}, km)
	f, _, _ = f.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, km)
	if !f.Bool("lookup") || f.Capturing() {
		t.Fatal("space toggles the bool field, which does not capture")
	}
	f, _, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyDown}, km)
	f, _, _ = f.Update(tea.KeyPressMsg{Code: tea.KeyRight}, km)
	if f.Get("color") != "red" {
		t.Fatalf("choice = %q", f.Get("color"))
	}
	var submit bool
	f, _, submit = f.Update(tea.KeyPressMsg{Code: tea.KeyEnter}, km)
	if !submit {
		t.Fatal("enter on the last field submits")
	}
	if !f.Validate() {
		t.Fatal("form should now be valid")
	}
	f.SetError("nope", "twilio said no")
	if f.Err != "twilio said no" {
		t.Fatal("unknown field errors go to the form")
	}
	s := NewStyles(PlainTheme())
	v := f.View(s, 40, 3)
	if n := strings.Count(v, "\n") + 1; n > 3 {
		t.Fatalf("view has %d lines in a height of 3:\n%s", n, v)
	}
}

func TestStylesPerTheme(t *testing.T) {
	for _, k := range []ThemeKind{ThemeDark, ThemeLight, ThemePlain} {
		s := NewStyles(ThemeFor(k))
		if s.Theme.Kind != k {
			t.Fatalf("%v: kind %v", k, s.Theme.Kind)
		}
		if out := s.BadgeSandbox.Render("SANDBOX"); !strings.Contains(out, "SANDBOX") {
			t.Fatalf("%v: badge %q", k, out)
		}
	}
}

// TestWho: history and the status line name the profile first, then the
// sandbox, then environment credentials.
func TestWho(t *testing.T) {
	for _, tc := range []struct {
		profile string
		sandbox bool
		want    string
	}{
		{"prod", false, "prod"},
		{"prod", true, "prod"},
		{"", true, "sandbox"},
		{"", false, "env"},
	} {
		c := &Common{Profile: tc.profile, Sandbox: tc.sandbox}
		if got := c.Who(); got != tc.want {
			t.Errorf("Profile %q, Sandbox %v: Who() = %q, want %q", tc.profile, tc.sandbox, got, tc.want)
		}
	}
}

// TestSandboxBadge: the embedded sandbox is just SANDBOX; a profile on a
// running sandbox adds the profile and the sandbox's address.
func TestSandboxBadge(t *testing.T) {
	for _, tc := range []struct {
		c    Common
		want string
	}{
		{Common{Sandbox: true}, "SANDBOX"},
		{Common{Sandbox: true, Profile: "local", SandboxURL: "http://127.0.0.1:8089"}, "SANDBOX local 127.0.0.1:8089"},
		{Common{Sandbox: true, Profile: "team", SandboxURL: "https://sandbox.example.com/base"}, "SANDBOX team https://sandbox.example.com"},
		{Common{Sandbox: true, SandboxURL: "http://[::1]:8089"}, "SANDBOX [::1]:8089"},
		{Common{Profile: "prod"}, ""},
	} {
		if got := tc.c.SandboxBadge(); got != tc.want {
			t.Errorf("%+v: SandboxBadge() = %q, want %q", tc.c, got, tc.want)
		}
	}
}
