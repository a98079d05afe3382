package pdf

import (
	"bytes"
	"fmt"
	"regexp"
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

var colorTokenRe = regexp.MustCompile(`%folio:color (\d+) ([fs])`)

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
func (dr *Drawn) colorContent(f *file) error {
	pages, err := pageObjects(f)
	if err != nil {
		return err
	}
	cmyk := dr.doc.OutputIntent != nil && dr.doc.OutputIntent.Components == 4
	if cmyk {
		dr.printContent = map[int][]byte{}
	}
	var z deflater
	for i, pn := range pages {
		body, _ := f.dict(pn)
		m := contentsRe.FindStringSubmatch(body)
		if m == nil {
			return fmt.Errorf("pdf: page %d has no content stream", i+1)
		}
		n, _ := strconv.Atoi(m[1])
		obj := f.objs[n]
		f.objs[n] = dr.recolor(obj, rgbOps)
		if cmyk {
			p, err := z.deflate(dr.recolor(obj, cmykOps))
			if err != nil {
				return fmt.Errorf("pdf: page %d: %w", i+1, err)
			}
			dr.printContent[n] = p
		}
	}
	return nil
}

// recolor is stream object obj with its colour tokens replaced by ops.
func (dr *Drawn) recolor(obj []byte, ops func(style.Color, bool) string) []byte {
	head, rest, ok := bytes.Cut(obj, []byte(">>\nstream\n"))
	data, ok2 := bytes.CutSuffix(rest, []byte("\nendstream"))
	if !ok || !ok2 {
		return obj
	}
	data = colorTokenRe.ReplaceAllFunc(data, func(tok []byte) []byte {
		m := colorTokenRe.FindSubmatch(tok)
		i, _ := strconv.Atoi(string(m[1]))
		return []byte(ops(dr.palette[i], string(m[2]) == "s"))
	})
	head = lengthRe.ReplaceAll(head, []byte("/Length "+strconv.Itoa(len(data))))
	return bytes.Join([][]byte{head, []byte(">>\nstream\n"), data, []byte("\nendstream")}, nil)
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
