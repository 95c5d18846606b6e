package totp

import (
	tea "charm.land/bubbletea/v2"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/ui/common"
)

const alice = "3f2c5e1a-7b4d-4c1e-9a8f-0d6b2e4c7a91"

// TestEnrolVerifyChallenge walks the whole TOTP flow against the sandbox:
// an empty service, a factor enrolled (QR, URI, secret shown once),
// verified with a code, challenged with the next code: approved.
func TestEnrolVerifyChallenge(t *testing.T) {
	h := newHarness(t, 120, 50)
	h.wantScreen("No entities yet")
	f, b := h.enrol(alice, "Alice's phone", false)
	if f.Status != twilioapi.FactorUnverified || !strings.HasPrefix(b.URI, "otpauth://totp/") || b.Secret == "" {
		t.Fatalf("factor %+v binding %+v", f, b)
	}
	if h.M.enrol.layout != layoutBeside {
		t.Fatalf("120×50: QR layout %d, want beside the text", h.M.enrol.layout)
	}
	h.wantScreen("Verify returns this secret only once", groups(b.Secret, 4), "Keep [ ] off")
	if !strings.Contains(h.screen(), "█") {
		t.Fatal("no QR code on the enrolment screen")
	}
	// Not kept: nothing in the keyring.
	if _, err := keyring.NewTOTPKeeper(h.mem).Get(f.SID); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("keep off but the keyring has %v", err)
	}
	// c copies the URI with OSC 52.
	h.Key("c")
	if !strings.Contains(h.LastFlash(), "otpauth URI") {
		t.Fatalf("copy flash %q", h.LastFlash())
	}

	h.Key("v")
	h.typeCode(h.code(b.Secret, f, 0))
	if h.M.screen != screenMain || h.M.focus != focusFactors {
		t.Fatalf("after verification: screen %d focus %d", h.M.screen, h.M.focus)
	}
	got, _ := h.M.factors.Selected()
	if got.SID != f.SID || got.Status != twilioapi.FactorVerified {
		t.Fatalf("selected factor %+v", got)
	}
	h.wantScreen("Factors of "+alice, "totp", "Alice's phone", "verified", "None yet.")

	h.clk.Advance(30 * time.Second)
	h.Key("h")
	h.typeCode(h.code(b.Secret, f, 0))
	chs := h.M.challenges[f.SID]
	if len(chs) != 1 || chs[0].Status != twilioapi.ChallengeApproved || h.M.prompt != nil {
		t.Fatalf("challenges %+v prompt %v", chs, h.M.prompt)
	}
	h.wantScreen(chs[0].SID, "approved at")
	if !strings.Contains(h.log.String(), "action=\"create challenge\"") {
		t.Fatalf("no audit line for the challenge:\n%s", h.log.String())
	}
	if strings.Contains(h.log.String(), b.Secret) {
		t.Fatal("the secret is in the log")
	}
}

// TestWrongCodesLeaveAttemptsThen60310: wrong codes keep the factor
// unverified with fewer attempts left; the sixth is refused with 60310,
// explained.
func TestWrongCodesLeaveAttemptsThen60310(t *testing.T) {
	h := newHarness(t, 120, 50)
	f, b := h.enrol(alice, "Phone", false)
	wrong := wrongCode(h.code(b.Secret, f, 0))
	h.Key("v")
	for left := 4; left >= 0; left-- {
		h.typeCode(wrong)
		if h.M.enrol.factor.Status != twilioapi.FactorUnverified {
			t.Fatal("a wrong code verified the factor")
		}
		if want := "code not accepted: " + attemptsLeft(left); !strings.HasPrefix(h.M.prompt.note, want) {
			t.Fatalf("note %q, want %q", h.M.prompt.note, want)
		}
	}
	h.typeCode(wrong)
	p := h.M.prompt.problem
	if p == nil || p.Code != twilioapi.CodeMaxFactorAttempts {
		t.Fatalf("sixth code: problem %+v", p)
	}
	h.wantScreen("60310", "Delete the factor and create it again")
}

