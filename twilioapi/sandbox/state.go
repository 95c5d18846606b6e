package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/twilio-verify/twilio-verify/internal/atomicfile"
)

// stateVersion is the version of the state file format.
const stateVersion = 1

// state is everything the sandbox remembers; it is also the state file's
// format. The auth token and issued API keys are deliberately not in it
// (secrets never go to files): a restarted sandbox takes its token from
// the command line or generates a new one. Pending verifications and the
// outbox do hold codes — they must, for a restart to keep a pending code
// checkable — which is why the file is private (0600).
type state struct {
	Version       int                      `json:"version"`
	AccountSID    string                   `json:"account_sid"`
	Seq           int64                    `json:"seq"` // last creation sequence number
	Services      map[string]*service      `json:"services"`
	Verifications map[string]*verification `json:"verifications"`
	Closed        []string                 `json:"closed"`                // closed verification SIDs, oldest first
	SafeList      map[string]string        `json:"safe_list"`             // E.164 → GN sid
	Outbox        []Message                `json:"outbox"`                // oldest first
	Attempts      []Attempt                `json:"attempts"`              // oldest first; filled from the attempts log to save
	Entities      map[string]*entity       `json:"entities"`              // entityKey → Push/TOTP entity
	RateLimits    map[string]*rateLimit    `json:"rate_limits,omitempty"` // RK sid → rate limit with its buckets
	Guard         map[string]*guardConfig  `json:"guard,omitempty"`       // service SID → Fraud Guard simulation settings
	Webhooks      map[string]*webhook      `json:"webhooks,omitempty"`    // YW sid → webhook
	// MessagingConfigs are keyed by msgConfigKey(service, country).
	MessagingConfigs map[string]*msgConfig `json:"messaging_configurations,omitempty"`
}

func newState(accountSID string) *state {
	st := &state{Version: stateVersion, AccountSID: accountSID}
	st.init()
	return st
}

// init fills nil maps (a loaded file may omit them).
func (st *state) init() {
	if st.Services == nil {
		st.Services = map[string]*service{}
	}
	if st.Verifications == nil {
		st.Verifications = map[string]*verification{}
	}
	if st.SafeList == nil {
		st.SafeList = map[string]string{}
	}
	if st.Entities == nil {
		st.Entities = map[string]*entity{}
	}
	if st.RateLimits == nil {
		st.RateLimits = map[string]*rateLimit{}
	}
	if st.Guard == nil {
		st.Guard = map[string]*guardConfig{}
	}
	if st.Webhooks == nil {
		st.Webhooks = map[string]*webhook{}
	}
	if st.MessagingConfigs == nil {
		st.MessagingConfigs = map[string]*msgConfig{}
	}
}

// nextSeq returns a new creation sequence number (list order and page
// tokens use it).
func (st *state) nextSeq() int64 {
	st.Seq++
	return st.Seq
}

func (st *state) addService(sv *service) {
	sv.Seq = st.nextSeq()
	st.Services[sv.SID] = sv
}

// save writes the state to path atomically, mode 0600 (atomicfile).
func (st *state) save(path string) error {
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("sandbox: encoding state: %w", err)
	}
	if err := atomicfile.Write(path, b); err != nil {
		return fmt.Errorf("sandbox: saving state: %w", err)
	}
	return nil
}

// loadState reads path; a missing file gives (nil, nil). Anything that is
// not a valid state file is an error that says so: the sandbox never
// silently starts over on top of a file it cannot read.
func loadState(path string) (*state, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: reading state file: %w", err)
	}
	corrupt := func(why string) error {
		return fmt.Errorf("sandbox: state file %s is corrupt (%s); move it away or delete it to start fresh", path, why)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, corrupt("empty file")
	}
	var st state
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return nil, corrupt(err.Error())
	}
	if st.Version != stateVersion {
		return nil, corrupt(fmt.Sprintf("unknown version %d", st.Version))
	}
	if !ValidAccountSID(st.AccountSID) {
		return nil, corrupt("no valid account_sid")
	}
	st.init()
	for sid, sv := range st.Services {
		if sv == nil || sv.SID != sid {
			return nil, corrupt("service entry " + sid + " is inconsistent")
		}
	}
	for sid, v := range st.Verifications {
		if v == nil || v.SID != sid {
			return nil, corrupt("verification entry " + sid + " is inconsistent")
		}
	}
	if err := st.check(); err != nil {
		return nil, corrupt(err.Error())
	}
	return &st, nil
}
