// Package cover draws an edition's cover as a PNG image from its layout: the
// design of the PDF's cover page (series band, title, subtitle, publisher).
package cover

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width is the width of the cover image in pixels; its height follows the page's proportions.
const Width = 1600

// PNG draws the cover of ed with the faces of set and encodes it as PNG. A
// cover has few colours (flat areas, and text whose edges have coverage levels,
// see coverage), so it is encoded with a palette when it has at most 256: the
// same pixels, a quarter of the bytes to compress and no filtering to choose.
func PNG(ed *resolve.Edition, set *fonts.Set) ([]byte, error) {
	img, err := Draw(ed, set)
	if err != nil {
		return nil, err
	}
	var out image.Image = img
	if p, ok := paletted(img); ok {
		out = p
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, out); err != nil {
		return nil, fmt.Errorf("cover: %w", err)
	}
	return buf.Bytes(), nil
}

// Draw draws the cover of ed: the page at trim size, scaled to Width pixels.
func Draw(ed *resolve.Edition, set *fonts.Set) (*image.RGBA, error) {
	l := ed.Layout
	if l == nil || l.Page.Width <= 0 || l.Page.Height <= 0 {
		return nil, fmt.Errorf("cover: the layout has no page size")
	}
	mm := float64(Width) / l.Page.Width // pixels per millimetre
	pt := mm / style.MM                 // pixels per point
	h := int(l.Page.Height*mm + 0.5)
	img := image.NewRGBA(image.Rect(0, 0, Width, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	band := int(l.Cover.BandHeight*mm + 0.5)
	draw.Draw(img, image.Rect(0, 0, Width, band), image.NewUniform(rgba(l.Colors.CoverBand)), image.Point{}, draw.Src)

	c := &canvas{img: img, set: set, l: l, pt: pt, faces: map[faceKey]font.Face{}}
	defer c.close()
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
	draw.Draw(img, image.Rect(int(x), rule-int(1.5*pt), int(x+30*mm), rule+int(1.5*pt+0.5)), image.NewUniform(rgba(l.Colors.Accent)), image.Point{}, draw.Src)
	// the publisher and the date at the foot
	var foot []string
	if s := strings.TrimSpace(ed.Publisher); s != "" {
		foot = append(foot, s)
	}
	if ed.DateText != "" {
		foot = append(foot, ed.DateText)
	}
	fy := (l.Page.Height-l.Page.Margin.Bottom)*mm - float64(len(foot))*l.Text.CoverFooter.Leading*pt
	for _, s := range foot {
		if fy, err = c.text(s, &l.Text.CoverFooter, x, fy, w); err != nil {
			return nil, err
		}
	}
	return img, nil
}

// paletted returns img as a paletted image with the same pixels, the palette
// in the order the colours first appear, or false when img has more than 256
// colours.
func paletted(img *image.RGBA) (*image.Paletted, bool) {
	b := img.Bounds()
	p := image.NewPaletted(b, nil)
	index := map[uint32]uint8{}
	last, at := uint32(0), -1 // the previous pixel's colour and index, for runs
	var prev []byte           // the previous row, for rows that repeat it
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):][:4*b.Dx()]
		dst := p.Pix[p.PixOffset(b.Min.X, y):][:b.Dx()]
		if bytes.Equal(row, prev) {
			copy(dst, p.Pix[p.PixOffset(b.Min.X, y-1):])
			continue
		}
		prev = row
		for x := range dst {
			c := binary.LittleEndian.Uint32(row[4*x:])
			if at < 0 || c != last {
				i, ok := index[c]
				if !ok {
					if len(p.Palette) == 256 {
						return nil, false
					}
					i = uint8(len(p.Palette))
					index[c] = i
					p.Palette = append(p.Palette, color.RGBA{row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]})
				}
				last, at = c, int(i)
			}
			dst[x] = uint8(at)
		}
	}
	return p, true
}

func rgba(c style.Color) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }

type faceKey struct {
	ts *style.TextStyle
}

// canvas draws text in the layout's styles.
type canvas struct {
	img   *image.RGBA
	set   *fonts.Set
	l     *style.Layout
	pt    float64 // pixels per point
	faces map[faceKey]font.Face
}

func (c *canvas) close() {
	for _, f := range c.faces {
		f.Close()
	}
}

func (c *canvas) face(ts *style.TextStyle) (font.Face, error) {
	k := faceKey{ts}
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
	f, err := opentype.NewFace(otf, &opentype.FaceOptions{Size: ts.Size * c.pt, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("cover: %s: %w", ff.Name, err)
	}
	c.faces[k] = f
	return f, nil
}

// text sets s in style ts, broken into lines of width w, the first line's top
// at y; it returns the y below the last line.
func (c *canvas) text(s string, ts *style.TextStyle, x, y, w float64) (float64, error) {
	f, err := c.face(ts)
	if err != nil {
		return 0, err
	}
	if ts.Uppercase {
		s = strings.ToUpper(s)
	}
	leading := ts.Leading * c.pt
	m := f.Metrics()
	asc, desc := float64(m.Ascent)/64, float64(m.Descent)/64
	d := &font.Drawer{Face: f}
	src := image.NewUniform(rgba(c.l.Resolve(ts.Color)))
	for _, line := range lines(d, s, w) {
		baseline := y + (leading-(asc+desc))/2 + asc
		c.line(f, src, line, fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(baseline * 64)})
		y += leading
	}
	return y, nil
}

// coverage is the number of steps a glyph's edge pixels are drawn in, between
// the background and the text's colour: smoother than the eye can tell at the
// cover's size, and few enough that a cover keeps to a palette.
const coverage = 32

// line draws s in face f and colour src from the baseline point dot, as
// font.Drawer does, with each glyph's coverage rounded to coverage steps.
func (c *canvas) line(f font.Face, src image.Image, s string, dot fixed.Point26_6) {
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.Kern(prev, r)
		}
		dr, mask, mp, advance, _ := f.Glyph(dot, r)
		if !dr.Empty() {
			q := image.NewAlpha(dr)
			for y := dr.Min.Y; y < dr.Max.Y; y++ {
				for x := dr.Min.X; x < dr.Max.X; x++ {
					a := color.AlphaModel.Convert(mask.At(mp.X+x-dr.Min.X, mp.Y+y-dr.Min.Y)).(color.Alpha).A
					q.Pix[q.PixOffset(x, y)] = uint8((int(a)*coverage + 127) / 255 * 255 / coverage)
				}
			}
			draw.DrawMask(c.img, dr, src, image.Point{}, q, dr.Min, draw.Over)
		}
		dot.X += advance
		prev = r
	}
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
