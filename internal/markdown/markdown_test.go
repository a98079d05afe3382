package markdown

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
)

func writePNG(t *testing.T, file string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(file), 0o755)
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, image.NewGray(image.Rect(0, 0, 30, 20)))
}

func TestParseStructure(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "images", "x.png"))
	src := "# What is it? {#what}\n\nSome *emph* and **strong** with `code`, a [link](https://example.org)\n" +
		"and a [ref](#box-1)[^1] &amp; more\\* text.\n\n- one\n- two\n\n| A | B |\n|:--|--:|\n| 1 | 2 |\n\n" +
		"::: box\n### Box 1: Title {#box-1}\nBox text.[^n]\n:::\n\n![A diagram](images/x.png \"The caption\")\n\n" +
		"[^1]: First note.\n[^n]: Second note.\n"
	var diags diag.List
	sec := NewParser().Parse("s.md", []byte(src), dir, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	want := `H1#what "What is it?"
P "Some emph and strong with code, a link and a ref & more* text."
List ordered=false
  - P "one"
  - P "two"
Table cols=2 rows=1
Box#box-1 "Box 1: Title"
  P "Box text."
Figure images/x.png alt="A diagram" caption="The caption" 30x20
`
	if got := outline(sec.Blocks); got != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
	}
	if len(sec.Notes) != 2 || outline(sec.Notes[0].Blocks) != "P \"First note.\"\n" {
		t.Errorf("notes = %d, first %q", len(sec.Notes), outline(sec.Notes[0].Blocks))
	}
}

func TestSymlinkOutOfPublication(t *testing.T) {
	outside := t.TempDir()
	writePNG(t, filepath.Join(outside, "secret.png"))
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "images"), 0o755)
	if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "images", "x.png")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var diags diag.List
	NewParser().Parse("s.md", []byte("# T\n\n![alt](images/x.png)\n"), dir, &diags)
	if !strings.Contains(diags.Error(), "s.md:3:1: error: image images/x.png: the file is a link to outside ") {
		t.Errorf("diagnostics: %s", diags.Error())
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"raw html block", "# T\n\n<div>x</div>\n", "s.md:3:1: error: raw HTML is not allowed"},
		{"raw html inline", "# T\n\nSome <b>bold</b>.\n", "s.md:3:6: error: raw HTML is not allowed"},
		{"image outside", "# T\n\n![alt](../../etc/x.png)\n", "s.md:3:1: error: image path ../../etc/x.png leaves the publication folder"},
		{"image missing", "# T\n\n![alt](images/none.png)\n", "s.md:3:1: error: image images/none.png not found"},
		{"image no alt", "# T\n\n![](images/x.png)\n", "s.md:3:1: error: image images/x.png has no alt text"},
		{"unclosed box", "# T\n\n::: box\ntext\n", "s.md:3:1: error: this ::: box is never closed"},
		{"undefined note", "# T\n\nText[^nope] here.\n", "s.md:3:5: error: footnote [^nope] is not defined"},
		{"unused note", "# T\n\nText.\n\n[^a]: Never called.\n", "s.md:5:1: error: footnote [^a] is never referred to"},
		{"note in a note", "# T\n\nText[^1].\n\n[^1]: See[^2].\n[^2]: Deeper.\n", "s.md:5:10: error: a footnote cannot refer to another footnote"},
		{"javascript link", "# T\n\n[x](javascript:alert(1))\n", "s.md:3:1: error: link \"javascript:alert(1)\": only http, https and mailto links are allowed"},
		{"link without host", "# T\n\n[x](https:///path)\n", "s.md:3:1: error: link \"https:///path\" has no host"},
		{"control character", "# T\n\nA bell\a here.\n", "s.md:3:7: error: control character U+0007"},
		{"right to left", "# T\n\nShalom שלום.\n", "s.md:3:8: error: right-to-left text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writePNG(t, filepath.Join(dir, "images", "x.png"))
			var diags diag.List
			NewParser().Parse("s.md", []byte(tt.src), dir, &diags)
			got := strings.ReplaceAll(diags.Error(), dir, "DIR")
			if !strings.Contains(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant: %s", got, tt.want)
			}
		})
	}
}

