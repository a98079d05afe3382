package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/yuin/goldmark/ast"
)

// citesOf finds the citation groups in out, the inlines of parent: none in
// a link's text or an image's alt text (a reference there would be a link
// in a link).
func (c *converter) citesOf(parent ast.Node, out []doc.Inline) []doc.Inline {
	switch parent.(type) {
	case *ast.Link, *ast.Image:
		return out
	}
	return c.cites(out, parent.Type() == ast.TypeBlock)
}

// cites finds Pandoc's citation syntax in the text of a run of inlines,
// @key and [prefix @key suffix; @key2], and makes each a doc.Cite: a
// cross-reference when the key has a numbered kind's prefix (fig-, tbl-,
// box-, sec-), a citation otherwise (the source reader checks its key
// against the bibliography). An @ after a letter or a digit (an e-mail
// address) or escaped (\@) is text. start tells whether the run starts a
// sentence (a paragraph's, a heading's or a cell's text).
func (c *converter) cites(in []doc.Inline, start bool) []doc.Inline {
	var out []doc.Inline
	prev := ' ' // the last character before what is read
	if !start {
		prev = 'x'
	}
	atStart := start // no text yet, or a sentence ended
	for _, n := range in {
		t, ok := n.(*doc.Text)
		if !ok || !strings.ContainsRune(t.Text, '@') {
			out = append(out, n)
			if s := doc.PlainText([]doc.Inline{n}); s != "" {
				prev, _ = utf8.DecodeLastRuneInString(s)
				atStart = endsSentence(strings.TrimRightFunc(s, unicode.IsSpace), atStart)
			}
			continue
		}
		out = append(out, c.citesIn(t, prev, atStart)...)
		prev, _ = utf8.DecodeLastRuneInString(t.Text)
		atStart = endsSentence(strings.TrimRightFunc(t.Text, unicode.IsSpace), atStart)
	}
	return out
}

// citesIn cuts t at each citation group it holds; prev is the character
// before it, sentence whether a sentence starts there.
func (c *converter) citesIn(t *doc.Text, prev rune, sentence bool) []doc.Inline {
	s := t.Text
	var out []doc.Inline
	from := 0 // the text not yet given out starts here
	before := func(i int) rune {
		if i == 0 {
			return prev
		}
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		return r
	}
	startsSentence := func(i int) bool {
		return endsSentence(strings.TrimRightFunc(s[:i], unicode.IsSpace), sentence)
	}
	for i := 0; i < len(s); {
		var cite *doc.Cite
		end := 0
		switch {
		case s[i] == '[' && !c.escaped(t, i):
			cite, end = c.bracketed(t, i, startsSentence(i))
		case s[i] == '@' && canCite(before(i)) && !c.escaped(t, i):
			if item, n, ok := c.citeKey(t, i); ok {
				item.Capital = item.Capital || startsSentence(i)
				cite, end = &doc.Cite{Items: []doc.CiteItem{item}, Pos: item.Pos}, i+n
			}
		}
		if cite == nil {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		cite.Source = s[i:end]
		if from < i {
			out = append(out, t.Slice(from, i))
		}
		out = append(out, cite)
		from, i = end, end
	}
	if from == 0 {
		return []doc.Inline{t}
	}
	if from < len(s) {
		out = append(out, t.Slice(from, len(s)))
	}
	return out
}

// bracketed reads a bracketed citation group at byte i of t: every part
// between semicolons holds one @key. nil when the brackets hold something else.
func (c *converter) bracketed(t *doc.Text, i int, sentence bool) (*doc.Cite, int) {
	s := t.Text
	close := strings.IndexAny(s[i+1:], "[]")
	if close < 0 || s[i+1+close] != ']' {
		return nil, 0
	}
	end := i + 1 + close + 1
	cite := &doc.Cite{Bracketed: true, Pos: t.PosAt(i)}
	off := i + 1
	for _, part := range strings.Split(s[i+1:end-1], ";") {
		at, suppress := -1, false
		for j := 0; j < len(part); j++ {
			if part[j] == '@' && (j == 0 || canCite(rune(part[j-1]))) {
				at = j
				break
			}
			if part[j] == '@' && j > 0 && part[j-1] == '-' && (j == 1 || part[j-2] == ' ') {
				at, suppress = j, true // [-@key]: the author left out
				break
			}
		}
		if at < 0 {
			return nil, 0
		}
		item, n, ok := c.citeKey(t, off+at)
		if !ok || strings.ContainsRune(part[at+n:], '@') {
			return nil, 0
		}
		prefix := part[:at]
		if suppress {
			prefix = prefix[:len(prefix)-1]
		}
		item.Prefix, item.Suffix = strings.TrimLeft(prefix, " "), strings.TrimRight(part[at+n:], " ")
		item.SuppressAuthor = suppress
		item.Capital = item.Capital || len(cite.Items) == 0 && item.Prefix == "" && sentence
		cite.Items = append(cite.Items, item)
		off += len(part) + 1
	}
	return cite, end
}

// citeKey reads the key after the @ at byte i of t, and its length with the
// @. A key starts with a letter, a digit or _, and goes on with those and
// -.:/ between them (a final full stop ends the sentence, not the key).
// Quarto's capitalised form of a cross-reference, @Fig-x, refers to fig-x.
func (c *converter) citeKey(t *doc.Text, i int) (doc.CiteItem, int, bool) {
	s := t.Text[i+1:]
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case keyRune(r):
			n += size
			continue
		case strings.ContainsRune("-.:/", r) && n > 0:
			if next, _ := utf8.DecodeRuneInString(s[n+size:]); keyRune(next) {
				n += size
				continue
			}
		}
		break
	}
	if n == 0 {
		return doc.CiteItem{}, 0, false
	}
	item := doc.CiteItem{Key: s[:n], Pos: t.PosAt(i)}
	if first, size := utf8.DecodeRuneInString(item.Key); unicode.IsUpper(first) {
		if lower := string(unicode.ToLower(first)) + item.Key[size:]; doc.RefKindOf(lower) != doc.RefNone {
			item.Key, item.Capital = lower, true
		}
	}
	return item, n + 1, true
}

func keyRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// canCite reports whether an @ after r may start a citation: not after a
// letter or a digit (an e-mail address) or what joins words.
func canCite(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("_.-+@/\\", r)
}

// endsSentence reports whether text that ends with s (trailing spaces
// trimmed) leaves the next word at the start of a sentence; empty is
// whether it was before.
func endsSentence(s string, before bool) bool {
	if s == "" {
		return before
	}
	s = strings.TrimRight(s, "\"'”’»)]\u00a0\u202f")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// escaped reports whether the character at byte i of t is escaped with a
// backslash in the source (the escape places it at its backslash).
func (c *converter) escaped(t *doc.Text, i int) bool {
	off := c.offset(t.PosAt(i))
	return off >= 0 && off < len(c.src) && c.src[off] == '\\'
}

// offset is the byte of the source at pos, or -1 when pos has no line.
func (c *converter) offset(p diag.Pos) int {
	if p.Line < 1 || p.Line > len(c.lines) {
		return -1
	}
	off := c.lines[p.Line-1]
	for col := 1; col < p.Col && off < len(c.src); col++ {
		_, size := utf8.DecodeRune(c.src[off:])
		off += size
	}
	return off
}
