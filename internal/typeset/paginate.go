package typeset

import (
	"slices"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
)

// paginate fills pages with rows, footnotes at the foot of the page where they
// are referenced, keeping headings with what follows and avoiding widows and
// orphans. With the layout's pages.floats, a figure or box short enough for a
// page that does not fit in the room left on its page floats, as in LaTeX:
// it waits, the text after it fills the page, and the floats waiting go, in
// order, at the top of the next page, as many as fit; at a section's end
// those still waiting follow its text where they fit, else take pages of
// their own. The page-list's place of a page is where its text (not a float)
// begins, so that it stays in reading order. paginate takes rows (it
// changes them) and lets each row go once its page is set.
func (t *typesetter) paginate(d *page.Document, rows []row) {
	// the flow is made in rows' array, not a copy: a long document's rows
	// are many
	p := &paginator{t: t, d: d, rows: newFlowRows(rows), sep: t.st(&t.l.Text.Body).leading}
	p.flow = p.rows.rows
	for p.start < len(p.flow) || len(p.waiting) > 0 {
		pg := p.placeFloats()
		p.collect(pg)
		p.hoist(pg)
		p.breakPage(pg)
		p.finish(pg)
	}
	t.resolveRefs(d)
}

// paginator is the state of pagination between pages: the rows still to
// set and the floats waiting. Each page is made in four phases: placeFloats
// (what the page carries over and the floats waiting that go on its top),
// collect (the rows that fit below them, floats that do not fit deferred),
// breakPage (where the page ends, by the keep rules) and finish (the page
// set, with the floats that follow a section's end).
type paginator struct {
	t    *typesetter
	d    *page.Document
	rows flowRows
	// flow is rows.rows: the rows still to set, in text order, less the
	// floats waiting, after the last row set
	flow    []row
	waiting [][]row // floats deferred, in text order
	start   int     // the first row of flow the page sets
	current string  // the section going on, which the running head names
	sep     float64 // between the floats on top of a page and its text
}

// pageRows is a page being made: what it carries over from the page
// before, the floats on its top, and flow[start:end], its text.
type pageRows struct {
	above carry
	// flush: the floats still waiting at a section's end or the document's
	// get pages of their own before the next section starts its page
	flush    bool
	top      []row   // the floats on top, in order
	y        float64 // the height taken so far
	gaps     float64 // of which the space between rows (which may shrink)
	notes    []*doc.Note
	deferred []deferral // the floats deferred from this page, at their place in flow
	end      int
}

// placeFloats begins a page: what it carries over, and the floats waiting
// that go on top, in order, as many as fit; not above a box or table going
// on from the page before (they wait a page more).
func (p *paginator) placeFloats() *pageRows {
	pg := &pageRows{end: p.start}
	if p.start < len(p.flow) {
		pg.above = p.t.carried(p.flow, p.start)
	}
	pg.flush = p.start == len(p.flow) || p.flow[p.start].breakBefore && len(p.waiting) > 0
	if pg.above.h == 0 {
		pg.top, p.waiting = p.t.fitFloats(nil, p.waiting, p.sep, 0)
	}
	// floats still waiting before a heading they may not pass get a page of their own
	pg.flush = pg.flush || len(p.waiting) > 0 && p.stops(p.flow[p.start])
	pg.y, pg.notes = rowsExtent(pg.top)
	pg.y += pg.above.h
	return pg
}

