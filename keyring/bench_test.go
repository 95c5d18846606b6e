package keyring

import (
	"fmt"
	"testing"
)

func benchConfig(n int) Config {
	c := Config{Keys: map[string][]string{"quit": {"q", "ctrl+q"}}}
	for i := 0; i < n; i++ {
		c.Profiles = append(c.Profiles, Profile{Name: fmt.Sprintf("p%d", i), AccountSID: testAC, AuthMode: APIKey, APIKeySID: testSK, Region: "ie1"})
	}
	c.Default = "p0"
	return c
}

// BenchmarkParseConfig is the cost of reading a 10-profile config.toml.
func BenchmarkParseConfig(b *testing.B) {
	data, err := encodeConfig(benchConfig(10))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseConfig("config.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveConfig is an atomic 10-profile write (temp, fsync, rename).
func BenchmarkSaveConfig(b *testing.B) {
	dir := b.TempDir()
	c := benchConfig(10)
	for b.Loop() {
		if err := SaveConfig(dir, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResolveDefaultMock is Resolve of the default profile with the
// mock keyring: the cost this package adds around the keyring call.
func BenchmarkResolveDefaultMock(b *testing.B) {
	mockKeyring(b, nil)
	dir := b.TempDir()
	if _, err := SaveProfile(dir, SystemSecrets(0), benchConfig(1).Profiles[0], testSecret, true); err != nil {
		b.Fatal(err)
	}
	env := mapEnv(nil)
	for b.Loop() {
		if _, err := Resolve(dir, SystemSecrets(0), "", env); err != nil {
			b.Fatal(err)
		}
	}
}
