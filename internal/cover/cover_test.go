package cover

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

func edition(t testing.TB) (*resolve.Edition, *fonts.Set) {
	t.Helper()
	l, err := style.LoadLayout("../../layouts", "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	w, err := style.LoadWords("../../layouts", "en")
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Load("../../fonts")
	if err != nil {
		t.Fatal(err)
	}
	pub := &doc.Publication{Publisher: "Example Centre", Series: "SSR Backgrounder", Date: "2019-05-01"}
	ed := &doc.Edition{Pub: pub, Lang: "en", Title: "Civil Society", Subtitle: "Roles and responsibilities in good security sector governance"}
	return resolve.Resolve(ed, l, w), set
}

// TestDraw: the cover is the page's shape, the band in the layout's colour
// with the series in the cover text colour, the title in the accent colour
// below it, and the rest white.
func TestDraw(t *testing.T) {
	ed, set := edition(t)
	img, err := Draw(ed, set)
	if err != nil {
		t.Fatal(err)
	}
	l := ed.Layout
	b := img.Bounds()
	if b.Dx() != Width || b.Dy() != int(float64(Width)*l.Page.Height/l.Page.Width+0.5) {
		t.Fatalf("size %v", b)
	}
	mm := float64(Width) / l.Page.Width
	band := int(l.Cover.BandHeight * mm)
	rgb := func(c style.Color) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }
	count := func(y0, y1 int, c color.RGBA) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := 0; x < b.Dx(); x++ {
				if img.RGBAAt(x, y) == c {
					n++
				}
			}
		}
		return n
	}
	tests := []struct {
		name   string
		y0, y1 int
		c      color.RGBA
		min    int
	}{
		{"band", 0, band, rgb(l.Colors.CoverBand), b.Dx() * band * 8 / 10},
		{"series in the band", 0, band, rgb(l.Colors.CoverText), 200},
		{"title below the band", band, band + int(40*mm), rgb(l.Colors.Accent), 2000},
		{"white page", band, b.Dy(), color.RGBA{255, 255, 255, 255}, b.Dx() * (b.Dy() - band) * 8 / 10},
		{"publisher at the foot", b.Dy() - int(50*mm), b.Dy(), rgb(l.Colors.Muted), 100},
	}
	for _, tc := range tests {
		if n := count(tc.y0, tc.y1, tc.c); n < tc.min {
			t.Errorf("%s: %d pixels of %v, want at least %d", tc.name, n, tc.c, tc.min)
		}
	}
}

func TestPNGDeterministic(t *testing.T) {
	ed, set := edition(t)
	a, err := PNG(ed, set)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PNG(ed, set)
	if !bytes.Equal(a, b) {
		t.Error("two drawings differ")
	}
	if _, err := png.Decode(bytes.NewReader(a)); err != nil {
		t.Error(err)
	}
}

func BenchmarkPNG(b *testing.B) {
	ed, set := edition(b)
	for b.Loop() {
		if _, err := PNG(ed, set); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPNGSamePixels: the cover is encoded with a palette, and the PNG holds
// exactly the pixels drawn.
func TestPNGSamePixels(t *testing.T) {
	ed, set := edition(t)
	img, err := Draw(ed, set)
	if err != nil {
		t.Fatal(err)
	}
	data, err := PNG(ed, set)
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.(*image.Paletted); !ok {
		t.Errorf("the cover is encoded as %T, not with a palette", got)
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if w, g := img.RGBAAt(x, y), color.RGBAModel.Convert(got.At(x, y)); w != g {
				t.Fatalf("pixel (%d, %d) is %v in the PNG, %v drawn", x, y, g, w)
			}
		}
	}
}

// TestPalettedTooManyColours: an image with more than 256 colours keeps them all.
func TestPalettedTooManyColours(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 300, 2))
	for x := range 300 {
		img.SetRGBA(x, 0, color.RGBA{uint8(x), uint8(x / 256), 0, 255})
		img.SetRGBA(x, 1, color.RGBA{uint8(x), uint8(x / 256), 0, 255})
	}
	if _, ok := paletted(img); ok {
		t.Error("300 colours fit a palette")
	}
	small := img.SubImage(image.Rect(10, 0, 20, 2)).(*image.RGBA)
	p, ok := paletted(small)
	if !ok || len(p.Palette) != 10 || p.Bounds() != small.Bounds() {
		t.Fatalf("10 colours: %v, %d colours, bounds %v", ok, len(p.Palette), p.Bounds())
	}
	for x := 10; x < 20; x++ {
		if p.At(x, 1) != small.At(x, 1) {
			t.Errorf("x=%d: %v, want %v", x, p.At(x, 1), small.At(x, 1))
		}
	}
}