// collect adds the rows of flow that fit on the page, its footnotes at its
// foot; a float that does not fit in the room left waits for the next page
// (with the layout's pages.floats), the text after it coming up.
func (p *paginator) collect(pg *pageRows) {
	t, flow := p.t, p.flow
	pad := t.l.Box.Padding * MM
	for pg.end < len(flow) && !pg.flush {
		end := pg.end
		r := flow[end]
		if end > p.start && r.breakBefore {
			break
		}
		first := end == p.start && len(pg.top) == 0 // the page's first row
		before := r.before
		if first {
			before = 0
		} else if end == p.start {
			before = max(before, p.sep)
		}
		if t.l.Pages.Floats && r.float != nil && !r.breakBefore && r.section == nil && (end == 0 || flow[end-1].float != r.float) {
			fl := floatRows(flow, end)
			h, flNotes := rowsExtent(fl)
			fits := t.fitsPage(fl)
			if len(p.waiting) > 0 && !fits {
				break // a float too tall for a page is split; those before it go first
			}
			if len(p.waiting) > 0 || fits && !t.fits(pg.y+before+h, slices.Concat(pg.notes, flNotes)) {
				// it waits for the next page; the text after it comes up
				kept := append([]row(nil), fl...)
				kept[0].barrier = p.barrier(end)
				p.waiting = append(p.waiting, kept)
				pg.deferred = append(pg.deferred, deferral{at: end, rows: kept})
				p.rows.remove(end, len(fl))
				flow = p.rows.rows
				p.flow = flow
				continue
			}
		}
		if !first && r.heading && !p.headingRoom(pg, end, before) {
			break // a heading does not start at the foot of a page
		}
		if !first && len(p.waiting) > 0 && p.stops(r) {
			break // a float waiting does not go past this heading
		}
		withNotes := slices.Concat(pg.notes, r.notes)
		reserve := 0.0
		if r.frame != nil && end+1 < len(flow) && flow[end+1].frame == r.frame {
			reserve = pad // room for the box's padding, should it break here
		}
		shrink := (pg.gaps + before) * t.l.Pages.Shrink
		if !first && !t.fits(pg.y+before+r.h+reserve-shrink, withNotes) {
			break
		}
		pg.y += before + r.h
		pg.gaps += before
		pg.notes = withNotes
		pg.end++
	}
}

// hoist moves the floats deferred from a page up when a heading they may
// not pass would otherwise end the page more than shortPage lines short:
// they stay on the page where they are called, below the heading of their
// part when they fit there, else below an earlier heading on the page, else
// on its top, and the text fills the page below them; the page is collected
// again. A figure moves up only if the text that calls it (the block before
// it) still begins on the page; a box, an aside, may go above it.
func (p *paginator) hoist(pg *pageRows) {
	t := p.t
	if pg.end >= len(p.flow) || !p.stops(p.flow[pg.end]) || len(pg.top) > 0 || pg.above.h > 0 ||
		len(pg.deferred) == 0 || len(pg.deferred) != len(p.waiting) {
		return
	}
	body := t.st(&t.l.Text.Body).leading
	if !t.fits(pg.y+shortPage*body, pg.notes) {
		return // the page is full enough
	}
	var floats []row
	for _, w := range p.waiting {
		floats = append(floats, w...)
	}
	flow, waiting := p.flow, p.waiting
	at := pg.deferred[0].at
	call := at - 1 // the first row of the block before the float
	for call > p.start && sameBlock(flow[call-1], flow[call]) {
		call--
	}
	// boxes, asides read apart from the text, may go above the text that
	// calls them; a figure stays on the page of the text that calls it
	aside := true
	for _, w := range waiting {
		_, box := w[0].float.(*doc.Box)
		aside = aside && box
	}
	for k := at - 1; k >= p.start; k-- {
		if flow[k].level == 0 {
			continue
		}
		j := k + 1
		for j < at && sameBlock(flow[j], flow[k]) {
			j++
		}
		// the flow tried is the flow itself, changed and, if the floats do
		// not go there, changed back: a long document's flow is long, and
		// hoisting is tried page after page
		p.rows.try()
		p.rows.insert(j, floats)
		p.flow, p.waiting = p.rows.rows, nil
		try := &pageRows{above: pg.above, end: p.start}
		p.collect(try)
		// placed, and the text that calls a figure (the block before it)
		// still begins on the page
		if len(try.deferred) == 0 && try.end >= j+len(floats) && (aside || call+len(floats) < try.end) {
			p.rows.keep()
			*pg = *try
			return
		}
		p.rows.giveUp()
		flow = p.rows.rows
		p.flow, p.waiting = flow, waiting
	}
	top, rest := t.fitFloats(nil, p.waiting, p.sep, 0)
	if len(rest) > 0 {
		return
	}
	try := &pageRows{above: pg.above, top: top, end: p.start}
	try.y, try.notes = rowsExtent(top)
	p.rows.try()
	p.waiting = nil
	p.collect(try)
	if aside || call < try.end {
		p.rows.keep()
		*pg = *try
		return
	}
	p.rows.giveUp()
	p.flow, p.waiting = p.rows.rows, waiting
}

