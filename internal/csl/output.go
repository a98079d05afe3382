package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// node is rendered output before it is flattened into runs: a leaf's text,
// or children with the formatting, link and item they share.
type node struct {
	text   string
	kids   []*node
	fmt    fmtAttrs
	link   string
	item   string
	quote  int  // 1: an opening quote mark, 2: a closing one (for punctuation in quotes)
	nocase bool // text case leaves it as it is
}

// flipBold is the weight of a field's <b>: bold, or normal in bold text.
const flipBold = "flip"

// fmtAttrs are CSL's formatting attributes on an element ("" where not set).
type fmtAttrs struct {
	style, variant, weight, decoration, align string
}

func fmtOf(e *elem) fmtAttrs {
	return fmtAttrs{e.get("font-style"), e.get("font-variant"), e.get("font-weight"), e.get("text-decoration"), e.get("vertical-align")}
}

func leaf(s string) *node { return &node{text: s} }

func group(kids ...*node) *node {
	var ks []*node
	for _, k := range kids {
		if k != nil && !k.empty() {
			ks = append(ks, k)
		}
	}
	return &node{kids: ks}
}

func (n *node) empty() bool {
	if n == nil {
		return true
	}
	if n.text != "" {
		return false
	}
	for _, k := range n.kids {
		if !k.empty() {
			return false
		}
	}
	return true
}

// plain is the node's text.
func (n *node) plain() string {
	var b strings.Builder
	n.walk(func(l *node) { b.WriteString(l.text) })
	return b.String()
}

func (n *node) walk(f func(*node)) {
	if n == nil {
		return
	}
	if len(n.kids) == 0 {
		f(n)
		return
	}
	for _, k := range n.kids {
		k.walk(f)
	}
}

// leaves lists the node's leaves that hold text.
func (n *node) leaves() []*node {
	var ls []*node
	n.walk(func(l *node) {
		if l.text != "" {
			ls = append(ls, l)
		}
	})
	return ls
}

// join puts delimiter between the nodes that are not empty.
func join(ns []*node, delim string) *node {
	var out []*node
	for _, n := range ns {
		if n.empty() {
			continue
		}
		if len(out) > 0 && delim != "" {
			out = append(out, leaf(delim))
		}
		out = append(out, n)
	}
	return &node{kids: out}
}

// state is the effective formatting at a point of the tree.
type state struct {
	f    Format
	link string
	item string
}

func (s state) with(a fmtAttrs) state {
	switch a.style {
	case "italic", "oblique":
		s.f ^= Italic // flip-flop: italic in italic is upright
	case "normal":
		s.f &^= Italic
	}
	switch a.variant {
	case "small-caps":
		s.f |= SmallCaps
	case "normal":
		s.f &^= SmallCaps
	}
	switch a.weight {
	case "bold":
		s.f |= Bold
	case flipBold:
		s.f ^= Bold
	case "normal", "light":
		s.f &^= Bold
	}
	switch a.decoration {
	case "underline":
		s.f |= Underline
	case "none":
		s.f &^= Underline
	}
	switch a.align {
	case "sup":
		s.f = s.f&^Subscript | Superscript
	case "sub":
		s.f = s.f&^Superscript | Subscript
	case "baseline":
		s.f &^= Superscript | Subscript
	}
	return s
}

// flatten turns a tree into runs, with CSL's punctuation rules: a
// punctuation mark that repeats the one before it is dropped, and, where the
// locale puts punctuation in quotes, a comma or full stop after a closing
// quote moves inside it.
func flatten(n *node, inQuote bool) Text {
	var t Text
	var prevQuote bool
	var visit func(n *node, s state)
	visit = func(n *node, s state) {
		s = s.with(n.fmt)
		if n.link != "" {
			s.link = n.link
		}
		if n.item != "" {
			s.item = n.item
		}
		if len(n.kids) > 0 {
			for _, k := range n.kids {
				visit(k, s)
			}
			return
		}
		text := n.text
		if text == "" {
			return
		}
		if len(t) > 0 {
			text = dedupePunct(t, text)
			if inQuote && prevQuote {
				if r, size := utf8.DecodeRuneInString(text); r == ',' || r == '.' {
					moveIntoQuote(t, string(r))
					text = text[size:]
				}
			}
		}
		if text == "" {
			return
		}
		prevQuote = n.quote == 2
		if k := len(t) - 1; k >= 0 && t[k].Format == s.f && t[k].Link == s.link && t[k].Item == s.item {
			t[k].Text += text
			return
		}
		t = append(t, Run{Text: text, Format: s.f, Link: s.link, Item: s.item})
	}
	visit(n, state{})
	return t
}

// lastRune is the last character of the runs, skipping closing quotes.
func lastRune(t Text) rune {
	for k := len(t) - 1; k >= 0; k-- {
		if t[k].Text != "" {
			r, _ := utf8.DecodeLastRuneInString(t[k].Text)
			return r
		}
	}
	return 0
}

// dedupePunct drops the start of text where it repeats the punctuation that
// ends t: ".." → ".", "?." → "?", ",," → ",".
func dedupePunct(t Text, text string) string {
	r, size := utf8.DecodeRuneInString(text)
	last := lastRune(t)
	switch r {
	case '.':
		if last == '.' || last == '?' || last == '!' || lastIsDotAfterQuote(t) {
			return text[size:]
		}
	case ',', ';', ':':
		if last == r {
			return text[size:]
		}
	}
	return text
}

// lastIsDotAfterQuote: "…title.”" followed by "." keeps one full stop.
func lastIsDotAfterQuote(t Text) bool {
	k := len(t) - 1
	if k < 0 {
		return false
	}
	s := strings.TrimRightFunc(t[k].Text, func(r rune) bool { return r == '”' || r == '’' || r == '»' || r == '\u00a0' })
	if s == t[k].Text {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '?' || r == '!'
}

// moveIntoQuote puts p before the closing quote that ends t (unless a
// punctuation mark is already there).
func moveIntoQuote(t Text, p string) {
	k := len(t) - 1
	s := t[k].Text
	r, size := utf8.DecodeLastRuneInString(s)
	body := s[:len(s)-size]
	if b, _ := utf8.DecodeLastRuneInString(body); unicode.IsPunct(b) && b != '"' {
		return
	}
	t[k].Text = body + p + string(r)
}
