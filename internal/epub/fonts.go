package epub

import (
	"fmt"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
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

// planFonts collects the faces the layout uses, in first-seen order: every text
// style's face, then the bold and italic faces of the body and box fonts, which
// emphasis needs.
func (b *book) planFonts(set *fonts.Set) ([]xhtml.FontFace, error) {
	if set == nil {
		return nil, nil
	}
	l := b.ed.Layout
	type key struct {
		family string
		style  style.FontStyle
	}
	var keys []key
	seen := map[key]bool{}
	add := func(family string, st style.FontStyle) {
		if st == "" {
			st = style.Regular
		}
		k := key{family, st}
		if family == "" || seen[k] {
			return
		}
		seen[k] = true
		keys = append(keys, k)
	}
	for _, ns := range l.Text.Styles() {
		add(ns.Style.Font.Name, ns.Style.Style)
	}
	for _, fam := range []string{l.Text.Body.Font.Name, l.Text.Box.Font.Name} {
		for _, st := range []style.FontStyle{style.Bold, style.Italic, style.BoldItalic} {
			add(fam, st)
		}
	}
	var faces []xhtml.FontFace
	byFace := map[*fonts.Face]*fontFile{}
	usedNames := map[string]bool{}
	for _, k := range keys {
		face, err := set.Face(k.family, k.style)
		if err != nil {
			return nil, fmt.Errorf("epub: font for %s %s: %w", k.family, k.style, err)
		}
		if face == nil || len(face.Data) == 0 {
			return nil, fmt.Errorf("epub: font for %s %s has no data", k.family, k.style)
		}
		ff := byFace[face]
		if ff == nil {
			stem := resolve.SafeFileName(face.Name)
			if stem == "" {
				stem = resolve.SafeFileName(k.family + "-" + string(k.style))
			}
			if stem == "" {
				stem = "font"
			}
			name := stem
			for n := 2; usedNames[name]; n++ {
				name = fmt.Sprintf("%s-%d", stem, n)
			}
			usedNames[name] = true
			ff = &fontFile{href: "fonts/" + name + ".ttf", id: fmt.Sprintf("font-%d", len(b.fontFiles)+1), face: face}
			b.fontFiles = append(b.fontFiles, ff)
			byFace[face] = ff
		}
		faces = append(faces, xhtml.FontFace{Family: k.family, Style: k.style, FaceName: face.Name, Href: "../" + ff.href})
	}
	return faces, nil
}