// sameBlock reports whether rows a and b are set from the same block.
func sameBlock(a, b row) bool {
	return a.mark != nil && b.mark != nil && a.mark.block != nil && a.mark.block == b.mark.block
}

// shortPage is the most lines of body text a page may end short by, unless
// what follows must start a new page.
const shortPage = 5

// breakPage moves the page's end up to where the keep rules allow a break:
// not after a row kept with the next (a heading, a widow or orphan line), not
// inside a box that fits a page of its own; a float deferred below the new
// end takes its place again; a page is never empty.
func (p *paginator) breakPage(pg *pageRows) {
	start, end := p.start, pg.end
	if end < len(p.flow) && !p.flow[end].breakBefore && !pg.flush {
		k := end
		for k > start && p.flow[k-1].noBreakAfter {
			k--
		}
		if k > start || len(pg.top) > 0 {
			end = k // with the floats on top, all of the text may go on
		}
	}
	end = p.t.keepBox(p.flow, start, end)
	// a float deferred below where the page now ends takes its place again
	for i := len(pg.deferred) - 1; i >= 0 && pg.deferred[i].at >= end; i-- {
		p.rows.insert(pg.deferred[i].at, pg.deferred[i].rows)
		p.flow = p.rows.rows
		p.waiting = p.waiting[:len(p.waiting)-1]
	}
	if end == start && len(pg.top) == 0 && start < len(p.flow) {
		end++ // never an empty page (a row taller than the page goes alone)
	}
	pg.end = end
}

// finish sets the page: the floats on top, its text, and, at a section's
// end, the floats waiting that fit below it; it records where the page
// begins in the text and the section its running head names.
func (p *paginator) finish(pg *pageRows) {
	t, flow, start, end := p.t, p.flow, p.start, pg.end
	text := flow[start:end]
	onPage := append(append([]row(nil), pg.top...), text...)
	if len(pg.top) > 0 && len(text) > 0 {
		onPage[len(pg.top)].before = max(onPage[len(pg.top)].before, p.sep)
	}
	contBelow := end > start && end < len(flow) && flow[end].frame != nil && flow[end-1].frame == flow[end].frame
	if (end == len(flow) || flow[end].breakBefore || p.stops(flow[end])) && !contBelow {
		// at a section's end, the floats waiting follow its text where they fit
		onPage, p.waiting = t.fitFloats(onPage, p.waiting, p.sep, pg.above.h)
	}
	t.justifyPage(onPage, pg.above, end > start && end < len(flow) && !flow[end].breakBefore && !contBelow)
	t.checkFits(onPage, pg.above)
	if end > start {
		countBreak(&t.stats, flow, end)
	}
	pp := t.placePage(p.d, len(p.d.Pages)+1, onPage, pg.above, contBelow)
	for _, r := range onPage {
		if r.float != nil || r.mark != nil && r.mark.block != nil {
			t.seen = append(t.seen, seenRow{page: pp, float: r.float, mark: r.mark})
		}
	}
	// the page begins in the text where its text does, not its floats
	t.firstMarks[pp.Number] = nil
	for _, r := range text {
		if r.mark != nil {
			t.firstMarks[pp.Number] = r.mark
			break
		}
	}
	// the running head names the first section begun on the page, or the one going on
	if pp.Section == "" {
		pp.Section = p.current
	}
	for _, r := range text {
		if r.section != nil {
			p.current = r.section.Title
		}
	}
	p.d.Pages = append(p.d.Pages, pp)
	// the page holds its own copies of the rows' items: those of the rows
	// are let go, so that a long document's text is not held twice
	for i := start; i < end; i++ {
		flow[i].items, flow[i].pageRefs = nil, nil
	}
	// the rows set are let go, all but the last (which the next page reads)
	p.start = end - p.rows.letGo(end)
	p.flow = p.rows.rows
}

