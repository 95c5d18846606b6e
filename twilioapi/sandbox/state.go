package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// stateVersion is the version of the JSON state file format that earlier
// sandboxes wrote (the store imports it once, store_import.go).
const stateVersion = 1

// state is everything the sandbox remembers; its fields' JSON form is also
// the form of the store's records (store_buckets.go) and of the JSON state
// files it imports. The auth token and issued API keys are deliberately not in it
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
	Attempts      []Attempt                `json:"attempts"`              // oldest first: a JSON file's, moved into the attempts log
	Entities      map[string]*entity       `json:"entities"`              // entityKey → Push/TOTP entity
	RateLimits    map[string]*rateLimit    `json:"rate_limits,omitempty"` // RK sid → rate limit with its buckets
	Guard         map[string]*guardConfig  `json:"guard,omitempty"`       // service SID → Fraud Guard simulation settings
	Webhooks      map[string]*webhook      `json:"webhooks,omitempty"`    // YW sid → webhook
	// MessagingConfigs are keyed by msgConfigKey(service, country).
	MessagingConfigs map[string]*msgConfig `json:"messaging_configurations,omitempty"`

	// The store's key of the first element of Closed and Outbox: each
	// element's key is its position plus this, so an append or a trim maps
	// to a few puts and deletes (store_buckets.go).
	closedFirst, outboxFirst uint64
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

// decodeJSONState decodes b, the content of the JSON state file at path.
// Anything that is not a valid state file is an error that says so: the
// sandbox never silently starts over on top of a file it cannot read.
func decodeJSONState(path string, b []byte) (*state, error) {
	corrupt := func(why string) error { return errCorrupt(path, why) }
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

// errCorrupt is the error for a state file the sandbox refuses to load.
func errCorrupt(path, why string) error {
	return fmt.Errorf("sandbox: state file %s is corrupt (%s); move it away or delete it to start fresh", path, why)
}
