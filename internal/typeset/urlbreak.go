package typeset

import (
	"strings"

	"github.com/folio-pub/folio/internal/doc"
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
		at := doc.URLBreaks(text)
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
