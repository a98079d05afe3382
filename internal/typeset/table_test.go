package typeset

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
)

// TestTableShrinks: a table too wide for the text block has its text set
// smaller, in half points, down to the layout's table.min-size, with a
// warning saying how much; below it, it is an error at the table.
func TestTableShrinks(t *testing.T) {
	t.Parallel()
	src := "| H0 | H1 | H2 | H3 |\n|---|---|---|---|\n| somewhat-wider-cell-0 | somewhat-wider-cell-1 | somewhat-wider-cell-2 | somewhat-wider-cell-3 |\n"
	tests := []struct {
		minSize float64
		size    float64 // of the table's text as set
		want    string  // a diagnostic's beginning
	}{
		{7, 7, "f.md:1:3: warning: the table needs 137 mm at 8.8 pt but the text block is 118 mm wide: its text is set at 7 pt (80%) to fit"},
		{5, 7, "f.md:1:3: warning: the table needs 137 mm at 8.8 pt but the text block is 118 mm wide: its text is set at 7 pt (80%) to fit"}, // the largest size that fits
		{8, 8, "f.md:1:3: error: the table needs 126 mm but the text block is 118 mm wide, even with its text at 8 pt (the layout's table.min-size)"},
		{8.8, 8.8, "f.md:1:3: error: the table needs 137 mm but the text block is 118 mm wide, even with its text at 8.8 pt"},
	}
	for _, tc := range tests {
		m := newMarkdownSetter(t, "en")
		m.layout.Table.MinSize = tc.minSize
		var diags diag.List
		d := m.set(t, "T", src, &diags)
		if !strings.Contains(diags.Error(), tc.want) {
			t.Errorf("min-size %v: diagnostics %q, want %q", tc.minSize, diags.Error(), tc.want)
		}
		cells := 0
		for _, it := range d.Pages[2].Items {
			if tx, ok := it.(page.Text); ok && strings.HasPrefix(tx.Text, "somewhat") || ok && tx.Text == "H0" {
				cells++
				if tx.Size != tc.size {
					t.Errorf("min-size %v: %q set at %v pt, want %v", tc.minSize, tx.Text, tx.Size, tc.size)
				}
			}
		}
		if cells != 5 {
			t.Errorf("min-size %v: %d cells found", tc.minSize, cells)
		}
	}
}

