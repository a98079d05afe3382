package pdf

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/testtool"
	"github.com/folio-pub/folio/internal/typeset"
)

func testDocument(t *testing.T) *typeset.Document {
	t.Helper()
	set, err := fonts.Load("../../fonts")
	if err != nil {
		t.Fatal(err)
	}
	serif, _ := set.Face("serif", style.Regular)
	sans, _ := set.Face("sans", style.Bold)
	img := filepath.Join(t.TempDir(), "x.png")
	m := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for i := range m.Pix {
		m.Pix[i] = 200
	}
	m.Set(1, 1, color.Black)
	var buf bytes.Buffer
	png.Encode(&buf, m)
	os.WriteFile(img, buf.Bytes(), 0o644)
	ink := style.Color{R: 20, G: 20, B: 20}
	d := &typeset.Document{Width: 595, Height: 842, Anchors: map[string]typeset.Dest{"two": {Page: 2, Y: 100}}}
	d.Pages = []*typeset.Page{
		{Number: 1, Label: "1", Items: []typeset.Item{
			typeset.Rect{X: -9, Y: -9, W: 613, H: 200, Fill: style.Color{B: 120}},
			typeset.Text{X: 72, Y: 260, Text: "Qu’est-ce que la société civile\u202f?", Face: sans, Size: 18, Color: ink},
			typeset.Text{X: 72, Y: 300, Text: "See page two.", Face: serif, Size: 11, Color: ink},
			typeset.Link{X: 72, Y: 290, W: 60, H: 12, Anchor: "two"},
			typeset.Link{X: 72, Y: 310, W: 60, H: 12, URL: "https://example.org/"},
			typeset.Line{X1: 72, Y1: 320, X2: 300, Y2: 320, Width: 0.5, Color: ink},
			typeset.Image{X: 72, Y: 340, W: 200, H: 100, Path: img, Format: "png", Alt: "grey"},
		}},
		{Number: 2, Label: "2", Items: []typeset.Item{
			typeset.Text{X: 72, Y: 110, Text: "Page two, « guillemets ».", Face: serif, Size: 11, Color: ink},
		}},
	}
	d.Outline = []typeset.Bookmark{{Title: "Société", Level: 0, Dest: typeset.Dest{Page: 1, Y: 240}}, {Title: "Deux", Level: 1, Dest: typeset.Dest{Page: 2, Y: 100}}}
	d.Info = typeset.Info{Title: "Titre\u00a0: Sous-titre", Author: "A", Lang: "fr", Date: time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)}
	return d
}

func TestWrite(t *testing.T) {
	d := testDocument(t)
	var a, b bytes.Buffer
	if err := Write(context.Background(), &a, d); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), &b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same document differ")
	}
	f := filepath.Join(t.TempDir(), "t.pdf")
	os.WriteFile(f, a.Bytes(), 0o644)
	if out, err := exec.Command(testtool.Need(t, "qpdf"), "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	info, _ := exec.Command(testtool.Need(t, "pdfinfo"), f).CombinedOutput()
	for _, want := range []string{"Title:           Titre\u00a0: Sous-titre", "Pages:           2", "CreationDate:    Wed May  1 00:00:00 2019"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	text, _ := exec.Command(testtool.Need(t, "pdftotext"), f, "-").CombinedOutput()
	for _, want := range []string{"Qu’est-ce que la société civile", "« guillemets »"} {
		if !strings.Contains(strings.ReplaceAll(string(text), "\u202f", " "), want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestCancelled(t *testing.T) {
	d := testDocument(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, &bytes.Buffer{}, d); err == nil {
		t.Error("no error from a cancelled write")
	}
}

func TestMissingImage(t *testing.T) {
	d := testDocument(t)
	d.Pages[0].Items = append(d.Pages[0].Items, typeset.Image{X: 1, Y: 1, W: 1, H: 1, Path: "/nonexistent/y.png", Format: "png"})
	if err := Write(context.Background(), &bytes.Buffer{}, d); err == nil || !strings.Contains(err.Error(), "y.png") {
		t.Errorf("err = %v", err)
	}
}