// outline renders blocks as indented text, one line a block.
func outline(blocks []doc.Block) string {
	var b strings.Builder
	var walk func([]doc.Block, string)
	walk = func(bs []doc.Block, ind string) {
		for _, bl := range bs {
			switch x := bl.(type) {
			case *doc.Heading:
				fmt.Fprintf(&b, "%sH%d#%s %q\n", ind, x.Level, x.ID, doc.PlainText(x.Content))
			case *doc.Paragraph:
				fmt.Fprintf(&b, "%sP %q\n", ind, doc.PlainText(x.Content))
			case *doc.List:
				fmt.Fprintf(&b, "%sList ordered=%v\n", ind, x.Ordered)
				for _, it := range x.Items {
					walk(it, ind+"  - ")
				}
			case *doc.Box:
				fmt.Fprintf(&b, "%sBox#%s %q\n", ind, x.ID, doc.PlainText(x.Title))
				walk(x.Blocks, ind+"  ")
			case *doc.Figure:
				fmt.Fprintf(&b, "%sFigure %s alt=%q caption=%q %dx%d\n", ind, x.Src, x.Alt, x.Caption, x.Width, x.Height)
			case *doc.Table:
				fmt.Fprintf(&b, "%sTable cols=%d rows=%d\n", ind, len(x.Header), len(x.Rows))
			case *doc.Quote:
				fmt.Fprintf(&b, "%sQuote\n", ind)
				walk(x.Blocks, ind+"  ")
			case *doc.CodeBlock:
				fmt.Fprintf(&b, "%sCode %q\n", ind, x.Text)
			case *doc.Rule:
				fmt.Fprintf(&b, "%sRule\n", ind)
			}
		}
	}
	walk(blocks, "")
	return b.String()
}

// TestNotesAndLinksAccepted: what looks like footnote syntax in code, a
// defined note and the usual links pass; a tab in text becomes a space.
func TestNotesAndLinksAccepted(t *testing.T) {
	src := "# T\n\nA `[^a-z]` class\tand a note[^1]: see <https://e.org/?a=1> and [mail](mailto:x@e.org) and [here](#t).\n\n```\nre := \"[^x]\"\n```\n\n[^1]: The note.\n"
	var diags diag.List
	sec := NewParser().Parse("s.md", []byte(src), t.TempDir(), &diags)
	if len(diags.Items()) != 0 {
		t.Fatalf("diagnostics:\n%s", diags.Error())
	}
	if got := doc.PlainText(sec.Blocks[1].(*doc.Paragraph).Content); !strings.Contains(got, "class and a note") {
		t.Errorf("text %q: the tab is not a space", got)
	}
}

