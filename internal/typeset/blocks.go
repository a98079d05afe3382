package typeset

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/hyphen"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// row is one unbreakable strip of the vertical list: a line of text, a table
// row, a figure. Items are placed relative to the text block's left edge and
// the row's top.
type row struct {
	h            float64
	before       float64 // space above, dropped at the top of a page
	items        []Item
	noBreakAfter bool // keep with the next row (headings, orphans, widows)
	breakBefore  bool // start a new page
	notes        []*doc.Note
	frame        *frame
	anchors      []string
	section      *resolve.Section // the section this row starts
	pageRefs     []pageRef
	textAt       int        // characters of its run's text before the row's first word (rows of text)
	mark         *mark      // where the row begins in the text, for the EPUB's page breaks; nil for generated text
	heading      bool       // the first row of a heading outside a box
	head         *tableHead // a table's body row: the header a page that starts with it repeats
	// float is the figure (with its caption) or box, set in the text (not in
	// a box), whose rows may move, whole, to the top of a later page when
	// they do not fit in the room left on theirs (the layout's
	// pages.floats); nil for other rows
	float doc.Block
}

// mark is a place in the text of the document model: in Run (its index in
// doc.Runs; 0 for a figure's caption and a code block's text) of Block, after
// Offset characters of text; Run -1 is just before the block.
type mark struct {
	block  doc.Block
	run    int
	offset int
}

// marked sets the mark of rows of text set from run of block b.
func marked(rows []row, b doc.Block, run int) []row {
	for i := range rows {
		rows[i].mark = &mark{block: b, run: run, offset: rows[i].textAt}
	}
	return rows
}

// pageRef is a page number to fill in once pages are known (contents).
type pageRef struct {
	anchor string
	right  float64 // x of the right edge
	y      float64 // baseline, relative to row top
	st     *textStyle
	elem   *Elem // the element whose text the number is (a TOCI)
}

// frame is a box whose background spans its rows on each page.
type frame struct {
	inset float64
}

// tableHead is a table's header as a page that goes on with the table
// repeats it at its top: drawn as where it was set, but as an artifact, as a
// running head is (the structure has the header once, where it was set, so
// a screen reader does not read it again), with no link areas and no note
// calls of its own.
type tableHead struct {
	h     float64
	items []Item
}

// repeated returns header row hr as a page that goes on with its table repeats it.
func repeated(hr row) *tableHead {
	items := make([]Item, 0, len(hr.items))
	for _, it := range hr.items {
		switch it := it.(type) {
		case Text:
			it.Elem = nil
			items = append(items, it)
		case Image:
			it.Elem = nil
			items = append(items, it)
		case Link:
			// live where the header was set; a second area would be a
			// second annotation of one Link element
		default:
			items = append(items, it) // rules and backgrounds: artifacts already
		}
	}
	return &tableHead{h: hr.h, items: items}
}

type typesetter struct {
	ed     *resolve.Edition
	l      *style.Layout
	words  *style.Words
	diags  *diag.List
	styles map[*style.TextStyle]*textStyle // by the layout's style
	width  float64                         // text block width
	height float64                         // text block height
	notes  map[*doc.Note][]row
	noteEl map[*doc.Note]*Elem // each note's element, attached where it is first referenced
	// hang is how far the notes' text is indented, their numbers hanging in
	// that margin (see noteHang); 0 until first needed
	hang  float64
	level int // of the last heading set, for a box title's (as in the EPUB)
	// hyphenator breaks the edition's words; nil when its language has no patterns
	hyphenator *hyphen.Hyphenator
	hyphens    map[string][]int // each word's hyphenation points, see hyphenPoints
	stats      Stats
	// firstMarks holds, for each page of the text, the mark of its first row
	// from the text (nil when it has none)
	firstMarks map[int]*mark
	// missing collects the characters the fonts lack, reported once set
	missing missingGlyphs
}

// isHeading reports a heading's style (headings are never hyphenated).
func (t *typesetter) isHeading(st *textStyle) bool {
	for _, h := range []*style.TextStyle{&t.l.Text.Heading1, &t.l.Text.Heading2, &t.l.Text.Heading3, &t.l.Text.BoxTitle} {
		if t.styles[h] == st {
			return true
		}
	}
	return false
}

