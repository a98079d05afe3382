package typeset

import (
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/hyphen"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// typesetter sets one edition: its layout's text styles resolved to faces,
// and what setting the blocks and paginating collect.
type typesetter struct {
	ed *resolve.Edition
	// refPages gives the page of each cross-reference's target, set after
	// it (layout's references: page); nil where no page is set
	refPages map[string]string
	l        *style.Layout
	words    *style.Words
	diags    *diag.List
	styles   map[*style.TextStyle]*textStyle // by the layout's style
	width    float64                         // text block width
	height   float64                         // text block height
	notes    map[*doc.Note][]row
	noteEl   map[*doc.Note]*page.Elem // each note's element, attached where it is first referenced
	// hang is how far the notes' text is indented, their numbers hanging in
	// that margin (see noteHang); 0 until first needed
	hang float64
	// hyphenator breaks the edition's words; nil when its language has no patterns
	hyphenator *hyphen.Hyphenator
	hyphens    map[string][]int // each word's hyphenation points, see hyphenPoints
	memo       *Memo            // what the session keeps for the next setting; nil for none
	stats      page.Stats
	// firstMarks holds, for each page of the text, the mark of its first row
	// from the text (nil when it has none)
	firstMarks map[int]*mark
	backPage   *page.Page // the back page, nil without one
	// seen is the text's rows as set, page after page, top to bottom: to
	// find the floats set out of the reading order
	seen []seenRow
	// opens holds the pages (by number) that open with a section's heading
	opens map[int]bool
	// missing collects the characters the fonts lack, reported once set
	missing missingGlyphs
}

// isHeading reports the style of a heading or of the cover's title, which
// are never hyphenated and whose lines are balanced.
func (t *typesetter) isHeading(st *textStyle) bool { return st.heading }

func newTypesetter(ed *resolve.Edition, opt Options, diags *diag.List) *typesetter {
	l := ed.Layout
	t := &typesetter{ed: ed, l: l, words: ed.Words, diags: diags, styles: map[*style.TextStyle]*textStyle{}, notes: map[*doc.Note][]row{}, noteEl: map[*doc.Note]*page.Elem{}, firstMarks: map[int]*mark{}, opens: map[int]bool{}, hyphens: map[string][]int{}}
	t.missing.suggest = coveringFont(opt.Fonts)
	t.memo = opt.Memo
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
	for _, h := range []*style.TextStyle{&l.Text.Heading1, &l.Text.Heading2, &l.Text.Heading3, &l.Text.BoxTitle, &l.Text.CoverTitle} {
		t.styles[h].heading = true
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
func (t *typesetter) paragraph(in []doc.Inline, st *textStyle, x, w float64, e *page.Elem) []row {
	return t.hungParagraph(in, st, x, w, 0, e)
}

// hungParagraph is paragraph with a hanging indent: its first line the
// full width w, the others set in by hang (a bibliography entry's).
func (t *typesetter) hungParagraph(in []doc.Inline, st *textStyle, x, w, hang float64, e *page.Elem) []row {
	lines := t.linesIn(in, st, measure{w, w - hang}, e)
	bl := st.baseline()
	rows := make([]row, len(lines))
	for i := range lines {
		ln := &lines[i]
		lx := x
		if i > 0 {
			lx += hang
		}
		r := row{h: st.leading, items: ln.items(lx, 0, bl)}
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
