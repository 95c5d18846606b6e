package twilioapi_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twilio-verify/twilio-verify/twilioapi"
	"github.com/twilio-verify/twilio-verify/twilioapi/apitest"
	"github.com/twilio-verify/twilio-verify/twilioapi/sandbox"
)

// auditSink collects the events of one client.
type auditSink struct {
	mu     sync.Mutex
	events []twilioapi.AuditEvent
	fail   error
}

func (s *auditSink) Audit(ev twilioapi.AuditEvent) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, ev)
	return s.fail
}

// take returns the events since the last take.
func (s *auditSink) take() []twilioapi.AuditEvent {
	s.mu.Lock()
	defer s.mu.Unlock()
	ev := s.events
	s.events = nil
	return ev
}

func auditedClient(t *testing.T) (*twilioapi.Client, *sandbox.Sandbox, *auditSink) {
	t.Helper()
	sb, srv := apitest.Serve(t, sandbox.Options{})
	sink := &auditSink{}
	c := apitest.Client(t, twilioapi.Config{AccountSID: sb.AccountSID(), AuthToken: sb.AuthToken(), BaseURL: srv.URL(), Audit: sink})
	return c, sb, sink
}

// Every audited call gives exactly one event with its action, service,
// target and outcome; reads give none; no event holds the code or the
// full number.
func TestAuditEveryAction(t *testing.T) {
	c, sb, sink := auditedClient(t)
	ctx := context.Background()
	const to = sandbox.NumberMobile
	name := "Audited"
	one := func(step string, want twilioapi.AuditEvent) twilioapi.AuditEvent {
		t.Helper()
		evs := sink.take()
		if len(evs) != 1 {
			t.Fatalf("%s: %d events, want 1: %+v", step, len(evs), evs)
		}
		ev := evs[0]
		if ev.Action != want.Action || ev.Outcome != want.Outcome || ev.ErrorCode != want.ErrorCode ||
			ev.AccountSID != sb.AccountSID() || (want.ServiceSID != "" && ev.ServiceSID != want.ServiceSID) ||
			(want.Destination != "" && ev.Destination != want.Destination) || (want.SID != "" && ev.SID != want.SID) {
			t.Fatalf("%s: event %+v\nwant %+v", step, ev, want)
		}
		if strings.Contains(ev.Destination, "4155550") {
			t.Fatalf("%s: the destination is not masked: %q", step, ev.Destination)
		}
		return ev
	}

	svc, err := c.CreateService(ctx, twilioapi.ServiceSettings{FriendlyName: &name})
	if err != nil {
		t.Fatal(err)
	}
	one("create", twilioapi.AuditEvent{Action: twilioapi.ActionServiceCreate, ServiceSID: svc.SID, Outcome: "ok"})
	if _, err := c.FetchService(ctx, svc.SID); err != nil {
		t.Fatal(err)
	}
	if evs := sink.take(); len(evs) != 0 {
		t.Fatalf("a read was audited: %+v", evs)
	}
	if _, err := c.UpdateService(ctx, svc.SID, twilioapi.ServiceSettings{FriendlyName: &name}); err != nil {
		t.Fatal(err)
	}
	one("update", twilioapi.AuditEvent{Action: twilioapi.ActionServiceUpdate, ServiceSID: svc.SID, Outcome: "ok"})

	v, err := c.StartVerification(ctx, twilioapi.StartParams{ServiceSID: svc.SID, To: to, Channel: twilioapi.ChannelSMS})
	if err != nil {
		t.Fatal(err)
	}
	one("start", twilioapi.AuditEvent{Action: twilioapi.ActionVerificationStart, ServiceSID: svc.SID, SID: v.SID,
		Destination: "••••0100", Outcome: "pending"})
	if _, err := c.StartVerification(ctx, twilioapi.StartParams{ServiceSID: svc.SID, To: to, Channel: twilioapi.ChannelSMS}); err != nil {
		t.Fatal(err)
	}
	one("resend", twilioapi.AuditEvent{Action: twilioapi.ActionVerificationResend, SID: v.SID, Outcome: "pending"})

	code := apitest.LatestCode(t, sb, to)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if r, err := c.CheckVerification(ctx, twilioapi.CheckParams{ServiceSID: svc.SID, To: to, Code: wrong}); err != nil || r.Status != twilioapi.StatusPending {
		t.Fatalf("wrong code: %+v, %v", r, err)
	}
	one("wrong check", twilioapi.AuditEvent{Action: twilioapi.ActionVerificationCheck, ServiceSID: svc.SID, Destination: "••••0100", Outcome: "pending"})
	if _, err := c.CheckVerification(ctx, twilioapi.CheckParams{ServiceSID: svc.SID, To: to, Code: code}); err != nil {
		t.Fatal(err)
	}
	one("right check", twilioapi.AuditEvent{Action: twilioapi.ActionVerificationCheck, SID: v.SID, Outcome: "approved"})
	if _, err := c.CheckVerification(ctx, twilioapi.CheckParams{ServiceSID: svc.SID, To: to, Code: code}); err == nil {
		t.Fatal("a check of an approved verification worked")
	}
	one("check after approval", twilioapi.AuditEvent{Action: twilioapi.ActionVerificationCheck, Destination: "••••0100", Outcome: "error", ErrorCode: 20404})

	v2, err := c.StartVerification(ctx, twilioapi.StartParams{ServiceSID: svc.SID, To: to, Channel: twilioapi.ChannelCall})
	if err != nil {
		t.Fatal(err)
	}
	sink.take()
	if _, err := c.UpdateVerificationStatus(ctx, svc.SID, v2.SID, twilioapi.StatusCanceled); err != nil {
		t.Fatal(err)
	}
	one("cancel", twilioapi.AuditEvent{Action: twilioapi.ActionVerificationCancel, SID: v2.SID, Outcome: "canceled"})
	if _, err := c.StartVerification(ctx, twilioapi.StartParams{ServiceSID: svc.SID, To: to, Channel: twilioapi.ChannelSMS}); err != nil {
		t.Fatal(err)
	}
	sink.take()
	if _, err := c.UpdateVerificationStatus(ctx, svc.SID, to, twilioapi.StatusApproved); err != nil {
		t.Fatal(err)
	}
	one("approve", twilioapi.AuditEvent{Action: twilioapi.ActionVerificationAppr, Destination: "••••0100", Outcome: "approved"})

	if err := c.DeleteService(ctx, svc.SID); err != nil {
		t.Fatal(err)
	}
	one("delete", twilioapi.AuditEvent{Action: twilioapi.ActionServiceDelete, ServiceSID: svc.SID, Outcome: "ok"})

	// Input refused before any request is not an action: no event.
	if _, err := c.StartVerification(ctx, twilioapi.StartParams{ServiceSID: svc.SID, To: "nope", Channel: twilioapi.ChannelSMS}); err == nil {
		t.Fatal("bad input accepted")
	}
	if evs := sink.take(); len(evs) != 0 {
		t.Fatalf("refused input was audited: %+v", evs)
	}
}