func newTypesetter(ed *resolve.Edition, opt Options, diags *diag.List) *typesetter {
	l := ed.Layout
	t := &typesetter{ed: ed, l: l, words: ed.Words, diags: diags, styles: map[*style.TextStyle]*textStyle{}, notes: map[*doc.Note][]row{}, noteEl: map[*doc.Note]*Elem{}, firstMarks: map[int]*mark{}, hyphens: map[string][]int{}}
	if ed.Words != nil {
		t.hyphenator = ed.Words.Hyphenator
	}
	t.hyphenationExceptions()
	code, err := opt.Fonts.Face(l.Text.Code.Font.Name, style.Regular)
	if err != nil {
		diags.Add(l.Text.Code.Font.Pos, "text: code: %v", err)
		return nil
	}
	for _, ns := range l.Text.Styles() {
		s := ns.Style
		ts := &textStyle{code: code, size: s.Size, leading: s.Leading, color: l.Resolve(s.Color), align: s.Align,
			spaceBefore: s.SpaceBefore, spaceAfter: s.SpaceAfter, uppercase: s.Uppercase}
		for i, fs := range []style.FontStyle{style.Regular, style.Bold, style.Italic, style.BoldItalic} {
			f, err := opt.Fonts.Face(s.Font.Name, fs)
			if err != nil {
				diags.Add(s.Font.Pos, "text: %s: %v", ns.Key, err)
				return nil
			}
			ts.faces[i] = f
			if fs == s.Style {
				ts.base = i
			}
		}
		t.styles[s] = ts
	}
	m := l.Page.Margin
	t.width = (l.Page.Width - m.Inner - m.Outer) * MM
	t.height = (l.Page.Height - m.Top - m.Bottom) * MM
	return t
}

// st returns the resolved text style of one of the layout's styles (&t.l.Text.Body…).
func (t *typesetter) st(s *style.TextStyle) *textStyle { return t.styles[s] }

// paragraph sets inlines as lines of style st, width w, indented by x; their
// text belongs to element e (or to the links and note references in it).
func (t *typesetter) paragraph(in []doc.Inline, st *textStyle, x, w float64, e *Elem) []row {
	lines := t.lines(in, st, w, e)
	bl := st.baseline()
	rows := make([]row, len(lines))
	for i := range lines {
		ln := &lines[i]
		r := row{h: st.leading, items: ln.items(x, 0, bl)}
		if len(ln.words) > 0 {
			r.textAt = ln.words[0].start
		}
		for _, wd := range ln.words {
			for _, s := range wd.segs {
				if s.note != nil {
					r.notes = append(r.notes, s.note)
				}
			}
		}
		// orphans and widows (keepsPart); and no page ends with a broken word
		if keepsPart(i, len(lines)) || ln.hyphenated {
			r.noBreakAfter = true
		}
		rows[i] = r
	}
	if len(rows) > 0 {
		rows[0].before = st.spaceBefore
	}
	return rows
}

// from makes running text of generated or metadata text read from file, so that
// a character the font lacks is reported there.
func (t *typesetter) from(file, text string) []doc.Inline {
	return []doc.Inline{&doc.Text{Text: text, Pos: diag.Pos{File: file}}}
}

// minPart is the fewest lines of a paragraph or of a split box, or body rows
// of a table, that a page break leaves on either side of it: never one
// alone at a page's foot (an orphan) or head (a widow).
const minPart = 2

// keepsPart reports whether the i-th of n lines (or body rows) keeps with the
// next: a break after it would leave fewer than minPart on one side. A run
// of fewer than 2×minPart is never split.
func keepsPart(i, n int) bool {
	return i < n-1 && (i < minPart-1 || i >= n-minPart)
}

// floats marks the rows of figure or box b as one float, unless it is set
// in a box (the box floats, or is split, as a whole).
func floats(rows []row, b doc.Block, inBox bool) {
	if inBox || len(rows) == 0 {
		return
	}
	for i := range rows {
		rows[i].float = b
	}
}

// keep ties rows to what follows them: no page break after any of them.
func keep(rows []row) []row {
	for i := range rows {
		rows[i].noBreakAfter = true
	}
	return rows
}

