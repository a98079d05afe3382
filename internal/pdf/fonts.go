package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
)

// The drawing's fonts are written by folio, not fpdf: fpdf can show text only
// as Unicode through a 128 KB code-to-glyph map per face, and reads, measures
// and subsets each face again for every document. Each face the document
// draws is instead a composite font (Type 0, Identity-H) whose codes number
// the face's characters in the order the document first draws them: code
// i+1 is the i-th character, so the text is two bytes a character, the
// code-to-glyph map is two bytes a character, and the ToUnicode map gives
// every code back its character exactly (ISO 32000-1, 9.7 and 9.10).

// pdfFont is one face as a drawing uses it.
type pdfFont struct {
	face  *fonts.Face
	res   string          // its name in the pages' resources, e.g. F1
	chars []rune          // code i+1 shows chars[i]
	code  map[rune]uint16 // the inverse of chars
}

// drawnFonts numbers the faces d draws, and each face's characters, in the
// order d first draws them: same document, same numbers.
func drawnFonts(d *page.Document) ([]*pdfFont, map[*fonts.Face]*pdfFont, error) {
	var list []*pdfFont
	byFace := map[*fonts.Face]*pdfFont{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			t, ok := it.(page.Text)
			if !ok {
				continue
			}
			pf := byFace[t.Face]
			if pf == nil {
				pf = &pdfFont{face: t.Face, res: fmt.Sprintf("F%d", len(list)+1), code: map[rune]uint16{}}
				byFace[t.Face] = pf
				list = append(list, pf)
			}
			for _, c := range t.Text {
				if _, ok := pf.code[c]; ok {
					continue
				}
				if len(pf.chars) == math.MaxUint16-1 {
					return nil, nil, fmt.Errorf("pdf: %s draws more than %d different characters", t.Face.Name, len(pf.chars))
				}
				pf.chars = append(pf.chars, c)
				pf.code[c] = uint16(len(pf.chars))
			}
		}
	}
	return list, byFace, nil
}

// show appends the operator that shows s at size points, kerned: s's codes,
// with the face's kerning between pairs as TJ adjustments (thousandths of
// the size, positive to the left), as typeset measured it. The codes are
// written as bytes in a literal string, half the size of hexadecimal.
func (pf *pdfFont) show(b []byte, s string) []byte {
	start := len(b)
	kerned := false
	b = append(b, '(')
	prev := rune(-1)
	for _, c := range s {
		if prev >= 0 {
			if k := pf.face.Kern(prev, c); k != 0 {
				kerned = true
				b = append(b, ") "...)
				b = append(b, thousandths(-k)...)
				b = append(b, " ("...)
			}
		}
		code := pf.code[c]
		b = appendStringByte(appendStringByte(b, byte(code>>8)), byte(code))
		prev = c
	}
	b = append(b, ')')
	if kerned {
		b = slices.Insert(b, start, '[')
		return append(b, "] TJ"...)
	}
	return append(b, " Tj"...)
}

// appendStringByte appends c to a literal string, escaped where it must be
// (ISO 32000-1, 7.3.4.2): the parentheses, the backslash, and the line ends
// a reader would otherwise change.
func appendStringByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	case '\n':
		return append(b, '\\', 'n')
	}
	return append(b, c)
}

// thousandths formats a measure in em as thousandths of an em, to three
// decimals (a millionth of the size: nothing a printer can show).
func thousandths(em float64) string { return decimal(em*1000, 3) }

// addFonts writes the drawing's fonts into fpdf's file and names them in
// its resource dictionary, which fpdf wrote with no fonts.
func addFonts(f *file, list []*pdfFont) error {
	res, ok := f.dict(2)
	const empty = "/Font <<\n>>"
	if !ok || !strings.Contains(res, empty) {
		return fmt.Errorf("pdf: object 2 is not a resource dictionary without fonts")
	}
	var refs strings.Builder
	for _, pf := range list {
		n, err := pf.write(f)
		if err != nil {
			return err
		}
		fmt.Fprintf(&refs, "/%s %d 0 R ", pf.res, n)
	}
	f.set(2, strings.Replace(res, empty, "/Font <<"+strings.TrimSpace(refs.String())+">>", 1))
	return nil
}