// barrier returns the level of the headings a float that begins at
// flow[at] may not go past: that of the heading it is set under (1 when
// none), or higher when the layout's pages.float-barrier relaxes it.
func (p *paginator) barrier(at int) int {
	level := max(p.rows.level, 1) // that of the rows let go, if none below
	for k := at - 1; k >= 0; k-- {
		if p.flow[k].level > 0 {
			level = p.flow[k].level
			break
		}
	}
	if b := p.t.l.Pages.FloatBarrier; b > 0 {
		level = min(level, b)
	}
	return level
}

// stops reports whether r is a heading that a float waiting may not go past.
func (p *paginator) stops(r row) bool {
	if r.level == 0 {
		return false
	}
	for _, w := range p.waiting {
		if r.level <= w[0].barrier {
			return true
		}
	}
	return false
}

// headingRoom reports whether the heading that begins at flow[at], before
// above it, leaves room on the page for the layout's pages.heading-lines
// lines of body text below it (and, with pages.heading-space, does not start
// in that share of the foot of the text block).
func (p *paginator) headingRoom(pg *pageRows, at int, before float64) bool {
	t := p.t
	if hs := t.l.Pages.HeadingSpace; hs > 0 && pg.y+before > t.height*(1-hs) {
		return false
	}
	h := before
	k := at
	same := func(k int) bool {
		a, b := p.flow[at].mark, p.flow[k].mark
		return k == at || a != nil && b != nil && a.block != nil && a.block == b.block
	}
	for ; k < len(p.flow) && same(k); k++ {
		if k > at {
			h += p.flow[k].before
		}
		h += p.flow[k].h
	}
	if k < len(p.flow) {
		h += p.flow[k].before
	}
	body := t.st(&t.l.Text.Body).leading
	shrink := (pg.gaps + h) * t.l.Pages.Shrink
	return t.fits(pg.y+h+float64(t.l.Pages.HeadingLines)*body-shrink, pg.notes)
}

// justifyPage sets the space between the blocks of a page so that its
// last line stands at the foot of the text block (above its footnotes), as
// LaTeX's flushbottom: on a page whose text goes on to the next (stretch),
// each space grows by the layout's pages.stretch times itself at most, a page
// that would need more being left as it is; on any page that collect filled
// by counting on pages.shrink, each space shrinks by its share of the
// overflow. The first row's space is not set (dropped at the top of a page).
func (t *typesetter) justifyPage(rows []row, above carry, stretch bool) {
	if len(rows) < 2 {
		return
	}
	h, notes := rowsExtent(rows)
	slack := t.height - t.notesHeight(notes) - above.h - h
	gaps := 0.0
	for _, r := range rows[1:] {
		gaps += r.before
	}
	switch {
	case gaps == 0:
		return
	case slack < -0.01:
		// collect counted on shrinking the spaces: at most pages.shrink of each
		slack = max(slack, -gaps*t.l.Pages.Shrink)
	case !stretch || slack <= 0.01 || slack > gaps*t.l.Pages.Stretch:
		return
	}
	for i := 1; i < len(rows); i++ {
		rows[i].before += slack * rows[i].before / gaps
	}
}

// deferral is a float taken out of the flow at index at, to go on a later page.
type deferral struct {
	at   int
	rows []row
}

// floatRows returns the rows of the float that begins at rows[i].
func floatRows(rows []row, i int) []row {
	j := i
	for j < len(rows) && rows[j].float == rows[i].float {
		j++
	}
	return rows[i:j]
}

// rowsExtent returns the height rows take at the top of a page (the first
// row's space above dropped) and the notes they call.
func rowsExtent(rows []row) (float64, []*doc.Note) {
	h := 0.0
	var notes []*doc.Note
	for i, r := range rows {
		if i > 0 {
			h += r.before
		}
		h += r.h
		notes = append(notes, r.notes...)
	}
	return h, notes
}

// fits reports whether content h high fits in the text block with notes at
// its foot (to a hundredth of a point, for rounding).
func (t *typesetter) fits(h float64, notes []*doc.Note) bool {
	return h+t.notesHeight(notes) <= t.height+0.01
}

// fitsPage reports whether float rows fit on a page of their own, with their notes.
func (t *typesetter) fitsPage(rows []row) bool {
	return t.fits(rowsExtent(rows))
}