// A record that cannot be kept fails the call with KindAudit, saying how
// the call itself ended.
func TestAuditFailureFailsTheCall(t *testing.T) {
	c, _, sink := auditedClient(t)
	sink.fail = errors.New("disk full")
	name := "Unrecorded"
	_, err := c.CreateService(context.Background(), twilioapi.ServiceSettings{FriendlyName: &name})
	var te *twilioapi.Error
	if !errors.As(err, &te) || te.Kind != twilioapi.KindAudit {
		t.Fatalf("err = %v, want a KindAudit error", err)
	}
	if !strings.Contains(te.Message, "service.create succeeded") || !strings.Contains(te.Message, "disk full") || te.Hint == "" {
		t.Errorf("message %q, hint %q", te.Message, te.Hint)
	}
}

// Factors, challenges, entities, rate limits, buckets and the safe list
// are audited too, each call once, and the TOTP secret and codes never
// reach an event.
func TestAuditFactorsAndProtection(t *testing.T) {
	c, _, sink := auditedClient(t)
	ctx := context.Background()
	name := "Factors"
	svc, err := c.CreateService(ctx, twilioapi.ServiceSettings{FriendlyName: &name})
	if err != nil {
		t.Fatal(err)
	}
	sink.take()
	var actions []string
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		evs := sink.take()
		if len(evs) != 1 {
			t.Fatalf("%s: %d events, want 1", what, len(evs))
		}
		actions = append(actions, string(evs[0].Action)+":"+evs[0].Outcome)
	}
	const identity = "user-0001"
	f, bind, err := c.CreateTOTPFactor(ctx, twilioapi.TOTPFactorParams{ServiceSID: svc.SID, Identity: identity, FriendlyName: "phone"})
	step("create factor", err)
	code, err := twilioapi.TOTPCode(bind.Secret, time.Now(), "sha1", 6, 30)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.VerifyFactor(ctx, svc.SID, identity, f.SID, code)
	step("verify factor", err)
	_, err = c.CreateChallenge(ctx, twilioapi.ChallengeParams{ServiceSID: svc.SID, Identity: identity, FactorSID: f.SID, Code: code})
	step("challenge", err)
	err = c.DeleteFactor(ctx, svc.SID, identity, f.SID)
	step("delete factor", err)
	rl, err := c.CreateRateLimit(ctx, svc.SID, "end_user_ip", "per IP")
	step("create rate limit", err)
	b, err := c.CreateBucket(ctx, svc.SID, rl.SID, 5, 60)
	step("create bucket", err)
	step("delete bucket", c.DeleteBucket(ctx, svc.SID, rl.SID, b.SID))
	step("delete rate limit", c.DeleteRateLimit(ctx, svc.SID, rl.SID))
	_, err = c.AddToSafeList(ctx, sandbox.NumberMobile)
	step("safe list add", err)
	step("safe list remove", c.RemoveFromSafeList(ctx, sandbox.NumberMobile))

	want := "factor.create:unverified factor.verify:verified challenge.create:approved factor.delete:ok rate_limit.create:ok " +
		"bucket.create:ok bucket.delete:ok rate_limit.delete:ok safe_list.add:ok safe_list.remove:ok"
	if got := strings.Join(actions, " "); got != want {
		t.Fatalf("actions\n got %s\nwant %s", got, want)
	}
}