// TestNestedBoxMessage: a box inside a box gets one message, not a false
// "never closed" besides.
func TestNestedBoxMessage(t *testing.T) {
	src := "# T\n\n::: box\nOuter.\n\n::: box\nInner.\n:::\n\nOuter again.\n:::\n"
	var diags diag.List
	NewParser().Parse("s.md", []byte(src), t.TempDir(), &diags)
	if got, want := diags.Error(), "s.md:6:1: error: a box cannot contain another box"; got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestDamagedImages: a truncated or corrupt image is an error at the line of
// the figure, never passed on to the renderers.
func TestDamagedImages(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "images", "x.png")
	writePNG(t, good)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	corrupt := append([]byte(nil), data...)
	for i := 41; i < len(corrupt)-12; i++ { // the data after the header, before the end chunk
		corrupt[i] ^= 0x5a
	}
	files := map[string][]byte{
		"truncated.png": data[:len(data)/2],
		"corrupt.png":   corrupt,
		"text.png":      []byte("not an image"),
		"named.jpg":     data, // a PNG named .jpg: the format comes from the data
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, "images", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{
		"truncated.png": "s.md:3:1: error: image images/truncated.png: the png file is damaged",
		"corrupt.png":   "s.md:3:1: error: image images/corrupt.png: the png file is damaged",
		"text.png":      "s.md:3:1: error: image images/text.png: not a PNG, JPEG or GIF image",
		"named.jpg":     "",
	} {
		var diags diag.List
		sec := NewParser().Parse("s.md", []byte("# T\n\n![alt](images/"+name+")\n"), dir, &diags)
		if got := diags.Error(); want == "" && got != "" || !strings.HasPrefix(got, want) {
			t.Errorf("%s: diagnostics %q, want %q", name, got, want)
		}
		if want == "" {
			if fig := sec.Blocks[1].(*doc.Figure); fig.Format != "png" {
				t.Errorf("%s: format %q, want png", name, fig.Format)
			}
		}
	}
}

// TestDeepNesting: lists nested thousands deep are one error, found quickly.
func TestDeepNesting(t *testing.T) {
	var src strings.Builder
	src.WriteString("# T\n\n")
	for i := 0; i < 3000; i++ {
		src.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	var diags diag.List
	NewParser().Parse("s.md", []byte(src.String()), t.TempDir(), &diags)
	if got, want := diags.Error(), "s.md:28:51: error: lists and quotes nest more than 8 deep"; !strings.HasPrefix(got, want) || len(diags.Items()) != 1 {
		t.Errorf("diagnostics:\n%s\nwant one: %s", got, want)
	}
	// nine levels: within the cheap bound, found while converting, at the ninth
	src.Reset()
	src.WriteString("# T\n\n")
	for i := 0; i < 9; i++ {
		src.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	diags = diag.List{}
	NewParser().Parse("s.md", []byte(src.String()), t.TempDir(), &diags)
	if got, want := diags.Error(), "s.md:11:19: error: lists and quotes nest more than 8 deep"; !strings.HasPrefix(got, want) || len(diags.Items()) != 1 {
		t.Errorf("nine levels: diagnostics:\n%s\nwant one: %s", got, want)
	}
}

// TestTableCaption: a "Table: …" paragraph after a table, or before one, is its
// caption (Pandoc's syntax); elsewhere it stays a paragraph.
func TestTableCaption(t *testing.T) {
	table := "| A | B |\n|---|---|\n| 1 | 2 |\n"
	tests := []struct {
		name, src string
		caption   string // of the first table
		blocks    int
	}{
		{"after", table + "\nTable: The *roles* of civil society\n", "The roles of civil society", 1},
		{"right after, no blank line", "| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\nTable: Direct\n", "Direct", 1},
		{"before", "Table: Before it\n\n" + table, "Before it", 1},
		{"lower case", table + "\ntable: lower\n", "lower", 1},
		{"after wins over before", "Table: One\n\n" + table + "\nTable: Two\n", "Two", 2},
		{"alone", "Table: no table here\n", "", 1},
		{"none", table + "\nA paragraph.\n", "", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			sec := NewParser().Parse("s.md", []byte(tc.src), t.TempDir(), &diags)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			if len(sec.Blocks) != tc.blocks {
				t.Errorf("%d blocks, want %d:\n%s", len(sec.Blocks), tc.blocks, outline(sec.Blocks))
			}
			for _, b := range sec.Blocks {
				if tb, ok := b.(*doc.Table); ok {
					if got := doc.PlainText(tb.Caption); got != tc.caption {
						t.Errorf("caption %q, want %q", got, tc.caption)
					}
					if tb.CaptionRun() != -1 && len(doc.Runs(tb)) != tb.CaptionRun()+1 {
						t.Errorf("the caption is not the last run")
					}
					return
				}
			}
			if tc.caption != "" {
				t.Error("no table")
			}
		})
	}
}

// TestRowHeaders: a table whose every row begins with a bold cell has row headers.
func TestRowHeaders(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"| A | B |\n|---|---|\n| **x** | 1 |\n| **y** | 2 |\n", true},
		{"| A | B |\n|---|---|\n| **x** | 1 |\n| y | 2 |\n", false},
		{"| A | B |\n|---|---|\n| **x** and more | 1 |\n", false},
	}
	for _, tc := range tests {
		var diags diag.List
		sec := NewParser().Parse("s.md", []byte(tc.src), t.TempDir(), &diags)
		if tb, ok := sec.Blocks[0].(*doc.Table); !ok || tb.RowHeaders != tc.want {
			t.Errorf("%q: row headers %v, want %v", tc.src, ok && tb.RowHeaders, tc.want)
		}
	}
}

// TestCharacterPositions: every character of the text markdown gives is
// placed at its own line and column of the source: on a paragraph's later
// lines, after escapes and entities, in code spans, code blocks, table cells
// and captions.
func TestCharacterPositions(t *testing.T) {
	src := "# Title X\n\nFirst line \\* &amp; &#233; A,\n  then *B* and `c\nC` end.\n\n" +
		"| h | D |\n|---|---|\n| E | f |\n\nTable: the F caption\n\n```\nline\n  G\n```\n\n![alt](x.png \"cap H\")\n"
	var diags diag.List
	sec := NewParser().Parse("s.md", []byte(src), t.TempDir(), &diags)
	got := map[rune]diag.Pos{}
	place := func(text string, at func(int) diag.Pos) {
		for i, r := range text {
			if r >= 'A' && r <= 'Z' {
				got[r] = at(i)
			}
		}
	}
	doc.WalkBlocks(sec.Blocks, func(b doc.Block) {
		switch b := b.(type) {
		case *doc.CodeBlock:
			place(b.Text, b.PosAt)
		case *doc.Figure:
			place(b.Caption, func(off int) diag.Pos { p := b.CaptionPos; p.Col += off; return p })
		}
		for _, run := range doc.Runs(b) {
			doc.WalkInlineTree(run, func(in doc.Inline) {
				switch in := in.(type) {
				case *doc.Text:
					place(in.Text, in.PosAt)
				case *doc.Code:
					place(in.Text, in.PosAt)
				}
			})
		}
	})
	for r, want := range map[rune]string{'X': "1:9", 'A': "3:28", 'B': "4:9", 'C': "5:1", 'D': "7:7", 'E': "9:3", 'F': "11:12", 'G': "15:3", 'H': "18:19"} {
		if p := got[r]; fmt.Sprintf("%d:%d", p.Line, p.Col) != want || p.File != "s.md" {
			t.Errorf("%c at %s, want s.md:%s", r, p, want)
		}
	}
}
