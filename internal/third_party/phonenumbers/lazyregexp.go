// twilio-verify patch: not in upstream.
package phonenumbers

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled the first time it is used.
// Upstream compiles its package-level patterns at init: about 0.6 ms and
// 290 KB in every process, whether or not it parses a number.
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

// lazyMustCompile is regexp.MustCompile, deferred to first use.
func lazyMustCompile(src string) *lazyRegexp { return &lazyRegexp{src: src} }

// Regexp returns the compiled expression.
func (l *lazyRegexp) Regexp() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}

// The methods of regexp.Regexp that the package uses, on the compiled
// expression.

// FindAllString is regexp.Regexp.FindAllString.
func (l *lazyRegexp) FindAllString(s string, n int) []string { return l.Regexp().FindAllString(s, n) }

// FindIndex is regexp.Regexp.FindIndex.
func (l *lazyRegexp) FindIndex(b []byte) []int { return l.Regexp().FindIndex(b) }

// FindStringIndex is regexp.Regexp.FindStringIndex.
func (l *lazyRegexp) FindStringIndex(s string) []int { return l.Regexp().FindStringIndex(s) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.Regexp().FindStringSubmatch(s) }

// MatchString is regexp.Regexp.MatchString.
func (l *lazyRegexp) MatchString(s string) bool { return l.Regexp().MatchString(s) }

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.Regexp().ReplaceAllString(src, repl)
}

// ReplaceAllStringFunc is regexp.Regexp.ReplaceAllStringFunc.
func (l *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.Regexp().ReplaceAllStringFunc(src, repl)
}

// Split is regexp.Regexp.Split.
func (l *lazyRegexp) Split(s string, n int) []string { return l.Regexp().Split(s, n) }
