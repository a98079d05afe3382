// Package hyphen finds where words may be hyphenated, with Frank Liang's
// algorithm (as TeX does) from a language's pattern file, the language's
// minimum number of letters before and after a break and in a word broken
// at all, and a list of exceptions that give a word's breaks outright.
package hyphen

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Patterns are a language's Liang patterns, read once and never changed:
// safe to share between goroutines.
type Patterns struct {
	levels map[string][]byte // letters → the level at each of the len+1 gaps
	maxLen int               // the longest pattern, in letters
}

// ReadPatterns reads patterns in the format of TeX's \patterns and of the
// hyphen library's .dic files (LibreOffice, Debian's hyphen-* packages): one
// pattern a line ("ab3ol", ".ach4"); lines starting with % are comments, and
// the .dic header (a character set name, LEFTHYPHENMIN and other upper-case
// directives, NEXTLEVEL) is skipped: folio takes the minima from the words file.
func ReadPatterns(r io.Reader) (*Patterns, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return ParsePatterns(data)
}

// ParsePatterns is ReadPatterns of patterns already read, without copying
// them again; the Patterns keep nothing of data.
func ParsePatterns(data []byte) (*Patterns, error) {
	// about a pattern a line: the map made at its size is never rehashed;
	// the levels of all patterns share one array, which no pattern
	// outgrows, and their letters one string, made once all are read (a
	// string a pattern was most of the allocations of a build)
	lines := bytes.Count(data, []byte("\n")) + 1
	p := &Patterns{levels: make(map[string][]byte, lines)}
	levels := make([]byte, 0, len(data)+lines)
	letters := make([]byte, 0, len(data))
	type span struct{ letters, levels int32 } // where a pattern's letters and levels end
	spans := make([]span, 0, lines)
	for line := 1; len(data) > 0; line++ {
		text, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		if i := bytes.IndexByte(text, '%'); i >= 0 {
			text = text[:i]
		}
		text = bytes.TrimSpace(text)
		if len(text) == 0 || isDirective(string(text)) {
			continue
		}
		for len(text) > 0 {
			field := text
			if i := indexSpace(text); i >= 0 {
				field, text = text[:i], bytes.TrimLeftFunc(text[i:], unicode.IsSpace)
			} else {
				text = nil
			}
			var err error
			if letters, levels, err = p.add(field, letters, levels); err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
			spans = append(spans, span{int32(len(letters)), int32(len(levels))})
		}
	}
	if len(spans) == 0 {
		return nil, fmt.Errorf("no patterns")
	}
	all := string(letters)
	var prev span
	for _, sp := range spans {
		p.levels[all[prev.letters:sp.letters]] = levels[prev.levels:sp.levels:sp.levels]
		prev = sp
	}
	return p, nil
}

// indexSpace is bytes.IndexFunc(s, unicode.IsSpace), a byte at a time
// while the text is ASCII, as patterns are.
func indexSpace(s []byte) int {
	for i, b := range s {
		switch {
		case b == ' ' || b >= '\t' && b <= '\r':
			return i
		case b >= utf8.RuneSelf:
			if j := bytes.IndexFunc(s[i:], unicode.IsSpace); j >= 0 {
				return i + j
			}
			return -1
		}
	}
	return -1
}

// isDirective reports a .dic header line: a character set or an upper-case keyword.
func isDirective(s string) bool {
	if s == "UTF-8" || strings.HasPrefix(s, "ISO") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 'A' && r <= 'Z'
}

// add adds the pattern pat: its letters appended to letters, its levels
// to arena; it returns both. The caller enters it in p.levels.
func (p *Patterns) add(pat, letters, arena []byte) ([]byte, []byte, error) {
	n := 0 // letters
	start, lstart := len(arena), len(letters)
	arena = append(arena, 0)
	for _, r := range string(pat) {
		switch {
		case r >= '0' && r <= '9':
			arena[len(arena)-1] = byte(r - '0')
		case r == '/' || r == '=':
			return letters[:lstart], arena[:start], fmt.Errorf("pattern %q: non-standard patterns (with / or =) are not supported", pat)
		default:
			letters = utf8.AppendRune(letters, normal(r))
			arena = append(arena, 0)
			n++
		}
	}
	if n == 0 {
		return letters[:lstart], arena[:start], fmt.Errorf("pattern %q has no letters", pat)
	}
	p.maxLen = max(p.maxLen, n)
	return letters, arena, nil
}

