package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords are the words title case leaves in lower case (CSL 1.0.2).
var stopWords = setOf(`a an and as at but by down for from in into nor of on onto or over so the till to up via with yet`)

// textCase changes the case of the node's text; title is whether title case
// applies (English only).
func textCase(n *node, tc string, title bool) {
	ls := n.leaves()
	first := true
	for i, l := range ls {
		if l.nocase {
			first = false
			continue
		}
		switch tc {
		case "lowercase":
			l.text = strings.ToLower(l.text)
		case "uppercase":
			l.text = strings.ToUpper(l.text)
		case "capitalize-first":
			if first {
				l.text = capFirst(l.text)
			}
		case "capitalize-all":
			l.text = mapWords(l.text, func(w string, _, _ bool) string { return capFirst(w) })
		case "sentence":
			if isUpper(l.text) {
				l.text = strings.ToLower(l.text)
			}
			if first {
				l.text = capFirst(l.text)
			}
		case "title":
			if title {
				lastLeaf := i == len(ls)-1
				startFirst := first
				l.text = mapWords(l.text, func(w string, isFirst, isLast bool) string {
					if isUpper(w) && utf8.RuneCountInString(w) > 1 {
						return w // an acronym
					}
					if !(isFirst && startFirst) && !(isLast && lastLeaf) && stopWords[strings.ToLower(w)] {
						return w
					}
					if hasUpperAfterFirst(w) {
						return w
					}
					return capFirst(w)
				})
			}
		}
		if strings.TrimSpace(l.text) != "" {
			first = false
		}
	}
}

func capFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
	}
	return s
}

func isUpper(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

func hasUpperAfterFirst(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// mapWords applies f to each word of s (letters, digits and apostrophes);
// isFirst and isLast say whether it is the first or last word.
func mapWords(s string, f func(w string, isFirst, isLast bool) string) string {
	var out strings.Builder
	type span struct{ a, b int }
	var ws []span
	start := -1
	for i, r := range s {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
		if inWord && start < 0 {
			start = i
		}
		if !inWord && start >= 0 {
			ws = append(ws, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, span{start, len(s)})
	}
	prev := 0
	for k, w := range ws {
		out.WriteString(s[prev:w.a])
		// a word after a colon starts a subtitle: capitalised like the first
		isFirst := k == 0 || strings.Contains(s[ws[k-1].b:w.a], ":")
		out.WriteString(f(s[w.a:w.b], isFirst, k == len(ws)-1))
		prev = w.b
	}
	out.WriteString(s[prev:])
	return out.String()
}

// richText reads the markup CSL-JSON fields may hold into a node.
func richText(s string) *node {
	root := &node{}
	stack := []*node{root}
	top := func() *node { return stack[len(stack)-1] }
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			top().kids = append(top().kids, leaf(s))
			break
		}
		if i > 0 {
			top().kids = append(top().kids, leaf(s[:i]))
		}
		s = s[i:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			top().kids = append(top().kids, leaf(s))
			break
		}
		tag := s[1:j]
		var n *node
		switch {
		case tag == "i" || tag == "em":
			n = &node{fmt: fmtAttrs{style: "italic"}}
		case tag == "b" || tag == "strong":
			n = &node{fmt: fmtAttrs{weight: flipBold}} // bold in bold is normal, as italics
		case tag == "sup":
			n = &node{fmt: fmtAttrs{align: "sup"}}
		case tag == "sub":
			n = &node{fmt: fmtAttrs{align: "sub"}}
		case tag == "sc" || strings.HasPrefix(tag, "span") && strings.Contains(tag, "small-caps"):
			n = &node{fmt: fmtAttrs{variant: "small-caps"}}
		case strings.HasPrefix(tag, "span") && strings.Contains(tag, "nodecor"):
			n = &node{fmt: fmtAttrs{style: "normal", variant: "normal", weight: "normal"}}
		case strings.HasPrefix(tag, "span") && strings.Contains(tag, "nocase"):
			n = &node{nocase: true}
		case strings.HasPrefix(tag, "span"):
			n = &node{}
		case strings.HasPrefix(tag, "/") && len(stack) > 1:
			stack = stack[:len(stack)-1]
			s = s[j+1:]
			continue
		default:
			top().kids = append(top().kids, leaf(s[:j+1]))
			s = s[j+1:]
			continue
		}
		top().kids = append(top().kids, n)
		stack = append(stack, n)
		s = s[j+1:]
	}
	if len(stack) > 1 {
		return leaf(root.plain())
	}
	markNocase(root, false)
	return root
}

func markNocase(n *node, on bool) {
	on = on || n.nocase
	n.nocase = on
	for _, k := range n.kids {
		markNocase(k, on)
	}
}
