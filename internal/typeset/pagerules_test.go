package typeset

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
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
func pageOf(d *page.Document, id string) int { return d.Anchors[id].Page }

func TestPageRules(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	perPage := int(ts.height / 10) // rows of 10 pt a page holds

	t.Run("a heading starts only with room for pages.heading-lines lines below it", func(t *testing.T) {
		body := ts.st(&ts.l.Text.Body).leading
		for _, at := range []int{perPage / 2, perPage*3/4 + 2, perPage - 5, perPage - 4, perPage - 3} {
			rows := rowsOf(2*perPage, 10)
			rows[at].heading, rows[at].anchors = true, []string{"h"}
			rows[at].noBreakAfter, rows[at+1].noBreakAfter = true, true
			d := &page.Document{Anchors: map[string]page.Dest{}}
			ts.paginate(d, rows)
			want := 1
			if float64(at*10+10)+float64(ts.l.Pages.HeadingLines)*body > ts.height+0.01 {
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
				rows[i].items = []page.Item{page.Rect{W: 1, H: 1}}
			}
			rows[first].anchors = []string{"box"}
			d := &page.Document{Anchors: map[string]page.Dest{}}
			ts.stats = page.Stats{}
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
				case page.Text:
					word = word || strings.Contains(it.Text, "continued")
				case page.Rect:
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
				if r, ok := it.(page.Rect); ok && r.W == 1 {
					lastRow = max(lastRow, r.Y+10)
				}
			}
			if bottom < lastRow+pad-0.01 {
				t.Errorf("a split box ends %.1f pt below its last row, want its padding %.1f", bottom-lastRow, pad)
			}
			for _, it := range d.Pages[1].Items {
				if r, ok := it.(page.Rect); ok && r.W == 1 {
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
	t.Parallel()
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
			rows[i].items = []page.Item{page.Rect{W: 1, H: 1}}
		}
		rows[c.before].anchors = []string{"box"}
		d := &page.Document{Anchors: map[string]page.Dest{}}
		ts.paginate(d, rows)
		if got := pageOf(d, "box"); got != c.wantPage {
			t.Errorf("%d rows before a box of %d: it starts on page %d, want %d", c.before, c.size, got, c.wantPage)
		}
		for i, p := range d.Pages {
			n := 0
			for _, it := range p.Items {
				if r, ok := it.(page.Rect); ok && r.W == 1 {
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
	t.Parallel()
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
	t.Parallel()
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

// part is a run of rows of a made-up flow for pagination tests: text, a
// float (a figure or box) or a section heading that starts a page.
type part struct {
	kind byte // 't' text, 'f' float, 's' section heading (starts a page), 'h' a heading of level 2
	id   string
	n    int // rows of 10 pt
}

// flowOf makes the rows of parts: each row anchored id#k, each part's rows
// marked in a block of its own (blocks: the part id of each block).
func flowOf(parts []part) (rows []row, blocks map[doc.Block]string) {
	blocks = map[doc.Block]string{}
	for _, p := range parts {
		b := &doc.Paragraph{}
		blocks[b] = p.id
		var fl doc.Block
		if p.kind == 'f' {
			fl = b
		}
		for k := 0; k < p.n; k++ {
			r := row{h: 10, anchors: []string{fmt.Sprintf("%s#%d", p.id, k)}, mark: &mark{block: b, offset: k}, float: fl}
			if p.kind == 'f' && k < p.n-1 {
				r.noBreakAfter = true // a figure keeps with its caption
			}
			if p.kind == 's' && k == 0 {
				r.breakBefore, r.heading, r.noBreakAfter = true, true, true
			}
			if p.kind == 'h' && k == 0 {
				r.heading, r.level, r.noBreakAfter = true, 2, true
			}
			rows = append(rows, r)
		}
	}
	return rows, blocks
}

// TestFloats: a figure or box that does not fit in the room left on its
// page goes to the top of the next page and the text after it fills the
// page (pages.floats); floats keep their order; pages.floats false moves
// it, and the text after it, to the next page.
func TestFloats(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	per := int(ts.height / 10) // rows of 10 pt a page holds
	tests := []struct {
		name   string
		floats bool
		parts  []part
		pages  []string // the parts on each page, top to bottom
		marks  string   // the part each page begins with in the text (- none)
		filled int      // a page (from 1) that must be full to the foot, 0 for none
	}{
		{"a float that fits stays in place", true,
			[]part{{'t', "a", 10}, {'f', "F", 5}, {'t', "b", 10}},
			[]string{"a F b"}, "a", 0},
		{"a float that does not fit goes to the next page and the text fills this one", true,
			[]part{{'t', "a", per - 5}, {'f', "F", 10}, {'t', "b", 20}},
			[]string{"a b", "F b"}, "a b", 1},
		{"two floats keep their order", true,
			[]part{{'t', "a", per - 5}, {'f', "F", 10}, {'t', "b", 2}, {'f', "G", 2}, {'t', "c", 20}},
			[]string{"a b c", "F G c"}, "a c", 1},
		{"floats that do not fit the same page wait a page more", true,
			[]part{{'t', "a", per - 5}, {'f', "F", per - 10}, {'f', "G", per - 10}, {'t', "b", per}},
			[]string{"a b", "F b", "G b", "b"}, "a b b b", 1},
		{"a float before a section's heading goes on a page of its own", true,
			[]part{{'t', "a", per - 5}, {'f', "F", 10}, {'s', "S", 5}},
			[]string{"a", "F", "S"}, "a F S", 0},
		{"a float still waiting at a section's end gets a page of its own before it", true,
			[]part{{'t', "a", per - 5}, {'f', "F", 10}, {'t', "b", 3}, {'s', "S", 5}},
			[]string{"a b", "F", "S"}, "a - S", 0},
		{"a float at the end of the text", true,
			[]part{{'t', "a", per - 5}, {'f', "F", 10}},
			[]string{"a", "F"}, "a F", 0},
		{"a float does not go past the next heading of its level", true,
			[]part{{'h', "H", 1}, {'t', "a", per - 9}, {'f', "F", 10}, {'t', "b", 2}, {'h', "I", 1}, {'t', "c", 5}},
			[]string{"H a b", "F I c"}, "H I", 0},
		{"a float waiting before a heading that would leave the page short goes up, below its part's heading", true,
			[]part{{'h', "H", 1}, {'t', "a", per - 14}, {'f', "F", 14}, {'t', "b", 2}, {'h', "I", 1}, {'t', "c", per}},
			[]string{"H F a", "a b I c", "c"}, "H a c", 1},
		{"floats false: the float starts the next page, the text follows it", false,
			[]part{{'t', "a", per - 5}, {'f', "F", 10}, {'t', "b", 20}},
			[]string{"a", "F b"}, "a F", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts.l.Pages.Floats = tc.floats
			ts.firstMarks = map[int]*mark{}
			rows, blocks := flowOf(tc.parts)
			d := &page.Document{Anchors: map[string]page.Dest{}}
			ts.paginate(d, rows)
			// the parts on each page in the order they are set
			type placed struct {
				y  float64
				id string
			}
			byPage := make([][]placed, len(d.Pages))
			for a, dest := range d.Anchors {
				id, _, _ := strings.Cut(a, "#")
				byPage[dest.Page-1] = append(byPage[dest.Page-1], placed{dest.Y, id})
			}
			var got []string
			var marks []string
			for i, ps := range byPage {
				sort.Slice(ps, func(a, b int) bool { return ps[a].y < ps[b].y })
				var ids []string
				for _, p := range ps {
					if len(ids) == 0 || ids[len(ids)-1] != p.id {
						ids = append(ids, p.id)
					}
				}
				got = append(got, strings.Join(ids, " "))
				m := "-"
				if fm := ts.firstMarks[i+1]; fm != nil {
					m = blocks[fm.block]
				}
				marks = append(marks, m)
				if i+1 == tc.filled {
					if low := ps[len(ps)-1].y + 10; low < ts.l.Page.Margin.Top*MM+ts.height-10 {
						t.Errorf("page %d ends %.0f pt above the foot of the text block", i+1, ts.l.Page.Margin.Top*MM+ts.height-low)
					}
				}
			}
			if !slices.Equal(got, tc.pages) {
				t.Errorf("pages %q, want %q", got, tc.pages)
			}
			if m := strings.Join(marks, " "); m != tc.marks {
				t.Errorf("pages begin in the text at %q, want %q", m, tc.marks)
			}
			// nothing is lost nor set twice
			if len(d.Anchors) != len(rows) {
				t.Errorf("%d rows set, want %d", len(d.Anchors), len(rows))
			}
		})
	}
}

// TestFloatNotes: the footnote a float calls goes with it to its page.
func TestFloatNotes(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	ts.l.Pages.Floats = true
	per := int(ts.height / 10)
	n := &doc.Note{Number: 1}
	ts.notes[n] = []row{{h: 10, anchors: []string{"note"}}}
	rows, _ := flowOf([]part{{'t', "a", per - 8}, {'f', "F", 10}, {'t', "b", 20}})
	rows[per-8].notes = []*doc.Note{n} // the float's first row calls it
	d := &page.Document{Anchors: map[string]page.Dest{}}
	ts.paginate(d, rows)
	if f, note := pageOf(d, "F#0"), pageOf(d, "note"); f != 2 || note != f {
		t.Errorf("the float is set on page %d, its note on page %d; want both on 2", f, note)
	}
	if b := pageOf(d, "b#0"); b != 1 {
		t.Errorf("the text after the float begins on page %d, want 1", b)
	}
}

// TestColonKeepsList: a paragraph that ends with a colon keeps with the list
// it introduces (no page break, so no float, between them); other
// paragraphs, and one with a colon before a paragraph, do not.
func TestColonKeepsList(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "fr")
	body := ts.st(&ts.l.Text.Body)
	para := func(s string) *doc.Paragraph { return &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: s}}} }
	list := &doc.List{Items: [][]doc.Block{{para("un ;")}, {para("deux.")}}}
	tests := []struct {
		text string
		next doc.Block
		keep bool
	}{
		{"La société civile peut apporter\u00a0:", list, true},
		{"Civil society can bring: ", list, true},
		{"A sentence.", list, false},
		{"Civil society can bring:", para("A paragraph."), false},
	}
	for _, tc := range tests {
		p := para(tc.text)
		f := &flow{parent: &page.Elem{}}
		ts.blocks(f, []doc.Block{p, tc.next}, 0, ts.width, body, false)
		last := -1
		for i, r := range f.rows {
			if r.mark != nil && r.mark.block == p {
				last = i
			}
		}
		if last < 0 {
			t.Fatalf("%q: no row", tc.text)
		}
		if got := f.rows[last].noBreakAfter; got != tc.keep {
			t.Errorf("%q before a %T: kept with it %v, want %v", tc.text, tc.next, got, tc.keep)
		}
	}
}
