package keyring

import "sync"

// Memory is an in-process Secrets, safe for concurrent use. It is meant for
// tests (of this package and of the console) that must not touch the OS
// keyring; nothing in it outlives the process.
type Memory struct {
	mu sync.Mutex
	m  map[string]string
	// fail, when non-nil, makes every call fail with this error (classified
	// like an OS keyring error), to simulate a missing or locked keyring;
	// set by FailWith.
	fail error
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{m: map[string]string{}} }

// FailWith makes every later call fail with err (nil restores normal use).
func (m *Memory) FailWith(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fail = err
}

// Get implements Secrets.
func (m *Memory) Get(profile string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return "", classify("get", profile, m.fail)
	}
	v, ok := m.m[profile]
	if !ok {
		return "", &SecretError{Kind: KindNotFound, Op: "get", Profile: profile}
	}
	return v, nil
}

// Set implements Secrets.
func (m *Memory) Set(profile, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return classify("set", profile, m.fail)
	}
	m.m[profile] = secret
	return nil
}

// Delete implements Secrets.
func (m *Memory) Delete(profile string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return classify("delete", profile, m.fail)
	}
	if _, ok := m.m[profile]; !ok {
		return &SecretError{Kind: KindNotFound, Op: "delete", Profile: profile}
	}
	delete(m.m, profile)
	return nil
}
