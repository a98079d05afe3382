package typeset

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/style"
)

// maxGlyphReports is how many places of one missing character in one file
// are reported each with its position; when there are two or more beyond
// those, they are counted in one more message, at the next place, that lists
// their lines.
const maxGlyphReports = 3

// maxGlyphLines is how many lines that message lists.
const maxGlyphLines = 10

// missingGlyphs collects the characters the fonts lack where the text sets
// them, so that each place is reported once however often it is set (a table
// cell is measured, then set; a heading may also be set in the contents) and
// in however many faces.
type missingGlyphs struct {
	at   map[glyphAt]int // index in list
	list []missingGlyph
	// suggest names a font that has a character, for the message; nil
	// for none
	suggest func(rune) string
}

// glyphAt is a character at a place of the source.
type glyphAt struct {
	pos diag.Pos
	r   rune
}

type missingGlyph struct {
	glyphAt
	faces []string // the fonts that lack it, sorted
}

// add records that face has no glyph for r, set from pos.
func (m *missingGlyphs) add(pos diag.Pos, r rune, face string) {
	if m.at == nil {
		m.at = map[glyphAt]int{}
	}
	k := glyphAt{pos, r}
	i, ok := m.at[k]
	if !ok {
		i = len(m.list)
		m.at[k] = i
		m.list = append(m.list, missingGlyph{glyphAt: k})
	}
	g := &m.list[i]
	if j := sort.SearchStrings(g.faces, face); j == len(g.faces) || g.faces[j] != face {
		g.faces = append(g.faces, "")
		copy(g.faces[j+1:], g.faces[j:])
		g.faces[j] = face
	}
}

// check records each character of s that face has no glyph for, as it is
// drawn: shown gives what is drawn of a character (its upper case, say), nil
// for the character itself; at is where the character at byte i of s is in
// the source. Line breaks, tabs and soft hyphens are not drawn.
func (m *missingGlyphs) check(s string, face *fonts.Face, shown func(string) string, at func(i int) diag.Pos) {
	for i, r := range s {
		if r == '\n' || r == '\t' || string(r) == softHyphen || shown == nil && face.Has(r) {
			continue
		}
		drawn := string(r)
		if shown != nil {
			drawn = shown(drawn)
		}
		for _, g := range drawn {
			if !face.Has(g) {
				m.add(at(i), g, face.Name)
			}
		}
	}
}

// report adds the diagnostics to diags: each place of a missing character,
// up to maxGlyphReports of them a file, then one that counts the others. A
// place known only by its file (metadata, generated words) is left out where
// the same file reports the character at a line: the contents repeat the
// section's headings.
func (m *missingGlyphs) report(diags *diag.List) {
	type fileRune struct {
		file string
		r    rune
	}
	placed := map[fileRune]bool{}
	for _, g := range m.list {
		if g.pos.Line != 0 {
			placed[fileRune{g.pos.File, g.r}] = true
		}
	}
	list := make([]missingGlyph, 0, len(m.list))
	for _, g := range m.list {
		if g.pos.Line != 0 || !placed[fileRune{g.pos.File, g.r}] {
			list = append(list, g)
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].pos, list[j].pos
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Col != b.Col:
			return a.Col < b.Col
		}
		return list[i].r < list[j].r
	})
	byFile := map[fileRune][]missingGlyph{}
	var order []fileRune
	for _, g := range list {
		k := fileRune{g.pos.File, g.r}
		if byFile[k] == nil {
			order = append(order, k)
		}
		byFile[k] = append(byFile[k], g)
	}
	for _, k := range order {
		gs := byFile[k]
		for i, g := range gs {
			msg := fmt.Sprintf("%s no glyph for %q (%U); choose another font in the layout or change the text", lacking(g.faces), string(g.r), g.r)
			if i == maxGlyphReports && len(gs) > maxGlyphReports+1 {
				var lines []string
				for _, o := range gs[i+1:] {
					if s := fmt.Sprint(o.pos.Line); len(lines) == 0 || lines[len(lines)-1] != s {
						lines = append(lines, s)
					}
				}
				if len(lines) > maxGlyphLines {
					lines = append(lines[:maxGlyphLines], "…")
				}
				which := "line"
				if len(lines) > 1 {
					which = "lines"
				}
				msg += fmt.Sprintf("; %d more in this file, on %s %s", len(gs)-i-1, which, strings.Join(lines, ", "))
				diags.Add(g.pos, "%s%s", msg, m.suggestion(g.r))
				break
			}
			diags.Add(g.pos, "%s%s", msg, m.suggestion(g.r))
		}
	}
}

