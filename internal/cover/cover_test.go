package cover

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"

	xdraw "golang.org/x/image/draw"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/lend"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/typeset"
)

// cover typesets ed and returns its document and cover page, which the
// EPUB draws.
func cover(t testing.TB, ed *resolve.Edition, set *fonts.Set) (*page.Document, *page.Page) {
	t.Helper()
	var diags diag.List
	d, err := typeset.Typeset(context.Background(), ed, typeset.Options{Fonts: set}, &diags)
	if err != nil || d == nil || diags.HasErrors() {
		t.Fatalf("typeset: %v %s", err, diags.Error())
	}
	return d, d.Pages[0]
}

func edition(t testing.TB) (*resolve.Edition, *fonts.Set) {
	t.Helper()
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	w, err := style.LoadWords(overlay.Folder("../../layouts"), "en")
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	pub := &doc.Publication{Publisher: "Example Centre", Series: "SSR Backgrounder", Date: "2019-05-01"}
	sec := &doc.Section{Number: 1, File: "s.md", Title: "T", ID: "t", Blocks: []doc.Block{
		&doc.Heading{Level: 1, ID: "t", Content: []doc.Inline{&doc.Text{Text: "T"}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Text."}}}}}
	ed := &doc.Edition{Pub: pub, Lang: "en", Title: "Civil Society", Subtitle: "Roles and responsibilities in good security sector governance",
		Identifier: "urn:x", Sections: []*doc.Section{sec}}
	return resolve.Resolve(ed, l, w), set
}

// TestDraw: the cover is the page's shape, the band in the layout's colour
// with the series in the cover text colour, the title in the accent colour
// below it, and the rest white.
func TestDraw(t *testing.T) {
	t.Parallel()
	ed, set := edition(t)
	img, err := Draw(cover(t, ed, set))
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
				if img.At(x, y) == c {
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
	t.Parallel()
	ed, set := edition(t)
	d, p := cover(t, ed, set)
	a, err := PNG(d, p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PNG(d, p)
	if !bytes.Equal(a, b) {
		t.Error("two drawings differ")
	}
	if _, err := png.Decode(bytes.NewReader(a)); err != nil {
		t.Error(err)
	}
}

func BenchmarkPNG(b *testing.B) {
	ed, set := edition(b)
	d, p := cover(b, ed, set)
	for b.Loop() {
		if _, err := PNG(d, p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPNGSamePixels: the PNG holds exactly the pixels drawn, with their palette.
func TestPNGSamePixels(t *testing.T) {
	t.Parallel()
	ed, set := edition(t)
	img, err := Draw(cover(t, ed, set))
	if err != nil {
		t.Fatal(err)
	}
	data, err := PNG(cover(t, ed, set))
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := got.(*image.Paletted)
	if !ok {
		t.Fatalf("the cover is encoded as %T, not with a palette", got)
	}
	if !bytes.Equal(p.Pix, img.Pix) || len(p.Palette) != len(img.Palette) {
		t.Fatal("the PNG's pixels are not those drawn")
	}
	for i := range p.Palette {
		if color.RGBAModel.Convert(p.Palette[i]) != color.RGBAModel.Convert(img.Palette[i]) {
			t.Errorf("colour %d: %v in the PNG, %v drawn", i, p.Palette[i], img.Palette[i])
		}
	}
}

// TestGlyphEdges: every colour of the cover is a flat colour of the layout
// or the ink of a text style over one of them at a coverage step; the title's
// edges use most steps.
func TestGlyphEdges(t *testing.T) {
	t.Parallel()
	ed, set := edition(t)
	img, err := Draw(cover(t, ed, set))
	if err != nil {
		t.Fatal(err)
	}
	l := ed.Layout
	flat := []color.RGBA{{255, 255, 255, 255}, rgba(l.Colors.CoverBand), rgba(l.Colors.Accent)}
	var inks []color.RGBA
	for _, ts := range []*style.TextStyle{&l.Text.CoverSeries, &l.Text.CoverTitle, &l.Text.CoverSubtitle, &l.Text.CoverFooter} {
		inks = append(inks, rgba(l.Resolve(ts.Color)))
	}
	made := map[color.RGBA]bool{}
	for _, c := range append(flat, inks...) {
		made[c] = true
	}
	title := map[color.RGBA]bool{}
	for _, ink := range inks {
		for _, bg := range flat {
			for step := uint8(1); step < coverage; step++ {
				made[over(ink, bg, step)] = true
				if ink == inks[1] && bg == flat[0] {
					title[over(ink, bg, step)] = true
				}
			}
		}
	}
	edges := 0
	for _, c := range img.Palette {
		c := c.(color.RGBA)
		if !made[c] {
			t.Errorf("colour %v is neither flat nor an ink over a flat colour", c)
		}
		if title[c] {
			edges++
		}
	}
	if edges < coverage/2 {
		t.Errorf("the title's edges on white use %d coverage steps, want most of %d", edges, coverage-1)
	}
}

// TestPaletteFull: when the palette is full, a colour is drawn as the nearest one in it.
func TestPaletteFull(t *testing.T) {
	t.Parallel()
	c := &canvas{img: newSheet(4, 4, nil), index: map[color.RGBA]uint8{}}
	for i := range 256 {
		c.colour(color.RGBA{uint8(i), 0, 0, 255})
	}
	if i := c.colour(color.RGBA{200, 1, 0, 255}); i != 200 || len(c.img.palette) != 256 {
		t.Errorf("a 257th colour is drawn as %d (palette of %d), want the nearest, 200", i, len(c.img.palette))
	}
}

// TestOrdinalRaised: the date's ordinal ending (French 1er) is set smaller
// and raised, as in the PDF: the date line is narrower than with the ending
// set as plain text.
func TestOrdinalRaised(t *testing.T) {
	t.Parallel()
	ed, set := edition(t)
	ed.DateText = "1er mai 2019"
	right := func(date []doc.Inline) int {
		t.Helper()
		ed.DateInlines = date
		img, err := Draw(cover(t, ed, set))
		if err != nil {
			t.Fatal(err)
		}
		// the date is the foot's last line
		l := ed.Layout
		mm := float64(Width) / l.Page.Width
		lead := l.Text.CoverFooter.Leading * mm / style.MM
		bottom := (l.Page.Height - l.Page.Margin.Bottom) * mm
		last := -1
		white := img.Palette.Index(color.White)
		for y := int(bottom - lead); y < int(bottom); y++ {
			for x := 0; x < img.Rect.Dx(); x++ {
				if int(img.ColorIndexAt(x, y)) != white && x > last {
					last = x
				}
			}
		}
		return last
	}
	plain := right([]doc.Inline{&doc.Text{Text: "1er mai 2019"}})
	raised := right([]doc.Inline{&doc.Text{Text: "1"}, &doc.Super{Text: "er"}, &doc.Text{Text: " mai 2019"}})
	if plain < 0 || raised < 0 || raised >= plain {
		t.Errorf("the date ends at x=%d with a raised ordinal, %d without: want it narrower", raised, plain)
	}
}

// TestMemo: a cover drawn again with nothing changed comes from the memo
// (the same bytes, not drawn again: the same slice), one typeset again
// with another title is drawn anew, as PNG draws it (over the pixels the
// memo keeps, of a page as tall, taller or shorter), and a nil Memo draws.
func TestMemo(t *testing.T) {
	t.Parallel()
	ed, set := edition(t)
	d, p := cover(t, ed, set)
	m := NewMemo()
	first, err := m.PNG(d, p)
	if err != nil {
		t.Fatal(err)
	}
	d2, p2 := cover(t, ed, set) // typeset again: other structure elements, the same page
	again, _ := m.PNG(d2, p2)
	if &again[0] != &first[0] {
		t.Error("the same cover was drawn again")
	}
	ed.Title = "Another title"
	d3, p3 := cover(t, ed, set)
	changed, _ := m.PNG(d3, p3)
	want, _ := PNG(d3, p3)
	if bytes.Equal(changed, first) || !bytes.Equal(changed, want) {
		t.Error("a changed title did not reach the cover, or not as PNG draws it")
	}
	// drawn over an earlier cover's pixels, whatever the sizes: a taller
	// page, then a shorter one
	for _, scale := range []float64{1.2, 0.8} {
		dd := *d3
		dd.Height *= scale
		got, _ := m.PNG(&dd, p3)
		if want, _ := PNG(&dd, p3); !bytes.Equal(got, want) {
			t.Errorf("a page %g times as tall: not as PNG draws it", scale)
		}
	}
	var none *Memo
	if got, err := none.PNG(d, p); err != nil || !bytes.Equal(got, first) {
		t.Errorf("a nil memo: %v, same bytes %v", err, bytes.Equal(got, first))
	}
}

// TestTitleAtThumbnailSize: drawn 200 pixels wide, as a shelf of e-books
// shows covers, the cover's title has capitals 10 pixels tall at least and
// small letters 7, in a colour that reads on the page at 4.5:1. Measured on
// the pixels: the ink of a title in capitals, then of one in small letters
// with no ascender or descender, each of one line.
func TestTitleAtThumbnailSize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		title string
		min   int
	}{{"CIVIL SOCIETY", 10}, {"oven wax", 7}} {
		ed, set := edition(t)
		ed.Title, ed.Subtitle = tc.title, ""
		img, err := Draw(cover(t, ed, set))
		if err != nil {
			t.Fatal(err)
		}
		h := img.Bounds().Dy() * 200 / img.Bounds().Dx()
		small := image.NewRGBA(image.Rect(0, 0, 200, h))
		xdraw.ApproxBiLinear.Scale(small, small.Bounds(), img, img.Bounds(), xdraw.Src, nil)
		l := ed.Layout
		band := int(l.Cover.BandHeight*200/l.Page.Width) + 2
		// the rows below the band where some pixel is half inked or more
		first, last := -1, -1
		for y := band; y < h; y++ {
			inked := false
			for x := 0; x < 200; x++ {
				r, g, b, _ := small.At(x, y).RGBA()
				if (r+g+b)/3 < 0xffff/2+0x2000 {
					inked = true
				}
			}
			if inked && first < 0 {
				first = y
			}
			if !inked && first >= 0 {
				last = y
				break
			}
		}
		t.Logf("%q: %d pixels tall at 200 pixels wide", tc.title, last-first)
		if got := last - first; first < 0 || got < tc.min {
			t.Errorf("%q: %d pixels tall at 200 pixels wide, want %d", tc.title, got, tc.min)
		}
	}
	ed, _ := edition(t)
	if c := style.Contrast(ed.Layout.Resolve(ed.Layout.Text.CoverTitle.Color), style.Color{R: 255, G: 255, B: 255}); c < 4.5 {
		t.Errorf("the title's colour reads at %.2f on white", c)
	}
}

// BenchmarkEncode: the sample's cover encoded (its pixels drawn once), by
// image/png at its fastest and by pngEncoder, each keeping its buffers.
func BenchmarkEncode(b *testing.B) {
	ed, set := edition(b)
	img, err := Draw(cover(b, ed, set))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("image-png", func(b *testing.B) {
		enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &lend.List[*png.EncoderBuffer]{}}
		for b.Loop() {
			if err := enc.Encode(io.Discard, img); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rows", func(b *testing.B) {
		var enc pngEncoder
		for b.Loop() {
			if _, err := enc.encode(sheetOf(img)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestEncodeRows: pngEncoder's PNG holds the pixels it was given, whatever
// the runs of repeated rows and of one colour in them (at the image's end,
// a row's end, one byte past the longest copy), and the sample's cover,
// with either title, is no larger than image/png makes it.
func TestEncodeRows(t *testing.T) {
	t.Parallel()
	palette := color.Palette{}
	for i := range 20 {
		palette = append(palette, color.RGBA{uint8(i * 12), 255 - uint8(i*12), 40, 255})
	}
	for _, tc := range []struct {
		name string
		w, h int
		pix  func(x, y int) uint8
	}{
		{"white", 300, 40, func(x, y int) uint8 { return 0 }},
		{"band then white", 1600, 30, func(x, y int) uint8 { return uint8(min(1, 10/(y+1))) }},
		{"rule at a row's end", 259, 20, func(x, y int) uint8 { return uint8(x / 257 * 3) }},
		{"two bytes at a row's end", 263, 9, func(x, y int) uint8 { return uint8(x/261) + 5 }},
		{"repeats at the end", 700, 50, func(x, y int) uint8 { return uint8(min(y, 10)*x%19) + 1 }},
		{"stripes", 520, 64, func(x, y int) uint8 { return uint8((x/3 + y/8) % 20) }},
		{"no repeats", 100, 30, func(x, y int) uint8 { return uint8((x*y + y) % 20) }},
	} {
		img := image.NewPaletted(image.Rect(0, 0, tc.w, tc.h), palette)
		for y := range tc.h {
			for x := range tc.w {
				img.SetColorIndex(x, y, tc.pix(x, y))
			}
		}
		var enc pngEncoder
		data, err := enc.encode(sheetOf(img))
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if p, ok := got.(*image.Paletted); !ok || !bytes.Equal(p.Pix, img.Pix) {
			t.Errorf("%s: not the pixels encoded", tc.name)
		}
	}
	for _, title := range []string{"", "Another, longer title for a cover of two lines or three"} {
		ed, set := edition(t)
		if title != "" {
			ed.Title = title
		}
		img, err := Draw(cover(t, ed, set))
		if err != nil {
			t.Fatal(err)
		}
		var std bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&std, img); err != nil {
			t.Fatal(err)
		}
		var enc pngEncoder
		data, _ := enc.encode(sheetOf(img))
		if len(data) > std.Len() {
			t.Errorf("title %q: %d bytes, %d from image/png", title, len(data), std.Len())
		}
	}
}
