package totp

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/twilio-verify/twilio-verify/keyring"
	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
	"github.com/twilio-verify/twilio-verify/ui/common"
	"github.com/twilio-verify/twilio-verify/ui/common/viewtest"
)

// t0 is the fixed start of every test clock.
var t0 = viewtest.FixedNow

// harness is the view on a real sandbox over loopback, with a manual
// clock, an in-memory keyring and a captured audit log.
type harness struct {
	*viewtest.Harness[Model]
	clk    *sandbox.ManualClock
	sb     *sandbox.Sandbox
	srv    *sandbox.Server
	client *twilioapi.Client
	c      *common.Common
	mem    *keyring.Memory
	log    *bytes.Buffer
	svc    twilioapi.Service
}

// newHarness starts a sandbox and the view at w×h with the demo service
// current.
func newHarness(t testing.TB, w, h int, opts ...func(*common.Common)) *harness {
	t.Helper()
	clk := sandbox.NewManualClock(t0)
	sb, srv := apitest.Serve(t, sandbox.Options{Clock: clk.Now})
	cl := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL()})
	mem := keyring.NewMemory()
	logBuf := &bytes.Buffer{}
	c := viewtest.Common(cl, append([]func(*common.Common){func(c *common.Common) {
		c.Clock = clk.Now
		c.TOTPKeeper = keyring.NewTOTPKeeper(mem)
		c.Logger = slog.New(slog.NewTextHandler(logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}}, opts...)...)
	hs := &harness{Harness: viewtest.NewHarness[Model](t, c, Entry(), w, h), clk: clk, sb: sb, srv: srv, client: cl, c: c, mem: mem, log: logBuf}
	page, err := cl.ListServicesPage(context.Background(), 50, "")
	if err != nil || len(page.Services) == 0 {
		t.Fatalf("no demo service: %v", err)
	}
	hs.svc = page.Services[0]
	hs.Send(common.ServiceSelectedMsg{Service: hs.svc})
	return hs
}

// screen is the view's text without styling.
func (h *harness) screen() string { return ansi.Strip(h.M.View()) }

// flat is the screen with runs of white space folded (wrapped text
// reads as one line) and pane borders gone.
func (h *harness) flat() string {
	s := strings.NewReplacer("│", " ", "┃", " ").Replace(h.screen())
	return strings.Join(strings.Fields(s), " ")
}

// wantScreen fails unless the (flattened) screen holds every string.
func (h *harness) wantScreen(subs ...string) {
	h.T().Helper()
	f := h.flat()
	for _, s := range subs {
		if !strings.Contains(f, s) {
			h.T().Fatalf("screen lacks %q:\n%s", s, h.screen())
		}
	}
}

// enrol opens the form, fills identity and name (keep secret on when
// keep), submits and returns the new factor and its binding.
func (h *harness) enrol(identity, name string, keep bool) (twilioapi.Factor, twilioapi.FactorBinding) {
	h.T().Helper()
	h.Key("n")
	if h.M.screen != screenForm {
		h.T().Fatalf("n did not open the form:\n%s", h.screen())
	}
	f := &h.M.form
	f.Field(fieldIdentity).Input.SetValue("")
	h.M.form.FocusKey(fieldIdentity)
	h.Type(identity)
	h.M.form.FocusKey(fieldName)
	h.Type(name)
	if keep {
		h.M.form.FocusKey(fieldKeep)
		h.Key("space")
	}
	h.Key("ctrl+s")
	if h.M.screen != screenEnrol || h.M.enrol == nil {
		h.T().Fatalf("no enrolment screen after create:\n%s", h.screen())
	}
	return h.M.enrol.factor, h.M.enrol.binding
}

// code is the TOTP code of secret for f at the clock plus steps.
func (h *harness) code(secret string, f twilioapi.Factor, steps int) string {
	h.T().Helper()
	at := h.clk.Now().Add(time.Duration(steps*f.TOTP.TimeStep) * time.Second)
	c, err := twilioapi.TOTPCode(secret, at, f.TOTP.Algorithm, f.TOTP.CodeLength, f.TOTP.TimeStep)
	if err != nil {
		h.T().Fatal(err)
	}
	return c
}

// wrongCode is a code of f's length that is not code.
func wrongCode(code string) string {
	w := []byte(code)
	for i := range w {
		w[i] = '0' + (code[i]-'0'+5)%10
	}
	return string(w)
}

// typeCode types code into the open prompt and sends it.
func (h *harness) typeCode(code string) {
	h.T().Helper()
	if h.M.prompt == nil {
		h.T().Fatalf("no prompt open:\n%s", h.screen())
	}
	h.Type(code)
	h.Key("enter")
}

// post makes an authenticated form POST to the sandbox (for factors the
// client does not create: push and passkeys).
func (h *harness) post(path, contentType, body string) {
	h.T().Helper()
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL()+path, strings.NewReader(body))
	req.SetBasicAuth(h.sb.AccountSID(), h.sb.AuthToken())
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.T().Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		h.T().Fatalf("POST %s: %d %s", path, resp.StatusCode, b)
	}
}

// pushFactor creates a push factor for identity (as a device's SDK would).
func (h *harness) pushFactor(identity, name string) {
	h.T().Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		h.T().Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	v := url.Values{"FriendlyName": {name}, "FactorType": {"push"}, "Binding.Alg": {"ES256"},
		"Binding.PublicKey": {base64.StdEncoding.EncodeToString(der)}, "Config.AppId": {"com.example.app"},
		"Config.SdkVersion": {"1.0"}, "Config.NotificationPlatform": {"fcm"}, "Config.NotificationToken": {strings.Repeat("t", 40)}}
	h.post("/v2/Services/"+h.svc.SID+"/Entities/"+identity+"/Factors", "application/x-www-form-urlencoded", v.Encode())
}

// passkeysFactor creates a passkeys factor for identity.
func (h *harness) passkeysFactor(identity, name string) {
	h.T().Helper()
	h.post("/v2/Services/"+h.svc.SID+"/Passkeys/Factors", "application/json",
		`{"friendly_name":"`+name+`","identity":"`+identity+`","config":{"relying_party":{"id":"example.com","name":"Example","origins":["https://example.com"]}}}`)
}

// selectEntity puts the cursor on identity and focuses its factors.
func (h *harness) selectEntity(identity string) {
	h.T().Helper()
	h.Key("esc")
	h.Key("r")
	if !h.M.entities.Select(identity) {
		h.T().Fatalf("entity %s not listed:\n%s", identity, h.screen())
	}
	m, cmd := h.M.entityMoved(false)
	h.M = m
	h.Loop(cmd)
	h.Key("enter")
}

// newViewHarness builds the view on c (timers recorded) without a sandbox
// of its own.
func newViewHarness(t testing.TB, c *common.Common) *viewtest.Harness[Model] {
	return viewtest.NewHarness[Model](t, c, Entry(), 120, 50)
}
