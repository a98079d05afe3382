package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// noteDefs returns where the footnote definitions at the start of a line
// begin in src, "[^label]:" after up to three spaces (as the regular
// expression `(?m)^ {0,3}\[\^([^\]\s]+)\]:` finds them): each the start of
// its line, its end, and its label's start and end. Scanned, not matched
// with the expression, which tries every byte of every section.
func noteDefs(src []byte) [][4]int {
	var out [][4]int
	for line := 0; line < len(src); {
		at := line
		for at < len(src) && at-line < 3 && src[at] == ' ' {
			at++
		}
		if end := labelEnd(src, at); end < len(src)-1 && src[end] == ']' && src[end+1] == ':' {
			out = append(out, [4]int{line, end + 2, at + 2, end})
		}
		next := bytes.IndexByte(src[line:], '\n')
		if next < 0 {
			break
		}
		line += next + 1
	}
	return out
}

// noteRefs returns where what looks like a footnote reference, "[^label]",
// is in src (as the regular expression `\[\^([^\]\s]+)\]` finds it): each
// its start, its end, and its label's start and end.
func noteRefs(src []byte) [][4]int {
	var out [][4]int
	for from := 0; ; {
		i := bytes.Index(src[from:], []byte("[^"))
		if i < 0 {
			return out
		}
		start := from + i
		if end := labelEnd(src, start); end < len(src) && src[end] == ']' {
			out = append(out, [4]int{start, end + 1, start + 2, end})
			from = end + 1
		} else {
			from = start + 1
		}
	}
}

// labelEnd returns, for "[^" at src[at:], where the label after it ends:
// at the first ']' or space (\s: tab, newline, form feed, carriage
// return, space); at+2 when there is no label, and when there is no "[^",
// len(src) or more.
func labelEnd(src []byte, at int) int {
	if !bytes.HasPrefix(src[at:], []byte("[^")) {
		return len(src)
	}
	end := at + 2
	for end < len(src) {
		switch src[end] {
		case ']', '\t', '\n', '\f', '\r', ' ':
			if end == at+2 {
				return len(src) // no label
			}
			return end
		}
		end++
	}
	return end
}

// checkNotes reports what goldmark lets pass in silence: a reference to a
// footnote nobody defined (it would print as "[^label]") and a definition
// nothing refers to (it would vanish). Code is left alone.
func (c *converter) checkNotes(root ast.Node, list *east.FootnoteList) {
	code := codeRanges(root, c.src)
	inCode := func(off int) bool {
		i := sort.Search(len(code), func(i int) bool { return code[i][1] > off })
		return i < len(code) && code[i][0] <= off
	}
	used := map[string]bool{}
	if list != nil {
		for n := list.FirstChild(); n != nil; n = n.NextSibling() {
			used[string(n.(*east.Footnote).Ref)] = true
		}
	}
	defined := map[string]bool{}
	for _, m := range noteDefs(c.src) {
		if inCode(m[0]) {
			continue
		}
		label := string(c.src[m[2]:m[3]])
		defined[label] = true
		if !used[label] {
			c.diags.Add(c.pos(m[2]-2), "footnote [^%s] is never referred to: add [^%s] where it belongs, or delete it", label, label)
		}
	}
	for _, m := range noteRefs(c.src) {
		if inCode(m[0]) || m[1] < len(c.src) && c.src[m[1]] == ':' {
			continue // code, or a definition
		}
		if label := string(c.src[m[2]:m[3]]); !defined[label] {
			c.diags.Add(c.pos(m[0]), "footnote [^%s] is not defined: add a line \"[^%s]: text of the note\"", label, label)
		}
	}
}

// codeRanges returns the byte ranges of the code in the document, sorted:
// code blocks and code spans, where footnote syntax is only text.
func codeRanges(root ast.Node, src []byte) [][2]int {
	var out [][2]int
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			if lines.Len() > 0 {
				out = append(out, [2]int{lines.At(0).Start, lines.At(lines.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			start, stop := -1, -1
			for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					if start < 0 {
						start = t.Segment.Start
					}
					stop = t.Segment.Stop
				}
			}
			if start >= 0 {
				out = append(out, [2]int{start, stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
