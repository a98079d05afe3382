package typeset

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
)

// TestMissingGlyphsReport: each place of a missing character once, whatever
// the faces; a place known only by its file left out where the file places
// the character; beyond maxGlyphReports places in a file, one message counts the rest.
func TestMissingGlyphsReport(t *testing.T) {
	t.Parallel()
	at := func(line, col int) diag.Pos { return diag.Pos{File: "a.md", Line: line, Col: col} }
	type found struct {
		pos  diag.Pos
		r    rune
		face string
	}
	tests := []struct {
		name  string
		found []found
		want  []string
	}{
		{"one", []found{{at(3, 7), '和', "Serif"}},
			[]string{`a.md:3:7: error: the font Serif has no glyph for "和" (U+548C); choose another font in the layout or change the text`}},
		{"set twice in two faces", []found{{at(3, 7), '和', "Serif"}, {at(3, 7), '和', "Sans"}, {at(3, 7), '和', "Serif"}},
			[]string{`a.md:3:7: error: the fonts Sans and Serif have no glyph for "和"`}},
		{"the contents repeat a heading", []found{{diag.Pos{File: "a.md"}, '和', "Serif"}, {at(1, 3), '和', "Sans"}, {diag.Pos{File: "b.yaml"}, '和', "Serif"}},
			[]string{`a.md:1:3: error: the font Sans has`, `b.yaml: error: the font Serif has`}},
		{"four places, each", []found{{at(9, 1), '和', "S"}, {at(2, 1), '和', "S"}, {at(2, 5), '和', "S"}, {at(4, 1), '和', "S"}},
			[]string{"a.md:2:1: error", "a.md:2:5: error", "a.md:4:1: error", "a.md:9:1: error: the font S has no glyph for \"和\" (U+548C); choose another font in the layout or change the text"}},
		{"many places, counted", []found{{at(1, 1), '和', "S"}, {at(2, 1), '和', "S"}, {at(3, 1), '和', "S"}, {at(4, 1), '和', "S"},
			{at(5, 1), '和', "S"}, {at(5, 9), '和', "S"}, {at(7, 1), '平', "S"}},
			[]string{"a.md:1:1:", "a.md:2:1:", "a.md:3:1:", `a.md:4:1: error: the font S has no glyph for "和" (U+548C); choose another font in the layout or change the text; 2 more in this file, on line 5`,
				`a.md:7:1: error: the font S has no glyph for "平"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m missingGlyphs
			for _, f := range tt.found {
				m.add(f.pos, f.r, f.face)
			}
			var diags diag.List
			m.report(&diags)
			items := diags.Items()
			if len(items) != len(tt.want) {
				t.Fatalf("%d messages, want %d:\n%s", len(items), len(tt.want), diags.Error())
			}
			for i, d := range items {
				if !strings.HasPrefix(d.Error(), tt.want[i]) {
					t.Errorf("message %d: %s\nwant it to start with %s", i, d.Error(), tt.want[i])
				}
			}
		})
	}
}

// TestCoveringFont: the message about a missing character names a font
// that has it: a family of the manifest, else a free font of its script.
func TestCoveringFont(t *testing.T) {
	t.Parallel()
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		r    rune
		want string
	}{
		{'Ж', "the family mono of fonts.yaml has it"},
		{'和', "Noto Sans CJK SC has it (Debian: fonts-noto-cjk; Google Fonts: Noto Sans SC)"},
		{'ა', "Noto Sans Georgian has it"},
		{'ⴰ', "GNU Unifont has nearly every character"},
	}
	suggest := coveringFont(set)
	for _, tc := range tests {
		if got := suggest(tc.r); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%q: %s\nwant %s…", tc.r, got, tc.want)
		}
	}
	var m missingGlyphs
	m.suggest = suggest
	m.add(diag.Pos{File: "a.md", Line: 1, Col: 1}, '和', "Serif")
	var diags diag.List
	m.report(&diags)
	if want := `choose another font in the layout or change the text; Noto Sans CJK SC has it`; !strings.Contains(diags.Error(), want) {
		t.Errorf("%s\nlacks %s", diags.Error(), want)
	}
}

// TestNonBreakingHyphen sets U+2011 (the French locale's page ranges,
// "104‑6") in a font that lacks it, Liberation Serif: a hyphen is drawn,
// with no missing-glyph error.
func TestNonBreakingHyphen(t *testing.T) {
	t.Parallel()
	ts, diags := setter(t, "fr")
	body := ts.st(&ts.l.Text.Body)
	if body.face(false, false).Has('\u2011') {
		t.Skip("the body font has U+2011: nothing to substitute")
	}
	in := []doc.Inline{&doc.Text{Text: "pages 104\u20116 et 455\u201178"}}
	lines := ts.lines(in, body, 400, nil)
	if got := strings.Join(texts(lines), " / "); got != "pages 104-6 et 455-78" {
		t.Errorf("set %q, want hyphens drawn", got)
	}
	if diags.HasErrors() {
		t.Errorf("a missing glyph reported: %s", diags.Error())
	}
}