// TestChallengeWithoutCodeThenAnswer: a challenge created without a code
// is pending; a wrong answer leaves attempts; the right one approves; an
// expired one says so.
func TestChallengeWithoutCodeThenAnswer(t *testing.T) {
	h := newHarness(t, 120, 50)
	f, b := h.enrol(alice, "Phone", false)
	h.Key("v")
	h.typeCode(h.code(b.Secret, f, 0))
	f, _ = h.M.factors.Selected()

	h.Key("h")
	h.Key("enter") // no code
	if h.M.prompt == nil || h.M.prompt.kind != promptAnswer {
		t.Fatalf("no answer prompt after a challenge without code:\n%s", h.screen())
	}
	h.wantScreen("pending", "5 attempts left")
	h.typeCode(wrongCode(h.code(b.Secret, f, 0)))
	h.wantScreen("code not accepted, the challenge is pending: 4 attempts left")
	h.typeCode(h.code(b.Secret, f, 0))
	if chs := h.M.challenges[f.SID]; chs[0].Status != twilioapi.ChallengeApproved {
		t.Fatalf("answered challenge %+v", chs[0])
	}

	// Another, left to expire (5 minutes).
	h.Key("h")
	h.Key("enter")
	h.Key("esc")
	h.clk.Advance(6 * time.Minute)
	h.wantScreen("expired")
	h.Key("a")
	if h.M.prompt != nil {
		t.Fatal("a opened an answer prompt for an expired challenge")
	}
}

// TestKeepSecretShowsLiveCode: keep secret stores the secret under the
// factor SID; the factor then shows its current code with a countdown,
// advanced by the 1 s timer; deleting the factor forgets the secret.
func TestKeepSecretShowsLiveCode(t *testing.T) {
	h := newHarness(t, 120, 50)
	f, b := h.enrol(alice, "Test phone", true)
	kt, err := keyring.NewTOTPKeeper(h.mem).Get(f.SID)
	if err != nil || kt.Secret != b.Secret || kt.Digits != f.TOTP.CodeLength || kt.Period != f.TOTP.TimeStep || kt.Identity != alice {
		t.Fatalf("kept %+v, %v", kt, err)
	}
	h.wantScreen("[x] kept", "Code now "+h.code(b.Secret, f, 0))
	h.Key("v")
	h.typeCode(h.M.live.code)
	if h.M.live.sid != f.SID {
		t.Fatal("no live code for the kept factor on the main screen")
	}
	h.wantScreen("Code now "+h.code(b.Secret, f, 0), "30 s (test factor")
	// The countdown: one timer at a time, the code changes with the step.
	if n := len(h.Timers); n != 1 {
		t.Fatalf("%d timers armed, want 1", n)
	}
	for i := 0; i < 30; i++ {
		h.clk.Advance(time.Second)
		if !h.Fire(func(m tea.Msg) bool { _, ok := m.(tickMsg); return ok }) {
			t.Fatalf("tick %d: no timer armed", i)
		}
	}
	h.wantScreen("Code now " + h.code(b.Secret, f, 0))
	if strings.Contains(h.log.String(), b.Secret) {
		t.Fatal("the secret is in the log")
	}

	h.Key("d")
	if h.Confirm == nil || !h.Confirm.Mutates {
		t.Fatal("delete did not ask")
	}
	h.ConfirmYes()
	if _, err := keyring.NewTOTPKeeper(h.mem).Get(f.SID); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("the deleted factor's secret is still kept: %v", err)
	}
	if h.M.factors.Len() != 0 {
		t.Fatal("the deleted factor is still listed")
	}
}

// TestKeptSecretFoundAfterRestart: a factor kept by an earlier program
// shows its code when selected (the keyring is read in a command).
func TestKeptSecretFoundAfterRestart(t *testing.T) {
	h := newHarness(t, 120, 50)
	f, b := h.enrol(alice, "Test phone", true)
	h.Key("esc")
	// A new view on the same keyring and sandbox.
	h2 := newHarnessOn(t, h)
	h2.selectEntity(alice)
	if h2.M.live.sid != f.SID || h2.M.live.code != h.code(b.Secret, f, 0) {
		t.Fatalf("live code %+v", h2.M.live)
	}
}

// newHarnessOn is a second view sharing h's sandbox, client and keyring.
func newHarnessOn(t *testing.T, h *harness) *harness {
	t.Helper()
	c := *h.c
	c.Timer = nil
	h2 := &harness{clk: h.clk, sb: h.sb, srv: h.srv, client: h.client, c: &c, mem: h.mem, log: h.log, svc: h.svc}
	h2.Harness = newViewHarness(t, &c)
	h2.Send(common.ServiceSelectedMsg{Service: h.svc})
	return h2
}

// TestKeepSecretFailureIsExplained: a keyring that cannot be reached
// leaves keep off with the reason; the factor is created all the same.
func TestKeepSecretFailureIsExplained(t *testing.T) {
	h := newHarness(t, 120, 50)
	h.mem.FailWith(keyring.ErrNoKeyring)
	h.enrol(alice, "Test phone", true)
	h.wantScreen("not kept: no keyring available")
	if h.M.enrol.keep {
		t.Fatal("keep stayed on after the keyring failed")
	}
}