// write adds the font's objects to f: the Type 0 font, its CIDFont, the
// descriptor, the face cut down to its characters, the code-to-glyph map and
// the ToUnicode map. It returns the Type 0 font's object number. The streams
// are left for deflateStreams.
func (pf *pdfFont) write(f *file) (int, error) {
	face := pf.face
	sub, err := face.Subset(pf.chars)
	if err != nil {
		return 0, fmt.Errorf("pdf: subsetting %s: %w", face.Name, err)
	}
	desc, err := face.Descriptor()
	if err != nil {
		return 0, fmt.Errorf("pdf: %s: %w", face.Name, err)
	}
	name := pdfName(subsetTag(sub.Data) + "+" + face.Name)

	fontFile := f.add(fmt.Sprintf("<</Length1 %d /Length %d>>\nstream\n%s\nendstream", len(sub.Data), len(sub.Data), sub.Data))
	var flags int
	if desc.FixedPitch {
		flags |= 1
	}
	flags |= 4 // symbolic: the font's own characters, not the standard Latin set
	if desc.ItalicAngle != 0 {
		flags |= 64
	}
	em := func(v float64) int { return int(math.Round(v * 1000)) }
	stemV := int(math.Round(50 + math.Pow(float64(desc.Weight)/65, 2))) // the usual estimate from the weight
	descriptor := f.add(fmt.Sprintf("<</Type /FontDescriptor /FontName %s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R>>",
		name, flags, em(desc.BBox[0]), em(desc.BBox[1]), em(desc.BBox[2]), em(desc.BBox[3]),
		num(desc.ItalicAngle), em(desc.Ascent), em(desc.Descent), em(desc.CapHeight), stemV, fontFile))

	gids := make([]byte, 2*(len(pf.chars)+1)) // code 0 is .notdef
	var widths strings.Builder
	for i, c := range pf.chars {
		g := sub.Glyph[c]
		gids[2*i+2], gids[2*i+3] = byte(g>>8), byte(g)
		if i > 0 {
			widths.WriteByte(' ')
		}
		widths.WriteString(thousandths(face.Advance(c)))
	}
	cidToGID := f.add(stream(string(gids)))
	cidFont := f.add(fmt.Sprintf("<</Type /Font /Subtype /CIDFontType2 /BaseFont %s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /W [1 [%s]] /CIDToGIDMap %d 0 R>>",
		name, descriptor, widths.String(), cidToGID))
	toUnicode := f.add(stream(pf.toUnicode()))
	return f.add(fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		name, cidFont, toUnicode)), nil
}

// toUnicode is the font's ToUnicode CMap: each code, its character.
func (pf *pdfFont) toUnicode() string {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(pf.chars); start += 100 { // at most 100 a block
		block := pf.chars[start:min(start+100, len(pf.chars))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(block))
		for i, c := range block {
			fmt.Fprintf(&b, "<%s> <%s>\n", appendHex16(nil, uint16(start+i+1)), appendUTF16Hex(nil, string(c)))
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.String()
}

// pdfName writes s as a PDF name: bytes outside printable ASCII, and the
// delimiters, as #XX (ISO 32000-1, 7.3.5).
func pdfName(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c > '~' || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// subsetTag is six capital letters from a digest of the subset's font file,
// the tag a subset's name begins with (ISO 32000-1, 9.6.4): a different
// subset gets a different tag.
func subsetTag(data []byte) string {
	h := uint64(14695981039346656037) // FNV-1a
	for _, c := range data {
		h ^= uint64(c)
		h *= 1099511628211
	}
	var b [6]byte
	for i := range b {
		b[i] = byte('A' + h%26)
		h /= 26
	}
	return string(b[:])
}
