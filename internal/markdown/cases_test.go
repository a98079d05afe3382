package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
)

var update = flag.Bool("update", false, "rewrite the expected parts of testdata/cases/*.txt")

// A case file, testdata/cases/NAME.txt, is a comment, then parts each
// headed by a line "-- part --": "source.md", the Markdown read in a
// publication folder holding images/x.png (30 × 20 pixels); "blocks", the
// outline of what it yields (running text written back with its inline
// kinds); "diagnostics", what it reports, one a line.
type caseFile struct {
	comment string
	parts   map[string]string
	order   []string
}

func readCase(t *testing.T, file string) caseFile {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := caseFile{parts: map[string]string{}}
	cur := ""
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if name, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "-- "); ok && strings.HasSuffix(name, " --") {
			cur = strings.TrimSuffix(name, " --")
			c.order = append(c.order, cur)
			continue
		}
		if cur == "" {
			c.comment += line
		} else {
			c.parts[cur] += line
		}
	}
	return c
}

func (c caseFile) bytes() []byte {
	var b strings.Builder
	b.WriteString(c.comment)
	for _, name := range c.order {
		fmt.Fprintf(&b, "-- %s --\n%s", name, c.parts[name])
	}
	return []byte(b.String())
}

// TestCases reads each case file's source and compares what it yields and
// reports with the file's expectations.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			c := readCase(t, file)
			src, ok := c.parts["source.md"]
			if !ok {
				t.Fatal("no source.md part")
			}
			dir := t.TempDir()
			writePNG(t, filepath.Join(dir, "images", "x.png"))
			var diags diag.List
			sec := NewParser().Parse("s.md", []byte(src), dir, &diags)
			got := map[string]string{"blocks": caseOutline(sec.Blocks), "diagnostics": ""}
			if len(diags.Items()) > 0 {
				got["diagnostics"] = strings.ReplaceAll(diags.Error(), dir, "DIR") + "\n"
			}
			for _, part := range []string{"blocks", "diagnostics"} {
				if _, ok := c.parts[part]; !ok {
					c.order = append(c.order, part)
				}
				if *update {
					c.parts[part] = got[part]
					continue
				}
				if got[part] != c.parts[part] {
					t.Errorf("%s:\n%s\nwant:\n%s", part, got[part], c.parts[part])
				}
			}
			if *update {
				if err := os.WriteFile(file, c.bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// caseOutline is outline with running text written back with its inline
// kinds: *emph*, **strong**, `code`, [text](url), and {img src alt WxH
// height= width=} for an image in the text.
func caseOutline(blocks []doc.Block) string {
	var b strings.Builder
	var walk func([]doc.Block, string)
	walk = func(bs []doc.Block, ind string) {
		for _, bl := range bs {
			switch x := bl.(type) {
			case *doc.Heading:
				fmt.Fprintf(&b, "%sH%d#%s %s\n", ind, x.Level, x.ID, inlineOutline(x.Content))
			case *doc.Paragraph:
				if x.ID != "" {
					fmt.Fprintf(&b, "%sP#%s %s\n", ind, x.ID, inlineOutline(x.Content))
					break
				}
				fmt.Fprintf(&b, "%sP %s\n", ind, inlineOutline(x.Content))
			case *doc.List:
				fmt.Fprintf(&b, "%sList\n", ind)
				for _, it := range x.Items {
					walk(it, ind+"  - ")
				}
			case *doc.Box:
				fmt.Fprintf(&b, "%sBox#%s %s\n", ind, x.ID, inlineOutline(x.Title))
				walk(x.Blocks, ind+"  ")
			case *doc.PullQuote:
				fmt.Fprintf(&b, "%sPullQuote %s\n", ind, inlineOutline(x.Content))
			case *doc.Figure:
				fmt.Fprintf(&b, "%sFigure#%s %s alt=%q caption=%q %dx%d\n", ind, x.ID, x.Src, x.Alt, x.Caption, x.Width, x.Height)
			case *doc.Table:
				fmt.Fprintf(&b, "%sTable#%s %d rows caption=%s\n", ind, x.ID, len(x.Rows), inlineOutline(x.Caption))
			default:
				fmt.Fprintf(&b, "%s%T\n", ind, bl)
			}
		}
	}
	walk(blocks, "")
	return b.String()
}

func inlineOutline(in []doc.Inline) string {
	var b strings.Builder
	for _, n := range in {
		switch x := n.(type) {
		case *doc.Text:
			b.WriteString(x.Text)
		case *doc.Emph:
			b.WriteString("*" + inlineOutline(x.Content) + "*")
		case *doc.Strong:
			b.WriteString("**" + inlineOutline(x.Content) + "**")
		case *doc.Code:
			b.WriteString("`" + x.Text + "`")
		case *doc.Super:
			if x.Sub {
				fmt.Fprintf(&b, "_{%s %d:%d}", x.Text, x.Pos.Line, x.Pos.Col)
			} else {
				fmt.Fprintf(&b, "^{%s %d:%d}", x.Text, x.Pos.Line, x.Pos.Col)
			}
		case *doc.Link:
			b.WriteString("[" + inlineOutline(x.Content) + "](" + x.URL + ")")
		case *doc.InlineImage:
			fmt.Fprintf(&b, "{img %s alt=%q %dx%d", x.Src, x.Alt, x.Width, x.Height)
			if !x.SetHeight.IsZero() {
				b.WriteString(" height=" + x.SetHeight.String())
			}
			if !x.SetWidth.IsZero() {
				b.WriteString(" width=" + x.SetWidth.String())
			}
			b.WriteString("}")
		case *doc.LineBreak:
			b.WriteString("\\n")
		case *doc.Cite:
			// {cite [ Prefix|key|Suffix ^ (capital) - (author suppressed) ; … ] L:C}
			b.WriteString("{cite")
			if x.Bracketed {
				b.WriteString(" [")
			}
			for i, it := range x.Items {
				if i > 0 {
					b.WriteString(" ;")
				}
				fmt.Fprintf(&b, " %q|%s|%q", it.Prefix, it.Key, it.Suffix)
				if it.Capital {
					b.WriteString("^")
				}
				if it.SuppressAuthor {
					b.WriteString("-")
				}
				fmt.Fprintf(&b, " %d:%d", it.Pos.Line, it.Pos.Col)
			}
			fmt.Fprintf(&b, " src=%q}", x.Source)
		case *doc.Span:
			fmt.Fprintf(&b, "{span %s %d:%d %s}", x.Lang, x.Pos.Line, x.Pos.Col, inlineOutline(x.Content))
		default:
			fmt.Fprintf(&b, "{%T}", n)
		}
	}
	return b.String()
}
