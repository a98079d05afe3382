// Package pdf draws a typeset document with fpdf, once, and finishes the drawing
// as the digital edition (tagged, PDF/UA-1) or the print edition (PDF/X-4).
package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// Write draws d and writes it as the digital edition to w.
func Write(ctx context.Context, w io.Writer, d *page.Document) error {
	dr, err := Draw(ctx, d)
	if err != nil {
		return err
	}
	return dr.WriteDigital(w)
}

// WritePrint draws d and writes it as the print edition to w.
func WritePrint(ctx context.Context, w io.Writer, d *page.Document) error {
	dr, err := Draw(ctx, d)
	if err != nil {
		return err
	}
	return dr.WritePrint(w)
}

// Drawn is a typeset document drawn with fpdf: the pages' content with its
// marked content, and what finishing needs to know of it. Both editions are
// finished from one drawing, so they share pagination and content byte for byte.
type Drawn struct {
	doc   *page.Document
	file  *file   // fpdf's file with folio's fonts, its streams deflated: each edition finishes a copy
	ids   [3]uuid // the UUIDs of the document and of its digital and print editions (contentIDs)
	pages []drawnPage
	seq   int // pieces of content recorded, in drawing order
	// the colours drawn, each a token in the content (colorToken) that
	// each edition replaces with its own operators: sRGB in the digital
	// edition, the condition's CMYK in the print edition
	palette []style.Color
	colorIx map[style.Color]int
	// the print edition's page content, deflated, by object, when its
	// colours differ from the digital edition's (a CMYK condition)
	printContent map[int][]byte
	shared       *Shared // nil for none
}

// drawnPage is what one page holds for the structure tree.
type drawnPage struct {
	marked []mark  // marked-content sequences, by MCID
	links  []annot // link areas, in drawing order
}

// mark is a marked-content sequence tied to a structure element.
type mark struct {
	elem *page.Elem
	seq  int
}

// annot is a link annotation to write.
type annot struct {
	link page.Link
	seq  int
}

// Draw draws d with fpdf. It reads only the typesetting result.
func Draw(ctx context.Context, d *page.Document) (*Drawn, error) {
	return DrawShared(ctx, d, nil)
}

// DrawShared is Draw for a drawing that shares with others what s holds.
func DrawShared(ctx context.Context, d *page.Document, s *Shared) (*Drawn, error) {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: d.Width, Ht: d.Height}})
	f.SetCatalogSort(true)
	f.SetCompression(false) // the pages are compressed after, one compressor for all (deflateStreams)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	setInfo(f, d.Info)

	fontList, byFace, err := drawnFonts(d)
	if err != nil {
		return nil, err
	}
	dr := &Drawn{doc: d, colorIx: map[style.Color]int{}, shared: s}
	r := &renderer{f: f, dr: dr, fonts: byFace, images: map[string]bool{}}
	for _, p := range d.Pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f.AddPage()
		r.face, r.scale, r.fill = nil, 1, false // a page starts with no font, no scaling, no colour
		dr.pages = append(dr.pages, drawnPage{})
		r.page = &dr.pages[len(dr.pages)-1]
		for _, b := range d.Outline {
			if b.Page == p.Number {
				f.Bookmark(utf16BE(b.Title), b.Level, b.Y)
			}
		}
		for _, it := range p.Items {
			if err := r.draw(it); err != nil {
				return nil, err
			}
		}
		r.close()
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("writing the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("writing the PDF: %w", err)
	}
	file, err := parseFile(buf.Bytes())
	if err != nil {
		return nil, err
	}
	parsed := slices.Clone(file.objs)
	if err := addFonts(file, fontList); err != nil {
		return nil, err
	}
	z := s.deflater() // one compressor for the drawing's streams
	defer s.done(z)
	if err := dr.colorContent(file, z); err != nil {
		return nil, err
	}
	if err := file.deflateStreams(z); err != nil {
		return nil, err
	}
	file.own(parsed)
	dr.file, dr.ids = file, contentIDs(file)
	return dr, nil
}

