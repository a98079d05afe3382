package markdown

import (
	"regexp"
	"sort"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

var (
	// noteDef is a footnote definition at the start of a line.
	noteDef = regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)
	// noteRef is what a footnote reference looks like in the text.
	noteRef = regexp.MustCompile(`\[\^([^\]\s]+)\]`)
)

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
	for _, m := range noteDef.FindAllSubmatchIndex(c.src, -1) {
		if inCode(m[0]) {
			continue
		}
		label := string(c.src[m[2]:m[3]])
		defined[label] = true
		if !used[label] {
			c.diags.Add(c.pos(m[2]-2), "footnote [^%s] is never referred to: add [^%s] where it belongs, or delete it", label, label)
		}
	}
	for _, m := range noteRef.FindAllSubmatchIndex(c.src, -1) {
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
