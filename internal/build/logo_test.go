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
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
)

// TestLogo builds an English and a French edition with a layout that names
// a logo (cover: {logo: logo.png}) and has a French one beside it
// (logo.fr.png): the PDF draws it on the cover and the back page, the
// EPUB's cover image shows each language's own.
func TestLogo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	solid := func(c color.RGBA) []byte {
		img := image.NewNRGBA(image.Rect(0, 0, 60, 30))
		for y := 0; y < 30; y++ {
			for x := 0; x < 60; x++ {
				img.Set(x, y, c)
			}
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	red, blue := color.RGBA{220, 20, 20, 255}, color.RGBA{20, 20, 220, 255}
	files := map[string][]byte{
		"layouts/logo.yaml":         []byte("extends: backgrounder\ncover: {logo: logo.png, logo-height: 15}\n"),
		"layouts/logo.png":          solid(red),
		"layouts/logo.fr.png":       solid(blue),
		"source/p/publication.yaml": []byte("layout: logo\nlanguages: [en, fr]\ndate: 2020-02-03\npublisher: Example Publisher\n"),
		"source/p/en/edition.yaml":  []byte("title: Logo\n"),
		"source/p/en/01-a.md":       []byte("# First\n\nText.\n"),
		"source/p/fr/edition.yaml":  []byte("title: Logo\n"),
		"source/p/fr/01-a.md":       []byte("# Premier\n\nTexte.\n"),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	res, err := Run(context.Background(), Config{Source: filepath.Join(dir, "source"), Layouts: filepath.Join(dir, "layouts"), Fonts: "../../fonts", Out: out}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.Error())
	}
	for _, tc := range []struct {
		lang string
		ink  color.RGBA
	}{{"en", red}, {"fr", blue}} {
		base := filepath.Join(out, "p", "p."+tc.lang)
		// the EPUB's cover image shows the language's logo
		data, err := os.ReadFile(base + ".epub")
		if err != nil {
			t.Fatal(err)
		}
		cover := testtool.ZipFiles(t, data)["EPUB/cover.png"]
		img, err := png.Decode(strings.NewReader(cover))
		if err != nil {
			t.Fatalf("%s: cover image: %v", tc.lang, err)
		}
		found := false
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y && !found; y += 2 {
			for x := b.Min.X; x < b.Max.X && !found; x += 2 {
				r, g, bl, _ := img.At(x, y).RGBA()
				found = uint8(r>>8) == tc.ink.R && uint8(g>>8) == tc.ink.G && uint8(bl>>8) == tc.ink.B
			}
		}
		if !found {
			t.Errorf("%s: the EPUB's cover image does not show the language's logo", tc.lang)
		}
		// the PDF draws it on the first and the last page
		listing, err := exec.Command(testtool.Need(t, "pdfimages"), "-list", base+".pdf").Output()
		if err != nil {
			t.Fatal(err)
		}
		var pages []string
		for _, line := range strings.Split(string(listing), "\n")[2:] {
			if f := strings.Fields(line); len(f) > 0 {
				pages = append(pages, f[0])
			}
		}
		if len(pages) != 2 || pages[0] != "1" || pages[1] == "1" {
			t.Errorf("%s: images on pages %v, want the cover and the back page:\n%s", tc.lang, pages, listing)
		}
	}
}
