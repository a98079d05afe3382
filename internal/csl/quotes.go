package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteMarks are the marks smartQuotes reads in a field's text.
const quoteMarks = "\"'“”‘’"

// quoteTok is a quotation mark found in a field's text: where it is (a
// leaf and a byte offset in it) and what it became.
type quoteTok struct {
	leaf *node
	at   int
	size int
	repl *node // the mark as set: a locale's quote, or nil
	apos bool  // set as an apostrophe, in the text around it (a word goes on across it)
}

// smartQuotes sets the quotation marks typed in a field's text as the
// locale's, nested as the output nests them, as citeproc-js does: a pair
// of " (or “ ”), or of ' (or ‘ ’) where they open and close around words,
// becomes open-quote and close-quote, or the inner ones at an odd depth
// (depth is how many quotes the field is in: a title set in quotes has
// its own quotes inner, ‘…’ in English, “…” in French « … »); a ' between
// letters, or one with no partner, is an apostrophe (’); a " with no
// partner stays as typed.
func (c *ctx) smartQuotes(n *node, depth int) *node {
	if n == nil || !strings.ContainsAny(n.plain(), quoteMarks) {
		return n
	}
	leaves := n.leaves()
	q := quoteScan{depth: depth, mark: func(term string, side int) *node {
		return &node{text: c.p.loc.term(term, "", false), quote: side}
	}}
	q.scan(leaves)
	for _, l := range leaves {
		setMarks(l, q.toks)
	}
	return n
}

// quoteScan pairs the quotation marks of a field's text.
type quoteScan struct {
	depth int
	mark  func(term string, side int) *node
	toks  []*quoteTok
	stack []openQuote
}

// openQuote is a mark that opened a quotation not yet closed.
type openQuote struct {
	tok    *quoteTok
	single bool
}

// placed is a character of a field's text and where it is.
type placed struct {
	leaf *node
	off  int
	r    rune
}

func (q *quoteScan) scan(leaves []*node) {
	var runes []placed
	for _, l := range leaves {
		for i, r := range l.text {
			runes = append(runes, placed{l, i, r})
		}
	}
	for i, a := range runes {
		if !strings.ContainsRune(quoteMarks, a.r) {
			continue
		}
		prev, next := rune(0), rune(0)
		if i > 0 {
			prev = runes[i-1].r
		}
		if i+1 < len(runes) {
			next = runes[i+1].r
		}
		t := &quoteTok{leaf: a.leaf, at: a.off, size: utf8.RuneLen(a.r)}
		q.read(t, a.r, prev, next)
		q.toks = append(q.toks, t)
	}
	for _, o := range q.stack { // no partner
		if o.single && o.tok.leaf.text[o.tok.at] == '\'' {
			o.tok.apos = true
		}
	}
}

// read decides what a mark r between prev and next is: an apostrophe, an
// opening quote, the closing one of the last opened, or a mark as typed.
func (q *quoteScan) read(t *quoteTok, r, prev, next rune) {
	single := r == '\'' || r == '‘' || r == '’'
	topIs := func(s bool) bool { return len(q.stack) > 0 && q.stack[len(q.stack)-1].single == s }
	canOpen := (prev == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/\"“‘", prev)) && next != 0 && !unicode.IsSpace(next)
	canClose := prev != 0 && !unicode.IsSpace(prev) && (next == 0 || !isWordRune(next))
	switch {
	case single && isWordRune(prev) && isWordRune(next):
		t.apos = true // l’État, don’t
	case (r == '”' || r == '"' && canClose) && topIs(false), (r == '’' || r == '\'' && canClose) && topIs(true):
		o := q.stack[len(q.stack)-1]
		q.stack = q.stack[:len(q.stack)-1]
		inner := (q.depth+len(q.stack))%2 == 1
		o.tok.repl, t.repl = q.mark(quoteTerm("open", inner), 1), q.mark(quoteTerm("close", inner), 2)
	case r == '“' || r == '‘' || canOpen && (r == '"' || r == '\''):
		q.stack = append(q.stack, openQuote{t, single})
	case r == '\'':
		t.apos = true
	}
}

// setMarks cuts a leaf's text at its quotation marks, each a node of its
// own (for punctuation in quotes), and sets its apostrophes.
func setMarks(l *node, toks []*quoteTok) {
	var kids []*node
	var text strings.Builder
	from, changed := 0, false
	for _, t := range toks {
		if t.leaf != l || t.repl == nil && !t.apos {
			continue
		}
		changed = true
		text.WriteString(l.text[from:t.at])
		from = t.at + t.size
		if t.apos {
			text.WriteString("’")
			continue
		}
		if text.Len() > 0 {
			kids = append(kids, leaf(text.String()))
			text.Reset()
		}
		kids = append(kids, t.repl)
	}
	if !changed {
		return
	}
	text.WriteString(l.text[from:])
	if text.Len() > 0 {
		kids = append(kids, leaf(text.String()))
	}
	for _, k := range kids {
		k.nocase = l.nocase
	}
	l.text, l.kids = "", kids
}

// quoteTerm is the locale term of an opening or closing quote, outer or inner.
func quoteTerm(side string, inner bool) string {
	if inner {
		return side + "-inner-quote"
	}
	return side + "-quote"
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
