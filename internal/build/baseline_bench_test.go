package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/source"
	"github.com/folio-pub/folio/internal/style"
)

// BenchmarkEnglishPDF measures the sample's English digital PDF the whole way
// from its source (read, check, resolve, typeset, draw, finish: one build of
// that edition, no cache) against a baseline run in the same benchmark:
// fpdf's own MultiCell drawing of the same text (every heading, paragraph,
// list item, cell and note as plain text in the body face, on A4 pages with
// the layout's margins), timed between folio's runs. It reports the ratio as
// ×fpdf.
func BenchmarkEnglishPDF(b *testing.B) {
	text, face, l := englishText(b)
	if pages, err := multiCell(text, face, l); err != nil || pages < 5 {
		b.Fatalf("the baseline draws %d pages: %v", pages, err)
	}
	baseline := func(b *testing.B) {
		for b.Loop() {
			if _, err := multiCell(text, face, l); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("fpdf-multicell", baseline)
	b.Run("folio", func(b *testing.B) {
		cfg := sampleConfig(b.TempDir())
		cfg.Langs, cfg.Formats, cfg.Jobs = []string{"en"}, []Format{"pdf"}, 1
		var folio, base time.Duration // each run timed, the baseline between them
		for b.Loop() {
			os.RemoveAll(filepath.Join(cfg.Out, "civil-society"))
			start := time.Now()
			if res, err := Run(context.Background(), cfg, nil); err != nil || res.Diags.HasErrors() {
				b.Fatal(err, res.Diags.Error())
			}
			folio += time.Since(start)
			b.StopTimer()
			start = time.Now()
			if _, err := multiCell(text, face, l); err != nil {
				b.Fatal(err)
			}
			base += time.Since(start)
			b.StartTimer()
		}
		b.ReportMetric(folio.Seconds()/base.Seconds(), "×fpdf")
	})
}

// englishText returns the text of the sample's English edition, one string
// per block, with the body face and the layout.
func englishText(b *testing.B) ([]string, *fonts.Face, *style.Layout) {
	var diags diag.List
	pub := source.NewReader("../../source").Read("civil-society", []string{"en"}, &diags)
	if diags.HasErrors() || len(pub.Editions) != 1 {
		b.Fatal(diags.Error())
	}
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), pub.Layout)
	if err != nil {
		b.Fatal(err)
	}
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		b.Fatal(err)
	}
	face, err := set.Face(l.Text.Body.Font.Name, l.Text.Body.Style)
	if err != nil {
		b.Fatal(err)
	}
	var text []string
	doc.Walk(pub.Editions[0], func(bl doc.Block) {
		for _, run := range doc.Runs(bl) {
			if s := doc.PlainText(run); s != "" {
				text = append(text, s)
			}
		}
	})
	return text, face, l
}

// multiCell draws text with fpdf's MultiCell, a paragraph a call, and returns
// the number of pages.
func multiCell(text []string, face *fonts.Face, l *style.Layout) (int, error) {
	m := l.Page.Margin
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.SetMargins(m.Inner, m.Top, m.Outer)
	f.SetAutoPageBreak(true, m.Bottom)
	f.AddUTF8FontFromBytes("body", "", face.Data)
	f.SetFont("body", "", l.Text.Body.Size)
	f.AddPage()
	for _, s := range text {
		f.MultiCell(0, l.Text.Body.Leading/style.MM, s, "", "J", false)
		f.Ln(2)
	}
	var buf bytes.Buffer
	err := f.Output(&buf)
	return f.PageCount(), err
}
