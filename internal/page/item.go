package page

import (
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/style"
)

// Item is something drawn on a page: Text, Rect, Line, Image or Link.
type Item interface {
	// Moved returns the item moved by dx, dy.
	Moved(dx, dy float64) Item
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
	// Desc says where the link goes, for those who cannot see it ("Note 3",
	// "Figure 1", the site of a URL): the PDF annotation's /Contents.
	Desc string
}

// Moved returns t moved by dx, dy.
func (t Text) Moved(dx, dy float64) Item { t.X += dx; t.Y += dy; return t }

// Moved returns r moved by dx, dy.
func (r Rect) Moved(dx, dy float64) Item { r.X += dx; r.Y += dy; return r }

// Moved returns l moved by dx, dy.
func (l Line) Moved(dx, dy float64) Item {
	l.X1 += dx
	l.X2 += dx
	l.Y1 += dy
	l.Y2 += dy
	return l
}

// Moved returns i moved by dx, dy.
func (i Image) Moved(dx, dy float64) Item { i.X += dx; i.Y += dy; return i }

// Moved returns l moved by dx, dy.
func (l Link) Moved(dx, dy float64) Item { l.X += dx; l.Y += dy; return l }