// flow collects rows; the space after a block becomes the "before" of the
// next block's first row (the larger of the two wins).
type flow struct {
	rows    []row
	pending float64 // space after the previous block
	parent  *Elem   // the element blocks set in the flow belong to
}

func (f *flow) add(rows []row, spaceAfter float64) {
	if len(rows) == 0 {
		return
	}
	rows[0].before = math.Max(rows[0].before, f.pending)
	f.rows = append(f.rows, rows...)
	f.pending = spaceAfter
}

// blocks sets a run of blocks at indent x with width w.
func (t *typesetter) blocks(f *flow, bs []doc.Block, x, w float64, body *textStyle, inBox bool) {
	for _, b := range bs {
		start := len(f.rows)
		switch b := b.(type) {
		case *doc.Heading:
			ts := t.l.Text.Heading(b.Level)
			if inBox {
				ts = &t.l.Text.BoxTitle
			}
			st := t.st(ts)
			rows := keep(marked(t.paragraph(b.Content, st, x, w, f.parent.add(Heading(b.Level))), b, 0))
			t.level = b.Level
			if len(rows) > 0 {
				rows[0].anchors = append(rows[0].anchors, b.ID)
				rows[0].heading = !inBox
			}
			f.add(rows, st.spaceAfter)
		case *doc.Paragraph:
			f.add(marked(t.paragraph(b.Content, body, x, w, f.parent.add(RoleP)), b, 0), body.spaceAfter)
		case *doc.List:
			t.list(f, b, x, w, body, inBox)
		case *doc.Quote:
			ind := 8 * MM
			parent := f.parent
			f.parent = parent.add(RoleQuote)
			t.blocks(f, b.Blocks, x+ind, w-ind, body, inBox)
			f.parent = parent
		case *doc.CodeBlock:
			f.add(t.codeRows(b, x, w, f.parent.add(RoleP)), t.st(&t.l.Text.Code).spaceAfter)
		case *doc.Rule:
			f.add([]row{{h: body.leading, mark: &mark{block: b, run: -1}, items: []Item{Line{X1: x + w/3, Y1: body.leading / 2, X2: x + 2*w/3, Y2: body.leading / 2, Width: 0.5, Color: t.l.Resolve("rule")}}}}, body.spaceAfter)
		case *doc.Box:
			t.box(f, b, x, w)
			floats(f.rows[start:], b, inBox)
		case *doc.Table:
			t.table(f, b, x, w)
		case *doc.Figure:
			t.figureRows(f, b, x, w)
			floats(f.rows[start:], b, inBox)
		default:
			t.diags.Add(b.Position(), "typeset: no setting for %T (a bug in folio)", b)
		}
		// the notes first referenced here are read after the block
		for _, r := range f.rows[start:] {
			for _, n := range r.notes {
				t.noteEl[n].attach(f.parent)
			}
		}
	}
}

func (t *typesetter) list(f *flow, l *doc.List, x, w float64, body *textStyle, inBox bool) {
	face := body.face(false, false)
	marker := func(i int) string {
		if l.Ordered {
			return strconv.Itoa(l.Start+i) + "."
		}
		return t.l.List.Bullet
	}
	// the markers hang in the indent: a wider one (10., 100.) widens it
	const gap = 2 * MM
	ind := t.l.List.Indent * MM
	for i := range l.Items {
		ind = max(ind, face.Width(marker(i), body.size)+gap)
	}
	list := f.parent.add(RoleL)
	for i, item := range l.Items {
		marker := marker(i)
		li := list.add(RoleLI)
		lbl := li.add(RoleLbl)
		sub := &flow{pending: f.pending, parent: li.add(RoleLBody)}
		t.blocks(sub, item, x+ind, w-ind, body, inBox)
		// items are tight: paragraphs in an item keep a little space
		if len(sub.rows) == 0 {
			continue
		}
		if i > 0 {
			sub.rows[0].before = body.spaceAfter * 0.4
		}
		mw := face.Width(marker, body.size)
		sub.rows[0].items = append(sub.rows[0].items, Text{X: x + ind - mw - gap, Y: body.baseline(), Text: marker, Face: face, Size: body.size, Color: t.l.Resolve("accent"), Elem: lbl})
		f.rows = append(f.rows, sub.rows...)
		f.pending = body.spaceAfter
	}
}

