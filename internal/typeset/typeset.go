// Package typeset measures, breaks into lines and paginates an edition into pages
// of positioned items. It draws nothing: package pdf draws what it produces.
package typeset

import (
	"context"
	"strings"
	"time"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// MM is one millimetre in points (style.MM, short for the many lengths here).
const MM = style.MM

// Document is a typeset edition. Coordinates are in points from the top-left
// corner of the trimmed page; items may reach into the bleed (negative or beyond
// the page size).
type Document struct {
	Info          Info
	Width, Height float64 // the trimmed page
	Bleed         float64
	CropMarks     bool          // the print edition draws crop marks outside the bleed
	OutputIntent  *OutputIntent // the print edition's printing condition; nil for sRGB
	Structure     *Elem         // the logical structure, rooted at a Document element
	Pages         []*Page
	Outline       []Bookmark
	Anchors       map[string]Dest // where each id of the edition is set
	// PageBreaks tells where each page begins in the text, in page order.
	PageBreaks []resolve.PageBreak
	Stats      Stats // how well it could be set
}

// OutputIntent is the printing condition the print edition is made for.
type OutputIntent struct {
	Condition  string // its registered name, e.g. FOGRA39
	Profile    []byte // its ICC output profile
	Components int    // of the profile's colour space: 1, 3 or 4
}

// Info is what a document says about itself (the PDF's document information).
type Info struct {
	Title    string // title and subtitle, joined the language's way
	Author   string
	Subject  string
	Keywords string
	Lang     string    // BCP 47
	Date     time.Time // creation and modification date; zero when unknown
}

// info takes the document information from the edition.
func info(ed *resolve.Edition) Info {
	return Info{Title: ed.FullTitle, Author: strings.Join(ed.Authors, ", "), Subject: ed.Description,
		Keywords: strings.Join(ed.Keywords, ", "), Lang: ed.Lang, Date: ed.Date}
}

// Page is one page and what is on it, in drawing order.
type Page struct {
	Number  int    // physical page number, from 1
	Label   string // the printed folio, or empty on pages that show none
	Section string // the title of the section the running head names
	Items   []Item
	opens   bool // it opens with a section's heading
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

// Item is something drawn on a page.
type Item interface {
	moved(dx, dy float64) Item
}

// Text is a run of text set on a baseline.
type Text struct {
	X, Y  float64 // start of the baseline
	Text  string
	Face  *fonts.Face
	Size  float64
	Color style.Color
	Elem  *Elem // the structure element it belongs to; nil for an artifact
	// Scale is the width of the letters as a share of their own, where a
	// justified line widens or narrows them a little (0 or 1: as they are).
	Scale float64
	// Lang is the text's language where it is not the document's (a section
	// of the original set where a translation lacks it); empty otherwise.
	Lang string
}

// Rect is a filled rectangle: always an artifact (a background, a band).
type Rect struct {
	X, Y, W, H float64
	Fill       style.Color
}

// Line is a straight rule, always an artifact; a dotted one when Dots gives the distance between dots.
type Line struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          style.Color
	Dots           float64
}

// Image is a raster image scaled into a box.
type Image struct {
	X, Y, W, H float64
	Path       string
	Format     string // png, jpeg or gif
	Data       []byte // the image's bytes (resolve.Image.Data); nil when they could not be read (an error when drawn)
	Alt        string
	Elem       *Elem // the figure; nil for an artifact
}

// Link is a clickable area: to an external URL or to an anchor of the document.
type Link struct {
	X, Y, W, H float64
	URL        string // external, or empty
	Anchor     string // internal target id, or empty
	Elem       *Elem  // the Link element the area belongs to
}

func (t Text) moved(dx, dy float64) Item  { t.X += dx; t.Y += dy; return t }
func (r Rect) moved(dx, dy float64) Item  { r.X += dx; r.Y += dy; return r }
func (l Line) moved(dx, dy float64) Item  { l.X1 += dx; l.X2 += dx; l.Y1 += dy; l.Y2 += dy; return l }
func (i Image) moved(dx, dy float64) Item { i.X += dx; i.Y += dy; return i }
func (l Link) moved(dx, dy float64) Item  { l.X += dx; l.Y += dy; return l }

// Options are what typesetting reads besides the edition and its layout.
type Options struct {
	Fonts *fonts.Set
}

// Typeset lays out the edition with its layout. Problems in the input (a
// character the font lacks, a font the layout names but the manifest does
// not, an image printed below 300 ppi) go to diags, with their positions; the
// document is nil when the edition cannot be set. The error is ctx's.
func Typeset(ctx context.Context, ed *resolve.Edition, opt Options, diags *diag.List) (*Document, error) {
	t := newTypesetter(ed, opt, diags)
	if t == nil {
		return nil, nil
	}
	d := t.run(ctx)
	t.missing.report(diags)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.Stats = t.stats
	d.Stats.Pages = len(d.Pages)
	return d, nil
}
