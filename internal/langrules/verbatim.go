package langrules

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/lazyre"
)

// Span is a stretch of running text that no language rule touches.
type Span struct {
	Start, End int    // byte offsets in the text
	Kind       string // url, email, time (10:30, 3:1) or date (2019-05-01)
}

// A URL ends before a space, and before what cannot be in one unescaped.
const urlChars = `[^\s<>"«»“”‘’\x{a0}\x{202f}]`

var verbatimPatterns = []struct {
	kind string
	// may reports cheaply whether s can hold a match, so that most text
	// never runs the expression
	may func(s string) bool
	re  func() *regexp.Regexp // compiled on first use (lazyre.New)
}{
	// URLs: with a scheme (https://…, mailto:…), from www., or a domain name with a path
	{"url", func(s string) bool { return strings.Contains(s, "://") },
		lazyre.New(`(?i)\b[a-z][a-z0-9+.-]*://` + urlChars + `+`)},
	{"url", func(s string) bool { return containsFold(s, "mailto:", "urn:", "doi:", "tel:") },
		lazyre.New(`(?i)\b(?:mailto|urn|doi|tel):` + urlChars + `+`)},
	{"url", func(s string) bool { return containsFold(s, "www.") },
		lazyre.New(`(?i)\bwww\.` + urlChars + `+`)},
	{"url", func(s string) bool { return strings.Contains(s, "/") && strings.Contains(s, ".") },
		lazyre.New(`(?i)\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}/` + urlChars + `*`)},
	{"email", func(s string) bool { return strings.Contains(s, "@") },
		lazyre.New(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`)},
	{"time", func(s string) bool { return digitsAround(s, ':') }, lazyre.New(`\b\d+(?::\d+)+\b`)},
	{"date", func(s string) bool { return digitsAround(s, '-') }, lazyre.New(`\b\d{4}-\d{2}-\d{2}\b`)},
}

// containsFold reports whether s holds one of subs (lowercase ASCII), whatever
// the case of s. It copies nothing: it runs on every text of an edition.
func containsFold(s string, subs ...string) bool {
	for _, sub := range subs {
		for i := 0; i+len(sub) <= len(s); i++ {
			if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
				return true
			}
		}
	}
	return false
}

// digitsAround reports whether sep stands between two digits somewhere in s.
func digitsAround(s string, sep byte) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == sep && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

// Verbatim returns the stretches of s that language rules leave as typed, in
// order and without overlaps: URLs (with a scheme, from www., or a domain name
// with a path), e-mail addresses, times and ratios (10:30, 3:1) and ISO dates.
// Punctuation that ends a sentence after a URL is not part of it.
func Verbatim(s string) []Span {
	var spans []Span
	for _, p := range verbatimPatterns {
		if !p.may(s) {
			continue
		}
		for _, m := range p.re().FindAllStringIndex(s, -1) {
			start, end := m[0], m[1]
			if p.kind == "url" {
				end = start + len(trimURL(s[start:end]))
			}
			if end > start {
				spans = append(spans, Span{Start: start, End: end, Kind: p.kind})
			}
		}
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out []Span
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, sp.End) // overlapping: one stretch, of the first kind
			continue
		}
		out = append(out, sp)
	}
	return out
}

// trimURL drops the punctuation that ends a sentence or a bracket after a URL:
// "(see https://example.org/a_(b))." keeps "https://example.org/a_(b)".
func trimURL(u string) string {
	for u != "" {
		last, size := utf8.DecodeLastRuneInString(u)
		switch {
		case strings.ContainsRune(".,;:!?'\"", last):
		case last == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
		case last == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
		default:
			return u
		}
		u = u[:len(u)-size]
	}
	return u
}

// verbatimRunes marks, rune by rune, what Verbatim finds in s (of n runes).
func verbatimRunes(s string, n int) []bool {
	keep := make([]bool, n)
	spans := Verbatim(s)
	if len(spans) == 0 {
		return keep
	}
	i := 0 // rune index
	for off := range s {
		for len(spans) > 0 && off >= spans[0].End {
			spans = spans[1:]
		}
		if len(spans) == 0 {
			break
		}
		keep[i] = off >= spans[0].Start
		i++
	}
	return keep
}

// IsAddress reports whether the text of a link is an address rather than
// words: its URL, the URL without its scheme, or a text that is one URL or
// e-mail address as a whole. Language rules leave such a link's text as typed.
func IsAddress(text, url string) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return false
	}
	if t == url || strings.TrimPrefix(url, "mailto:") == t {
		return true
	}
	if _, rest, ok := strings.Cut(url, "://"); ok && (rest == t || strings.TrimSuffix(rest, "/") == t) {
		return true
	}
	spans := Verbatim(t)
	return len(spans) == 1 && spans[0].Start == 0 && spans[0].End == len(t) && (spans[0].Kind == "url" || spans[0].Kind == "email")
}