func (t *typesetter) box(f *flow, b *doc.Box, x, w float64) {
	st := t.st(&t.l.Text.Box)
	pad := t.l.Box.Padding * MM
	bar := t.l.Box.RuleWidth
	fr := &frame{inset: x}
	inner := &flow{parent: f.parent.add(RoleAside)}
	ix, iw := x+pad+bar, w-2*pad-bar
	var rows []row
	rows = append(rows, row{h: pad, frame: fr, noBreakAfter: true, anchors: []string{b.ID}, mark: &mark{block: b, run: -1}})
	if len(b.Title) > 0 {
		ts := t.st(&t.l.Text.BoxTitle)
		inner.add(keep(marked(t.paragraph(b.Title, ts, ix, iw, inner.parent.add(Heading(t.level+1))), b, 0)), ts.spaceAfter)
	}
	saved := t.level
	t.blocks(inner, b.Blocks, ix, iw, st, true)
	t.level = saved
	rows = append(rows, inner.rows...)
	// the bottom padding never starts a page on its own
	rows[len(rows)-1].noBreakAfter = true
	rows = append(rows, row{h: pad, frame: fr})
	for i := range rows {
		rows[i].frame = fr
	}
	rows[0].before = st.leading * 0.6
	f.add(rows, t.st(&t.l.Text.Body).leading*0.6)
}

// imageData is the bytes of a figure's image as resolve settled them, or nil.
func (t *typesetter) imageData(fig *doc.Figure) []byte {
	if im := t.ed.Image(fig); im != nil {
		return im.Data
	}
	return nil
}

// inlineImageData is the bytes of an image in the text as resolve settled them, or nil.
func (t *typesetter) inlineImageData(im *doc.InlineImage) []byte {
	if r := t.ed.InlineImage(im); r != nil {
		return r.Data
	}
	return nil
}

// minPPI is the resolution printers want for images at their printed size.
const minPPI = 300

func (t *typesetter) figureRows(f *flow, fig *doc.Figure, x, w float64) {
	if fig.Width == 0 || fig.Height == 0 {
		return
	}
	iw := w * t.l.Figure.MaxWidth
	ih := iw * float64(fig.Height) / float64(fig.Width)
	if maxH := t.height * 0.55; ih > maxH {
		ih = maxH
		iw = ih * float64(fig.Width) / float64(fig.Height)
	}
	if ppi := float64(fig.Width) / (iw / 72); ppi < minPPI {
		t.diags.Warn(fig.Pos, "image %s prints at %.0f ppi (%d pixels across %.0f mm); printers want %d ppi: supply it at least %d pixels wide",
			fig.Src, ppi, fig.Width, iw/MM, minPPI, int(math.Ceil(iw/72*minPPI)))
	}
	ix := x + (w-iw)/2
	st := t.st(&t.l.Text.Caption)
	el := f.parent.add(RoleFigure)
	if el != nil {
		el.Alt = fig.Alt
	}
	rows := []row{{h: ih + 2*MM, before: st.leading * 0.5, noBreakAfter: fig.Caption != "", anchors: []string{fig.ID}, mark: &mark{block: fig, run: -1},
		items: []Item{Image{X: ix, Y: 0, W: iw, H: ih, Path: fig.Path, Format: fig.Format, Data: t.imageData(fig), Alt: fig.Alt, Elem: el}}}}
	if fig.Caption != "" {
		// the caption follows the figure: a reader that speaks the figure's
		// alternate text skips what the figure holds
		cap := marked(t.paragraph([]doc.Inline{&doc.Text{Text: fig.Caption, Pos: fig.CaptionPos}}, st, ix, iw, f.parent.add(RoleCaption)), fig, 0)
		// a caption is never split, nor parted from its figure
		keep(cap[:len(cap)-1])
		rows = append(rows, cap...)
	}
	f.add(rows, st.spaceAfter)
}

