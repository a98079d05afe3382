package typeset

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/markdown"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// markdownSetter typesets Markdown sections as one edition in the sample's
// layout: the way a user's text reaches typesetting, without the files.
type markdownSetter struct {
	layout *style.Layout
	words  *style.Words
	fonts  *fonts.Set
	parser *markdown.Parser
	pub    doc.Publication // the metadata of the edition's publication
}

func newMarkdownSetter(t testing.TB, lang string) *markdownSetter {
	t.Helper()
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	words, err := style.LoadWords(overlay.Folder("../../layouts"), lang)
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	pub := doc.Publication{ID: "f", Date: "2019-05-01", Publisher: "Example Centre for Security Governance", Authors: []doc.Author{{Name: "A. Author"}, {Name: "B. Author"}}, Rights: "CC BY-NC-ND 4.0"}
	return &markdownSetter{layout: l, words: words, fonts: set, parser: markdown.NewParser(), pub: pub}
}

// set parses src as the section f.md of an edition titled title and typesets it; the
// document is nil when the edition cannot be set. Diagnostics of parsing and
// typesetting go to diags.
func (m *markdownSetter) set(t testing.TB, title, src string, diags *diag.List) *page.Document {
	t.Helper()
	return m.setIn(t, title, src, t.TempDir(), diags)
}

// setIn is set with the publication's folder dir, where its images are.
func (m *markdownSetter) setIn(t testing.TB, title, src, dir string, diags *diag.List) *page.Document {
	t.Helper()
	d, err := Typeset(context.Background(), m.edition(title, src, dir, diags), Options{Fonts: m.fonts}, diags)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// edition is the edition setIn sets, resolved.
func (m *markdownSetter) edition(title, src, dir string, diags *diag.List) *resolve.Edition {
	sec := m.parser.Parse("f.md", []byte(src), dir, diags)
	// the section begins with its title, as the source reader makes sure
	blocks := sec.Blocks
	if h, ok := first(blocks).(*doc.Heading); !ok || h.Level != 1 {
		blocks = append([]doc.Block{&doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: "T"}}}}, blocks...)
	}
	blocks[0].(*doc.Heading).ID = "t"
	s := &doc.Section{Number: 1, File: "f.md", Title: "T", ID: "t", Blocks: blocks}
	ed := &doc.Edition{File: "edition.yaml", Lang: m.words.Lang, Title: title, Series: "SSR Backgrounder", Sections: []*doc.Section{s}, Pub: &m.pub}
	for i, n := range sec.Notes {
		n.Number, n.ID, n.Section = i+1, fmt.Sprintf("fn%d", i+1), s
		ed.Notes = append(ed.Notes, n)
	}
	return resolve.Resolve(ed, m.layout, m.words)
}

