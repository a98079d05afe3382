package markdown

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// TestDelimAlignment: a delimiter row's column reads as goldmark's
// expressions read it (extension/table.go), which delimAlignment replaces.
func TestDelimAlignment(t *testing.T) {
	t.Parallel()
	goldmark := []struct {
		re *regexp.Regexp
		a  east.Alignment
	}{
		{regexp.MustCompile(`^\s*\:\-+\s*$`), east.AlignLeft},
		{regexp.MustCompile(`^\s*\-+\:\s*$`), east.AlignRight},
		{regexp.MustCompile(`^\s*\:\-+\:\s*$`), east.AlignCenter},
		{regexp.MustCompile(`^\s*\-+\s*$`), east.AlignNone},
	}
	for _, col := range []string{
		"-", "---", " --- ", ":-", ":---", "-:", "---:", ":-:", " :---: ", "\t:--\t",
		"", " ", ":", "::", ":::", "-:-", "--:-", ": -", "- :", "-\v", "\f-\r\n", "x-", "-x", ":-:-:",
	} {
		want, wantOK := east.AlignNone, false
		for _, g := range goldmark {
			if g.re.MatchString(col) {
				want, wantOK = g.a, true
				break
			}
		}
		if got, ok := delimAlignment([]byte(col)); got != want || ok != wantOK {
			t.Errorf("delimAlignment(%q) = %v, %v; goldmark: %v, %v", col, got, ok, want, wantOK)
		}
	}
}

// TestTablesAsGoldmark: tables{} makes the same tree as goldmark's
// extension.Table, of which it is the parsing: every node's kind, its
// text, and each cell's alignment.
func TestTablesAsGoldmark(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"| Left | Centre | Right | None |\n|:-----|:------:|------:|------|\n| a | b | c | d |\n| short |\n| one | two | three | four | five |\n",
		"| `x \\| y` | p \\| q |\n| --- | --- |\n| `a \\| b \\| c` | *e* |\n",
		"Text before\nthe table.\n| A | B |\n| --- | --- |\n| 1 | 2 |\n",
		"| A | B |\n| -:- | --- |\n| 1 | 2 |\n",
		"A | B\n--|--\n1 | 2\n\n    | indented | code |\n    | --- | --- |\n",
		"| A |\n|---|\n\n| only header | x |\n| --- |\n",
	} {
		want := treeOf(goldmark.New(goldmark.WithExtensions(extension.Table)), src)
		if got := treeOf(goldmark.New(goldmark.WithExtensions(tables{})), src); got != want {
			t.Errorf("%q:\n%s\ngoldmark's:\n%s", src, got, want)
		}
	}
}

// treeOf is the tree md parses src into, a node a line.
func treeOf(md goldmark.Markdown, src string) string {
	var b strings.Builder
	root := md.Parser().Parse(text.NewReader([]byte(src)))
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s", n.Kind())
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " %q", n.Segment.Value([]byte(src)))
		case *east.Table:
			fmt.Fprintf(&b, " %v", n.Alignments)
		case *east.TableCell:
			fmt.Fprintf(&b, " %v", n.Alignment)
		}
		b.WriteString("\n")
		return ast.WalkContinue, nil
	})
	return b.String()
}
