package common

import (
	"errors"
	"os/user"
	"testing"
)

func TestOperatorString(t *testing.T) {
	for _, c := range []struct {
		o    Operator
		want string
	}{
		{Operator{User: "alice"}, "alice"},
		{Operator{User: "alice", KeyFingerprint: "SHA256:abcd", Remote: true}, "alice (SHA256:abcd)"},
		{Operator{}, "unknown"},
	} {
		if got := c.o.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.o, got, c.want)
		}
	}
}

func TestLocalOperator(t *testing.T) {
	env := func(k string) string {
		if k == "USER" {
			return "fromenv"
		}
		return ""
	}
	found := func() (*user.User, error) { return &user.User{Username: "fromdb"}, nil }
	missing := func() (*user.User, error) { return nil, errors.New("user: unknown userid 4242") }
	if got := localOperator(found, env); got != (Operator{User: "fromdb"}) {
		t.Errorf("with a user entry: %+v", got)
	}
	if got := localOperator(missing, env); got != (Operator{User: "fromenv"}) {
		t.Errorf("without a user entry: %+v", got)
	}
	if got := LocalOperator(); got.Remote || got.KeyFingerprint != "" {
		t.Errorf("LocalOperator() = %+v, want a local operator", got)
	}
}
