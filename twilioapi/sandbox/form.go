package sandbox

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// form holds request parameters: repeated keys keep every value in order.
// Keys are normalised so that twilio-go's escaped query keys
// ("ChannelData\.To") and the literal dotted keys of POST bodies
// ("Totp.Issuer") read the same.
type form map[string][]string

// errBadForm reports an undecodable form or query.
var errBadForm = errors.New("malformed form data")

// parseForm decodes an application/x-www-form-urlencoded string. Unlike
// url.ParseQuery it keeps going on semicolons (they are data here) and
// normalises keys; a bad %-escape is an error.
func parseForm(s string) (form, error) {
	f := form{}
	return f, f.add(s)
}

// add decodes s into f. The first value of each key is a one-element
// window into a single slab allocated for all of s (a request has a handful
// of keys, each of which used to cost its own slice); the capacity of one
// keeps a repeated key's append from writing into its neighbour.
func (f form) add(s string) error {
	if s == "" {
		return nil
	}
	slab := make([]string, 0, strings.Count(s, "&")+1)
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, err := url.QueryUnescape(k)
		if err != nil {
			return errBadForm
		}
		v, err = url.QueryUnescape(v)
		if err != nil {
			return errBadForm
		}
		k = normaliseKey(k)
		if k == "" {
			continue
		}
		if vs, ok := f[k]; ok {
			f[k] = append(vs, v)
			continue
		}
		slab = append(slab, v)
		n := len(slab)
		f[k] = slab[n-1 : n : n]
	}
	return nil
}

// normaliseKey turns "Key\.Sub" into "Key.Sub".
func normaliseKey(k string) string {
	if strings.Contains(k, `\.`) {
		k = strings.ReplaceAll(k, `\.`, ".")
	}
	return k
}

// get returns the first value of key and whether it was present.
func (f form) get(key string) (string, bool) {
	v, ok := f[key]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// str returns the first value of key, or "" when absent.
func (f form) str(key string) string {
	v, _ := f.get(key)
	return v
}

// optStr returns a pointer to the value of key, or nil when absent.
func (f form) optStr(key string) *string {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	p := new(string) // not &v: v would then be allocated even when absent
	*p = v
	return p
}

// optBool parses key as a boolean; absent gives nil. A bad value is a
// 60200 naming the parameter.
func (f form) optBool(key string) (*bool, *apiError) {
	v, ok := f.get(key)
	if !ok {
		return nil, nil
	}
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return nil, errInvalid(key)
	}
	return &b, nil
}

// optInt parses key as an integer within [lo, hi]; absent gives nil.
func (f form) optInt(key string, lo, hi int) (*int, *apiError) {
	v, ok := f.get(key)
	if !ok {
		return nil, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < lo || n > hi {
		return nil, errInvalid(key)
	}
	return &n, nil
}
