package langrules

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/doc"
)

// ordinalPattern matches a number or a roman numeral of I, V and X followed by
// one of the endings of the words file's typography.
func ordinalPattern(endings []string) *regexp.Regexp {
	if len(endings) == 0 {
		return nil
	}
	// longest first, so that "nde" is not taken for "nd" and a letter after it
	sorted := append([]string(nil), endings...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	quoted := make([]string, len(sorted))
	for i, e := range sorted {
		quoted[i] = regexp.QuoteMeta(e)
	}
	return regexp.MustCompile(`(\d+|[IVX]+)(` + strings.Join(quoted, "|") + `)`)
}

// Ordinals is ordinals for text made outside the source (the formatted date).
func (r Rules) Ordinals(in []doc.Inline) []doc.Inline { return r.ordinals(in) }

// ordinals sets the endings of ordinal abbreviations in a run as superscripts
// ("1er" becomes "1" and a Super "er"), inside emphasis and links too; code,
// addresses and text that a longer word holds are left alone.
func (r Rules) ordinals(in []doc.Inline) []doc.Inline {
	if r.ordinal == nil {
		return in
	}
	var out []doc.Inline
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Text:
			out = append(out, r.splitOrdinals(n)...)
			continue
		case *doc.Emph:
			n.Content = r.ordinals(n.Content)
		case *doc.Strong:
			n.Content = r.ordinals(n.Content)
		case *doc.Link:
			if !IsAddress(doc.PlainText(n.Content), n.URL) {
				n.Content = r.ordinals(n.Content)
			}
		case *doc.Span:
			if r.speaks(n.Lang) {
				n.Content = r.ordinals(n.Content)
			}
		case *doc.Code, *doc.Super, *doc.NoteRef, *doc.LineBreak, *doc.InlineImage, *doc.Cite:
			// code is left alone; the others hold no text the rules touch (an
			// image's alt text is read aloud as written; a reference's text is
			// resolve's)
		}
		out = append(out, n)
	}
	return out
}

// splitOrdinals cuts a text at each ordinal ending it holds.
func (r Rules) splitOrdinals(t *doc.Text) []doc.Inline {
	at := r.ordinalsIn(t.Text)
	if at == nil {
		return []doc.Inline{t}
	}
	s := t.Text
	var out []doc.Inline
	last := 0
	for _, o := range at {
		out = append(out, t.Slice(last, o.ending), &doc.Super{Text: s[o.ending:o.end], Pos: t.PosAt(o.ending)})
		last = o.end
	}
	if last < len(s) {
		out = append(out, t.Slice(last, len(s)))
	}
	return out
}

// ordinalAt is an ordinal abbreviation in a text: where its ending starts,
// and where it ends (bytes).
type ordinalAt struct{ ending, end int }

// ordinalsIn finds the ordinal abbreviations of s, in order: those that are
// words of their own, outside what Verbatim finds. Nil for none.
func (r Rules) ordinalsIn(s string) []ordinalAt {
	if !strings.ContainsAny(s, "0123456789IVX") {
		return nil // no number to end: most text, spared the expression
	}
	if r.memo != nil {
		if at, ok := r.memo.ordinals.Get(s); ok {
			return at
		}
	}
	matches := r.ordinal.FindAllStringSubmatchIndex(s, -1)
	var at []ordinalAt
	if matches != nil {
		keep := Verbatim(s)
		for _, m := range matches {
			start, end, ending := m[0], m[1], m[4]
			if !inSpans(keep, start) && !letterAt(s, start, -1) && !letterAt(s, end, +1) {
				at = append(at, ordinalAt{ending: ending, end: end})
			}
		}
	}
	if r.memo != nil {
		r.memo.ordinals.Put(s, at)
	}
	return at
}

// letterAt reports whether the character just before (dir -1) or at (dir +1)
// byte offset i of s is a letter or a digit: the match is part of a longer word.
func letterAt(s string, i, dir int) bool {
	var r rune
	if dir < 0 {
		if i == 0 {
			return false
		}
		r, _ = utf8.DecodeLastRuneInString(s[:i])
	} else {
		if i >= len(s) {
			return false
		}
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// inSpans reports whether byte offset i is inside one of the spans.
func inSpans(spans []Span, i int) bool {
	for _, sp := range spans {
		if i >= sp.Start && i < sp.End {
			return true
		}
	}
	return false
}
