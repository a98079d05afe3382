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
	var toks []*quoteTok
	// the text around each mark, across the leaves
	type at struct {
		leaf *node
		off  int
		r    rune
		size int
	}
	var runes []at
	for _, l := range leaves {
		for i, r := range l.text {
			runes = append(runes, at{l, i, r, utf8.RuneLen(r)})
		}
	}
	type open struct {
		tok    *quoteTok
		single bool
	}
	var stack []open
	mark := func(term string, q int) *node { return &node{text: c.p.loc.term(term, "", false), quote: q} }
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
		t := &quoteTok{leaf: a.leaf, at: a.off, size: a.size}
		single := a.r == '\'' || a.r == '‘' || a.r == '’'
		topIs := func(s bool) bool { return len(stack) > 0 && stack[len(stack)-1].single == s }
		canOpen := (prev == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/\"“‘", prev)) && next != 0 && !unicode.IsSpace(next)
		canClose := prev != 0 && !unicode.IsSpace(prev) && (next == 0 || !isWordRune(next))
		switch {
		case single && isWordRune(prev) && isWordRune(next):
			t.apos = true // l’État, don’t
		case (a.r == '”' || a.r == '"' && canClose) && topIs(false),
			(a.r == '’' || a.r == '\'' && canClose) && topIs(true):
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			inner := (depth+len(stack))%2 == 1
			o.tok.repl, t.repl = mark(quoteTerm("open", inner), 1), mark(quoteTerm("close", inner), 2)
		case a.r == '“' || a.r == '‘' || canOpen && (a.r == '"' || a.r == '\''):
			stack = append(stack, open{t, single})
		case a.r == '\'':
			t.apos = true
		}
		toks = append(toks, t)
	}
	for _, o := range stack { // no partner
		if o.single && o.tok.leaf.text[o.tok.at] == '\'' {
			o.tok.apos = true
		}
	}
	// each leaf's text cut at its marks
	for _, l := range leaves {
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
			continue
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
	return n
}

// quoteTerm is the locale term of an opening or closing quote, outer or inner.
func quoteTerm(side string, inner bool) string {
	if inner {
		return side + "-inner-quote"
	}
	return side + "-quote"
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