// TestTableSplit: a table that reaches the foot of a page goes on to the next
// with its header repeated on top, drawn as where it was set but as an
// artifact; a break leaves minPart body rows at least on each side of it, or
// moves the table whole to the next page (its header is never alone at a
// page's foot), and a table of fewer than 2×minPart body rows is never split.
// A row too tall to fit below the header goes on alone.
func TestTableSplit(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	tb := func(n int) *doc.Table {
		tb := &doc.Table{Header: [][]doc.Inline{{&doc.Text{Text: "Role"}}, {&doc.Text{Text: "Work"}}}}
		for i := 1; i <= n; i++ {
			tb.Rows = append(tb.Rows, [][]doc.Inline{{&doc.Text{Text: fmt.Sprintf("R%d", i)}}, {&doc.Text{Text: "x"}}})
		}
		return tb
	}
	// the rows of a table of one line a row: the header, then the body
	probe := &flow{parent: &page.Elem{Role: page.RoleSect}}
	ts.table(probe, tb(1), 0, ts.width)
	hr, rh := probe.rows[0], probe.rows[1].h
	perPage := int((ts.height - hr.h) / rh) // body rows a page going on with a table holds
	tests := []struct {
		name string
		rows int   // body rows
		room int   // body rows that fit on the first page below the text before the table
		want []int // body rows on each page from the first; 0: the table is not on it
		tall int   // a body row (from 1) made as high as a page without the header allows
		bare int   // the page it goes on to without the header
	}{
		{"fits", 5, 5, []int{5}, 0, 0},
		{"splits", 8, 5, []int{5, 3}, 0, 0},
		{"the break moves up: no row alone on the next page", 5, 4, []int{3, 2}, 0, 0},
		{"the table moves: no row alone below its header", 6, 1, []int{0, 6}, 0, 0},
		{"a short table is kept whole", 3, 2, []int{0, 3}, 0, 0},
		{"over three pages", perPage + 9, 5, []int{5, perPage, 4}, 0, 0},
		{"a row too tall for the header goes on alone", 6, 3, []int{3, 1, 2}, 4, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &flow{parent: &page.Elem{Role: page.RoleSect}}
			ts.table(f, tb(tc.rows), 0, ts.width)
			if tc.tall > 0 {
				f.rows[tc.tall].h = ts.height - hr.h/2
			}
			// text above the table leaves room for the header and tc.room rows, and half a row
			filler := row{h: ts.height - hr.before - hr.h - float64(tc.room)*rh - rh/2}
			d := &page.Document{Anchors: map[string]page.Dest{}}
			ts.stats = page.Stats{}
			ts.paginate(d, append([]row{filler}, f.rows...))
			table := f.parent.Kids[0]
			var set []page.Text // the header where it was set, on page setOn
			setOn := 0
			var got []int
			for _, p := range d.Pages {
				var head, repeat []page.Text
				body, firstBody := 0, math.Inf(1)
				for _, it := range p.Items {
					tx, ok := it.(page.Text)
					switch {
					case !ok:
					case tx.Elem == nil:
						repeat = append(repeat, tx)
					case tx.Elem.Role == page.RoleTH:
						head = append(head, tx)
					case strings.HasPrefix(tx.Text, "R"):
						body++
						firstBody = min(firstBody, tx.Y)
					}
				}
				got = append(got, body)
				if len(head) > 0 {
					set, setOn = head, p.Number
				}
				if body == 0 || len(head) > 0 || p.Number == tc.bare {
					if len(repeat) > 0 {
						t.Errorf("page %d: %d texts of a repeated header, want none", p.Number, len(repeat))
					}
					continue
				}
				// a page going on with the table: its header on top, as set
				if len(repeat) != len(set) {
					t.Fatalf("page %d: %d texts of the header repeated, want %d", p.Number, len(repeat), len(set))
				}
				dx, dy := ts.left(p.Number)-ts.left(setOn), repeat[0].Y-set[0].Y
				for i, r := range repeat {
					if r.Y >= firstBody {
						t.Errorf("page %d: the repeated header's %q is below the table's first row", p.Number, r.Text)
					}
					s := set[i]
					s.X, s.Y, s.Elem = s.X+dx, s.Y+dy, nil
					// as drawn: the same but for rounding in the positions
					r.X, r.Y, s.X, s.Y = math.Round(r.X*100), math.Round(r.Y*100), math.Round(s.X*100), math.Round(s.Y*100)
					if r != s {
						t.Errorf("page %d: the repeated header's %q is not drawn as where it was set: %+v, want %+v", p.Number, r.Text, r, s)
					}
				}
				top := ts.l.Page.Margin.Top * MM
				if !hasRule(p, top, ts.l.Table.RuleWidth*2) || !hasRule(p, top+hr.h, ts.l.Table.RuleWidth) {
					t.Errorf("page %d: the repeated header lacks its rules", p.Number)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("body rows by page %v, want %v", got, tc.want)
			}
			if splits := len(slices.DeleteFunc(got, func(n int) bool { return n == 0 })) - 1; ts.stats.TableSplits != splits {
				t.Errorf("%d table splits counted, want %d", ts.stats.TableSplits, splits)
			}
			// the structure has the header once: one TR of TH, one TR of TD a
			// row, and each TH's text drawn once, where the header was set
			if n := len(table.Kids); n != 1+tc.rows {
				t.Errorf("the Table has %d rows, want %d", n, 1+tc.rows)
			}
			drawn := map[*page.Elem]int{}
			for _, p := range d.Pages {
				for _, it := range p.Items {
					if tx, ok := it.(page.Text); ok && tx.Elem != nil {
						drawn[tx.Elem]++
					}
				}
			}
			for _, th := range table.Kids[0].Kids {
				if drawn[th] != 1 {
					t.Errorf("a TH's text is drawn %d times, want once", drawn[th])
				}
			}
		})
	}
}

// hasRule reports whether page p has a rule of width w across at height y.
func hasRule(p *page.Page, y, w float64) bool {
	for _, it := range p.Items {
		if l, ok := it.(page.Line); ok && math.Abs(l.Y1-y) < 0.01 && math.Abs(l.Width-w) < 0.001 {
			return true
		}
	}
	return false
}

// TestTableImageColumn: an image set in a table's cell counts in its
// column's width, as its text does: a column of wide badges is as wide as
// they are (it was measured without them, as wide as its padding, and each
// badge ran over the next column's text).
func TestTableImageColumn(t *testing.T) {
	t.Parallel()
	m := newMarkdownSetter(t, "en")
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "images", "badge.png"), 160, 20) // eight times as wide as tall
	long := strings.Repeat("a long description that fills its column and the text block ", 6)
	src := "| | Name |\n|---|---|\n| ![badge](images/badge.png) | " + long + "|\n| ![badge](images/badge.png) | two |\n"
	var diags diag.List
	d := m.setIn(t, "T", src, dir, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	var badges []page.Image
	two := math.Inf(1) // where the second column's text starts
	for _, p := range d.Pages {
		for _, it := range p.Items {
			switch it := it.(type) {
			case page.Image:
				if strings.HasSuffix(it.Path, "badge.png") {
					badges = append(badges, it)
				}
			case page.Text:
				if it.Text == "two" {
					two = it.X
				}
			}
		}
	}
	if len(badges) != 2 || math.IsInf(two, 1) {
		t.Fatalf("%d badges drawn, want 2; the second column's text found: %v", len(badges), !math.IsInf(two, 1))
	}
	for _, b := range badges {
		if math.Abs(b.W/b.H-8) > 0.01 || b.X+b.W > two {
			t.Errorf("a badge drawn %.1f × %.1f pt from x %.1f: the next column's text starts at %.1f", b.W, b.H, b.X, two)
		}
	}
}
