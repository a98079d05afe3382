package markdown

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// FuzzImage feeds arbitrary bytes as an image file: the check never panics,
// and an image it accepts decodes in full with its reported size.
func FuzzImage(f *testing.F) {
	m := image.NewNRGBA(image.Rect(0, 0, 5, 3))
	m.Set(1, 1, color.NRGBA{200, 10, 10, 255})
	for _, enc := range []func(*bytes.Buffer){
		func(b *bytes.Buffer) { png.Encode(b, m) },
		func(b *bytes.Buffer) { jpeg.Encode(b, m, nil) },
		func(b *bytes.Buffer) { gif.Encode(b, m, nil) },
	} {
		var b bytes.Buffer
		enc(&b)
		f.Add(b.Bytes())
		f.Add(b.Bytes()[:b.Len()/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "x.png")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		info := decode(filepath.Dir(path), path)
		if info.err != nil {
			return
		}
		img, format, err := image.Decode(bytes.NewReader(data))
		if err != nil || format != info.format || img.Bounds().Dx() != info.width || img.Bounds().Dy() != info.height {
			t.Errorf("accepted %s %dx%d, but decoding gives %v %s", info.format, info.width, info.height, err, format)
		}
	})
}