// table sets a table: columns sized by their content, one row per table row.
func (t *typesetter) table(f *flow, tb *doc.Table, x, w float64) {
	st := t.st(&t.l.Text.Table)
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
	table := f.parent.add(RoleTable)
	setRow := func(cells [][]doc.Inline, s *textStyle, cellRole Role) row {
		tr := table.add(RoleTR)
		var items []Item
		var notes []*doc.Note // called from the cells: set on the row's page
		h := 0.0
		cx := x
		for c := 0; c < cols; c++ {
			cs := *s
			cs.align = align(c)
			ce := tr.add(cellRole)
			if ce != nil && cellRole == RoleTH {
				ce.Scope = "Column"
			}
			rows := t.paragraph(cell(cells, c), &cs, cx+pad, widths[c]-2*pad, ce)
			y := pad
			for _, r := range rows {
				for _, it := range r.items {
					items = append(items, it.moved(0, y))
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
	if len(tb.Caption) > 0 {
		cs := t.st(&t.l.Text.Caption)
		capRows := keep(marked(t.paragraph(tb.Caption, cs, x, w, table.add(RoleCaption)), tb, tb.CaptionRun()))
		capRows[0].mark = &mark{block: tb, run: -1}
		capRows[0].before = st.leading * 0.5
		rows = append(rows, capRows...)
	}
	hr := setRow(tb.Header, &head, RoleTH)
	hr.items = append(hr.items,
		Line{X1: x, Y1: 0, X2: x + w, Y2: 0, Width: rule * 2, Color: ruleColor},
		Line{X1: x, Y1: hr.h, X2: x + w, Y2: hr.h, Width: rule, Color: ruleColor})
	hr.noBreakAfter = true
	hr.before = st.leading * 0.5
	if len(rows) > 0 {
		hr.before = t.st(&t.l.Text.Caption).spaceAfter * 0.5
	}
	hr.mark = &mark{block: tb, run: -1}
	rows = append(rows, hr)
	onTop := repeated(hr) // on the pages the table goes on to
	run := len(tb.Header) // doc.Runs: the header's cells, then each row's
	for i, r := range tb.Rows {
		br := setRow(r, st, RoleTD)
		br.mark = &mark{block: tb, run: run}
		br.head = onTop
		run += len(r)
		if i == len(tb.Rows)-1 {
			br.items = append(br.items, Line{X1: x, Y1: br.h, X2: x + w, Y2: br.h, Width: rule * 2, Color: ruleColor})
		} else {
			br.items = append(br.items, Line{X1: x, Y1: br.h, X2: x + w, Y2: br.h, Width: rule * 0.4, Color: t.l.Resolve("muted")})
		}
		// the header keeps with the first rows, and a break leaves no row
		// of the body alone on either side of it
		br.noBreakAfter = keepsPart(i, len(tb.Rows))
		rows = append(rows, br)
	}
	f.add(rows, t.st(&t.l.Text.Body).spaceAfter*2)
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
		b := &wordBuilder{st: s, diags: &diag.List{}}
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

// noteRows sets a footnote: its number hanging in the margin of the note block.
func (t *typesetter) noteRows(n *doc.Note) []row {
	st := t.st(&t.l.Text.Notes)
	face := st.face(false, false)
	hang := t.noteHang(st)
	note := &Elem{Role: RoleNote, ID: n.ID}
	t.noteEl[n] = note
	lbl := note.add(RoleLbl)
	f := &flow{parent: note}
	t.blocks(f, n.Blocks, hang, t.width-hang, st, true)
	if len(f.rows) == 0 {
		f.rows = []row{{h: st.leading}}
	}
	num := strconv.Itoa(n.Number)
	f.rows[0].items = append(f.rows[0].items, Text{X: hang - face.Width(num, st.size) - st.size*0.5, Y: st.baseline(), Text: num, Face: face, Size: st.size, Color: t.l.Resolve("accent"), Elem: lbl})
	f.rows[0].anchors = append(f.rows[0].anchors, n.ID)
	for i := range f.rows {
		f.rows[i].before = 0
	}
	f.rows[0].before = st.spaceAfter
	return f.rows
}

// noteHang is the margin the notes' numbers hang in, as wide as the widest
// needs, measured once an edition (once a note, it made 20,000 notes take
// minutes).
func (t *typesetter) noteHang(st *textStyle) float64 {
	if t.hang == 0 {
		face := st.face(false, false)
		t.hang = st.size * 1.8
		for _, o := range t.ed.Doc.Notes {
			t.hang = max(t.hang, face.Width(strconv.Itoa(o.Number), st.size)+st.size*0.5)
		}
	}
	return t.hang
}

func rowsHeight(rows []row) float64 {
	h := 0.0
	for _, r := range rows {
		h += r.before + r.h
	}
	return h
}

// run sets the cover, the section that holds the contents with the contents,
// every other section from a new page, and the back page; then paginates and
// adds running heads.
func (t *typesetter) run(ctx context.Context) *Document {
	l := t.l
	d := &Document{Width: l.Page.Width * MM, Height: l.Page.Height * MM, Bleed: l.Page.Bleed * MM, CropMarks: l.Print.Marks, Anchors: map[string]Dest{}, Info: info(t.ed)}
	for _, n := range t.ed.Doc.Notes {
		t.notes[n] = t.noteRows(n)
		if n.Section != nil && n.Section.Lang != "" && n.Section.Lang != t.ed.Lang {
			inLang(t.notes[n], n.Section.Lang)
			t.noteEl[n].Lang = n.Section.Lang
		}
	}
	if pr := l.Print; pr.Profile.Data != nil {
		d.OutputIntent = &OutputIntent{Condition: pr.Condition, Profile: pr.Profile.Data, Components: pr.Profile.Components}
	}
	body := t.st(&l.Text.Body)
	// the structure in reading order: the cover, the sections (the contents
	// after the one that holds it), the back page
	d.Structure = &Elem{Role: RoleDocument}
	coverEl := d.Structure.add(RoleSect)
	f := &flow{parent: d.Structure}
	var about *resolve.Section
	for _, s := range t.ed.Sections {
		if s.Role.HoldsContents && about == nil {
			about = s
		}
	}
	if about != nil {
		t.section(f, about, body)
	}
	if l.Contents.Show {
		t.contents(f, about)
	}
	first := true
	for _, s := range t.ed.Sections {
		if ctx.Err() != nil {
			return nil
		}
		if s == about {
			continue
		}
		start := len(f.rows)
		t.section(f, s, body)
		if first && start < len(f.rows) && start > 0 {
			f.rows[start].breakBefore = true
		}
		first = false
	}
	for _, n := range t.ed.Doc.Notes {
		t.noteEl[n].attach(d.Structure) // a note never referenced is never set
	}
	d.Pages = append(d.Pages, t.cover(coverEl))
	t.paginate(d, f.rows)
	if l.Cover.Back {
		// the back page is a verso, and the page count a multiple of the
		// layout's signature: blank pages before it
		for (len(d.Pages)+1)%2 != 0 || (len(d.Pages)+1)%l.Pages.Signature != 0 {
			d.Pages = append(d.Pages, &Page{Number: len(d.Pages) + 1, Label: strconv.Itoa(len(d.Pages) + 1)})
		}
		d.Pages = append(d.Pages, t.back(len(d.Pages)+1, d.Structure.add(RoleSect)))
	}
	t.outline(d)
	t.running(d)
	t.pageBreaks(d)
	return d
}

// pageBreaks records where each page with a folio begins in the text: the cover before it,
// a page of the text where its first row from the text begins (a page that
// begins with generated text, like the contents, where the text goes on), and
// the pages after the text after it.
func (t *typesetter) pageBreaks(d *Document) {
	var waiting []*Page // pages whose place is that of the next text
	for i, p := range d.Pages {
		m, inText := t.firstMarks[p.Number]
		switch {
		case i == 0:
			d.PageBreaks = append(d.PageBreaks, resolve.PageBreak{Page: p.Number, Label: p.Label, Where: resolve.BeforeText})
		case !inText || m == nil:
			waiting = append(waiting, p)
		default:
			for _, w := range append(waiting, p) {
				d.PageBreaks = append(d.PageBreaks, resolve.PageBreak{Page: w.Number, Label: w.Label, Where: resolve.InText,
					Block: m.block, Run: m.run, Offset: m.offset})
			}
			waiting = nil
		}
	}
	for _, w := range waiting {
		d.PageBreaks = append(d.PageBreaks, resolve.PageBreak{Page: w.Number, Label: w.Label, Where: resolve.AfterText})
	}
	// a page that prints no folio (the cover) has no number to go to
	kept := d.PageBreaks[:0]
	for _, pb := range d.PageBreaks {
		if pb.Label != "" {
			kept = append(kept, pb)
		}
	}
	d.PageBreaks = kept
}

// section sets the blocks of section s, marking where it starts, and its
// text with its language when that is not the edition's.
func (t *typesetter) section(f *flow, s *resolve.Section, body *textStyle) {
	start := len(f.rows)
	parent := f.parent
	f.parent = parent.add(RoleSect)
	if f.parent != nil && s.Lang != "" && s.Lang != t.ed.Lang {
		f.parent.Lang = s.Lang // a screen reader switches voice here
	}
	t.blocks(f, s.Doc.Blocks, 0, t.width, body, false)
	f.parent = parent
	if start < len(f.rows) {
		f.rows[start].section = s
	}
	if s.Lang != "" {
		inLang(f.rows[start:], s.Lang)
	}
}

// inLang marks the text of rows as being in language lang.
func inLang(rows []row, lang string) {
	for _, r := range rows {
		for i, it := range r.items {
			if tx, ok := it.(Text); ok {
				tx.Lang = lang
				r.items[i] = tx
			}
		}
	}
}

// outline makes the bookmarks from the edition's contents, where each entry was set.
func (t *typesetter) outline(d *Document) {
	for _, e := range t.ed.Contents {
		if dest, ok := d.Anchors[e.ID]; ok {
			d.Outline = append(d.Outline, Bookmark{Title: e.Title, Level: e.Level - 1, Dest: dest})
		}
	}
}

// contents sets the contents entries with their page numbers, filled in
// later; it leaves out the section it is set in.
func (t *typesetter) contents(f *flow, about *resolve.Section) {
	st := t.st(&t.l.Text.Contents)
	h := t.st(&t.l.Text.Heading2)
	sect := f.parent.add(RoleSect)
	title := keep(t.paragraph(t.from(t.words.File, t.words.Contents), h, 0, t.width, sect.add(Heading(2))))
	title[0].before = h.spaceBefore * 1.5
	f.add(title, h.spaceAfter)
	toc := sect.add(RoleTOC)
	numW := st.size * 3
	for _, e := range t.ed.Contents {
		if e.Section == about || e.Level > t.l.Contents.PageDepth {
			continue
		}
		ind := float64(e.Level-1) * t.l.List.Indent * MM
		item := toc.add(RoleTOCI)
		rows := t.paragraph([]doc.Inline{&doc.Link{URL: "#" + e.ID, Content: t.from(e.Section.Doc.File, e.Title)}}, st, ind, t.width-numW-ind, item)
		if len(rows) == 0 {
			continue
		}
		last := &rows[len(rows)-1]
		last.pageRefs = append(last.pageRefs, pageRef{anchor: e.ID, right: t.width, y: st.baseline(), st: st, elem: item})
		// dot leaders from the title to the page number
		end := 0.0
		for _, it := range last.items {
			if tx, ok := it.(Text); ok {
				end = max(end, tx.X+tx.Face.Width(tx.Text, tx.Size))
			}
		}
		last.items = append(last.items, Line{X1: end + 6, Y1: st.baseline(), X2: t.width - numW + 6, Y2: st.baseline(), Width: 0.9, Color: t.l.Resolve("muted"), Dots: 3.5})
		for i := range rows {
			rows[i].noBreakAfter = i < len(rows)-1
		}
		f.add(rows, 0)
	}
}

func (t *typesetter) resolveRefs(d *Document) {
	for _, p := range d.Pages {
		var refs []pageRef
		for i := 0; i < len(p.Items); i++ {
			if r, ok := p.Items[i].(refItem); ok {
				refs = append(refs, r.pageRef)
				p.Items = append(p.Items[:i], p.Items[i+1:]...)
				i--
			}
		}
		for _, r := range refs {
			dest, ok := d.Anchors[r.anchor]
			if !ok {
				continue
			}
			label := d.Pages[dest.Page-1].Label
			face := r.st.face(false, false)
			p.Items = append(p.Items, Text{X: r.right - face.Width(label, r.st.size), Y: r.y, Text: label, Face: face, Size: r.st.size, Color: r.st.color, Elem: r.elem})
		}
	}
}

// refItem carries a page reference through pagination.
type refItem struct{ pageRef }

func (r refItem) moved(dx, dy float64) Item {
	r.right += dx
	r.y += dy
	return r
}
