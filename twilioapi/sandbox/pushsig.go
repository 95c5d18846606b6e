package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
)

// Push factors carry the device's public key; the device answers with a
// signature. The Verify Push SDK sends a JWT signed with ES256 by the
// factor's private key, and so does the sandbox expect: a compact JWS
// (header.payload.signature, base64url) whose header names ES256 and whose
// payload is a JSON object. For a challenge, the payload's "status" says
// "approved" or "denied". (The SDK's exact claims are not documented; the
// sandbox checks only the signature and the status.)

// parsePushKey decodes Binding.PublicKey: standard Base64 of a DER
// (PKIX) P-256 ECDSA public key, the format the SDK sends.
func parsePushKey(b64 string) (*ecdsa.PublicKey, bool) {
	der, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, false
	}
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, false
	}
	pk, ok := k.(*ecdsa.PublicKey)
	if !ok || pk.Curve != elliptic.P256() {
		return nil, false
	}
	return pk, true
}

// verifyPushJWS checks token against the factor's public key and returns
// its payload; ok is false for anything but a valid ES256 compact JWS with
// a JSON object payload.
func verifyPushJWS(publicKey, token string) (payload map[string]any, ok bool) {
	pk, ok := parsePushKey(publicKey)
	if !ok {
		return nil, false
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, false
	}
	dec := base64.RawURLEncoding
	hdrJSON, err1 := dec.DecodeString(parts[0])
	body, err2 := dec.DecodeString(parts[1])
	sig, err3 := dec.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || len(sig) != 64 {
		return nil, false
	}
	var hdr struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(hdrJSON, &hdr) != nil || hdr.Alg != "ES256" {
		return nil, false
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	if !ecdsa.Verify(pk, sum[:], r, s) {
		return nil, false
	}
	if json.Unmarshal(body, &payload) != nil || payload == nil {
		return nil, false
	}
	return payload, true
}