// lacking names the fonts that lack a glyph: "the font A has", "the fonts A and B have".
func lacking(names []string) string {
	if len(names) == 1 {
		return "the font " + names[0] + " has"
	}
	return "the fonts " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " have"
}

// suggestion is what the message about a missing r adds: a font that has it.
func (m *missingGlyphs) suggestion(r rune) string {
	if m.suggest == nil {
		return ""
	}
	if s := m.suggest(r); s != "" {
		return "; " + s
	}
	return ""
}

// coveringFont returns what names a font that has a character: a family of
// the font manifest, or else a free family of its script, as Debian and
// Google Fonts ship it.
func coveringFont(set *fonts.Set) func(rune) string {
	return func(r rune) string {
		if set != nil {
			for _, fam := range set.Families() {
				if f, err := set.Face(fam, style.Regular); err == nil && f.Has(r) {
					return fmt.Sprintf("the family %s of %s has it: name it in the layout's text style", fam, filepath.Base(set.File))
				}
			}
		}
		for _, sf := range scriptFonts {
			if unicode.Is(sf.script, r) {
				return fmt.Sprintf("%s has it (Debian: %s; Google Fonts: %s): add its files to fonts/, name the family in fonts.yaml and in the layout", sf.family, sf.debian, sf.google)
			}
		}
		return "GNU Unifont has nearly every character (Debian: fonts-unifont), Noto fonts most (Debian: fonts-noto-core): add one to fonts/, name it in fonts.yaml and in the layout"
	}
}

// scriptFonts are free fonts that cover a script, for the message.
var scriptFonts = []struct {
	script                 *unicode.RangeTable
	family, debian, google string
}{
	{unicode.Han, "Noto Sans CJK SC", "fonts-noto-cjk", "Noto Sans SC"},
	{unicode.Hiragana, "Noto Sans CJK JP", "fonts-noto-cjk", "Noto Sans JP"},
	{unicode.Katakana, "Noto Sans CJK JP", "fonts-noto-cjk", "Noto Sans JP"},
	{unicode.Hangul, "Noto Sans CJK KR", "fonts-noto-cjk", "Noto Sans KR"},
	{unicode.Arabic, "Noto Naskh Arabic", "fonts-noto-core", "Noto Naskh Arabic"},
	{unicode.Hebrew, "Noto Sans Hebrew", "fonts-noto-core", "Noto Sans Hebrew"},
	{unicode.Devanagari, "Noto Sans Devanagari", "fonts-noto-core", "Noto Sans Devanagari"},
	{unicode.Thai, "Noto Sans Thai", "fonts-noto-core", "Noto Sans Thai"},
	{unicode.Greek, "DejaVu Sans", "fonts-dejavu-core", "Noto Sans"},
	{unicode.Cyrillic, "DejaVu Sans", "fonts-dejavu-core", "Noto Sans"},
	{unicode.Armenian, "Noto Sans Armenian", "fonts-noto-core", "Noto Sans Armenian"},
	{unicode.Georgian, "Noto Sans Georgian", "fonts-noto-core", "Noto Sans Georgian"},
	{unicode.Ethiopic, "Noto Sans Ethiopic", "fonts-noto-core", "Noto Sans Ethiopic"},
	{unicode.Sm, "DejaVu Sans", "fonts-dejavu-core", "Noto Sans Math"},
	{unicode.So, "Noto Sans Symbols 2", "fonts-noto-core", "Noto Sans Symbols 2"},
}
