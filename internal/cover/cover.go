// Package cover draws a page of the page model (package page) as a PNG
// image: the EPUB's cover image is the PDF's cover page, as typesetting made
// it (series band, title, subtitle, publisher and date), so that the cover is
// designed once. It is a small raster back-end: filled rectangles, straight
// rules and text; a page's images and links are not drawn.
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"sync"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/lend"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width is the width of the cover image in pixels; its height follows the page's proportions.
const Width = 1600

// PNG draws page p of document d (its trimmed page; what reaches into the
// bleed is cut) and encodes it as PNG.
func PNG(d *page.Document, p *page.Page) ([]byte, error) {
	data, _, err := encode(d, p, nil, &pngEncoder{})
	return data, err
}

// encode is PNG with what a Memo reuses: the rows of an earlier cover
// (spare, drawn on again when as wide), and an encoder. It returns the
// rows it drew on with the PNG.
func encode(d *page.Document, p *page.Page, spare [][]byte, enc *pngEncoder) (data []byte, drawn [][]byte, err error) {
	s, err := draw(d, p, spare)
	if err != nil {
		return nil, spare, err
	}
	data, err = enc.encode(s)
	return data, s.used(), err
}

// Memo keeps the PNG of each cover page drawn, by what the page holds (its
// size, and each rectangle, rule and text with its face and colour), so
// that a cover drawn before is not drawn and encoded again: an edition
// built again in a watch session with its title unchanged, or two editions
// whose covers are the same. It keeps the last memoSize covers, and is
// safe for concurrent use; a nil *Memo keeps nothing.
type Memo struct {
	mu    sync.Mutex
	pngs  map[string][]byte
	order []string // the keys, oldest first
	// rows and encoders are kept from one cover to the next, one for
	// each cover drawn at once: a cover's rows drawn on (1.2 MB of the
	// sample's) and the encoder's compressor (1 MB), made anew, are
	// memory the system gives the process page by page (a sync.Pool would
	// drop them at each collection, and there are some between two
	// editions' covers)
	rows     lend.List[[][]byte]
	encoders lend.List[*pngEncoder]
}

// memoSize is how many covers a Memo keeps: an edit loop's editions.
const memoSize = 16

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{pngs: map[string][]byte{}} }

// PNG is PNG(d, p), drawn once for every page that holds the same.
func (m *Memo) PNG(d *page.Document, p *page.Page) ([]byte, error) {
	if m == nil || d == nil || p == nil {
		return PNG(d, p)
	}
	key := memoKey(d, p)
	m.mu.Lock()
	data, ok := m.pngs[key]
	m.mu.Unlock()
	if ok {
		return data, nil
	}
	enc := m.encoders.Get()
	if enc == nil {
		enc = &pngEncoder{}
	}
	data, drawn, err := encode(d, p, m.rows.Get(), enc)
	m.rows.Put(drawn)
	m.encoders.Put(enc)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.pngs[key]; !ok {
		m.pngs[key] = data
		m.order = append(m.order, key)
		if len(m.order) > memoSize {
			delete(m.pngs, m.order[0])
			m.order = m.order[1:]
		}
	}
	return data, nil
}

// memoKey is what Draw reads of d and p, written out: faces by identity,
// as a Memo lives with the fonts its pages were set in.
func memoKey(d *page.Document, p *page.Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%g %g\n", d.Width, d.Height)
	for _, it := range p.Items {
		switch it := it.(type) {
		case page.Rect:
			fmt.Fprintf(&b, "R %g %g %g %g %v\n", it.X, it.Y, it.W, it.H, it.Fill)
		case page.Line:
			fmt.Fprintf(&b, "L %g %g %g %g %g %v %g\n", it.X1, it.Y1, it.X2, it.Y2, it.Width, it.Color, it.Dots)
		case page.Text:
			fmt.Fprintf(&b, "T %g %g %q %p %g %v %g\n", it.X, it.Y, it.Text, it.Face, it.Size, it.Color, it.Scale)
		}
	}
	return b.String()
}

// Draw draws page p of document d at trim size, scaled to Width pixels.
// A cover has few colours (flat areas, and text whose edges blend into them
// in coverage steps), so it is drawn with a palette: a quarter of the memory
// of full colour, and a PNG with no filtering to choose.
func Draw(d *page.Document, p *page.Page) (*image.Paletted, error) {
	s, err := draw(d, p, nil)
	if err != nil {
		return nil, err
	}
	return s.paletted(), nil
}