// TestFactorsOfEveryType: push and passkeys factors are listed with their
// status, inspected and deleted; verify and challenge refuse them.
func TestFactorsOfEveryType(t *testing.T) {
	h := newHarness(t, 120, 50)
	const bob = "bob-0001-abcd"
	h.pushFactor(bob, "Pixel 8")
	h.passkeysFactor(bob, "YubiKey")
	h.selectEntity(bob)
	h.wantScreen("push", "Pixel 8", "passkeys", "YubiKey", "unverified", "App com.example.app", "Platform fcm")
	h.Key("v")
	if h.M.prompt != nil || !strings.Contains(h.LastFlash(), "verified by their device") {
		t.Fatalf("v on a push factor: %q", h.LastFlash())
	}
	h.Key("h")
	if h.M.prompt != nil {
		t.Fatal("h opened a challenge prompt for a push factor")
	}
	h.Key("down")
	h.wantScreen("Passkey factors are registered in a browser")
	h.Key("d")
	h.ConfirmYes()
	fs, err := h.client.ListFactors(context.Background(), h.svc.SID, bob)
	if err != nil || len(fs) != 1 || fs[0].Type != twilioapi.FactorPush {
		t.Fatalf("after deleting the passkey: %+v %v", fs, err)
	}
}

// TestDeleteEntity asks, deletes the entity with its factors and forgets
// their kept secrets.
func TestDeleteEntity(t *testing.T) {
	h := newHarness(t, 120, 50)
	f, _ := h.enrol(alice, "Test phone", true)
	h.Key("esc")
	h.Key("esc") // to the entity pane
	h.Key("d")
	if h.Confirm == nil || !strings.Contains(h.Confirm.Body, alice) {
		t.Fatalf("confirm %+v", h.Confirm)
	}
	h.ConfirmYes()
	if h.M.entities.Len() != 0 {
		t.Fatalf("entity still listed:\n%s", h.screen())
	}
	if _, err := h.client.FetchEntity(context.Background(), h.svc.SID, alice); !twilioapi.IsNotFound(err) {
		t.Fatalf("entity still at Twilio: %v", err)
	}
	if _, err := keyring.NewTOTPKeeper(h.mem).Get(f.SID); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("secret still kept: %v", err)
	}
}

// TestReadOnlyRefusesChanges: read-only mode offers no change and
// refuses the keys.
func TestReadOnlyRefusesChanges(t *testing.T) {
	h := newHarness(t, 120, 50)
	h.enrol(alice, "Phone", false)
	h.Key("esc")
	h.ConfirmYes() // leave the secret behind
	h.c.ReadOnly = true
	for _, k := range []string{"n", "d", "v", "h"} {
		h.Flashes = nil
		h.Key(k)
		if h.M.prompt != nil || h.M.screen != screenMain || h.Confirm != nil {
			t.Fatalf("read-only %s opened something", k)
		}
		if h.LastFlash() != twilioapi.ReadOnlyMessage {
			t.Fatalf("read-only %s: flash %q", k, h.LastFlash())
		}
	}
	for _, b := range h.M.ShortHelp() {
		if d := b.Help().Desc; strings.Contains(d, "delete") || strings.Contains(d, "new") || strings.Contains(d, "verify") {
			t.Fatalf("read-only help offers %q", d)
		}
	}
}

// TestFormValidatesLikeTwilio: identity and settings are checked before
// any call, with Twilio's limits; the service's TOTP settings are the
// defaults and only changed settings are sent.
func TestFormValidatesLikeTwilio(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.Key("n")
	for _, bad := range []string{"short", "has space here", "a--b-cdefgh", "user@example.com"} {
		h.M.form.Field(fieldIdentity).Input.SetValue(bad)
		h.Key("ctrl+s")
		if h.M.screen != screenForm || h.M.form.Field(fieldIdentity).Err == "" {
			t.Fatalf("identity %q accepted", bad)
		}
	}
	h.M.form.Field(fieldIdentity).Input.SetValue("14155550100")
	h.wantScreen("looks like a phone number")
	h.M.form.Field(fieldIdentity).Input.SetValue(alice)
	h.M.form.Field(fieldName).Input.SetValue("Phone")
	for k, bad := range map[string]string{fieldDigits: "9", fieldStep: "61", fieldSkew: "3"} {
		fl := h.M.form.Field(k)
		old := fl.Input.Value()
		fl.Input.SetValue(bad)
		h.Key("ctrl+s")
		if h.M.screen != screenForm || h.M.form.Field(k).Err == "" {
			t.Fatalf("%s=%s accepted", k, bad)
		}
		h.M.form.Field(k).Input.SetValue(old)
	}
	p := factorParams(h.M.form, h.svc)
	if p.Config != (twilioapi.TOTPOptions{}) {
		t.Fatalf("unchanged settings sent: %+v", p.Config)
	}
	h.M.form.Field(fieldDigits).Input.SetValue("8")
	h.M.form.FocusKey(fieldAlgorithm)
	h.Key("right")
	h.Key("ctrl+s")
	f := h.M.enrol.factor
	if f.TOTP.CodeLength != 8 || f.TOTP.Algorithm != twilioapi.TOTPSHA256 || !strings.Contains(h.M.enrol.binding.URI, "digits=8") {
		t.Fatalf("factor config %+v", f.TOTP)
	}
}

