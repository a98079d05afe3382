package markdown

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"slices"
	"testing"
)

// TestCheckPNG: the check without pixels takes and rejects the PNG files
// that image/png's decoder does, each kind of image whole, cut short at
// every length, and with bytes changed in every chunk, with and without
// their CRCs made right again (so that the image data's inflating and its
// rows are what catches them).
func TestCheckPNG(t *testing.T) {
	t.Parallel()
	rgb := image.NewNRGBA(image.Rect(0, 0, 23, 11))
	gray16 := image.NewGray16(image.Rect(0, 0, 9, 7))
	pal := image.NewPaletted(image.Rect(0, 0, 17, 5), color.Palette{color.White, color.Black, color.NRGBA{200, 0, 0, 128}})
	for y := range 11 {
		for x := range 23 {
			rgb.Set(x, y, color.NRGBA{uint8(x * 11), uint8(y * 23), uint8(x * y), uint8(255 - x)})
			gray16.Set(x%9, y%7, color.Gray16{uint16(x * y * 301)})
			pal.SetColorIndex(x%17, y%5, uint8((x+y)%3))
		}
	}
	kinds := map[string][]byte{
		"rgba":       encodePNG(t, rgb),
		"gray16":     encodePNG(t, gray16),
		"paletted":   encodePNG(t, pal),
		"interlaced": interlacedPNG(),
	}
	for name, good := range kinds {
		if err := checkPNG(good); err != nil {
			t.Errorf("%s: a whole file is rejected: %v", name, err)
		}
		agree := func(what string, data []byte) {
			// a header made huge is refused before the check (maxImagePixels)
			if c, err := png.DecodeConfig(bytes.NewReader(data)); err == nil && c.Width*c.Height > 1<<16 {
				return
			}
			_, decErr := png.Decode(bytes.NewReader(data))
			if err := checkPNG(data); (err == nil) != (decErr == nil) {
				t.Errorf("%s, %s: check %v, decoder %v", name, what, err, decErr)
			}
		}
		for n := range len(good) {
			agree("cut short", good[:n])
		}
		for i := 8; i < len(good); i++ {
			for _, mask := range []byte{0x01, 0x5a, 0xff} {
				data := bytes.Clone(good)
				data[i] ^= mask
				agree("a byte changed", data)
				agree("a byte changed, the CRC mended", mendCRCs(data))
			}
		}
	}
}

// encodePNG encodes m as PNG.
func encodePNG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// interlacedPNG is a 10 × 9 RGB image, 8 bits a channel, interlaced (Adam7),
// which image/png does not write: its rows written by hand, unfiltered.
func interlacedPNG() []byte {
	var raw []byte
	for _, p := range [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}} {
		w, h := (10-p[0]+p[2]-1)/p[2], (9-p[1]+p[3]-1)/p[3]
		if w == 0 {
			continue
		}
		for y := range h {
			raw = append(raw, byte(y%5)) // each filter type
			for x := range 3 * w {
				raw = append(raw, byte(x*7+y))
			}
		}
	}
	return rawPNG([]byte{0, 0, 0, 10, 0, 0, 0, 9, 8, 2, 0, 0, 1}, raw)
}

// rawPNG is a PNG file of the header ihdr and the image data raw (filter
// bytes and rows), deflated into two IDAT chunks.
func rawPNG(ihdr, raw []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw)
	zw.Close()
	out := []byte(pngSignature)
	chunk := func(typ string, body []byte) {
		out = binary.BigEndian.AppendUint32(out, uint32(len(body)))
		start := len(out)
		out = append(append(out, typ...), body...)
		out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
	}
	chunk("IHDR", ihdr)
	half := z.Len() / 2
	chunk("IDAT", z.Bytes()[:half])
	chunk("IDAT", z.Bytes()[half:])
	chunk("IEND", nil)
	return out
}

// TestCheckPNGRows: image data whose rows are wrong inflates well and is
// still rejected, as the decoder rejects it.
func TestCheckPNGRows(t *testing.T) {
	t.Parallel()
	gray := []byte{0, 0, 0, 4, 0, 0, 0, 3, 8, 0, 0, 0, 0} // 4 × 3, 8-bit gray
	row := func(filter byte) []byte { return []byte{filter, 1, 2, 3, 4} }
	for _, tt := range []struct {
		name string
		raw  []byte
		ok   bool
	}{
		{"whole", slices.Concat(row(0), row(1), row(4)), true},
		{"a filter type of 5", slices.Concat(row(0), row(5), row(0)), false},
		{"a row short", slices.Concat(row(0), row(0)), false},
		{"a byte short", slices.Concat(row(0), row(0), row(0))[:14], false},
		{"a byte more", slices.Concat(row(0), row(0), row(0), []byte{0}), false},
	} {
		data := rawPNG(gray, tt.raw)
		_, decErr := png.Decode(bytes.NewReader(data))
		err := checkPNG(data)
		if (err == nil) != tt.ok || (decErr == nil) != tt.ok {
			t.Errorf("%s: check %v, decoder %v, want accepted %v", tt.name, err, decErr, tt.ok)
		}
	}
}

// mendCRCs sets the CRC of every chunk it can walk to to its data's.
func mendCRCs(data []byte) []byte {
	for off := 8; off+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[off:]))
		if n < 0 || off+12+n > len(data) {
			break
		}
		binary.BigEndian.PutUint32(data[off+8+n:], crc32.ChecksumIEEE(data[off+4:off+8+n]))
		off += 12 + n
	}
	return data
}

// BenchmarkCheckPNG: the sample's figure (2000 × 1250 RGB) checked without
// its pixels, against decoding it in full (what the check replaced).
func BenchmarkCheckPNG(b *testing.B) {
	data, err := os.ReadFile("../../source/civil-society/images/civil-society-roles.png")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			if err := checkPNG(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
