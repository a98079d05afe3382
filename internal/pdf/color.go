package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"

	"github.com/folio-pub/folio/internal/style"
)

// colorToken is a content-stream comment that stands for setting colour c
// for fills and text (stroke false) or for strokes: each edition replaces it
// with its own operators (colorContent), so that both are finished from one
// drawing. A comment is harmless where one is left.
func (dr *Drawn) colorToken(c style.Color, stroke bool) string {
	i, ok := dr.colorIx[c]
	if !ok {
		i = len(dr.palette)
		dr.palette = append(dr.palette, c)
		dr.colorIx[c] = i
	}
	op := "f"
	if stroke {
		op = "s"
	}
	return fmt.Sprintf("%%folio:color %d %s", i, op)
}

// rgbOps sets c in sRGB, as fpdf writes it: gray with g/G when neutral.
func rgbOps(c style.Color, stroke bool) string {
	v := func(x uint8) string { return strconv.FormatFloat(float64(x)/255, 'f', 3, 64) }
	if c.R == c.G && c.G == c.B {
		return v(c.R) + map[bool]string{false: " g", true: " G"}[stroke]
	}
	return v(c.R) + " " + v(c.G) + " " + v(c.B) + map[bool]string{false: " rg", true: " RG"}[stroke]
}

// cmykOps sets c in the printing condition's inks: 0 0 0 1 k for black text.
func cmykOps(c style.Color, stroke bool) string {
	k := c.CMYK
	op := " k"
	if stroke {
		op = " K"
	}
	return decimal(k[0], 3) + " " + decimal(k[1], 3) + " " + decimal(k[2], 3) + " " + decimal(k[3], 3) + op
}

// colorContent replaces the colour tokens of every page's content: sRGB in
// f, the digital edition's (and the print edition's on an RGB or gray
// condition); the condition's CMYK in the print edition's own copy of the
// content, deflated here, on a CMYK condition.
func (dr *Drawn) colorContent(f *file, z *deflater) error {
	pages, err := pageObjects(f)
	if err != nil {
		return err
	}
	cmyk := dr.doc.OutputIntent != nil && dr.doc.OutputIntent.Components == 4
	if cmyk {
		dr.printContent = map[int][]byte{}
	}
	kept := dr.shared.recolored()
	var palette []byte // what besides its content the colours of a page depend on
	if kept != nil {
		palette = fmt.Appendf(nil, "%t %v\n", cmyk, dr.palette)
	}
	for i, pn := range pages {
		body, _ := f.dict(pn)
		m := contentsRe.FindStringSubmatch(body)
		if m == nil {
			return fmt.Errorf("pdf: page %d has no content stream", i+1)
		}
		n, _ := strconv.Atoi(m[1])
		obj := f.objs[n]
		var key [sha256.Size]byte
		if kept != nil {
			h := sha256.New()
			h.Write(palette)
			h.Write(obj)
			h.Sum(key[:0])
			if r, ok := kept.Get(key); ok {
				f.objs[n] = r.rgb // shared: objects are replaced, never changed in place
				if cmyk {
					dr.printContent[n] = r.cmyk
				}
				continue
			}
		}
		var r recolored
		r.rgb = dr.recolor(obj, rgbOps)
		f.objs[n] = r.rgb
		if cmyk {
			p, err := z.deflate(dr.recolor(obj, cmykOps))
			if err != nil {
				return fmt.Errorf("pdf: page %d: %w", i+1, err)
			}
			r.cmyk = p
			dr.printContent[n] = p
		}
		if kept != nil {
			kept.Put(key, r)
		}
	}
	return nil
}

// recolored is a page's content with its colour tokens replaced: the
// object for the digital edition (not deflated yet), and the print
// edition's, deflated (nil but on a CMYK condition).
type recolored struct{ rgb, cmyk []byte }

// recolor is stream object obj with its colour tokens replaced by ops.
func (dr *Drawn) recolor(obj []byte, ops func(style.Color, bool) string) []byte {
	head, rest, ok := bytes.Cut(obj, []byte(">>\nstream\n"))
	data, ok2 := bytes.CutSuffix(rest, []byte("\nendstream"))
	if !ok || !ok2 {
		return obj
	}
	// each colour's operators, made on first use
	made := map[int]string{}
	opsOf := func(i int, stroke bool) string {
		key := 2*i + btoi(stroke)
		s, ok := made[key]
		if !ok {
			s = ops(dr.palette[i], stroke)
			made[key] = s
		}
		return s
	}
	out := make([]byte, 0, len(data)+len(data)/8)
	for {
		i := bytes.Index(data, colorTokenPrefix)
		if i < 0 {
			out = append(out, data...)
			break
		}
		out = append(out, data[:i]...)
		data = data[i:]
		n, stroke, size := colorTokenAt(data)
		if size == 0 { // the words and no token: left as they are
			out = append(out, colorTokenPrefix...)
			data = data[len(colorTokenPrefix):]
			continue
		}
		out = append(out, opsOf(n, stroke)...)
		data = data[size:]
	}
	head = lengthRe.ReplaceAll(head, []byte("/Length "+strconv.Itoa(len(out))))
	return slices.Concat(head, []byte(">>\nstream\n"), out, []byte("\nendstream"))
}

// colorTokenPrefix starts every colour token (colorToken).
var colorTokenPrefix = []byte("%folio:color ")

// colorTokenAt reads the colour token data starts with: the colour's index,
// whether it is for strokes, and the token's length, 0 when data starts
// with no token.
func colorTokenAt(data []byte) (i int, stroke bool, size int) {
	rest := data[len(colorTokenPrefix):]
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	if digits == 0 || digits+2 > len(rest) || rest[digits] != ' ' || rest[digits+1] != 'f' && rest[digits+1] != 's' {
		return 0, false, 0
	}
	i, _ = strconv.Atoi(string(rest[:digits]))
	return i, rest[digits+1] == 's', len(colorTokenPrefix) + digits + 2
}

// pageObjects lists the page objects of the page tree, object 1, in order.
func pageObjects(f *file) ([]int, error) {
	pagesDict, ok := f.dict(1)
	if !ok {
		return nil, fmt.Errorf("pdf: object 1 is not the page tree")
	}
	var pages []int
	if m := kidsRe.FindStringSubmatch(pagesDict); m != nil {
		fs := bytes.Fields([]byte(m[1]))
		for i := 0; i+2 < len(fs); i += 3 {
			n, _ := strconv.Atoi(string(fs[i]))
			pages = append(pages, n)
		}
	}
	return pages, nil
}