// TestEntitiesPageAndFilter: entities are fetched a page at a time as the
// cursor nears the end, and / filters the loaded ones.
func TestEntitiesPageAndFilter(t *testing.T) {
	h := newHarness(t, 100, 30)
	ctx := context.Background()
	for i := 0; i < PageSize+5; i++ {
		id := "user-" + strings.Repeat("0", 4-len(itoa(i))) + itoa(i) + "-abcd"
		if _, err := h.client.CreateEntity(ctx, h.svc.SID, id); err != nil {
			t.Fatal(err)
		}
	}
	h.Key("r")
	if h.M.entities.Len() != PageSize || h.M.entities.Next() == "" {
		t.Fatalf("first page: %d loaded", h.M.entities.Len())
	}
	h.Key("G")
	if h.M.entities.Len() != PageSize+5 {
		t.Fatalf("after G: %d loaded", h.M.entities.Len())
	}
	h.Key("/")
	h.Type("0042")
	h.Key("enter")
	if h.M.entities.Shown() != 1 || h.M.entities.SelectedID() != "user-0042-abcd" {
		t.Fatalf("filter: %d shown, %s", h.M.entities.Shown(), h.M.entities.SelectedID())
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestFormKeepsTheKeyboardOnEveryField: the form takes every key while
// it is open, so tab on the Keep secret or Algorithm field moves to the
// next field instead of switching views, and q there does not quit.
func TestFormKeepsTheKeyboardOnEveryField(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.Key("n")
	for _, k := range []string{fieldIdentity, fieldName, fieldKeep, fieldAlgorithm, fieldDigits} {
		h.M.form.FocusKey(k)
		if !h.M.Capturing() {
			t.Fatalf("form open, focus on %s: the shell would take tab, q and the digits", k)
		}
	}
}

// TestChallengeStatusFitsTheFactorPane: at 100 columns (a 48-cell factor
// pane) and at 80 a challenge's SID and time fill most of a line; its
// status, attempts left and expiry still show, on the next line.
func TestChallengeStatusFitsTheFactorPane(t *testing.T) {
	for _, w := range []int{100, 80} {
		h := newHarness(t, w, 40)
		f, b := h.enrol(alice, "Phone", false)
		h.Key("v")
		h.typeCode(h.code(b.Secret, f, 0))
		h.Key("h")
		h.Key("enter") // no code: pending
		h.Key("esc")
		h.wantScreen("pending · 5 attempts left · expires " + common.ClockTime(t0.Add(5*time.Minute)))
		for _, l := range strings.Split(h.screen(), "\n") {
			if strings.Contains(l, "…") && strings.Contains(l, "YC") {
				t.Fatalf("%d columns: challenge line cut:\n%s", w, h.screen())
			}
		}
	}
}

// TestSmallEnrolmentShowsTheSecretFirst: in the 60×12 a 60×16 terminal
// leaves the view, there is no room for the QR code; the secret, shown
// this once, is on screen without scrolling, and help names J/K, which
// scroll to the rest.
func TestSmallEnrolmentShowsTheSecretFirst(t *testing.T) {
	h := newHarness(t, 60, 12)
	_, b := h.enrol(alice, "Phone", false)
	if h.M.enrol.layout != layoutNoQR {
		t.Fatalf("60×12: QR layout %d, want none", h.M.enrol.layout)
	}
	h.wantScreen("Secret "+groups(b.Secret, 4), "only once")
	var help []string
	for _, row := range h.M.FullHelp() {
		for _, b := range row {
			help = append(help, b.Help().Key)
		}
	}
	if !strings.Contains(strings.Join(help, " "), "J") {
		t.Fatalf("help %v does not name J, which scrolls the enrolment", help)
	}
	for range 30 {
		h.Key("J")
	}
	h.wantScreen("esc: done")
	h.Key("K")
	if h.M.detailOffset != len(h.M.enrolLines())-12-1 {
		t.Fatalf("K after scrolling past the end: offset %d", h.M.detailOffset)
	}
}

// TestEntityFilterLoadsNoPagesByItself: a / filter matching none of the
// loaded entities does not read every page of the service looking for
// one; moving the cursor to the end still loads the next page.
func TestEntityFilterLoadsNoPagesByItself(t *testing.T) {
	h := newHarness(t, 100, 30)
	ctx := context.Background()
	for i := 0; i < 2*PageSize+5; i++ {
		if _, err := h.client.CreateEntity(ctx, h.svc.SID, "user-"+strconv.Itoa(10000+i)); err != nil {
			t.Fatal(err)
		}
	}
	h.Key("r")
	h.Key("/")
	h.Type("zzz")
	if n := h.M.entities.Len(); n != PageSize {
		t.Fatalf("a filter matching nothing loaded %d entities, want the first page of %d", n, PageSize)
	}
	h.Key("enter")
	h.Key("/")
	h.Key("ctrl+u")
	h.Type("user-1")
	h.Key("enter")
	h.Key("G")
	if n := h.M.entities.Len(); n != 2*PageSize {
		t.Fatalf("G on the filtered list: %d loaded, want the next page (%d)", n, 2*PageSize)
	}
}

// TestEntityWithoutFactorsSaysSoPlainly: an entity made by the Entities
// API has never had a factor; the pane does not claim its last one was
// deleted, and says how to add one, wrapped rather than cut.
func TestEntityWithoutFactorsSaysSoPlainly(t *testing.T) {
	h := newHarness(t, 100, 30)
	// The empty service's hint fits the 48-cell entity pane by wrapping.
	h.wantScreen("No entities yet. Press n to enrol a TOTP factor for an identity.")
	if _, err := h.client.CreateEntity(context.Background(), h.svc.SID, alice); err != nil {
		t.Fatal(err)
	}
	h.selectEntity(alice)
	h.wantScreen("No factors yet. Press n to enrol a TOTP factor for this identity.")
	if strings.Contains(h.flat(), "after its last is deleted") {
		t.Fatalf("a new entity is said to have lost its factors:\n%s", h.screen())
	}
}

// TestCopyHintNamesWhatCIsCopying: the hints offer c only when there is
// something to copy, and name it: the factor's SID, or the identity when
// the entity has no factor left.
func TestCopyHintNamesWhatCIsCopying(t *testing.T) {
	hint := func(h *harness) string {
		for _, b := range h.M.ShortHelp() {
			if b.Help().Key == "c" {
				return b.Help().Desc
			}
		}
		return ""
	}
	h := newHarness(t, 100, 30)
	if got := hint(h); got != "" {
		t.Fatalf("no entity, yet the hints offer c: %q", got)
	}
	if _, err := h.client.CreateEntity(context.Background(), h.svc.SID, alice); err != nil {
		t.Fatal(err)
	}
	h.selectEntity(alice)
	if h.M.focus != focusFactors {
		t.Fatal("enter did not move to the factors")
	}
	if got := hint(h); got != "copy identity" {
		t.Fatalf("no factor: c is offered as %q", got)
	}
	h.Key("c")
	if !strings.HasPrefix(h.LastFlash(), "copied identity ") {
		t.Fatalf("c says %q", h.LastFlash())
	}
	copied := false
	for _, m := range h.Other {
		// tea's clipboard message is unexported; it prints as its text.
		copied = copied || fmt.Sprint(m) == alice
	}
	if !copied {
		t.Fatalf("c did not copy the identity %q: %v", alice, h.Other)
	}
}

// TestFullHelpNamesEachKeyOnce: the list's keys and the view's own are
// in separate columns; / and r are listed once.
func TestFullHelpNamesEachKeyOnce(t *testing.T) {
	h := newHarness(t, 100, 30)
	f, _ := h.enrol(alice, "Phone", false)
	h.Key("esc")
	h.selectEntity(f.Identity)
	seen := map[string]bool{}
	for _, col := range h.M.FullHelp() {
		for _, b := range col {
			k := b.Help().Key
			if seen[k] {
				t.Fatalf("help lists %s twice: %v", k, h.M.FullHelp())
			}
			seen[k] = true
		}
	}
}
