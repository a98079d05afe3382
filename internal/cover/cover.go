// Package cover draws an edition's cover as a PNG image from its layout: the
// design of the PDF's cover page (series band, title, subtitle, publisher).
package cover

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width is the width of the cover image in pixels; its height follows the page's proportions.
const Width = 1600

// PNG draws the cover of ed with the faces of set and encodes it as PNG.
func PNG(ed *resolve.Edition, set *fonts.Set) ([]byte, error) {
	img, err := Draw(ed, set)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	return buf.Bytes(), nil
}

// Draw draws the cover of ed: the page at trim size, scaled to Width pixels.
// A cover has few colours (flat areas, and text whose edges blend into them
// in coverage steps), so it is drawn with a palette: a quarter of the memory
// of full colour, and a PNG with no filtering to choose.
func Draw(ed *resolve.Edition, set *fonts.Set) (*image.Paletted, error) {
	l := ed.Layout
	if l == nil || l.Page.Width <= 0 || l.Page.Height <= 0 {
		return nil, fmt.Errorf("cover: the layout has no page size")
	}
	mm := float64(Width) / l.Page.Width // pixels per millimetre
	pt := mm / style.MM                 // pixels per point
	h := int(l.Page.Height*mm + 0.5)
	c := &canvas{img: image.NewPaletted(image.Rect(0, 0, Width, h), nil), index: map[color.RGBA]uint8{},
		set: set, l: l, pt: pt, faces: map[faceKey]font.Face{}}
	defer c.close()
	// The page is white: the palette's first colour, index 0, which every
	// pixel of a new image already is. Painting it costs more than the rest
	// of the drawing (the whole image's memory touched once more).
	c.colour(color.RGBA{255, 255, 255, 255})
	band := int(l.Cover.BandHeight*mm + 0.5)
	c.fill(image.Rect(0, 0, Width, band), rgba(l.Colors.CoverBand))

	x := l.Page.Margin.Inner * mm
	w := (l.Page.Width - l.Page.Margin.Inner - l.Page.Margin.Outer) * mm
	if s := strings.TrimSpace(ed.Series); s != "" {
		ts := &l.Text.CoverSeries
		if _, err := c.text(s, ts, x, float64(band)-l.Page.Margin.Inner*mm*0.8-ts.Leading*pt, w); err != nil {
			return nil, err
		}
	}
	y, err := c.text(strings.TrimSpace(ed.Title), &l.Text.CoverTitle, x, float64(band)+18*mm, w)
	if err != nil {
		return nil, err
	}
	if s := strings.TrimSpace(ed.Subtitle); s != "" {
		if y, err = c.text(s, &l.Text.CoverSubtitle, x, y+4*mm, w*0.85); err != nil {
			return nil, err
		}
	}
	rule := int(y + 8*mm)
	c.fill(image.Rect(int(x), rule-int(1.5*pt), int(x+30*mm), rule+int(1.5*pt+0.5)), rgba(l.Colors.Accent))
	// the publisher and the date (its ordinal ending raised: 1er) at the foot
	ts := &l.Text.CoverFooter
	lines := 0
	publisher := strings.TrimSpace(ed.Publisher)
	if publisher != "" {
		lines++
	}
	if ed.DateText != "" {
		lines++
	}
	fy := (l.Page.Height-l.Page.Margin.Bottom)*mm - float64(lines)*ts.Leading*pt
	if publisher != "" {
		if fy, err = c.text(publisher, ts, x, fy, w); err != nil {
			return nil, err
		}
	}
	if ed.DateText != "" {
		if err := c.runs(ed.DateInlines, ts, x, fy); err != nil {
			return nil, err
		}
	}
	return c.img, nil
}

func rgba(c style.Color) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }

type faceKey struct {
	ts    *style.TextStyle
	scale float64 // of the style's size: 1, or superscript's
}

// superscript is the size of a superscript against its text, and how far
// it is raised, in its text's size: as the PDF sets it.
const superSize, superRise = 0.65, 0.35

// canvas draws areas and text in the layout's styles on a paletted image.
type canvas struct {
	img   *image.Paletted
	index map[color.RGBA]uint8 // the palette's colours
	set   *fonts.Set
	l     *style.Layout
	pt    float64 // pixels per point
	faces map[faceKey]font.Face
}

// colour returns the palette index of k, adding it to the palette; when the
// palette is full, the index of the nearest colour in it.
func (c *canvas) colour(k color.RGBA) uint8 {
	if i, ok := c.index[k]; ok {
		return i
	}
	if len(c.img.Palette) < 256 {
		i := uint8(len(c.img.Palette))
		c.img.Palette = append(c.img.Palette, k)
		c.index[k] = i
		return i
	}
	return uint8(c.img.Palette.Index(k))
}

// fill paints r in colour k: its first row, then copies of it.
func (c *canvas) fill(r image.Rectangle, k color.RGBA) {
	r = r.Intersect(c.img.Rect)
	if r.Empty() {
		return
	}
	i := c.colour(k)
	first := c.img.Pix[c.img.PixOffset(r.Min.X, r.Min.Y):][:r.Dx()]
	for x := range first {
		first[x] = i
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(c.img.Pix[c.img.PixOffset(r.Min.X, y):][:r.Dx()], first)
	}
}

