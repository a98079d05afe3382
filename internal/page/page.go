// Package page is the page model: a typeset edition as pages of positioned
// text, rules, images and links, the logical structure each item belongs
// to, the outline, the anchors and where each page begins in the text. It is
// data with no layout logic: package typeset produces it, renderers (pdf)
// read it and import no layouter.
package page

import (
	"time"

	"github.com/folio-pub/folio/internal/doc"
)

// Document is a typeset edition. Coordinates are in points from the top-left
// corner of the trimmed page; items may reach into the bleed (negative or beyond
// the page size).
type Document struct {
	Info          Info
	Width, Height float64 // the trimmed page
	Bleed         float64
	CropMarks     bool          // the print edition draws crop marks outside the bleed
	OutputIntent  *OutputIntent // the print edition's printing condition; nil for sRGB
	PDFA          bool          // the digital edition is also PDF/A-2a
	Structure     *Elem         // the logical structure, rooted at a Document element
	Pages         []*Page
	Outline       []Bookmark
	Anchors       map[string]Dest // where each id of the edition is set
	// PageBreaks tells where each page begins in the text, in page order.
	PageBreaks []PageBreak
	// Moved are the floats (figures, boxes) set out of the reading order:
	// after text that follows them, or before text that comes before them.
	Moved []Moved
	Stats Stats // how well it could be set
}

// Moved is a float set out of the reading order, and the page it is on.
type Moved struct {
	Block doc.Block
	Page  int
	Label string // the page's printed folio
}

// OutputIntent is the printing condition the print edition is made for.
type OutputIntent struct {
	Condition  string // its registered name, e.g. FOGRA39
	Profile    []byte // its ICC output profile
	Components int    // of the profile's colour space: 1, 3 or 4
	Desc       string // the profile's description, empty for none: the condition as the profile names it
	Deflated   []byte // Profile as a zlib stream, made beforehand; nil: the PDF writer deflates it
}

// Info is what a document says about itself (the PDF's document information).
type Info struct {
	Title    string // title and subtitle, joined the language's way
	ID       string // the digital PDF's identifier (XMP dc:identifier), empty for none
	Author   string
	Subject  string
	Keywords string
	Lang     string    // BCP 47
	Date     time.Time // creation and modification date; zero when unknown
}

// Page is one page and what is on it, in drawing order.
type Page struct {
	Number  int    // physical page number, from 1
	Label   string // the printed folio, or empty on pages that show none
	Section string // the title of the section the running head names
	Items   []Item
}

// Dest is a place in the document.
type Dest struct {
	Page int // 1-based
	Y    float64
}

// Bookmark is an entry of the PDF outline.
type Bookmark struct {
	Title string
	Level int // 0 for sections
	Dest
}
