package typeset

import (
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
			rows := rowsOf(perPage-3+size+5, 10)
			fr := &frame{}
			first := perPage - 3
			for i := first; i < first+size; i++ {
				rows[i].frame = fr
			}
			rows[first].anchors = []string{"box"}
			d := &Document{Anchors: map[string]Dest{}}
			ts.stats = Stats{}
			ts.paginate(d, rows)
			fits := float64(size*10) <= ts.height
			if got := pageOf(d, "box"); fits && got != 2 {
				t.Errorf("a box of %d rows starts on page %d, want 2 (moved whole)", size, got)
			} else if !fits && got != 1 {
				t.Errorf("a box of %d rows (too tall for a page) starts on page %d, want 1", size, got)
			}
			if splits := ts.stats.BoxSplits; fits && splits != 0 || !fits && splits == 0 {
				t.Errorf("a box of %d rows: %d splits counted", size, splits)
			}
		}
	})
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