func (c *canvas) close() {
	for _, f := range c.faces {
		f.Close()
	}
}

func (c *canvas) face(ts *style.TextStyle, scale float64) (font.Face, error) {
	k := faceKey{ts, scale}
	if f, ok := c.faces[k]; ok {
		return f, nil
	}
	ff, err := c.set.Face(ts.Font.Name, ts.Style)
	if err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	otf, err := opentype.Parse(ff.Data)
	if err != nil {
		return nil, fmt.Errorf("cover: %s: %w", ff.Name, err)
	}
	f, err := opentype.NewFace(otf, &opentype.FaceOptions{Size: ts.Size * scale * c.pt, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("cover: %s: %w", ff.Name, err)
	}
	c.faces[k] = f
	return f, nil
}

// text sets s in style ts, broken into lines of width w, the first line's top
// at y; it returns the y below the last line.
func (c *canvas) text(s string, ts *style.TextStyle, x, y, w float64) (float64, error) {
	f, err := c.face(ts, 1)
	if err != nil {
		return 0, err
	}
	if ts.Uppercase {
		s = strings.ToUpper(s)
	}
	for _, line := range lines(&font.Drawer{Face: f}, s, w) {
		if err := c.runs([]doc.Inline{&doc.Text{Text: line}}, ts, x, y); err != nil {
			return 0, err
		}
		y += ts.Leading * c.pt
	}
	return y, nil
}

// coverage is the number of steps a glyph's edge pixels are drawn in, between
// the background and the ink: smoother than the eye can tell at the cover's
// size, and few enough that a cover keeps to a palette.
const coverage = 32

// line draws s in face f and colour ink from the baseline point dot, as
// font.Drawer does, each pixel blending ink over what is below it by the
// glyph's coverage, rounded to coverage steps; blend keeps the colours made.
func (c *canvas) line(f font.Face, ink color.RGBA, blend map[[2]uint8]uint8, s string, dot fixed.Point26_6) fixed.Int26_6 {
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
		in := dr.Intersect(c.img.Rect)
		for y := in.Min.Y; y < in.Max.Y; y++ {
			for x := in.Min.X; x < in.Max.X; x++ {
				step := uint8((cov(x, y)*coverage + 127) / 255)
				if step == 0 {
					continue
				}
				at := c.img.PixOffset(x, y)
				key := [2]uint8{c.img.Pix[at], step}
				i, ok := blend[key]
				if !ok {
					i = c.colour(over(ink, c.img.Palette[key[0]], step))
					blend[key] = i
				}
				c.img.Pix[at] = i
			}
		}
		dot.X += advance
		prev = r
	}
	return dot.X
}

// runs sets a line of running text in style ts, its top at y, with its
// superscripts (an ordinal's ending) smaller and raised.
func (c *canvas) runs(in []doc.Inline, ts *style.TextStyle, x, y float64) error {
	f, err := c.face(ts, 1)
	if err != nil {
		return err
	}
	sup, err := c.face(ts, superSize)
	if err != nil {
		return err
	}
	m := f.Metrics()
	asc, desc := float64(m.Ascent)/64, float64(m.Descent)/64
	baseline := y + (ts.Leading*c.pt-(asc+desc))/2 + asc
	ink := rgba(c.l.Resolve(ts.Color))
	blend := map[[2]uint8]uint8{}
	dot := fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(baseline * 64)}
	plain := func(n doc.Inline) {
		s := doc.PlainText([]doc.Inline{n})
		if ts.Uppercase {
			s = strings.ToUpper(s)
		}
		dot.X = c.line(f, ink, blend, s, dot)
	}
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Super:
			raised := dot
			raised.Y -= fixed.Int26_6(ts.Size * superRise * c.pt * 64)
			dot.X = c.line(sup, ink, blend, n.Text, raised)
		case *doc.Text, *doc.Emph, *doc.Strong, *doc.Code, *doc.Link, *doc.NoteRef, *doc.LineBreak, *doc.InlineImage:
			plain(n)
		default: // a kind not named above (make lint names it): its plain text
			plain(n)
		}
	}
	return nil
}

// over is ink over the background bg at coverage step of coverage.
func over(ink color.RGBA, bg color.Color, step uint8) color.RGBA {
	b := color.RGBAModel.Convert(bg).(color.RGBA)
	mix := func(i, b uint8) uint8 {
		return uint8((int(i)*int(step) + int(b)*(coverage-int(step)) + coverage/2) / coverage)
	}
	return color.RGBA{mix(ink.R, b.R), mix(ink.G, b.G), mix(ink.B, b.B), 255}
}

// lines breaks s into lines no wider than w, first fit.
func lines(d *font.Drawer, s string, w float64) []string {
	var out []string
	cur := ""
	for _, word := range strings.Fields(s) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if cur != "" && float64(d.MeasureString(try))/64 > w {
			out = append(out, cur)
			cur = word
			continue
		}
		cur = try
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
