package sandbox

import (
	"cmp"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Sandbox. The zero value is a working sandbox with
// generated credentials and the "Sandbox Demo" service.
type Options struct {
	// AccountSID and AuthToken are the credentials clients authenticate
	// with. Each is generated when empty: "AC"+32 lowercase hex, 32 hex.
	AccountSID, AuthToken string
	// Clock is the source of time; time.Now when nil. Tests pass a
	// ManualClock's Now to expire codes without sleeping. Either way the
	// sandbox adds the offset that AdvanceClock, SetClock and
	// POST /sandbox/v1/Clock grow.
	Clock func() time.Time
	// ManualClock freezes the clock at its first reading: time then moves
	// only through AdvanceClock, SetClock or POST /sandbox/v1/Clock, so an
	// app's test suite decides when codes expire.
	ManualClock bool
	// Empty starts without the "Sandbox Demo" service.
	Empty bool
	// StatePath, when set, keeps state across restarts in a private
	// (0600) transactional store (store.go): every change is durable
	// before it is answered, a crash loses nothing acknowledged, and the
	// file is locked, so a second sandbox on it fails. A JSON state file
	// of an earlier version is imported once (store_import.go). A corrupt
	// file is an error from New, never a silent reset. Close releases it.
	StatePath string
	// SeedAttempts fills the attempts log with that many made-up attempts
	// over the last 30 days (see Sandbox.SeedAttempts; seed 1), for demos
	// and benchmarks. They are regenerated at every start and never written
	// to the state file.
	SeedAttempts int
	// MaxAttempts caps the attempts log (the oldest are dropped); 10000
	// when zero, raised to SeedAttempts + 10000 when seeding more. A kept
	// attempt costs about 250 bytes.
	MaxAttempts int
	// EventsURL, when set, is an event sink: it receives the verification
	// status events (CloudEvents, as Event Streams sends them) of every
	// service with verify_event_subscription_enabled. https, or http to a
	// loopback host (ValidateEventsURL).
	EventsURL string
	// WebhookTimeout bounds each webhook and event delivery; 5 s when
	// zero.
	WebhookTimeout time.Duration
}

// Limits the sandbox enforces (Twilio's documented defaults).
const (
	// CodeLifetime is how long a verification stays pending.
	CodeLifetime = 10 * time.Minute
	// MaxSends is how many deliveries one verification allows; the next
	// start answers 429/60203.
	MaxSends = 5
	// MaxChecks is how many checks one verification allows; the next check
	// answers 429/60202.
	MaxChecks = 5
)

// Retention caps keep a long-running sandbox (or a benchmark) bounded;
// see trimOldest.
const (
	maxOutbox   = 1000  // newest messages kept
	maxAttempts = 10000 // newest attempts kept
	maxClosed   = 10000 // closed verifications kept (for attempts and fetch-404s)
	subBuffer   = 256   // per-subscriber channel buffer
)

// Sandbox is the emulator. It is an http.Handler and safe for concurrent
// use.
type Sandbox struct {
	clk       *offsetClock
	authToken string

	mu         sync.Mutex // guards st … nextSub
	st         *state
	store      *store                               // the state file; nil without Options.StatePath
	pending    map[pendingID]*verification          // pendingKey(service, to) → the live verification
	bySNA      map[string]*verification             // SNA URL token → verification
	apiKeys    map[string]string                    // SK sid → secret
	sweepAt    int                                  // pending count that triggers the next expiry sweep (expiry.go)
	perSvc     map[string]int                       // service SID → pending verifications (the cap, expiry.go)
	pendingCap int                                  // MaxPendingPerService; tests lower it
	high       struct{ pending, verifications int } // map high-water marks (shrinkMaps, expiry.go)
	subs       map[int]chan Message
	wakes      map[int]chan struct{} // Notify's channels
	nextSub    int
	sinks      []eventSink // event sinks (eventsinks.go)
	// expiryAt and expiryTimer expire pending verifications on time while
	// event sinks exist (verification_events.go).
	expiryAt    time.Time
	expiryTimer *time.Timer

	// Not under mu:
	numbers   numberCache            // validE164 answers; own lock, so parsing runs outside mu
	faults    atomic.Pointer[Faults] // nil: none; read on every request, so not under mu
	attempts  attemptLog             // under mu (attempts.go)
	prot      protection             // rate-limit counters, Fraud Guard bursts: under mu; start gate: own lock
	countries countryCache           // destination countries; own lock
	bufs      sync.Pool              // *[]byte answer buffers (jsonappend.go)
	lastBases atomic.Pointer[bases]  // the last answer's URL bases (urls.go)
	delivery  *deliverer             // webhook and event deliveries; own lock (delivery.go)

	intercept atomic.Pointer[interceptor] // nil: intercept mode off (intercept.go); not under mu
}

// New builds a sandbox from opts, loading StatePath when it exists.
func New(opts Options) (*Sandbox, error) {
	if opts.AccountSID != "" && !ValidAccountSID(opts.AccountSID) {
		return nil, fmt.Errorf("sandbox: account SID %q is not AC followed by 32 hex characters", opts.AccountSID)
	}
	if opts.AuthToken != "" && !ValidAuthToken(opts.AuthToken) {
		return nil, errors.New("sandbox: auth token must be letters and digits only (twilio-go refuses anything else)")
	}
	s := &Sandbox{
		clk:        newOffsetClock(opts.Clock, opts.ManualClock),
		authToken:  opts.AuthToken,
		pending:    map[pendingID]*verification{},
		perSvc:     map[string]int{},
		pendingCap: MaxPendingPerService,
		bySNA:      map[string]*verification{},
		apiKeys:    map[string]string{},
		subs:       map[int]chan Message{},
		wakes:      map[int]chan struct{}{},
	}
	s.delivery = newDeliverer(opts.WebhookTimeout, s.Now)
	if s.authToken == "" {
		s.authToken = randomHex(16)
	}
	loaded := false
	if opts.StatePath != "" {
		store, st, err := openStore(opts.StatePath)
		if err != nil {
			return nil, err
		}
		if st != nil && opts.AccountSID != "" && opts.AccountSID != st.AccountSID {
			_ = store.close()
			return nil, fmt.Errorf("sandbox: state file %s belongs to account %s, not %s", opts.StatePath, st.AccountSID, opts.AccountSID)
		}
		s.store, s.st, loaded = store, st, st != nil
	}
	if !loaded {
		sid := opts.AccountSID
		if sid == "" {
			sid = newSID("AC")
		}
		s.st = newState(sid)
		if !opts.Empty {
			s.st.addService(demoService(s.clock()))
		}
	}
	s.reindex()
	if loaded {
		s.resumeClock()
	}
	if s.store != nil {
		// Set before the options apply: live attempts they trim go from
		// the file too.
		s.attempts.changed = s.attemptChanged
	}
	if err := cmp.Or(s.applyAttemptOptions(opts), s.applyEventOptions(opts)); err != nil {
		if s.store != nil {
			_ = s.store.close()
		}
		return nil, err
	}
	if s.store != nil && !loaded {
		if err := s.store.writeAll(s.st, s.attempts.live()); err != nil {
			_ = s.store.close()
			return nil, err
		}
	}
	if s.store != nil {
		go s.runCommitter()
	}
	return s, nil
}

// clock returns the current time in UTC, truncated to the second: Twilio's
// dates have second precision.
func (s *Sandbox) clock() time.Time { return s.clk.now().UTC().Truncate(time.Second) }

// AccountSID is the account the sandbox serves.
func (s *Sandbox) AccountSID() string { return s.st.AccountSID }

// AuthToken is the account's auth token.
func (s *Sandbox) AuthToken() string { return s.authToken }

// reindex rebuilds the in-memory indexes from the state (after a load).
func (s *Sandbox) reindex() {
	s.attempts.load(s.st.Attempts)
	s.st.Attempts = nil
	for _, v := range s.st.Verifications {
		if v.Status == statusPending {
			s.index(v)
			if v.SNAToken != "" {
				s.bySNA[v.SNAToken] = v
			}
		}
	}
}

// trimOldest keeps the newest keep elements of s once it has grown a
// quarter past keep. Trimming in batches keeps appends amortised O(1)
// instead of copying the whole slice on every append. The newest elements
// move to the front of the same array (no new one per trim: the attempts
// array is megabytes), and the vacated tail is cleared so the garbage
// collector can free what it referred to.
func trimOldest[T any](s []T, keep int) []T {
	if len(s) <= keep+keep/4 {
		return s
	}
	n := copy(s, s[len(s)-keep:])
	clear(s[n:])
	return s[:n]
}