// fitFloats adds to the rows of a page the floats waiting, in order, as
// many as fit below them (at least one on an empty page), sep at least
// between them and the rows above; above is the height the page carries over
// above its rows. It returns the page's rows and the floats still waiting.
func (t *typesetter) fitFloats(onPage []row, waiting [][]row, sep, above float64) ([]row, [][]row) {
	for len(waiting) > 0 {
		fl := append([]row(nil), waiting[0]...)
		if len(onPage) > 0 {
			fl[0].before = max(fl[0].before, sep)
		}
		next := append(append([]row(nil), onPage...), fl...)
		if h, notes := rowsExtent(next); len(onPage) == 0 || t.fits(above+h, notes) {
			onPage, waiting = next, waiting[1:]
			continue
		}
		break
	}
	return onPage, waiting
}

// carry is what a page takes over from the page before, above its first
// row: the top padding of a box going on, the header of a table going on.
type carry struct {
	box  *frame     // the box going on, or nil
	head *tableHead // the table header repeated, or nil
	h    float64    // the height they take
}

// carried returns what the page that begins with rows[start] takes over. A
// table's header is repeated above its rows when the first row fits below
// it (a row too tall for that is set alone, as high as the page allows).
func (t *typesetter) carried(rows []row, start int) carry {
	var c carry
	if start == 0 {
		return c
	}
	r := rows[start]
	if r.frame != nil && rows[start-1].frame == r.frame {
		c.box, c.h = r.frame, t.l.Box.Padding*MM
	}
	if hd := r.head; hd != nil && t.fits(c.h+hd.h+r.h, r.notes) {
		c.head, c.h = hd, c.h+hd.h
	}
	return c
}

// checkFits reports the rows of a page that are taller than the text block
// with their footnotes, which would run off its foot: a row that is never
// split (a table row) or a note too long for any page. Such a page is made
// all the same, but the edition is not written. above is what the page
// carries over from the page before.
func (t *typesetter) checkFits(rows []row, above carry) {
	y, notes := rowsExtent(rows)
	if t.fits(above.h+y, notes) {
		return
	}
	high := t.height / MM
	for _, r := range rows {
		for _, n := range r.notes {
			if h := t.notesHeight([]*doc.Note{n}) + r.h; !t.fits(h, nil) {
				t.diags.Add(n.Pos, "footnote %d needs %.0f mm with the line that calls it, but the text block is %.0f mm high: a note is set whole at the foot of its page; shorten it, or move some of it into the text", n.Number, h/MM, high)
				return
			}
		}
		if h := r.h + t.notesHeight(r.notes); !t.fits(h, nil) && r.mark != nil {
			t.diags.Add(r.mark.block.Position(), "a row of the table needs %.0f mm but the text block is %.0f mm high: a table row is never split across pages; shorten its cells, or make the text a list", h/MM, high)
			return
		}
	}
}

// keepBox moves a page break out of a box that would fit on a page of its
// own: the box starts the next page instead (when it does not start this one).
func (t *typesetter) keepBox(rows []row, start, end int) int {
	if end <= start || end >= len(rows) || rows[end].frame == nil || rows[end-1].frame != rows[end].frame {
		return end
	}
	fr := rows[end].frame
	first := end
	for first > start && rows[first-1].frame == fr {
		first--
	}
	// the rows kept with the box: its title's heading, a lead-in
	for first > start && rows[first-1].noBreakAfter {
		first--
	}
	if first == start {
		return end
	}
	h := 0.0
	for i := first; i < len(rows) && (i < end || rows[i].frame == fr); i++ {
		if i > first {
			h += rows[i].before
		}
		h += rows[i].h
	}
	if h > t.height {
		// too tall for a page: split it, with minPart lines of it at least
		// on each side of the break, or start it on the next page
		lines := func(from, to int) int {
			k := 0
			for i := from; i < to && i < len(rows) && rows[i].frame == fr; i++ {
				if len(rows[i].items) > 0 {
					k++
				}
			}
			return k
		}
		for after := lines(end, len(rows)); after < minPart && end > first; after = lines(end, len(rows)) {
			end--
		}
		if lines(first, end) < minPart {
			return first
		}
		return end
	}
	return first
}
