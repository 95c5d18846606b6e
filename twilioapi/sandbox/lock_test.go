package sandbox

import "testing"

// A panic inside a locked section (ServeHTTP answers it with a 500) must
// not leave the sandbox locked for every later request.
func TestLockedUnlocksOnPanic(t *testing.T) {
	s, _ := newDemo(t)
	func() {
		defer func() { _ = recover() }()
		s.locked(func(b []byte) ([]byte, int, *apiError) { panic("boom") }, nil)
	}()
	if !s.mu.TryLock() {
		t.Fatal("mutex still held after a panic")
	}
	s.mu.Unlock()
}
