package cover

import (
	"image"
	"image/color"
)

// sheet is a paletted image whose rows are made when first drawn on: a row
// never drawn on is white, index 0. Most of a cover is white (on the
// sample's, two rows in three): memory a whole image would have the system
// give the process, page by page, to hold nothing but zeros.
type sheet struct {
	w, h    int
	palette color.Palette
	rows    [][]byte // nil: white
	spare   [][]byte // rows of an earlier sheet, to draw on again
}

// newSheet returns a white sheet of w by h pixels, drawing on spare rows
// (of w bytes) first.
func newSheet(w, h int, spare [][]byte) *sheet {
	return &sheet{w: w, h: h, rows: make([][]byte, h), spare: spare}
}

// row returns row y to draw on, made white when not yet drawn on.
func (s *sheet) row(y int) []byte {
	if r := s.rows[y]; r != nil {
		return r
	}
	var r []byte
	if n := len(s.spare); n > 0 {
		r, s.spare = s.spare[n-1], s.spare[:n-1]
		clear(r)
	} else {
		r = make([]byte, s.w)
	}
	s.rows[y] = r
	return r
}

// at is the palette index of pixel x, y.
func (s *sheet) at(x, y int) uint8 {
	if r := s.rows[y]; r != nil {
		return r[x]
	}
	return 0
}

// bounds is the sheet's rectangle.
func (s *sheet) bounds() image.Rectangle { return image.Rect(0, 0, s.w, s.h) }

// paletted returns the sheet as an image.
func (s *sheet) paletted() *image.Paletted {
	img := image.NewPaletted(s.bounds(), s.palette)
	for y, r := range s.rows {
		copy(img.Pix[y*img.Stride:], r)
	}
	return img
}

// used returns the rows drawn on, to draw on again.
func (s *sheet) used() [][]byte {
	for _, r := range s.rows {
		if r != nil {
			s.spare = append(s.spare, r)
		}
	}
	return s.spare
}

// sheetOf is img as a sheet (its rows, not copies).
func sheetOf(img *image.Paletted) *sheet {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	s := newSheet(w, h, nil)
	s.palette = img.Palette
	for y := range h {
		s.rows[y] = img.Pix[y*img.Stride:][:w]
	}
	return s
}