// draw is Draw on a sheet, drawing on spare rows (an earlier cover's) first.
func draw(d *page.Document, p *page.Page, spare [][]byte) (*sheet, error) {
	if d == nil || p == nil || d.Width <= 0 || d.Height <= 0 {
		return nil, fmt.Errorf("cover: no page to draw")
	}
	pt := float64(Width) / d.Width // pixels per point
	h := int(d.Height*pt + 0.5)
	c := &canvas{img: newSheet(Width, h, spare), index: map[color.RGBA]uint8{},
		pt: pt, faces: map[faceKey]font.Face{}, blends: map[color.RGBA]*blendTable{}}
	defer c.close()
	// The page is white: the palette's first colour, index 0, which every
	// row not drawn on is.
	c.colour(color.RGBA{255, 255, 255, 255})
	for _, it := range p.Items {
		switch it := it.(type) {
		case page.Rect:
			c.fill(c.box(it.X, it.Y, it.X+it.W, it.Y+it.H), rgba(it.Fill))
		case page.Line:
			c.rule(it)
		case page.Text:
			if err := c.text(it); err != nil {
				return nil, err
			}
		case page.Image:
			if err := c.image(it); err != nil {
				return nil, err
			}
		}
	}
	return c.img, nil
}

func rgba(c style.Color) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }

type faceKey struct {
	face *fonts.Face
	size float64 // points
}

// canvas draws areas, rules and text on a paletted image.
type canvas struct {
	img   *sheet
	index map[color.RGBA]uint8 // the palette's colours
	pt    float64              // pixels per point
	faces map[faceKey]font.Face
	// blends keeps, for each ink, the palette index of each background
	// index and coverage step it was drawn over
	blends map[color.RGBA]*blendTable
}

// blendTable is, for one ink, the palette index (plus one; 0: not made
// yet) of the ink over each background index at each coverage step: read
// for every edge pixel of every glyph, a table, not a map.
type blendTable [256][coverage + 1]uint16

// box is the pixels of the area from x0, y0 to x1, y1 (points).
func (c *canvas) box(x0, y0, x1, y1 float64) image.Rectangle {
	px := func(v float64) int { return int(math.Round(v * c.pt)) }
	return image.Rect(px(x0), px(y0), px(x1), px(y1))
}

// rule draws a straight rule across or down the page, at least a pixel
// thick; a dotted one as dots. A slanted rule is not drawn (a cover has none).
func (c *canvas) rule(l page.Line) {
	w := max(l.Width, 1/c.pt) / 2
	ink := rgba(l.Color)
	x0, y0, x1, y1 := min(l.X1, l.X2), min(l.Y1, l.Y2), max(l.X1, l.X2), max(l.Y1, l.Y2)
	switch {
	case y0 == y1 && l.Dots > 0:
		for x := x0; x <= x1; x += l.Dots {
			c.fill(c.box(x-w, y0-w, x+w, y0+w), ink)
		}
	case y0 == y1:
		c.fill(c.box(x0, y0-w, x1, y0+w), ink)
	case x0 == x1:
		c.fill(c.box(x0-w, y0, x0+w, y1), ink)
	}
}

// colour returns the palette index of k, adding it to the palette; when the
// palette is full, the index of the nearest colour in it.
func (c *canvas) colour(k color.RGBA) uint8 {
	if i, ok := c.index[k]; ok {
		return i
	}
	if len(c.img.palette) < 256 {
		i := uint8(len(c.img.palette))
		c.img.palette = append(c.img.palette, k)
		c.index[k] = i
		return i
	}
	return uint8(c.img.palette.Index(k))
}

// fill paints r in colour k: its first row, then copies of it.
func (c *canvas) fill(r image.Rectangle, k color.RGBA) {
	r = r.Intersect(c.img.bounds())
	if r.Empty() {
		return
	}
	i := c.colour(k)
	first := c.img.row(r.Min.Y)[r.Min.X:r.Max.X]
	for x := range first {
		first[x] = i
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(c.img.row(y)[r.Min.X:r.Max.X], first)
	}
}

