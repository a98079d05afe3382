package typeset

import (
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
)

// row is one unbreakable strip of the vertical list: a line of text, a table
// row, a figure. Items are placed relative to the text block's left edge and
// the row's top.
type row struct {
	h            float64
	before       float64 // space above, dropped at the top of a page
	items        []page.Item
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
	level        int        // that heading's level (1 for a section's title), 0 for other rows
	head         *tableHead // a table's body row: the header a page that starts with it repeats
	// float is the figure (with its caption) or box, set in the text (not in
	// a box), whose rows may move, whole, to the top of a later page when
	// they do not fit in the room left on theirs (the layout's
	// pages.floats); nil for other rows
	float doc.Block
	// barrier is, on the first row of a float waiting for a later page,
	// the level of the headings it may not go past (its own section's, or
	// higher with the layout's pages.float-barrier)
	barrier int
}

// mark is a place in the text of the document model: in Run (its index in
// doc.Runs; 0 for a figure's caption and a code block's text) of Block, after
// Offset characters of text; Run -1 is just before the block.
type mark struct {
	block  doc.Block
	run    int
	offset int
	// contents: the row is of the printed contents (which has no block):
	// its title (entry -1) or the entry of that index in the edition's contents
	contents bool
	entry    int
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
	elem   *page.Elem // the element whose text the number is (a TOCI)
}

// frame is a box whose background spans its rows on each page.
type frame struct {
	inset float64
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
