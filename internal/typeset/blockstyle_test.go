package typeset

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// TestBlockTable: typesetting indents and spaces blocks as the layout's one
// table of block kinds says (style.Layout.Block), which the EPUB's
// stylesheet reads too.
func TestBlockTable(t *testing.T) {
	m := newMarkdownSetter(t, "en")
	m.layout.List.Indent = 11 // the layout's indent: lists and quotes
	tests := []struct {
		name, src, word string
		kind            style.BlockKind
	}{
		{"quote", "Lead.\n\n> Quoted words.\n", "Quoted", style.BlockQuote},
		{"list", "Lead.\n\n- Listed words.\n", "Listed", style.BlockList},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			d := m.set(t, "T", tc.src, &diags)
			if d == nil || diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			var lead, in *page.Text
			for _, p := range d.Pages {
				for _, it := range p.Items {
					if tx, ok := it.(page.Text); ok {
						switch {
						case strings.HasPrefix(tx.Text, "Lead"):
							lead = &tx
						case strings.HasPrefix(tx.Text, tc.word):
							in = &tx
						}
					}
				}
			}
			if lead == nil || in == nil {
				t.Fatalf("no lead or %s text set", tc.word)
			}
			want := m.layout.Block(tc.kind).Indent * MM
			if got := in.X - lead.X; abs(got-want) > 0.01 {
				t.Errorf("%s set %.2f pt in, want %.2f (the table's %.0f mm)", tc.name, got, want, want/MM)
			}
		})
	}
}

// TestPullQuote: a pull quote is set in the layout's pullquote style, in
// from both sides by the table's indent, between two rules (artifacts),
// tagged PullQuote, and never split across pages.
func TestPullQuote(t *testing.T) {
	m := newMarkdownSetter(t, "en")
	blk := m.layout.Block(style.BlockPullQuote)
	broke := false // some lead puts it where a page ends
	for lead := 1; lead < 60; lead++ {
		var diags diag.List
		src := strings.Repeat("Lead text of a line.\n\n", lead) + "::: pullquote\nA passage set apart, larger than the text around it and long enough for two lines or three.\n:::\n"
		d := m.set(t, "T", src, &diags)
		if d == nil || diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		pages := map[int]bool{}
		lastLead := 0 // the page of the lead's last line
		var rules []page.Line
		for _, p := range d.Pages {
			for _, it := range p.Items {
				switch it := it.(type) {
				case page.Text:
					if strings.HasPrefix(it.Text, "Lead") {
						lastLead = p.Number
					}
					if it.Elem != nil && it.Elem.Parent != nil && it.Elem.Parent.Role == page.RolePullQuote {
						pages[p.Number] = true
						if it.Size != blk.Text.Size {
							t.Errorf("%d leads: %q at %.1f pt, want %.1f", lead, it.Text, it.Size, blk.Text.Size)
						}
					}
				case page.Line:
					if it.Width == 1 && it.Color == m.layout.Colors.Accent {
						rules = append(rules, it)
					}
				}
			}
		}
		if len(pages) != 1 {
			t.Errorf("%d leads: the pull quote is on pages %v, want one", lead, pages)
		}
		for p := range pages {
			if p > lastLead {
				broke = true // the lead filled its page: the quote went on whole
			}
		}
		if len(rules) != 2 || rules[0].Y1 >= rules[1].Y1 {
			t.Fatalf("%d leads: rules %+v, want one above and one below", lead, rules)
		}
		x0 := m.layout.Page.Margin.Inner*MM + blk.Indent*MM
		if abs(rules[0].X1-x0) > 0.01 && abs(rules[0].X1-(m.layout.Page.Margin.Outer*MM+blk.Indent*MM)) > 0.01 {
			t.Errorf("%d leads: the rule starts at %.1f, want the indent", lead, rules[0].X1)
		}
	}
	if !broke {
		t.Error("no lead put the pull quote past a page's end: the test tests no break")
	}
}
