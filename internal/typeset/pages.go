package typeset

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/style"
)

// left returns the left margin of physical page n: the inner margin on a recto (odd page).
func (t *typesetter) left(n int) float64 {
	m := t.l.Page.Margin
	if n%2 == 1 {
		return m.Inner * MM
	}
	return m.Outer * MM
}

// notesHeight is the height of the footnote area holding notes.
func (t *typesetter) notesHeight(notes []*doc.Note) float64 {
	if len(notes) == 0 {
		return 0
	}
	h := t.l.Notes.Gap * MM
	for _, n := range notes {
		h += rowsHeight(t.notes[n])
	}
	return h
}

// paginate fills pages with rows, footnotes at the foot of the page where they
// are referenced, keeping headings with what follows and avoiding widows and
// orphans. With the layout's pages.floats, a figure or box short enough for a
// page that does not fit in the room left on its page floats, as in LaTeX:
// it waits, the text after it fills the page, and the floats waiting go, in
// order, at the top of the next page, as many as fit; at a section's end
// those still waiting follow its text where they fit, else take pages of
// their own. The page-list's place of a page is where its text (not a float)
// begins, so that it stays in reading order.
func (t *typesetter) paginate(d *Document, rows []row) {
	flow := append([]row(nil), rows...) // the rows still to set, in text order, less the floats waiting
	var waiting [][]row                 // floats deferred, in text order
	start := 0
	current := ""
	pad := t.l.Box.Padding * MM
	sep := t.st(&t.l.Text.Body).leading // between the floats on top of a page and its text
	for start < len(flow) || len(waiting) > 0 {
		var above carry
		if start < len(flow) {
			above = t.carried(flow, start)
		}
		// floats still waiting at a section's end or the document's get
		// pages of their own before the next section starts its page
		flush := start == len(flow) || flow[start].breakBefore && len(waiting) > 0
		// the floats waiting go on top, in order, as many as fit; not above a
		// box or table going on from the page before (they wait a page more)
		var top []row
		if above.h == 0 {
			top, waiting = t.fitFloats(nil, waiting, sep, 0)
		}
		y, notes := rowsExtent(top)
		y += above.h
		var deferred []deferral // the floats deferred from this page, at their place in flow
		end := start
		for end < len(flow) && !flush {
			r := flow[end]
			if end > start && r.breakBefore {
				break
			}
			first := end == start && len(top) == 0 // the page's first row
			before := r.before
			if first {
				before = 0
			} else if end == start {
				before = max(before, sep)
			}
			if t.l.Pages.Floats && r.float != nil && !r.breakBefore && r.section == nil && (end == 0 || flow[end-1].float != r.float) {
				fl := floatRows(flow, end)
				h, flNotes := rowsExtent(fl)
				fits := t.fitsPage(fl)
				if len(waiting) > 0 && !fits {
					break // a float too tall for a page is split; those before it go first
				}
				if len(waiting) > 0 || fits && !t.fits(y+before+h, slices.Concat(notes, flNotes)) {
					// it waits for the next page; the text after it comes up
					kept := append([]row(nil), fl...)
					waiting = append(waiting, kept)
					deferred = append(deferred, deferral{at: end, rows: kept})
					flow = append(flow[:end], flow[end+len(fl):]...)
					continue
				}
			}
			if !first && r.heading && y+before > t.height*(1-t.l.Pages.HeadingSpace) {
				break // a heading does not start at the foot of a page
			}
			withNotes := slices.Concat(notes, r.notes)
			reserve := 0.0
			if r.frame != nil && end+1 < len(flow) && flow[end+1].frame == r.frame {
				reserve = pad // room for the box's padding, should it break here
			}
			if !first && !t.fits(y+before+r.h+reserve, withNotes) {
				break
			}
			y += before + r.h
			notes = withNotes
			end++
		}
		if end < len(flow) && !flow[end].breakBefore && !flush {
			k := end
			for k > start && flow[k-1].noBreakAfter {
				k--
			}
			if k > start || len(top) > 0 {
				end = k // with the floats on top, all of the text may go on
			}
		}
		end = t.keepBox(flow, start, end)
		// a float deferred below where the page now ends takes its place again
		for i := len(deferred) - 1; i >= 0 && deferred[i].at >= end; i-- {
			at := deferred[i].at
			flow = append(flow[:at], append(append([]row(nil), deferred[i].rows...), flow[at:]...)...)
			waiting = waiting[:len(waiting)-1]
		}
		if end == start && len(top) == 0 && start < len(flow) {
			end++ // never an empty page (a row taller than the page goes alone)
		}
		text := flow[start:end]
		page := append(append([]row(nil), top...), text...)
		if len(top) > 0 && len(text) > 0 {
			page[len(top)].before = max(page[len(top)].before, sep)
		}
		contBelow := end > start && end < len(flow) && flow[end].frame != nil && flow[end-1].frame == flow[end].frame
		if (end == len(flow) || flow[end].breakBefore) && !contBelow {
			// at a section's end, the floats waiting follow its text where they fit
			page, waiting = t.fitFloats(page, waiting, sep, above.h)
		}
		t.checkFits(page, above)
		if end > start {
			t.stats.countBreak(flow, end)
		}
		p := t.placePage(d, len(d.Pages)+1, page, above, contBelow)
		// the page begins in the text where its text does, not its floats
		t.firstMarks[p.Number] = nil
		for _, r := range text {
			if r.mark != nil {
				t.firstMarks[p.Number] = r.mark
				break
			}
		}
		// the running head names the first section begun on the page, or the one going on
		if p.Section == "" {
			p.Section = current
		}
		for _, r := range text {
			if r.section != nil {
				current = r.section.Title
			}
		}
		d.Pages = append(d.Pages, p)
		start = end
	}
	t.resolveRefs(d)
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
func (t *typesetter) fitFloats(page []row, waiting [][]row, sep, above float64) ([]row, [][]row) {
	for len(waiting) > 0 {
		fl := append([]row(nil), waiting[0]...)
		if len(page) > 0 {
			fl[0].before = max(fl[0].before, sep)
		}
		next := append(append([]row(nil), page...), fl...)
		if h, notes := rowsExtent(next); len(page) == 0 || t.fits(above+h, notes) {
			page, waiting = next, waiting[1:]
			continue
		}
		break
	}
	return page, waiting
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

// continued marks where a box breaks, at the edge y of a box at x, w wide:
// at its foot (below) or at its head on the next page, as the layout's
// box.continued says: "word" sets the words file's "continued" at the foot,
// "rule" draws a dotted rule across both edges, "open" (or nothing) leaves
// the edges open.
func (t *typesetter) continued(x, y, w float64, below bool) []Item {
	switch t.l.Box.Continued {
	case "rule":
		return []Item{Line{X1: x, Y1: y, X2: x + w, Y2: y, Width: 0.8, Color: t.l.Resolve("rule"), Dots: 2.5}}
	case "word":
		if !below {
			return nil
		}
		st := t.st(&t.l.Text.Box)
		face := st.face(false, true)
		size := st.size * 0.85
		word := t.words.Continued
		if word == "" {
			word = "…"
		}
		word += " →"
		if !face.Has('→') {
			word = strings.TrimSuffix(word, " →")
		}
		tw := face.Width(word, size)
		pad := t.l.Box.Padding * MM
		return []Item{Text{X: x + w - pad - tw, Y: y - pad*0.35, Text: word, Face: face, Size: size, Color: st.color}}
	}
	return nil
}

// placePage puts rows and their footnotes on page number num, below what it
// carries over from the page before (above). A box split across pages keeps
// its padding on both sides of the break (above.box: its first row goes on
// from the last page; contBelow: its last row goes on to the next), and the
// layout's box.continued marks the break; a table going on has its header
// repeated on top.
func (t *typesetter) placePage(d *Document, num int, rows []row, above carry, contBelow bool) *Page {
	p := &Page{Number: num, Label: strconv.Itoa(num)}
	x0 := t.left(num)
	top := t.l.Page.Margin.Top * MM
	y := top
	pad := t.l.Box.Padding * MM
	if above.box != nil {
		y += pad
	}
	var notes []*doc.Note
	type span struct{ y0, y1 float64 }
	frames := map[*frame]*span{}
	var frameOrder []*frame
	var content []Item
	if above.head != nil {
		for _, it := range above.head.items {
			content = append(content, it.moved(x0, y))
		}
		y += above.head.h
	}
	for i, r := range rows {
		if i > 0 {
			y += r.before
		}
		atTop := len(content) == 0 // nothing drawn above this row
		for _, it := range r.items {
			content = append(content, it.moved(x0, y))
		}
		for _, pr := range r.pageRefs {
			content = append(content, refItem{pageRef{anchor: pr.anchor, right: pr.right + x0, y: pr.y + y, st: pr.st, elem: pr.elem}})
		}
		for _, a := range r.anchors {
			if _, ok := d.Anchors[a]; !ok && a != "" {
				d.Anchors[a] = Dest{Page: num, Y: y}
			}
		}
		if r.section != nil && p.Section == "" {
			p.Section = r.section.Title
		}
		if r.section != nil && atTop {
			p.opens = true // the page opens with the section's heading
		}
		notes = append(notes, r.notes...)
		if r.frame != nil {
			s, ok := frames[r.frame]
			if !ok {
				s = &span{y0: y}
				frames[r.frame] = s
				frameOrder = append(frameOrder, r.frame)
			}
			s.y1 = y + r.h
		}
		y += r.h
	}
	if above.box != nil {
		frames[above.box].y0 = top
	}
	var marks []Item
	if contBelow {
		fr := rows[len(rows)-1].frame
		s := frames[fr]
		s.y1 += pad
		marks = append(marks, t.continued(x0+fr.inset, s.y1, t.width-fr.inset, true)...)
	}
	if fr := above.box; fr != nil {
		marks = append(marks, t.continued(x0+fr.inset, top, t.width-fr.inset, false)...)
	}
	// box backgrounds go under the text
	for _, fr := range frameOrder {
		s := frames[fr]
		x := x0 + fr.inset
		w := t.width - fr.inset
		p.Items = append(p.Items, Rect{X: x, Y: s.y0, W: w, H: s.y1 - s.y0, Fill: t.l.Colors.BoxBackground})
		if bar := t.l.Box.RuleWidth; bar > 0 {
			p.Items = append(p.Items, Rect{X: x, Y: s.y0, W: bar, H: s.y1 - s.y0, Fill: t.l.Colors.Rule})
		}
	}
	p.Items = append(p.Items, marks...)
	p.Items = append(p.Items, content...)
	// footnotes at the foot of the page
	if len(notes) > 0 {
		ny := top + t.height - t.notesHeight(notes) + t.l.Notes.Gap*MM
		p.Items = append(p.Items, Line{X1: x0, Y1: ny - t.l.Notes.Gap*MM/2, X2: x0 + t.l.Notes.RuleLength*MM, Y2: ny - t.l.Notes.Gap*MM/2, Width: 0.5, Color: t.l.Resolve("muted")})
		for _, n := range notes {
			for _, r := range t.notes[n] {
				ny += r.before
				for _, it := range r.items {
					p.Items = append(p.Items, it.moved(x0, ny))
				}
				for _, a := range r.anchors {
					if _, ok := d.Anchors[a]; !ok {
						d.Anchors[a] = Dest{Page: num, Y: ny}
					}
				}
				ny += r.h
			}
		}
	}
	return p
}

// cover sets the first page: a colour band into the bleed with the series, then title and subtitle.
// Its text is the structure element el's: the title a heading, the rest paragraphs.
func (t *typesetter) cover(el *Elem) *Page {
	l := t.l
	p := &Page{Number: 1} // no folio
	W := l.Page.Width * MM
	bleed := l.Page.Bleed * MM
	band := l.Cover.BandHeight * MM
	x := l.Page.Margin.Inner * MM
	w := W - (l.Page.Margin.Inner+l.Page.Margin.Outer)*MM
	p.Items = append(p.Items, Rect{X: -bleed, Y: -bleed, W: W + 2*bleed, H: band + bleed, Fill: l.Colors.CoverBand})
	put := func(in []doc.Inline, ts *style.TextStyle, y float64, width float64) float64 {
		st := t.st(ts)
		role := RoleP
		if ts == &l.Text.CoverTitle {
			role = Heading(1)
		}
		for _, r := range t.paragraph(in, st, x, width, el.add(role)) {
			for _, it := range r.items {
				p.Items = append(p.Items, it.moved(0, y))
			}
			y += r.h
		}
		return y
	}
	if series := t.ed.Series; series != "" {
		st := t.st(&l.Text.CoverSeries)
		put(t.meta("series", series), &l.Text.CoverSeries, band-l.Page.Margin.Inner*MM*0.8-st.leading, w)
	}
	// publisher and date at the foot
	foot := t.st(&l.Text.CoverFooter)
	var lines [][]doc.Inline
	if pub := t.ed.Publisher; pub != "" {
		lines = append(lines, t.meta("publisher", pub))
	}
	if t.ed.DateText != "" {
		lines = append(lines, t.ed.DateInlines)
	}
	fy := l.Page.Height*MM - l.Page.Margin.Bottom*MM - float64(len(lines))*foot.leading
	top := band + 18*MM
	y := put(t.meta("title", t.ed.Title), &l.Text.CoverTitle, top, w)
	what := "title needs"
	if t.ed.Subtitle != "" {
		y += 4 * MM
		y = put(t.meta("subtitle", t.ed.Subtitle), &l.Text.CoverSubtitle, y, w*0.85)
		what = "title and subtitle need"
	}
	if room := fy - foot.leading - top; y+8*MM-top > room {
		t.diags.Add(t.keyPos("title"), "the %s %.0f mm on the cover, which has %.0f mm below its band: shorten it", what, (y+8*MM-top)/MM, room/MM)
	}
	p.Items = append(p.Items, Line{X1: x, Y1: y + 8*MM, X2: x + 30*MM, Y2: y + 8*MM, Width: 3, Color: l.Colors.Accent})
	for _, in := range lines {
		fy = put(in, &l.Text.CoverFooter, fy, w)
	}
	return p
}

// pubFile is the publication.yaml that metadata text comes from, for diagnostics.
func (t *typesetter) pubFile() string { return filepath.Join(t.ed.Pub.Dir, "publication.yaml") }

// meta is the text of a metadata field, placed where its text is: in
// edition.yaml when it gives the key, else in publication.yaml.
func (t *typesetter) meta(key, text string) []doc.Inline {
	return []doc.Inline{&doc.Text{Text: text, Pos: t.metaPos(key, t.ed.Doc.Texts, t.ed.Pub.Texts)}}
}

// keyPos is where the key of a metadata field is.
func (t *typesetter) keyPos(key string) diag.Pos {
	return t.metaPos(key, t.ed.Doc.Fields, t.ed.Pub.Fields)
}

// metaPos is where edition.yaml (ed) places key when it gives it, else
// where publication.yaml (pub) does (that file, when neither places it).
func (t *typesetter) metaPos(key string, ed, pub map[string]diag.Pos) diag.Pos {
	if p, ok := ed[key]; ok {
		return p
	}
	if p, ok := pub[key]; ok {
		return p
	}
	if key == "title" || key == "subtitle" {
		return diag.Pos{File: t.ed.Doc.File} // edition.yaml's own
	}
	return diag.Pos{File: t.pubFile()}
}

// back sets the last page: the publisher's details at its foot.
// Its text is the structure element el's.
func (t *typesetter) back(num int, el *Elem) *Page {
	l := t.l
	p := &Page{Number: num, Label: strconv.Itoa(num)}
	x := t.left(num)
	st := t.st(&l.Text.CoverFooter)
	type entry struct {
		label string
		value []doc.Inline
	}
	var entries []entry
	ed := t.ed
	if ed.Publisher != "" {
		entries = append(entries, entry{t.words.Publisher, t.meta("publisher", ed.Publisher)})
	}
	if len(ed.Authors) > 0 {
		entries = append(entries, entry{t.words.Authors, t.meta("authors", strings.Join(ed.Authors, ", "))})
	}
	if ed.DateText != "" {
		entries = append(entries, entry{t.words.Published, ed.DateInlines})
	}
	if ed.Rights != "" {
		entries = append(entries, entry{t.words.Rights, t.meta("rights", ed.Rights)})
	}
	entries = append(entries, entry{t.words.Identifier, t.from(ed.Doc.File, ed.Identifier)})
	var rows []row
	for _, e := range entries {
		label := *st
		label.base = faceBold
		lr := t.paragraph(t.from(t.words.File, e.label), &label, 0, t.width, el.add(RoleP))
		vr := t.paragraph(e.value, st, 0, t.width, el.add(RoleP))
		rows = append(rows, lr...)
		rows = append(rows, vr...)
		rows[len(rows)-1].h += st.leading * 0.5
	}
	y := l.Page.Height*MM - l.Page.Margin.Bottom*MM - rowsHeight(rows)
	if top := l.Page.Margin.Top * MM; y-6*MM < top {
		t.diags.Add(t.keyPos("publisher"), "the publisher's details need %.0f mm on the back page, which has %.0f mm: shorten them (publisher, authors, rights)", (rowsHeight(rows)+6*MM)/MM, t.height/MM)
	}
	p.Items = append(p.Items, Line{X1: x, Y1: y - 6*MM, X2: x + t.width, Y2: y - 6*MM, Width: 0.8, Color: l.Colors.Accent})
	for _, r := range rows {
		for _, it := range r.items {
			p.Items = append(p.Items, it.moved(x, y))
		}
		y += r.h
	}
	// a band at the foot, into the bleed, mirrors the cover
	bleed := l.Page.Bleed * MM
	H := l.Page.Height * MM
	p.Items = append(p.Items, Rect{X: -bleed, Y: H - 12*MM, W: l.Page.Width*MM + 2*bleed, H: 12*MM + bleed, Fill: l.Colors.CoverBand})
	return p
}

// running adds the running header and footer to every page but the first and last.
func (t *typesetter) running(d *Document) {
	l := t.l
	st := t.st(&l.Text.Running)
	face := st.face(false, false)
	last := len(d.Pages)
	if !l.Cover.Back {
		last++
	}
	fill := func(s string, p *Page) string {
		r := strings.NewReplacer("{series}", t.ed.Series, "{title}", t.ed.Title, "{section}", p.Section, "{page}", p.Label)
		return r.Replace(s)
	}
	omit := map[string]bool{}
	for _, o := range l.Running.Omit {
		omit[o] = true
	}
	// the first page of the body: the pages before it are the front matter
	body := len(d.Pages) + 1
	for _, sec := range t.ed.Sections {
		if sec.Role.Matter != doc.FrontMatter {
			if dest, ok := d.Anchors[sec.ID]; ok {
				body = dest.Page
			}
			break
		}
	}
	warned := false
	for _, p := range d.Pages {
		if p.Number == 1 || p.Number == last || len(p.Items) == 0 {
			continue
		}
		x0 := t.left(p.Number)
		hy := l.Page.Margin.Top*MM - 9*MM
		fy := l.Page.Height*MM - l.Page.Margin.Bottom*MM + 11*MM
		add := func(s string, y float64, al style.Align) {
			if s == "" {
				return
			}
			w := face.Width(s, st.size)
			x := x0
			switch al {
			case style.Right:
				x = x0 + t.width - w
			case style.Center:
				x = x0 + (t.width-w)/2
			}
			p.Items = append(p.Items, Text{X: x, Y: y, Text: s, Face: face, Size: st.size, Color: st.color})
		}
		left, right := fill(l.Running.HeaderLeft, p), fill(l.Running.HeaderRight, p)
		if omit["section-start"] && p.opens || omit["front"] && p.Number < body {
			left, right = "", "" // the layout leaves the running head off this page
		}
		if p.Number%2 == 1 {
			left, right = right, left
		}
		left, right = t.fitHeads(face, st.size, left, right, &warned)
		add(left, hy, style.Left)
		add(right, hy, style.Right)
		if left != "" || right != "" {
			p.Items = append(p.Items, Line{X1: x0, Y1: hy + 2.5*MM, X2: x0 + t.width, Y2: hy + 2.5*MM, Width: 0.3, Color: st.color})
		}
		// the folio sits at the outer edge
		foot := fill(l.Running.Footer, p)
		if p.Number%2 == 1 {
			add(foot, fy, style.Right)
		} else {
			add(foot, fy, style.Left)
		}
	}
}

// fitHeads shortens the running heads of a page, left and right, to fit the
// width of the text block side by side: the one that is too long, or both to
// half of it each, ending in an ellipsis; it warns the first time (warned).
func (t *typesetter) fitHeads(face *fonts.Face, size float64, left, right string, warned *bool) (string, string) {
	gap := 6 * MM
	lw, rw := face.Width(left, size), face.Width(right, size)
	if left == "" || right == "" {
		gap = 0
	}
	if lw+rw+gap <= t.width {
		return left, right
	}
	half := (t.width - gap) / 2
	l, r := left, right
	switch {
	case lw <= half:
		r = shorten(face, size, right, t.width-gap-lw)
	case rw <= half:
		l = shorten(face, size, left, t.width-gap-rw)
	default:
		l, r = shorten(face, size, left, half), shorten(face, size, right, half)
	}
	if !*warned {
		*warned = true
		long := left
		if l == left {
			long = right
		}
		t.diags.Warn(diag.Pos{File: t.ed.Doc.File}, "the running head %q is too long for the text block: shortened with an ellipsis; a shorter title or series, or other running: header-left and header-right in the layout, keep it whole", long)
	}
	return l, r
}

// shorten cuts s to fit width w with an ellipsis, after a word when one
// ends in the second half of what fits.
func shorten(face *fonts.Face, size float64, s string, w float64) string {
	if face.Width(s, size) <= w {
		return s
	}
	ell := "…"
	if !face.Has('…') {
		ell = "..."
	}
	rs := []rune(s)
	cut := func(n int) string { return strings.TrimRight(string(rs[:n]), " ,;:.-–—") }
	// the most characters that fit: widths grow with the characters
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if face.Width(cut(mid)+ell, size) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	for n := min(lo, len(rs)-1); n > lo/2; n-- {
		if rs[n] == ' ' {
			return cut(n) + ell
		}
	}
	return cut(lo) + ell
}
