package resolve

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"
	"image/png"

	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/safefile"
)

// readPrintable reads an image file, in the publication folder pubDir, and returns the bytes every edition
// carries: the file's own, or, for a PNG the PDF library cannot draw as it
// is (16 bits a channel, interlaced, or a palette with transparency), the
// same picture as an 8-bit, non-interlaced PNG.
func readPrintable(pubDir, path, format string) ([]byte, error) {
	data, err := safefile.Read(pubDir, path, limits.Image)
	if err != nil || format != "png" {
		return data, err
	}
	return printablePNG(data, path)
}

// printablePNG returns a PNG's bytes as the PDF library can draw them.
func printablePNG(data []byte, path string) ([]byte, error) {
	if plainPNG(data) {
		return data, nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	plain := image.NewNRGBA(img.Bounds())
	draw.Draw(plain, plain.Bounds(), img, img.Bounds().Min, draw.Src)
	var out bytes.Buffer
	if err := png.Encode(&out, plain); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out.Bytes(), nil
}

// plainPNG reports whether a PNG is 8 bits a channel or less, not
// interlaced, and without a palette's transparency chunk: what fpdf draws.
func plainPNG(data []byte) bool {
	// signature (8), IHDR length and type (8), width, height (8), then bit
	// depth, colour type, compression, filter, interlace
	if len(data) < 29 {
		return true // not a PNG fpdf will be shown; the decoder said it is whole
	}
	depth, colour, interlace := data[24], data[25], data[28]
	if depth > 8 || interlace != 0 {
		return false
	}
	if colour != 3 {
		return true
	}
	for off := 8; off+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[off:]))
		typ := string(data[off+4 : off+8])
		if typ == "tRNS" {
			return false
		}
		if typ == "IDAT" || n < 0 {
			return true
		}
		off += 12 + n
	}
	return true
}
