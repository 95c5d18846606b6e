package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/twilio-verify/twilio-verify/internal/atomicfile"
	"github.com/twilio-verify/twilio-verify/internal/filelock"
)

// interceptHostNames are the hosts intercept mode answers for: the
// official libraries' Verify and Lookup hosts.
var interceptHostNames = []string{"verify.twilio.com", "lookups.twilio.com"}

// Certificate lifetimes: the CA lives long (apps are pointed at its file
// once); the server certificate is issued afresh at every start.
const (
	caLifetime   = 5 * 365 * 24 * time.Hour
	leafLifetime = 90 * 24 * time.Hour
)

// CA is the certificate authority intercept mode issues its server
// certificate from. It is created on first use, stays in its files, and is
// never installed anywhere: apps trust it through the CA bundle variables
// InterceptEnv names. Its certificate is name-constrained to the
// intercepted hosts, so even its key, were it stolen, can vouch for no
// other site.
type CA struct {
	// CertPath is the CA certificate (PEM) apps trust; KeyPath is its
	// private key (PEM, mode 0600).
	CertPath, KeyPath string
	cert              *x509.Certificate
	key               *ecdsa.PrivateKey
}

// StateDir is where the sandbox keeps its files by default:
// $TWILIO_VERIFY_STATE_DIR, else $XDG_STATE_HOME/twilio-verify, else
// ~/.local/state/twilio-verify.
func StateDir() (string, error) {
	if d := os.Getenv("TWILIO_VERIFY_STATE_DIR"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "twilio-verify"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("sandbox: no state directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "twilio-verify"), nil
}

// DefaultCAPath is the CA certificate's default file, in StateDir.
func DefaultCAPath() (string, error) {
	dir, err := StateDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "sandbox-ca.pem"), nil
}

// caKeyPath is the key file next to the certificate file certPath:
// sandbox-ca.pem → sandbox-ca-key.pem.
func caKeyPath(certPath string) string {
	return strings.TrimSuffix(certPath, filepath.Ext(certPath)) + "-key.pem"
}

// LoadOrCreateCA loads the CA whose certificate is at certPath (its key
// next to it, caKeyPath), or creates both when neither exists (the
// directory 0700, both files 0600). A certificate without its key, a key
// that does not match, or an expired CA is an error, never silently
// replaced: apps may already trust the file.
func LoadOrCreateCA(certPath string) (*CA, error) {
	ca := &CA{CertPath: certPath, KeyPath: caKeyPath(certPath)}
	// Two sandboxes started together must not each create a CA: the
	// second would overwrite one of the first's two files, leaving a
	// certificate and a key that do not match. The directory lock makes
	// the second wait and load the first's.
	dir := filepath.Dir(certPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("sandbox: CA directory: %w", err)
	}
	unlock, err := filelock.Dir(dir)
	if err != nil {
		return nil, fmt.Errorf("sandbox: locking the CA directory: %w", err)
	}
	defer unlock()
	certPEM, err := os.ReadFile(certPath)
	if errors.Is(err, fs.ErrNotExist) {
		return ca, ca.create()
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: reading CA certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(ca.KeyPath)
	if err != nil {
		return nil, fmt.Errorf("sandbox: CA certificate %s has no usable key at %s (%w); delete the certificate to create a new CA", certPath, ca.KeyPath, err)
	}
	if err := ca.parse(certPEM, keyPEM); err != nil {
		return nil, fmt.Errorf("sandbox: CA %s: %w; delete %s and %s to create a new CA", certPath, err, certPath, ca.KeyPath)
	}
	return ca, nil
}

// parse reads the PEM files and checks that they make a usable CA.
func (ca *CA) parse(certPEM, keyPEM []byte) error {
	cb, _ := pem.Decode(certPEM)
	kb, _ := pem.Decode(keyPEM)
	if cb == nil || cb.Type != "CERTIFICATE" || kb == nil || kb.Type != "PRIVATE KEY" {
		return errors.New("not a PEM certificate and PEM private key")
	}
	cert, err := x509.ParseCertificate(cb.Bytes)
	if err != nil {
		return err
	}
	k, err := x509.ParsePKCS8PrivateKey(kb.Bytes)
	if err != nil {
		return err
	}
	key, ok := k.(*ecdsa.PrivateKey)
	if !ok || !key.PublicKey.Equal(cert.PublicKey) {
		return errors.New("the key does not belong to the certificate")
	}
	if !cert.IsCA {
		return errors.New("not a CA certificate")
	}
	if time.Now().Add(leafLifetime).After(cert.NotAfter) {
		return fmt.Errorf("it expires %s", cert.NotAfter.Format(time.DateOnly))
	}
	ca.cert, ca.key = cert, key
	return nil
}

// create makes a new CA and writes its files, the key first: a crash in
// between leaves a key without a certificate, which the next start
// replaces (no app can trust a certificate that was never written).
func (ca *CA) create() error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject: pkix.Name{
			CommonName:   "twilio-verify sandbox CA",
			Organization: []string{"twilio-verify sandbox (this machine only)"},
		},
		NotBefore:                   now.Add(-time.Hour),
		NotAfter:                    now.Add(caLifetime),
		KeyUsage:                    x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid:       true,
		IsCA:                        true,
		MaxPathLenZero:              true,
		PermittedDNSDomainsCritical: true,
		PermittedDNSDomains:         interceptHostNames,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return fmt.Errorf("sandbox: creating CA: %w", err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(ca.CertPath), 0o700); err != nil {
		return fmt.Errorf("sandbox: creating CA: %w", err)
	}
	if err := atomicfile.Write(ca.KeyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})); err != nil {
		return fmt.Errorf("sandbox: writing CA key: %w", err)
	}
	if err := atomicfile.Write(ca.CertPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})); err != nil {
		return fmt.Errorf("sandbox: writing CA certificate: %w", err)
	}
	ca.cert, _ = x509.ParseCertificate(der)
	ca.key = key
	return nil
}

// issue makes a server certificate for hosts, signed by the CA, with a
// fresh key.
func (ca *CA) issue(hosts []string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject:      pkix.Name{CommonName: hosts[0]},
		DNSNames:     hosts,
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(leafLifetime),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("sandbox: issuing a certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// Pool is a certificate pool holding only the CA, for Go clients
// (tls.Config.RootCAs).
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.cert)
	return p
}

// randomSerial is a 128-bit random certificate serial number.
func randomSerial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return n
}
