package typeset

import (
	"fmt"
	"math"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// tableHead is a table's header as a page that goes on with the table
// repeats it at its top: drawn as where it was set, but as an artifact, as a
// running head is (the structure has the header once, where it was set, so
// a screen reader does not read it again), with no link areas and no note
// calls of its own.
type tableHead struct {
	h     float64
	items []page.Item
}

// repeated returns header row hr as a page that goes on with its table repeats it.
func repeated(hr row) *tableHead {
	items := make([]page.Item, 0, len(hr.items))
	for _, it := range hr.items {
		switch it := it.(type) {
		case page.Text:
			it.Elem = nil
			items = append(items, it)
		case page.Image:
			it.Elem = nil
			items = append(items, it)
		case page.Link:
			// live where the header was set; a second area would be a
			// second annotation of one Link element
		default:
			items = append(items, it) // rules and backgrounds: artifacts already
		}
	}
	return &tableHead{h: hr.h, items: items}
}

// table sets a table: columns sized by their content, one row per table row.
func (t *typesetter) table(f *flow, tb *doc.Table, x, w float64) {
	st := t.st(t.l.Block(style.BlockTable).Text)
	head := *st
	head.base = faceBold
	pad := t.l.Table.CellPadding * MM
	cols := len(tb.Header)
	for _, r := range tb.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	cell := func(row [][]doc.Inline, c int) []doc.Inline {
		if c < len(row) {
			return row[c]
		}
		return nil
	}
	natural, minimum, longest := t.tableColumns(tb, cols, st, &head, pad, true)
	if need := sum(minimum); need > w+0.01 {
		// its longest words do not fit: its text is set smaller, in steps of
		// half a point, down to the layout's minimum
		lo := min(t.l.Table.MinSize, st.size)
		if lo <= 0 {
			lo = st.size
		}
		room, words := w-float64(cols)*2*pad, need-float64(cols)*2*pad
		size := max(math.Floor(st.size*room/words*2)/2, lo)
		for {
			s, h := st.scaled(size/st.size), head.scaled(size/st.size)
			natural, minimum, _ = t.tableColumns(tb, cols, s, h, pad, false)
			if sum(minimum) <= w+0.01 || size <= lo {
				st, head = s, *h
				break
			}
			size = max(size-0.5, lo)
		}
		if got := sum(minimum); got > w+0.01 {
			t.diags.Add(tb.Pos, "the table needs %.0f mm but %s, even with its text at %g pt (the layout's table.min-size): give it fewer columns, or a shorter word than %q",
				got/MM, t.room(w), st.size, longest)
		} else {
			full := t.st(&t.l.Text.Table).size
			t.diags.Warn(tb.Pos, "the table needs %.0f mm at %g pt but %s: its text is set at %g pt (%.0f%%) to fit; give it fewer columns or shorter words to keep its size",
				need/MM, full, t.room(w), st.size, 100*st.size/full)
		}
	}
	widths := fitColumns(natural, minimum, w)
	align := func(c int) style.Align {
		if c < len(tb.Align) {
			switch tb.Align[c] {
			case doc.AlignCenter:
				return style.Center
			case doc.AlignRight:
				return style.Right
			}
		}
		return style.Left
	}
	rule := t.l.Table.RuleWidth
	ruleColor := t.l.Resolve("rule")
	table := f.parent.Add(page.RoleTable)
	setRow := func(cells [][]doc.Inline, s *textStyle, cellRole page.Role) row {
		tr := table.Add(page.RoleTR)
		var items []page.Item
		var notes []*doc.Note // called from the cells: set on the row's page
		h := 0.0
		cx := x
		for c := 0; c < cols; c++ {
			cs := *s
			cs.align = align(c)
			ce := tr.Add(cellRole)
			if ce != nil && cellRole == page.RoleTH {
				ce.Scope = "Column"
			}
			rows := t.paragraph(cell(cells, c), &cs, cx+pad, widths[c]-2*pad, ce)
			y := pad
			for _, r := range rows {
				for _, it := range r.items {
					items = append(items, it.Moved(0, y))
				}
				notes = append(notes, r.notes...)
				y += r.h
			}
			h = max(h, y+pad)
			cx += widths[c]
		}
		return row{h: h, items: items, notes: notes}
	}
	var rows []row
	// the caption above the table, kept with its header
	if caption := t.ed.Captioned(tb, tb.Caption); len(caption) > 0 { // its number and caption
		cs := t.st(&t.l.Text.Caption)
		capRows := keep(marked(t.paragraph(caption, cs, x, w, table.Add(page.RoleCaption)), tb, tb.CaptionRun()))
		capRows[0].mark = &mark{block: tb, run: -1}
		capRows[0].before = st.leading * 0.5
		rows = append(rows, capRows...)
	}
	hr := setRow(tb.Header, &head, page.RoleTH)
	hr.items = append(hr.items,
		page.Line{X1: x, Y1: 0, X2: x + w, Y2: 0, Width: rule * 2, Color: ruleColor},
		page.Line{X1: x, Y1: hr.h, X2: x + w, Y2: hr.h, Width: rule, Color: ruleColor})
	hr.noBreakAfter = true
	hr.before = st.leading * 0.5
	if len(rows) > 0 {
		hr.before = t.st(&t.l.Text.Caption).spaceAfter * 0.5
	}
	hr.mark = &mark{block: tb, run: -1}
	rows = append(rows, hr)
	if tb.ID != "" {
		rows[0].anchors = append(rows[0].anchors, tb.ID) // a reference leads to its caption, or its header
	}
	onTop := repeated(hr) // on the pages the table goes on to
	run := len(tb.Header) // doc.Runs: the header's cells, then each row's
	for i, r := range tb.Rows {
		br := setRow(r, st, page.RoleTD)
		br.mark = &mark{block: tb, run: run}
		br.head = onTop
		run += len(r)
		if i == len(tb.Rows)-1 {
			br.items = append(br.items, page.Line{X1: x, Y1: br.h, X2: x + w, Y2: br.h, Width: rule * 2, Color: ruleColor})
		} else {
			br.items = append(br.items, page.Line{X1: x, Y1: br.h, X2: x + w, Y2: br.h, Width: rule * 0.4, Color: t.l.Resolve("muted")})
		}
		// the header keeps with the first rows, and a break leaves no row
		// of the body alone on either side of it
		br.noBreakAfter = keepsPart(i, len(tb.Rows))
		rows = append(rows, br)
	}
	f.add(rows, t.l.Block(style.BlockTable).SpaceAfter)
}

// tableColumns measures the columns of a table with its header in style head
// and its body in style body: the natural width of each (its longest cell on
// one line) and its minimum (its longest word; an address's longest part
// between the places it may break), cell padding included; and the table's
// longest word. The problems of its text (characters the fonts lack) are
// reported when report is set.
func (t *typesetter) tableColumns(tb *doc.Table, cols int, body, head *textStyle, pad float64, report bool) (natural, minimum []float64, longest string) {
	natural = make([]float64, cols)
	minimum = make([]float64, cols)
	widest := 0.0
	measure := func(in []doc.Inline, s *textStyle, c int) {
		// images set in a cell count as their text does (at their
		// width on a line, not capped by a measure not decided yet)
		b := &wordBuilder{st: s, diags: &diag.List{}, pageOf: t.pageOf, image: t.ed.InlineImage}
		if report {
			b.diags, b.missing = t.diags, &t.missing
		}
		b.inlines(in, inlineState{})
		b.flush(0)
		total := 0.0
		for _, wd := range b.words {
			total += wd.width + wd.space
			mw := wd.minWidth()
			minimum[c] = max(minimum[c], mw+2*pad)
			if mw > widest {
				widest, longest = mw, wd.text()
			}
		}
		natural[c] = max(natural[c], total+2*pad)
	}
	for c := 0; c < cols; c++ {
		if c < len(tb.Header) {
			measure(tb.Header[c], head, c)
		}
		for _, r := range tb.Rows {
			if c < len(r) {
				measure(r[c], body, c)
			}
		}
	}
	return natural, minimum, longest
}

// room names the width w text is set in: the text block's, or what a list,
// quote or box leaves of it.
func (t *typesetter) room(w float64) string {
	if w >= t.width-0.01 {
		return fmt.Sprintf("the text block is %.0f mm wide", w/MM)
	}
	return fmt.Sprintf("the text block leaves it %.0f mm here", w/MM)
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// fitColumns shares width w between columns: natural widths when they fit,
// otherwise minimum widths plus the rest in proportion to what each lacks.
func fitColumns(natural, minimum []float64, w float64) []float64 {
	out := make([]float64, len(natural))
	sumN, sumM := 0.0, 0.0
	for i := range natural {
		sumN += natural[i]
		sumM += minimum[i]
	}
	if sumN <= w {
		// spread the spare width in proportion
		for i := range natural {
			out[i] = natural[i] * w / sumN
		}
		return out
	}
	rest := w - sumM
	want := sumN - sumM
	for i := range natural {
		out[i] = minimum[i]
		if want > 0 && rest > 0 {
			out[i] += rest * (natural[i] - minimum[i]) / want
		}
	}
	return out
}
