package build

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
)

// TestDeepPNGDrawnRight: a 16-bit PNG with an alpha channel (which the PDF
// library draws wrongly) is drawn as its picture: rendered with poppler, the
// page shows a large area of its colour.
func TestDeepPNGDrawnRight(t *testing.T) {
	t.Parallel()
	pdftoppm := testtool.Need(t, "pdftoppm")
	root := t.TempDir()
	pub := filepath.Join(root, "p")
	for _, d := range []string{"en", "images"} {
		os.MkdirAll(filepath.Join(pub, d), 0o755)
	}
	deep := image.NewNRGBA64(image.Rect(0, 0, 1600, 900))
	for y := 0; y < 900; y++ {
		for x := 0; x < 1600; x++ {
			deep.Set(x, y, color.NRGBA64{0xc805, 0x1e70, 0x0a33, 0xffff}) // low bytes unlike high ones
			if x < 100 && y < 100 {
				deep.Set(x, y, color.NRGBA64{0xc805, 0x1e70, 0x0a33, 0x8000}) // and an alpha channel
			}
		}
	}
	var b bytes.Buffer
	png.Encode(&b, deep)
	files := map[string]string{
		"publication.yaml": "layout: backgrounder\nlanguages: [en]\n",
		"en/edition.yaml":  "title: Deep\n",
		"en/01-a.md":       "# A\n\n![A red rectangle](images/deep.png)\n",
		"images/deep.png":  b.String(),
	}
	for name, data := range files {
		os.WriteFile(filepath.Join(pub, name), []byte(data), 0o644)
	}
	out := t.TempDir()
	res, err := Run(context.Background(), Config{Source: root, Layouts: "../../layouts", Fonts: "../../fonts", Out: out, Formats: []Format{"pdf"}}, nil)
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Error())
	}
	prefix := filepath.Join(t.TempDir(), "page")
	if out, err := exec.Command(pdftoppm, "-r", "20", "-png", filepath.Join(out, "p", "p.en.pdf"), prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(prefix + "*.png")
	best := 0
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		bounds := img.Bounds()
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				if near(r>>8, 200) && near(g>>8, 30) && near(bl>>8, 10) {
					n++
				}
			}
		}
		best = max(best, n)
	}
	// the figure is 0.9 of the backgrounder's 118 mm text block wide, about
	// 106 × 60 mm: at 20 dpi, some 84 × 47 pixels
	if best < 3500 {
		t.Errorf("no page shows the picture's colour over its area (best: %d pixels)", best)
	}
}

func near(v uint32, want int) bool { return int(v) > want-12 && int(v) < want+12 }
