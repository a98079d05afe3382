package parity

import (
	"regexp"
	"strings"

	"github.com/folio-pub/folio/internal/langrules"
)

// A number as languages write it: digits, grouped by three with spaces
// (1 000 000, also no-break), or with commas or points between digits (1,000;
// 2.5; 2,5).
var numberPattern = regexp.MustCompile(`\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+|\d+(?:[.,]\d+)*`)

// numbers returns the numbers of text, each as its digits alone (1 000, 1,000
// and 1000 are the same number; so are 2.5 and 2,5), in order, once each.
// Numbers inside URLs and e-mail addresses do not count.
func numbers(text string) []string {
	if !strings.ContainsAny(text, "0123456789") {
		return nil // most text: no expression run, no address looked for
	}
	for _, sp := range langrules.Verbatim(text) {
		if sp.Kind == "url" || sp.Kind == "email" {
			text = text[:sp.Start] + strings.Repeat(" ", sp.End-sp.Start) + text[sp.End:]
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, m := range numberPattern.FindAllStringIndex(text, -1) {
		// "2019 100" is two numbers: a space groups thousands only after 1 to 3 digits
		if m[0] > 0 && isASCIIDigit(text[m[0]-1]) {
			continue
		}
		n := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, text[m[0]:m[1]])
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// numbersIn is numbers(text), from the memo when the text was read before.
func (c *checker) numbersIn(text string) []string {
	if c.opt.Memo == nil {
		return numbers(text)
	}
	if ns, ok := c.opt.Memo.numbers.Get(text); ok {
		return ns
	}
	ns := numbers(text)
	c.opt.Memo.numbers.Put(text, ns)
	return ns
}
