package page

import "github.com/folio-pub/folio/internal/doc"

// PageBreak is where a page of the print edition begins in the text, as
// typesetting found it; the EPUB marks it and lists it in its page-list.
type PageBreak struct {
	Page  int    // the physical page, from 1
	Label string // its printed folio; the physical number on a page that prints none (the cover)
	Where Where
	// In Block (Where InText): in its run Run (the index in doc.Runs; 0 for a
	// figure's caption and a code block's text), after Offset characters of
	// text (doc.Text and doc.Code, counted in runes); Run -1 is just before
	// the block. In the contents (Where InContents), Run is the index of the
	// entry in the edition's contents, -1 for the contents' title.
	Block  doc.Block
	Run    int
	Offset int
}

// Where tells where a page begins relative to the text.
type Where int

// The places a page can begin.
const (
	BeforeText Where = iota // the cover: the title page, before the first section
	InText                  // in a block of a section
	AfterText               // after the last section's text, where there is no imprint
	InContents              // the printed contents (the EPUB's navigation)
	InImprint               // the back page's imprint (the EPUB's colophon), and the blank pages before it
)
