package epub

import (
	"fmt"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/xhtml"
)

// fontMediaType is the EPUB 3.2 core media type of TrueType fonts, which EPUBCheck 4.2 accepts.
const fontMediaType = "font/ttf"

// fontFile is one embedded TrueType file.
type fontFile struct {
	href string // fonts/Name.ttf
	id   string
	face *fonts.Face
}

// planFonts collects the faces the documents draw text with (xhtml.UsedFaces):
// a face no text uses is not embedded.
func (b *book) planFonts(set *fonts.Set) ([]xhtml.FontFace, error) {
	if set == nil {
		return nil, nil
	}
	keys, err := xhtml.UsedFaces(b.ed)
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	var faces []xhtml.FontFace
	byFace := map[*fonts.Face]*fontFile{}
	usedNames := map[string]bool{}
	for _, k := range keys {
		face, err := set.Face(k.Family, k.Style)
		if err != nil {
			return nil, fmt.Errorf("epub: font for %s %s: %w", k.Family, k.Style, err)
		}
		if face == nil || len(face.Data) == 0 {
			return nil, fmt.Errorf("epub: font for %s %s has no data", k.Family, k.Style)
		}
		ff := byFace[face]
		if ff == nil {
			stem := doc.SafeFileName(face.Name)
			if stem == "" {
				stem = doc.SafeFileName(k.Family + "-" + string(k.Style))
			}
			if stem == "" {
				stem = "font"
			}
			name := doc.Unique(stem, "", func(n string) bool { return usedNames[n] })
			usedNames[name] = true
			ff = &fontFile{href: "fonts/" + name + ".ttf", id: fmt.Sprintf("font-%d", len(b.fontFiles)+1), face: face}
			b.fontFiles = append(b.fontFiles, ff)
			byFace[face] = ff
		}
		faces = append(faces, xhtml.FontFace{Family: k.Family, Style: k.Style, FaceName: face.Name, FamilyName: face.FamilyName, Href: "../" + ff.href})
	}
	return faces, nil
}

// readingSystemRunes are characters a reading system may draw with the book's
// fonts although the text does not have them: hyphens where it hyphenates
// (U+2010, U+002D, the soft hyphen), dashes, quotes, ellipsis, bullets, spaces
// and the digits and punctuation of printable ASCII.
func readingSystemRunes() []rune {
	var rs []rune
	for r := rune(0x20); r < 0x7f; r++ {
		rs = append(rs, r)
	}
	return append(rs, '\u00a0', '\u00ad', '\u2010', '\u2011', '\u2013', '\u2014', '\u2018', '\u2019', '\u201c', '\u201d',
		'\u2026', '\u2022', '\u00ab', '\u00bb', '\u202f')
}

// displayOptions tells Apple Books to use the embedded fonts.
const displayOptions = `<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
`