// image draws a PNG (a logo) into its box, each pixel the nearest of the
// picture's, blended by its transparency over what is under it.
func (c *canvas) image(im page.Image) error {
	src, err := png.Decode(bytes.NewReader(im.Data))
	if err != nil {
		return fmt.Errorf("cover: image %s: %w", im.Path, err)
	}
	box := c.box(im.X, im.Y, im.X+im.W, im.Y+im.H)
	dst := box.Intersect(c.img.bounds())
	sb := src.Bounds()
	for y := dst.Min.Y; y < dst.Max.Y; y++ {
		sy := sb.Min.Y + (y-box.Min.Y)*sb.Dy()/box.Dy()
		for x := dst.Min.X; x < dst.Max.X; x++ {
			sx := sb.Min.X + (x-box.Min.X)*sb.Dx()/box.Dx()
			r, g, b, a := src.At(sx, sy).RGBA() // premultiplied, 16 bits
			under := c.img.palette[c.img.at(x, y)].(color.RGBA)
			blend := func(v uint32, u uint8) uint8 { return uint8((v + uint32(u)*257*(0xffff-a)/0xffff) >> 8) }
			c.img.row(y)[x] = c.colour(color.RGBA{blend(r, under.R), blend(g, under.G), blend(b, under.B), 255})
		}
	}
	return nil
}

func (c *canvas) close() {
	for _, f := range c.faces {
		f.Close()
	}
}

func (c *canvas) face(ff *fonts.Face, size float64) (font.Face, error) {
	k := faceKey{ff, size}
	if f, ok := c.faces[k]; ok {
		return f, nil
	}
	otf, err := opentype.Parse(ff.Data)
	if err != nil {
		return nil, fmt.Errorf("cover: %s: %w", ff.Name, err)
	}
	f, err := opentype.NewFace(otf, &opentype.FaceOptions{Size: size * c.pt, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("cover: %s: %w", ff.Name, err)
	}
	c.faces[k] = f
	return f, nil
}

// text draws a run of text from its baseline point, in its face, size and colour.
func (c *canvas) text(t page.Text) error {
	if t.Face == nil {
		return fmt.Errorf("cover: text %q has no face", t.Text)
	}
	f, err := c.face(t.Face, t.Size)
	if err != nil {
		return err
	}
	ink := rgba(t.Color)
	blend := c.blends[ink]
	if blend == nil {
		blend = &blendTable{}
		c.blends[ink] = blend
	}
	c.line(f, ink, blend, t.Text, fixed.Point26_6{X: fixed.Int26_6(math.Round(t.X * c.pt * 64)), Y: fixed.Int26_6(math.Round(t.Y * c.pt * 64))})
	return nil
}

// coverage is the number of steps a glyph's edge pixels are drawn in, between
// the background and the ink: smoother than the eye can tell at the cover's
// size, and few enough that a cover keeps to a palette.
const coverage = 32

// line draws s in face f and colour ink from the baseline point dot, as
// font.Drawer does, each pixel blending ink over what is below it by the
// glyph's coverage, rounded to coverage steps; blend keeps the colours made.
func (c *canvas) line(f font.Face, ink color.RGBA, blend *blendTable, s string, dot fixed.Point26_6) fixed.Int26_6 {
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.Kern(prev, r)
		}
		dr, mask, mp, advance, _ := f.Glyph(dot, r)
		alpha, _ := mask.(*image.Alpha) // what opentype faces give: read it directly
		cov := func(x, y int) int {
			x, y = mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y
			if alpha != nil {
				return int(alpha.AlphaAt(x, y).A)
			}
			_, _, _, a := mask.At(x, y).RGBA()
			return int(a >> 8)
		}
		in := dr.Intersect(c.img.bounds())
		for y := in.Min.Y; y < in.Max.Y; y++ {
			var row []byte // made at the row's first inked pixel
			for x := in.Min.X; x < in.Max.X; x++ {
				step := uint8((cov(x, y)*coverage + 127) / 255)
				if step == 0 {
					continue
				}
				if row == nil {
					row = c.img.row(y)
				}
				bg := row[x]
				i := blend[bg][step]
				if i == 0 {
					i = uint16(c.colour(over(ink, c.img.palette[bg], step))) + 1
					blend[bg][step] = i
				}
				row[x] = uint8(i - 1)
			}
		}
		dot.X += advance
		prev = r
	}
	return dot.X
}

// over is ink over the background bg at coverage step of coverage.
func over(ink color.RGBA, bg color.Color, step uint8) color.RGBA {
	b := color.RGBAModel.Convert(bg).(color.RGBA)
	mix := func(i, b uint8) uint8 {
		return uint8((int(i)*int(step) + int(b)*(coverage-int(step)) + coverage/2) / coverage)
	}
	return color.RGBA{mix(ink.R, b.R), mix(ink.G, b.G), mix(ink.B, b.B), 255}
}