func first(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

// outOfBounds lists every drawn item of d that leaves where it belongs: the
// content of a page of the text (text, images, links, rules and backgrounds
// of boxes and tables) inside the text block; running heads, folios and
// their rules inside the page, level with the text block; the cover and the
// back page inside the page, their bands inside the bleed.
func outOfBounds(d *page.Document, l *style.Layout) []string {
	const eps = 0.05 // points: rounding
	m := l.Page.Margin
	top, bottom := m.Top*MM, d.Height-m.Bottom*MM
	var out []string
	for _, p := range d.Pages {
		left := m.Outer * MM
		if p.Number%2 == 1 {
			left = m.Inner * MM
		}
		right := d.Width - (m.Inner+m.Outer)*MM + left
		cover := p.Number == 1 || p.Number == len(d.Pages) && l.Cover.Back
		for _, it := range p.Items {
			x0, y0, x1, y1 := extent(it)
			if math.IsNaN(x0+y0+x1+y1) || math.IsInf(x0+y0+x1+y1, 0) {
				out = append(out, fmt.Sprintf("page %d: %s is not a place", p.Number, describe(it)))
				continue
			}
			var bx0, by0, bx1, by1 float64
			switch {
			case cover:
				bx0, by0, bx1, by1 = 0, 0, d.Width, d.Height
				if _, band := it.(page.Rect); band {
					bx0, by0, bx1, by1 = -d.Bleed, -d.Bleed, d.Width+d.Bleed, d.Height+d.Bleed
				}
			case artifact(it):
				bx0, by0, bx1, by1 = left, 0, right, d.Height
			default:
				bx0, by0, bx1, by1 = left, top, right, bottom
			}
			if x0 < bx0-eps || x1 > bx1+eps || y0 < by0-eps || y1 > by1+eps {
				out = append(out, fmt.Sprintf("page %d: %s spans %.1f,%.1f–%.1f,%.1f, outside %.1f,%.1f–%.1f,%.1f",
					p.Number, describe(it), x0, y0, x1, y1, bx0, by0, bx1, by1))
			}
		}
	}
	return out
}

// artifact reports an item outside the text block's flow: a running head, a
// folio or the rule under the running head (text that belongs to no
// element, and rules above the text block or below it).
func artifact(it page.Item) bool {
	switch it := it.(type) {
	case page.Text:
		return it.Elem == nil
	case page.Line:
		return true
	}
	return false
}

// extent is the box an item covers: a text run's from its start to the end
// of its last visible letter, from the face's ascent to its descent; a rule's
// with its width.
func extent(it page.Item) (x0, y0, x1, y1 float64) {
	switch it := it.(type) {
	case page.Text:
		ink := strings.TrimRight(it.Text, " \u00a0\u202f")
		w := it.Face.Width(ink, it.Size)
		if it.Scale != 0 {
			w *= it.Scale
		}
		return it.X, it.Y - it.Face.Ascent(it.Size), it.X + w, it.Y + it.Face.Descent(it.Size)
	case page.Rect:
		return it.X, it.Y, it.X + it.W, it.Y + it.H
	case page.Line:
		h := it.Width / 2
		if it.Y1 == it.Y2 {
			return min(it.X1, it.X2), it.Y1 - h, max(it.X1, it.X2), it.Y1 + h
		}
		if it.X1 == it.X2 {
			return it.X1 - h, min(it.Y1, it.Y2), it.X1 + h, max(it.Y1, it.Y2)
		}
		return min(it.X1, it.X2) - h, min(it.Y1, it.Y2) - h, max(it.X1, it.X2) + h, max(it.Y1, it.Y2) + h
	case page.Image:
		return it.X, it.Y, it.X + it.W, it.Y + it.H
	case page.Link:
		return it.X, it.Y, it.X + it.W, it.Y + it.H
	}
	panic(fmt.Sprintf("outOfBounds: no extent for %T", it))
}

func describe(it page.Item) string {
	switch it := it.(type) {
	case page.Text:
		s := it.Text
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		return fmt.Sprintf("text %q", s)
	case page.Rect:
		return "a rectangle"
	case page.Line:
		return "a rule"
	case page.Image:
		return "image " + it.Path
	case page.Link:
		return "a link area to " + it.URL + it.Anchor
	}
	return fmt.Sprintf("%T", it)
}

// hostile are inputs that once ran off the page, or might; err, when not
// empty, is the error one gives instead.
var hostile = func() []struct{ name, title, src, err string } {
	url := "https://example.org/" + strings.Repeat("segment-with-some-words/", 16) + "?q=" + strings.Repeat("x", 40)
	word := "Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenversicherungsanstaltsverwaltungsdirektorsstellvertreterinnenausbildungsprogramm"
	table := func(cols int, cell string) string {
		var b strings.Builder
		for r := 0; r < 3; r++ {
			b.WriteString("|")
			for c := 0; c < cols; c++ {
				switch r {
				case 0:
					fmt.Fprintf(&b, " H%d |", c)
				case 1:
					b.WriteString("---|")
				default:
					fmt.Fprintf(&b, " %s%d |", cell, c)
				}
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	// a table that goes on over pages, its second cells cell
	longTable := func(cell string) string {
		return "| a | b |\n|---|---|\n" + strings.Repeat("| x | "+cell+" |\n", 80)
	}
	nested := func(marker func(d int) string, depth int) string {
		var b strings.Builder
		for d := 0; d < depth; d++ {
			fmt.Fprintf(&b, "%s level %d with enough words to need a second line at this depth of nesting, and "+word+"\n\n", marker(d), d)
		}
		return b.String()
	}
	notes := func(n int, text string) string {
		var b strings.Builder
		b.WriteString("# T\n\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "Text.[^%d] ", i)
		}
		b.WriteString("\n\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "[^%d]: %s\n", i, text)
		}
		return b.String()
	}
	return []struct{ name, title, src, err string }{
		{"long code line", "T", "# T\n\n```\n" + strings.Repeat("averyverylongidentifier(argument, other) + ", 12) + "\n\tindented " + strings.Repeat("x", 300) + "\n```\n", ""},
		{"code line of spaces", "T", "# T\n\n```\n" + strings.Repeat(" ", 400) + "x\n" + strings.Repeat("\t", 60) + "y\n```\n", ""},
		{"code in a box", "T", "# T\n\n::: box\n### B\n\n```\n" + strings.Repeat("a/b.c,d;e(f)g-h_i=j ", 20) + "\n```\n:::\n", ""},
		{"code in a list in a quote", "T", "# T\n\n> - item\n>\n>   ```\n>   " + strings.Repeat("word ", 80) + "\n>   ```\n", ""},
		{"long URL", "T", "# T\n\nSee <" + url + "> and [" + url + "](" + url + ").\n", ""},
		{"long word", "T", "# T\n\n" + word + " " + word + "\n\n## " + word + "\n\n*" + word + "* `" + word + "`\n", ""},
		{"long heading", "T", "# " + strings.Repeat("A long heading ", 20) + word + "\n\n### " + strings.Repeat("Sub ", 40) + "\n", ""},
		{"long box title", "T", "# T\n\n::: box\n### " + strings.Repeat("Box title ", 30) + word + "\n\nText.\n:::\n", ""},
		{"long caption", "T", "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: " + strings.Repeat("Caption ", 40) + word + "\n", ""},
		{"long footnote", "T", notes(1, strings.Repeat("Note text ", 60)+url+" "+word), ""},
		{"many footnotes", "T", notes(120, "A note."), ""},
		{"footnote longer than a page", "T", notes(1, strings.Repeat("Note text that goes on. ", 400)), "f.md:"},
		{"superscripts", "T", "# T\n\n" + strings.Repeat("Le 1er et le XIXe siècle, le 2e et la 3e. ", 40) + "\n", ""},
		{"table needing shrinking", "T", table(4, "somewhat-wider-cell-"), ""},
		{"wide table", "T", table(14, "value"), "f.md:1:3: error: the table needs"},
		{"table of long words", "T", table(3, word), "f.md:1:3: error: the table needs"},
		{"table with a URL and a long caption", "T", "| a | b |\n|---|---|\n| `code` | " + url + " |\n\nTable: " + word + "\n", ""},
		{"long table", "T", longTable("y"), ""},
		{"long table in a box", "T", "# T\n\n::: box\n### B\n\n" + longTable("y") + "\n:::\n", ""},
		{"table of rows half a page high", "T", longTable(strings.Repeat("A cell that goes on. ", 110)), ""},
		{"table row taller than a page", "T", "| a | b |\n|---|---|\n| x | " + strings.Repeat("A cell that goes on. ", 600) + " |\n", "f.md:"},
		{"nested lists", "T", "# T\n\n" + nested(func(d int) string { return strings.Repeat("  ", d) + "-" }, 8), ""},
		{"nested ordered lists", "T", "# T\n\n" + nested(func(d int) string { return strings.Repeat(" ", 5*d) + "100." }, 8), ""},
		{"nested quotes", "T", "# T\n\n" + nested(func(d int) string { return strings.Repeat(">", d+1) }, 8), ""},
		{"lists and quotes nested", "T", "# T\n\n" + nested(func(d int) string { return strings.Repeat("> ", d) + "- " + word }, 4), ""},
		{"nested boxes", "T", "# T\n\n" + strings.Repeat("::: box\n### B\n\nText "+word+"\n\n", 3) + strings.Repeat(":::\n", 3), "a box cannot contain another box"},
		{"long list", "T", "# T\n\n" + strings.Repeat("1. item\n", 120), ""},
		{"long list marker", "T", "# T\n\n123456789. item " + word + "\n", ""},
		{"long title", strings.Repeat("A very long title ", 8) + word, "# T\n\n" + strings.Repeat("Text. ", 900) + "\n", ""},
		{"title too long for the cover", strings.Repeat("A very long title ", 60), "# T\n\nText.\n", "edition.yaml: error: the title needs"},
		{"long section titles", strings.Repeat("Titleword", 30), "# " + strings.Repeat("Section title ", 30) + "\n\n## " + strings.Repeat("Sub ", 50) + "\n\nText.\n", ""},
	}
}()

// TestNothingOffThePage typesets hostile inputs and checks that every item
// drawn lies where it belongs (outOfBounds), in both languages; an input
// that cannot be set gives its error instead (nothing is then written).
func TestNothingOffThePage(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "fr"} {
		m := newMarkdownSetter(t, lang)
		for _, tc := range hostile {
			t.Run(lang+"/"+tc.name, func(t *testing.T) {
				var diags diag.List
				d := m.set(t, tc.title, tc.src, &diags)
				if tc.err != "" {
					if !diags.HasErrors() || !strings.Contains(diags.Error(), tc.err) {
						t.Errorf("diagnostics %q, want an error with %q", diags.Error(), tc.err)
					}
					return
				}
				if d == nil || diags.HasErrors() {
					t.Fatalf("not set: %v", diags.Error())
				}
				for _, o := range outOfBounds(d, m.layout) {
					t.Error(o)
				}
			})
		}
	}
}

// TestBackPageFits: publisher's details too long for the back page are an
// error at publication.yaml; long ones that fit stay on the page.
func TestBackPageFits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		rights string
		err    bool
	}{
		{strings.Repeat("All rights reserved. ", 30), false},
		{strings.Repeat("All rights reserved. ", 300), true},
	} {
		m := newMarkdownSetter(t, "en")
		m.pub.Rights = tc.rights
		var diags diag.List
		d := m.set(t, "T", "# T\n\nText.\n", &diags)
		if got := strings.Contains(diags.Error(), "publication.yaml: error: the publisher's details need"); got != tc.err {
			t.Errorf("rights of %d characters: diagnostics %q", len(tc.rights), diags.Error())
		}
		if !tc.err {
			for _, o := range outOfBounds(d, m.layout) {
				t.Error(o)
			}
		}
	}
}

// TestCoverTitleSize: the cover's title is set at the layout's size; one too
// long for the cover at that size, or with a word wider than the measure,
// is set smaller, down to 0.6 of it, so that a title that fitted the size
// before still builds, with no new warning, its tries leaving no diagnostic
// twice; one that does not fit even then is an error.
func TestCoverTitleSize(t *testing.T) {
	t.Parallel()
	m := newMarkdownSetter(t, "en")
	full := m.layout.Text.CoverTitle.Size
	long := strings.Repeat("A very long title ", 8) + strings.Repeat("Titleword", 16)
	for _, tc := range []struct {
		name, title string
		min, max    float64 // the title's size
		warnings    int
		err         bool
	}{
		{"short", "Civil Society", full, full, 0, false},
		{"long", long, full * 0.6, full - 1, 1, false},
		{"a word wider than the measure", "Cross-references", full * 0.6, full - 1, 0, false},
		{"too long", strings.Repeat("A very long title ", 60), 0, full, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			d := m.set(t, tc.title, "# T\n\nText.\n", &diags)
			if tc.err {
				if !strings.Contains(diags.Error(), "edition.yaml: error: the title needs") {
					t.Errorf("diagnostics %q, want the title's error", diags.Error())
				}
				return
			}
			if d == nil || diags.HasErrors() {
				t.Fatalf("not set: %s", diags.Error())
			}
			if n := strings.Count(diags.Error(), "warning"); n != tc.warnings {
				t.Errorf("%d warnings, want %d: %s", n, tc.warnings, diags.Error())
			}
			size := 0.0
			for _, it := range d.Pages[0].Items {
				if tx, ok := it.(page.Text); ok && strings.Contains(tc.title, strings.TrimSpace(tx.Text)) && tx.Size > size {
					size = tx.Size
				}
			}
			if size < tc.min || size > tc.max {
				t.Errorf("the title at %.1f pt, want %.1f to %.1f", size, tc.min, tc.max)
			}
		})
	}
}
