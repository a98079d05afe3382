package resolve

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestReadPrintable: PNGs the PDF library cannot draw as they are come out
// as plain 8-bit PNGs of the same picture; others come out as they are.
func TestReadPrintable(t *testing.T) {
	deep := image.NewNRGBA64(image.Rect(0, 0, 4, 3))
	paletted := image.NewPaletted(image.Rect(0, 0, 4, 3), color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{200, 30, 10, 255}})
	plain := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	for y := 0; y < 3; y++ {
		for x := 0; x < 4; x++ {
			deep.Set(x, y, color.NRGBA64{0xc8c8, 0x1e1e, 0x0a0a, 0xffff})
			paletted.SetColorIndex(x, y, uint8((x+y)%2))
			plain.Set(x, y, color.NRGBA{200, 30, 10, 255})
		}
	}
	tests := []struct {
		name      string
		img       image.Image
		converted bool
	}{
		{"16-bit", deep, true},
		{"palette with transparency", paletted, true},
		{"8-bit", plain, false},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		if err := png.Encode(&b, tc.img); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "x.png")
		os.WriteFile(path, b.Bytes(), 0o644)
		got, err := readPrintable(filepath.Dir(path), path, "png")
		if err != nil {
			t.Fatal(err)
		}
		if converted := !bytes.Equal(got, b.Bytes()); converted != tc.converted {
			t.Errorf("%s: converted %v, want %v", tc.name, converted, tc.converted)
		}
		if !plainPNG(got) {
			t.Errorf("%s: the bytes are still not a plain PNG", tc.name)
		}
		out, err := png.Decode(bytes.NewReader(got))
		if err != nil {
			t.Fatal(err)
		}
		for y := 0; y < 3; y++ {
			for x := 0; x < 4; x++ {
				r1, g1, b1, a1 := tc.img.At(x, y).RGBA()
				r2, g2, b2, a2 := out.At(x, y).RGBA()
				if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 || a1>>8 != a2>>8 {
					t.Fatalf("%s: pixel %d,%d changed", tc.name, x, y)
				}
			}
		}
	}
}
