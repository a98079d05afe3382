package typeset

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// TestHangingIndent sets a bibliography entry with a hanging indent, as
// justified and as ragged text: its first line starts at the left edge and
// fills the measure, every other line starts hang further in and ends
// within the measure; with no hang, the rows are those of a paragraph.
func TestHangingIndent(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	entry := []doc.Inline{&doc.Text{Text: "Dupont, Claire, Luc Martin, Anne Bernard, and Jean Petit. “Open Standards in Public Procurement: What Governments Buy When They Buy Software, and Why the Licence Matters.” Journal of Public Policy 41, no. 3 (2021): 455–78. https://doi.org/10.1017/S0143814X20000100."}}
	const x, w, hang = 40.0, 200.0, 34.0
	for _, align := range []style.Align{style.Justify, style.Left} {
		t.Run(string(align), func(t *testing.T) {
			st := *ts.st(&ts.l.Text.Body)
			st.align = align
			rows := ts.hungParagraph(entry, &st, x, w, hang, nil)
			if len(rows) < 3 {
				t.Fatalf("%d rows, want 3 or more at %g pt", len(rows), w)
			}
			for i, r := range rows {
				left, right := rowExtent(r.items)
				want := x
				if i > 0 {
					want = x + hang
				}
				if left < want-0.01 || left > want+0.5 {
					t.Errorf("line %d starts at %.2f, want %.2f", i+1, left, want)
				}
				if right > x+w+0.01 {
					t.Errorf("line %d ends at %.2f, past the measure's end %.2f", i+1, right, x+w)
				}
				if i == 0 && align == style.Justify && right < x+w-0.5 {
					t.Errorf("the first line ends at %.2f, short of the measure's end %.2f", right, x+w)
				}
			}
			plain := ts.paragraph(entry, &st, x, w, nil)
			flat := ts.hungParagraph(entry, &st, x, w, 0, nil)
			if len(plain) != len(flat) {
				t.Fatalf("no hang: %d rows, a paragraph %d", len(flat), len(plain))
			}
			for i := range plain {
				a, b := rowExtent(plain[i].items)
				c, d := rowExtent(flat[i].items)
				if a != c || b != d {
					t.Errorf("no hang: line %d at %g–%g, a paragraph's at %g–%g", i+1, c, d, a, b)
				}
			}
		})
	}
}

// rowExtent is where a row's text starts and ends (its words' ink
// advance, not the spaces after them).
func rowExtent(items []page.Item) (left, right float64) {
	first := true
	for _, it := range items {
		tx, ok := it.(page.Text)
		if !ok || strings.TrimSpace(tx.Text) == "" {
			continue // a space set for copying text, not drawn
		}
		scale := tx.Scale
		if scale == 0 {
			scale = 1
		}
		end := tx.X + tx.Face.Width(strings.TrimRight(tx.Text, " "), tx.Size)*scale
		if first || tx.X < left {
			left = tx.X
		}
		if first || end > right {
			right = end
		}
		first = false
	}
	return left, right
}
