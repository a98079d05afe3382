package typeset

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// breakURLs gives the URLs among words (an address written out: a CSL URL
// or DOI, an autolink, link text that is an address) the places a line may
// break inside them that the Chicago Manual of Style gives (14.18): after a
// colon or a double slash; before a single slash, a tilde, a period, a
// comma, a hyphen, an underline, a question mark, a number sign or a
// percent sign; before or after an equals sign or an ampersand. No hyphen
// is added there, and the breaker takes such a break at a small penalty
// (kpURLPenalty), only where it sets the paragraph better. Nothing breaks
// before the punctuation that ends a sentence after the address, nor inside
// code. Words that are not addresses are returned as they are.
func breakURLs(words []word) []word {
	var out []word
	for i, wd := range words {
		text := wd.text()
		at := urlBreaks(text)
		if len(at) == 0 || !wd.mayBreakAsURL() || strings.Contains(text, softHyphen) {
			if out != nil {
				out = append(out, wd)
			}
			continue
		}
		if out == nil {
			out = append(make([]word, 0, len(words)+len(at)), words[:i]...)
		}
		parts := wd.split(at, allAt(at))
		for j := range parts[:len(parts)-1] {
			parts[j].urlBreak = true
		}
		out = append(out, parts...)
	}
	if out == nil {
		return words
	}
	return out
}

// mayBreakAsURL reports whether none of the word is code or a note mark.
func (w *word) mayBreakAsURL() bool {
	for _, s := range w.segs {
		if s.nohyph || s.note != nil || s.image != nil {
			return false
		}
	}
	return true
}

// urlBreaks returns the byte offsets in text where a line may break inside
// it, by Chicago's rules, when text is an address (it has "://" or starts
// with "www."); none otherwise.
func urlBreaks(text string) []int {
	scheme := strings.Index(text, "://")
	if scheme < 0 && !strings.HasPrefix(text, "www.") {
		return nil
	}
	// the address ends before the punctuation that follows it in the
	// sentence ("…/principles/." or "…/index.htm),"): no break there
	end := len(strings.TrimRightFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' }))
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