// utf16BE is s as the bytes of a PDF text string in UTF-16BE with its byte
// order mark, which fpdf writes as it is: fpdf converts a bookmark's title
// only while one of its own UTF-8 fonts is set, and folio sets none.
func utf16BE(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

func setInfo(f *fpdf.Fpdf, in page.Info) {
	f.SetTitle(in.Title, true)
	f.SetAuthor(in.Author, true)
	f.SetSubject(in.Subject, true)
	f.SetKeywords(in.Keywords, true)
	f.SetCreator("folio", true)
	f.SetProducer(producer, true)
	f.SetLang(in.Lang)
	date := infoDate(in).UTC() // finish marks it as UTC, as the XMP says
	f.SetCreationDate(date)
	f.SetModificationDate(date)
}

const producer = "folio (fpdf)"

// infoDate is the document's date: same input, same bytes, so it comes from the
// publication, never the clock.
func infoDate(in page.Info) time.Time {
	if in.Date.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return in.Date
}

type renderer struct {
	f      *fpdf.Fpdf
	dr     *Drawn
	page   *drawnPage
	fonts  map[*fonts.Face]*pdfFont
	images map[string]bool
	buf    []byte // a text object being written
	// the text state set on the page, so that it is written only when it
	// changes (font and size in the text objects, scaling with Tz)
	face  *fonts.Face
	size  float64
	color style.Color // of text and fill: the same, text needs no q/Q of its own
	fill  bool        // color is set
	scale float64     // horizontal scaling of the page (1 at its start)
	// the marked-content sequence open on the page
	open     bool
	openElem *page.Elem // nil: an artifact
}

// mark opens the marked-content sequence for content of element e (nil: an
// artifact), unless it is the one open: consecutive items of one element
// share one sequence.
func (r *renderer) mark(e *page.Elem) {
	if r.open && r.openElem == e {
		return
	}
	r.close()
	r.open, r.openElem = true, e
	if e == nil {
		r.f.RawWriteStr("/Artifact BMC")
		return
	}
	r.dr.seq++
	r.page.marked = append(r.page.marked, mark{elem: e, seq: r.dr.seq})
	r.f.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", e.Role, len(r.page.marked)-1))
}

// close ends the open marked-content sequence.
func (r *renderer) close() {
	if r.open {
		r.f.RawWriteStr("EMC")
		r.open = false
	}
}

// setColor makes c the colour of text and fills, when it is not already.
func (r *renderer) setColor(c style.Color) {
	if r.fill && c == r.color {
		return
	}
	r.f.RawWriteStr(r.dr.colorToken(c, false))
	r.color, r.fill = c, true
}

func (r *renderer) draw(it page.Item) error {
	f := r.f
	switch it := it.(type) {
	case page.Text:
		r.mark(it.Elem)
		r.setColor(it.Color)
		if it.Lang != "" {
			// text in another language than the document's: a marked-content
			// span that says which (ISO 32000-1, 14.9.2.2)
			f.RawWriteStr(fmt.Sprintf("/Span <</Lang %s>> BDC", pdfString(it.Lang)))
		}
		scale := 1.0
		if it.Scale != 0 {
			// letters widened or narrowed (horizontal scaling, a text state
			// parameter that holds until set again)
			scale = it.Scale
		}
		if scale != r.scale {
			f.RawWriteStr(fmt.Sprintf("%.2f Tz", scale*100))
			r.scale = scale
		}
		r.text(it)
		if it.Lang != "" {
			f.RawWriteStr("EMC")
		}
	case page.Rect:
		r.mark(nil)
		r.setColor(it.Fill)
		f.Rect(it.X, it.Y, it.W, it.H, "F")
	case page.Line:
		r.mark(nil)
		f.RawWriteStr(r.dr.colorToken(it.Color, true))
		f.SetLineWidth(it.Width)
		if it.Dots > 0 {
			// round dots: zero-length dashes with round caps
			f.SetLineCapStyle("round")
			f.SetDashPattern([]float64{0, it.Dots}, 0)
		}
		f.Line(it.X1, it.Y1, it.X2, it.Y2)
		if it.Dots > 0 {
			f.SetDashPattern(nil, 0)
			f.SetLineCapStyle("butt")
		}
	case page.Image:
		if !r.images[it.Path] {
			if it.Data == nil {
				return fmt.Errorf("image %s could not be read", it.Path)
			}
			f.RegisterImageOptionsReader(it.Path, fpdf.ImageOptions{ImageType: it.Format}, bytes.NewReader(it.Data))
			r.images[it.Path] = true
		}
		r.mark(it.Elem)
		f.ImageOptions(it.Path, it.X, it.Y, it.W, it.H, false, fpdf.ImageOptions{}, 0, "")
	case page.Link:
		// an annotation, written when the file is finished; no content
		if it.URL == "" && it.Anchor == "" {
			return nil
		}
		r.dr.seq++
		r.page.links = append(r.page.links, annot{link: it, seq: r.dr.seq})
	default:
		return fmt.Errorf("pdf: no drawing for %T", it)
	}
	return f.Error()
}

// text writes a text object that shows it, in its face's codes, kerned; the
// font is set in it only when it changes (it holds until the page ends).
func (r *renderer) text(it page.Text) {
	if it.Text == "" {
		return
	}
	pf := r.fonts[it.Face]
	b := append(r.buf[:0], "BT "...)
	if it.Face != r.face || it.Size != r.size {
		b = append(b, '/')
		b = append(b, pf.res...)
		b = append(b, ' ')
		b = append(b, num(it.Size)...)
		b = append(b, " Tf "...)
		r.face, r.size = it.Face, it.Size
	}
	b = append(b, num(it.X)...)
	b = append(b, ' ')
	b = append(b, num(r.dr.doc.Height-it.Y)...)
	b = append(b, " Td "...)
	b = pf.show(b, it.Text)
	b = append(b, " ET"...)
	r.f.RawWriteBuf(bytes.NewReader(b))
	r.buf = b
}