// normal maps a letter to the form patterns are written in: lower case, and
// the typographic apostrophe as the straight one.
func normal(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf:
		return r
	case r == '’':
		return '\''
	}
	return unicode.ToLower(r)
}

// Hyphenator hyphenates the words of one language.
type Hyphenator struct {
	patterns    *Patterns
	left, right int              // letters kept before and after a break
	word        int              // the fewest letters of a word that is broken
	exceptions  map[string][]int // lower-case word → break positions, in letters
}

// Minima are the fewest letters a break leaves before it (TeX's
// lefthyphenmin) and after it (righthyphenmin), and the fewest letters of a
// word broken at all; each at least 1.
type Minima struct {
	Before, After, Word int
}

// New returns a hyphenator with the patterns and minima.
func New(p *Patterns, m Minima) *Hyphenator {
	return &Hyphenator{patterns: p, left: max(m.Before, 1), right: max(m.After, 1), word: max(m.Word, 1)}
}

// WithExceptions returns a copy of h that breaks the given words only where
// they are written with a hyphen ("or-gan-i-sa-tion"; "folio", a proper
// name, is never broken), whatever the minima before and after a break.
// It reports a word with anything but letters and hyphens.
func (h *Hyphenator) WithExceptions(words []string) (*Hyphenator, error) {
	c := *h
	c.exceptions = map[string][]int{}
	for k, v := range h.exceptions {
		c.exceptions[k] = v
	}
	for _, w := range words {
		var letters []rune
		var points []int
		for _, r := range w {
			switch {
			case r == '-':
				if len(letters) == 0 || (len(points) > 0 && points[len(points)-1] == len(letters)) {
					return nil, fmt.Errorf("exception %q: a hyphen must stand between two letters", w)
				}
				points = append(points, len(letters))
			case unicode.IsLetter(r):
				letters = append(letters, normal(r))
			default:
				return nil, fmt.Errorf("exception %q: write one word, letters only, with hyphens where it may break", w)
			}
		}
		if len(letters) == 0 || (len(points) > 0 && points[len(points)-1] == len(letters)) {
			return nil, fmt.Errorf("exception %q: a hyphen must stand between two letters", w)
		}
		c.exceptions[string(letters)] = points
	}
	return &c, nil
}

// Points returns the byte offsets in word where it may be broken with a
// hyphen, in increasing order. Each run of letters is hyphenated on its own,
// so that an elision ("l’organisation") or a compound ("longer-term") is
// broken inside its words, each with the language's minima; a word given in
// the exceptions is broken where the exception says.
func (h *Hyphenator) Points(word string) []int {
	var out []int
	start := -1
	var runes []rune
	var offs []int
	flush := func() {
		if len(runes) > 0 {
			for _, k := range h.runPoints(runes) {
				out = append(out, offs[k])
			}
		}
		runes, offs = runes[:0], offs[:0]
	}
	for i, r := range word {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			runes = append(runes, normal(r))
			offs = append(offs, i)
			continue
		}
		flush()
		start = -1
	}
	flush()
	return out
}

// runPoints returns the indices k (a break before letter k) of a run of letters.
func (h *Hyphenator) runPoints(letters []rune) []int {
	n := len(letters)
	if n < h.word {
		return nil
	}
	if pts, ok := h.exceptions[string(letters)]; ok {
		return pts
	}
	if n < h.left+h.right {
		return nil
	}
	p := h.patterns
	// the word between dots, and where each of its letters starts in it:
	// patterns are looked up by substring, with no allocation
	var b strings.Builder
	offs := make([]int, 0, n+3)
	offs = append(offs, 0)
	b.WriteByte('.')
	for _, r := range letters {
		offs = append(offs, b.Len())
		b.WriteRune(r)
	}
	offs = append(offs, b.Len())
	b.WriteByte('.')
	offs = append(offs, b.Len())
	w := b.String() // character i of it starts at offs[i]; offs[n+2] is its end
	lv := make([]byte, n+3)
	for i := 0; i < n+2; i++ {
		for j := i + 1; j <= n+2 && j-i <= p.maxLen; j++ {
			if l, ok := p.levels[w[offs[i]:offs[j]]]; ok {
				for k, v := range l {
					if v > lv[i+k] {
						lv[i+k] = v
					}
				}
			}
		}
	}
	var out []int
	// a break before letter k of the run is gap k+1 of the dotted word
	for k := h.left; k <= n-h.right; k++ {
		if lv[k+1]%2 == 1 {
			out = append(out, k)
		}
	}
	return out
}
