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
