package xhtml

import (
	"fmt"
	"sort"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/resolve"
)

// FontFile is one font file the documents use, to be subset to their
// characters when it is written.
type FontFile struct {
	Href string // the file, relative to the documents' root (fonts/Name.ttf)
	ID   string // font-1, font-2…, in first-use order
	Face *fonts.Face
}

// PlanFonts collects the faces the documents of ed draw text with
// (UsedFaces): a face no text uses has no file. file makes a file's Href from
// a stem unique among them (the face's name); fromCSS is what goes before
// an Href in the stylesheet (the way from the stylesheet's folder to the root).
func PlanFonts(ed *resolve.Edition, set *fonts.Set, file func(stem string) string, fromCSS string) ([]FontFace, []*FontFile, error) {
	if set == nil {
		return nil, nil, nil
	}
	keys, err := UsedFaces(ed)
	if err != nil {
		return nil, nil, err
	}
	var faces []FontFace
	var files []*FontFile
	byFace := map[*fonts.Face]*FontFile{}
	usedNames := map[string]bool{}
	for _, k := range keys {
		face, err := set.Face(k.Family, k.Style)
		if err != nil {
			return nil, nil, fmt.Errorf("font for %s %s: %w", k.Family, k.Style, err)
		}
		if face == nil || len(face.Data) == 0 {
			return nil, nil, fmt.Errorf("font for %s %s has no data", k.Family, k.Style)
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
			ff = &FontFile{Href: file(name), ID: fmt.Sprintf("font-%d", len(files)+1), Face: face}
			files = append(files, ff)
			byFace[face] = ff
		}
		faces = append(faces, FontFace{Family: k.Family, Style: k.Style, FaceName: face.Name, FamilyName: face.FamilyName, Href: fromCSS + ff.Href})
	}
	return faces, files, nil
}

// readingSystemRunes are characters a reading system (or a browser) may
// draw with the fonts although the text does not have them: hyphens where it
// hyphenates (U+2010, U+002D, the soft hyphen), dashes, quotes, ellipsis,
// bullets, spaces and the digits and punctuation of printable ASCII.
func readingSystemRunes() []rune {
	var rs []rune
	for r := rune(0x20); r < 0x7f; r++ {
		rs = append(rs, r)
	}
	return append(rs, '\u00a0', '\u00ad', '\u2010', '\u2011', '\u2013', '\u2014', '\u2018', '\u2019', '\u201c', '\u201d',
		'\u2026', '\u2022', '\u00ab', '\u00bb', '\u202f')
}

// UsedRunes returns every character of texts, and those a reading system
// adds, sorted: what the fonts' subsets must draw.
func UsedRunes(texts ...[]byte) []rune {
	seen := map[rune]bool{}
	for _, r := range readingSystemRunes() {
		seen[r] = true
	}
	for _, t := range texts {
		for _, r := range string(t) {
			seen[r] = true
		}
	}
	out := make([]rune, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
