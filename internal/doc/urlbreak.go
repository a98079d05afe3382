package doc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// URLBreaks returns the byte offsets in text where a line may break inside
// it when text is an address, by the Chicago Manual of Style's rules
// (14.18): after a colon or a double slash; before a single slash, a tilde,
// a period, a comma, a hyphen, an underline, a question mark, a number sign
// or a percent sign; before or after an equals sign or an ampersand. An
// address has "://" or starts with "www."; other text has none. Nothing
// breaks before the punctuation that follows an address in a sentence.
// typeset offers these breaks to its line breaker; xhtml marks them <wbr/>.
func URLBreaks(text string) []int {
	if !IsURL(text) {
		return nil
	}
	scheme := strings.Index(text, "://")
	// no break after the last letter or digit: not before the punctuation
	// that follows the address in the sentence ("…/index.htm),"), and no
	// "/." left alone on a line ("…/principles/.")
	end := len(strings.TrimRightFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	var at []int
	add := func(i int) {
		if i > 0 && i < end && (len(at) == 0 || at[len(at)-1] < i) {
			at = append(at, i)
		}
	}
	for i := 0; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == ':' && strings.HasPrefix(text[i:], "://"):
			add(i + 3) // after the double slash, not between it and the colon
			i += 3
			continue
		case r == '/' && strings.HasPrefix(text[i:], "//"):
			add(i + 2)
			i += 2
			continue
		case r == ':':
			add(i + 1)
		case strings.ContainsRune("/~.,-_?#%", r):
			if i > scheme || scheme < 0 {
				add(i)
			}
		case r == '=' || r == '&':
			add(i)
			add(i + 1)
		}
		i += size
	}
	return at
}

// IsURL reports whether text is written as a web address: it has "://" or
// starts with "www.". typeset's test for an address (which adds e-mail) and
// URLBreaks both read it.
func IsURL(text string) bool {
	return strings.Contains(text, "://") || strings.HasPrefix(text, "www.")
}
