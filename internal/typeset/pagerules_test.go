package typeset

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/style"
)

// rowsOf returns n plain rows of height h.
func rowsOf(n int, h float64) []row {
	rs := make([]row, n)
	for i := range rs {
		rs[i].h = h
	}
	return rs
}

// pageOf returns the page (from 1) each row's anchor is set on.
func pageOf(d *Document, id string) int { return d.Anchors[id].Page }

func TestPageRules(t *testing.T) {
	ts, _ := setter(t, "en")
	perPage := int(ts.height / 10) // rows of 10 pt a page holds

	t.Run("a heading does not start in the bottom quarter", func(t *testing.T) {
		for _, at := range []int{perPage / 2, perPage*3/4 + 2, perPage - 3} {
			rows := rowsOf(2*perPage, 10)
			rows[at].heading, rows[at].anchors = true, []string{"h"}
			rows[at].noBreakAfter, rows[at+1].noBreakAfter = true, true
			d := &Document{Anchors: map[string]Dest{}}
			ts.paginate(d, rows)
			want := 1
			if float64(at*10) > ts.height*0.75 {
				want = 2
			}
			if got := pageOf(d, "h"); got != want {
				t.Errorf("a heading at row %d of %d set on page %d, want %d", at, perPage, got, want)
			}
		}
	})

	t.Run("a box that fits a page is not split", func(t *testing.T) {
		for _, size := range []int{5, perPage - 2, perPage + 10} {
			rows := rowsOf(perPage-8+size+5, 10)
			fr := &frame{}
			first := perPage - 8
			for i := first; i < first+size; i++ {
				rows[i].frame = fr
				rows[i].items = []Item{Rect{W: 1, H: 1}}
			}
			rows[first].anchors = []string{"box"}
			d := &Document{Anchors: map[string]Dest{}}
			ts.stats = Stats{}
			ts.paginate(d, rows)
			fits := float64(size*10) <= ts.height
			want := 1 // where it is, whole, or split
			if fits && size > 8 {
				want = 2 // moved whole to the next page
			}
			if got := pageOf(d, "box"); got != want {
				t.Errorf("a box of %d rows starts on page %d, want %d", size, got, want)
			}
			if splits := ts.stats.BoxSplits; fits && splits != 0 || !fits && splits == 0 {
				t.Errorf("a box of %d rows: %d splits counted", size, splits)
			}
			if fits {
				continue
			}
			// split: padding on both sides of the break, "continued" at the foot
			pad := ts.l.Box.Padding * MM
			top := ts.l.Page.Margin.Top * MM
			var word bool
			var bottom float64
			for _, it := range d.Pages[0].Items {
				switch it := it.(type) {
				case Text:
					word = word || strings.Contains(it.Text, "continued")
				case Rect:
					if it.H > 20 {
						bottom = max(bottom, it.Y+it.H)
					}
				}
			}
			if !word {
				t.Error("a split box: no continued mark")
			}
			lastRow := 0.0
			for _, it := range d.Pages[0].Items {
				if r, ok := it.(Rect); ok && r.W == 1 {
					lastRow = max(lastRow, r.Y+10)
				}
			}
			if bottom < lastRow+pad-0.01 {
				t.Errorf("a split box ends %.1f pt below its last row, want its padding %.1f", bottom-lastRow, pad)
			}
			for _, it := range d.Pages[1].Items {
				if r, ok := it.(Rect); ok && r.W == 1 {
					if r.Y < top+pad-0.01 {
						t.Errorf("a box going on starts %.1f pt below the top, want its padding %.1f", r.Y-top, pad)
					}
					break
				}
			}
		}
	})
}

// TestBoxSplitLines: a box too tall for a page that would keep a single line
// before the break starts the next page instead; nor is a single line left
// after the break.
func TestBoxSplitLines(t *testing.T) {
	ts, _ := setter(t, "en")
	perPage := int(ts.height / 10)
	for _, c := range []struct{ before, size, wantPage int }{
		{perPage - 3, perPage + 10, 2}, // one line would fit before the break
		{perPage - 10, perPage + 10, 1},
	} {
		rows := rowsOf(c.before+c.size+3, 10)
		fr := &frame{}
		for i := c.before; i < c.before+c.size; i++ {
			rows[i].frame = fr
			rows[i].items = []Item{Rect{W: 1, H: 1}}
		}
		rows[c.before].anchors = []string{"box"}
		d := &Document{Anchors: map[string]Dest{}}
		ts.paginate(d, rows)
		if got := pageOf(d, "box"); got != c.wantPage {
			t.Errorf("%d rows before a box of %d: it starts on page %d, want %d", c.before, c.size, got, c.wantPage)
		}
		for i, p := range d.Pages {
			n := 0
			for _, it := range p.Items {
				if r, ok := it.(Rect); ok && r.W == 1 {
					n++
				}
			}
			if n == 1 {
				t.Errorf("%d rows before a box of %d: page %d holds one line of it", c.before, c.size, i+1)
			}
		}
	}
}

func TestSignature(t *testing.T) {
	_, d2 := sampleWith(t, "en", func(l *style.Layout) { l.Pages.Signature = 2 })
	_, d4 := sampleWith(t, "en", func(l *style.Layout) { l.Pages.Signature = 4 })
	if len(d2.Pages)%2 != 0 || len(d4.Pages)%4 != 0 {
		t.Fatalf("%d pages with signature 2, %d with 4", len(d2.Pages), len(d4.Pages))
	}
	// the padding is blank pages (no running head) before the back page
	for i := len(d2.Pages) - 1; i < len(d4.Pages)-1; i++ {
		if n := len(d4.Pages[i].Items); n != 0 {
			t.Errorf("padding page %d has %d items", i+1, n)
		}
	}
	if len(d2.Pages)%4 != 0 && len(d4.Pages) != len(d2.Pages)+2 {
		t.Errorf("signature 4: %d pages, want %d", len(d4.Pages), len(d2.Pages)+2)
	}
}

// TestKeepsPart: a break is allowed only where it leaves minPart lines (or
// table rows) at least on each side; a run shorter than twice that is kept whole.
func TestKeepsPart(t *testing.T) {
	for _, tc := range []struct {
		n      int
		breaks string // for each line but the last, 1 where a break may follow it
	}{
		{1, ""},
		{2, "0"},
		{3, "00"},
		{4, "010"},
		{5, "0110"},
		{7, "011110"},
	} {
		got := ""
		for i := 0; i < tc.n-1; i++ {
			if keepsPart(i, tc.n) {
				got += "0"
			} else {
				got += "1"
			}
		}
		if got != tc.breaks || keepsPart(tc.n-1, tc.n) {
			t.Errorf("%d lines: breaks allowed after %s (the last keeps with the next: %v), want %s", tc.n, got, keepsPart(tc.n-1, tc.n), tc.breaks)
		}
	}
}
