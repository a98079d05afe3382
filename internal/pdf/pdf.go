// Package pdf draws a typeset document into a PDF with fpdf: embedded subset
// fonts, links, bookmarks nested by heading level, and the document's metadata.
// It reads only the typesetting result.
package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/typeset"
)

// Write draws d, a typeset document, as a PDF to w.
func Write(ctx context.Context, w io.Writer, d *typeset.Document) error {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: d.Width, Ht: d.Height}})
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	setInfo(f, d.Info)

	r := &renderer{f: f, fonts: map[*fonts.Face]string{}, images: map[string]bool{}, links: map[string]int{}}
	for _, p := range d.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		f.AddPage()
		for _, b := range d.Outline {
			if b.Page == p.Number {
				f.Bookmark(b.Title, b.Level, b.Y)
			}
		}
		for _, it := range p.Items {
			if err := r.draw(it); err != nil {
				return err
			}
		}
	}
	// internal link targets, now that every page exists
	anchors := make([]string, 0, len(r.links))
	for a := range r.links {
		anchors = append(anchors, a)
	}
	sort.Strings(anchors)
	for _, a := range anchors {
		if dest, ok := d.Anchors[a]; ok {
			f.SetLink(r.links[a], dest.Y, dest.Page)
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func setInfo(f *fpdf.Fpdf, in typeset.Info) {
	f.SetTitle(in.Title, true)
	f.SetAuthor(in.Author, true)
	f.SetSubject(in.Subject, true)
	f.SetKeywords(in.Keywords, true)
	f.SetCreator("folio", true)
	f.SetProducer("folio (fpdf)", true)
	f.SetLang(in.Lang)
	// Same input, same bytes: the dates come from the publication, never the clock.
	date := in.Date
	if date.IsZero() {
		date = time.Unix(0, 0).UTC()
	}
	f.SetCreationDate(date)
	f.SetModificationDate(date)
}

type renderer struct {
	f      *fpdf.Fpdf
	fonts  map[*fonts.Face]string
	images map[string]bool
	links  map[string]int
}

func (r *renderer) font(face *fonts.Face) string {
	if name, ok := r.fonts[face]; ok {
		return name
	}
	name := fmt.Sprintf("F%d-%s", len(r.fonts)+1, face.Name)
	r.f.AddUTF8FontFromBytes(name, "", face.Data)
	r.fonts[face] = name
	return name
}

func rgb(c style.Color) (int, int, int) { return int(c.R), int(c.G), int(c.B) }

func (r *renderer) draw(it typeset.Item) error {
	f := r.f
	switch it := it.(type) {
	case typeset.Text:
		f.SetFont(r.font(it.Face), "", it.Size)
		f.SetTextColor(rgb(it.Color))
		if it.Lang != "" {
			// text in another language than the document's: a marked-content
			// span that says which (ISO 32000-1, 14.9.2.2)
			f.RawWriteStr(fmt.Sprintf("/Span <</Lang %s>> BDC", pdfString(it.Lang)))
		}
		// kerned: one piece from each kerned pair to the next, placed as
		// typeset measured it (fpdf writes no TJ adjustments)
		for _, run := range it.Face.Kerned(it.Text, it.Size) {
			f.Text(it.X+run.X, it.Y, run.Text)
		}
		if it.Lang != "" {
			f.RawWriteStr("EMC")
		}
	case typeset.Rect:
		f.SetFillColor(rgb(it.Fill))
		f.Rect(it.X, it.Y, it.W, it.H, "F")
	case typeset.Line:
		f.SetDrawColor(rgb(it.Color))
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
	case typeset.Image:
		if !r.images[it.Path] {
			data, err := os.ReadFile(it.Path)
			if err != nil {
				return fmt.Errorf("reading image: %w", err)
			}
			f.RegisterImageOptionsReader(it.Path, fpdf.ImageOptions{ImageType: it.Format}, bytes.NewReader(data))
			r.images[it.Path] = true
		}
		f.ImageOptions(it.Path, it.X, it.Y, it.W, it.H, false, fpdf.ImageOptions{}, 0, "")
	case typeset.Link:
		switch {
		case it.URL != "":
			f.LinkString(it.X, it.Y, it.W, it.H, it.URL)
		case it.Anchor != "":
			id, ok := r.links[it.Anchor]
			if !ok {
				id = f.AddLink()
				r.links[it.Anchor] = id
			}
			f.Link(it.X, it.Y, it.W, it.H, id)
		}
	default:
		return fmt.Errorf("pdf: no drawing for %T", it)
	}
	return f.Error()
}

// pdfString writes s, a language tag, as a PDF literal string.
func pdfString(s string) string {
	return "(" + strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s) + ")"
}
