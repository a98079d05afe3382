package style

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	folio "github.com/folio-pub/folio"
	"github.com/folio-pub/folio/internal/overlay"
)

func TestLoadSampleLayout(t *testing.T) {
	l, err := LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	if l.Page.Width != 210 || l.Page.Height != 297 {
		t.Errorf("page = %v x %v, want A4", l.Page.Width, l.Page.Height)
	}
	if got := l.Colors.Accent.Hex(); got != "#00577d" {
		t.Errorf("accent = %s, want the backgrounder's #00577d (extends must overlay)", got)
	}
	if l.Text.Body.Font.Name != "serif" {
		t.Errorf("body font = %q, want serif from base", l.Text.Body.Font)
	}
	if l.Table.MinSize != 7 {
		t.Errorf("table min-size = %v, want base's 7", l.Table.MinSize)
	}
	if len(l.Files) != 2 {
		t.Errorf("files = %v, want base then backgrounder", l.Files)
	}
}

func TestLayoutErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "extends: base\npage:\n  colour: red\n", "x.yaml:3:3: error: unknown key \"colour\" in page"},
		{"wrong type", "extends: base\ntext:\n  body: {font: serif, size: big}\n", "x.yaml:3:29: error: size: expected a number, got \"big\""},
		{"bad colour", "extends: base\ncolors:\n  accent: blue\n", "x.yaml:3:11: error: accent: invalid colour \"blue\""},
		{"bad align", "extends: base\ntext:\n  body: {font: serif, size: 9, align: middle}\n", "x.yaml:3:39: error: align: unknown alignment"},
		{"cycle", "extends: x\n", "extends itself"},
		{"missing parent", "# a comment\nextends: nothere\n", "x.yaml:2:10: error: layout \"nothere\" not found: not in "},
		{"misspelt key", "extends: base\npage:\n  magrin: {top: 1}\n", "unknown key \"magrin\" in page: did you mean \"margin\"?"},
		{"table min-size not a number", "extends: base\ntable:\n  min-size: small\n", "x.yaml:3:13: error: min-size: expected a number"},
		{"table min-size above the table's size", "extends: base\ntable:\n  min-size: 9.5\n", "table: min-size is the smallest size (pt) a table's text may shrink to, above 0 and no larger than text: table: size (8.8), not 9.5"},
		{"table min-size negative", "extends: base\ntable: {min-size: -2}\n", "no larger than text: table: size (8.8), not -2"},
		// issue 20: every number within its bounds, at its key
		{"signature too large", "extends: base\npages:\n  signature: 1000000\n", "x.yaml:3:14: error: pages: signature is the number of pages the page count is a multiple of: 1, 2, or a multiple of 4 up to 64 (a folded sheet), not 1000000"},
		{"signature negative", "extends: base\npages: {signature: -4}\n", "x.yaml:2:20: error: pages: signature is"},
		{"signature not a folded sheet", "extends: base\npages: {signature: 6}\n", "not 6"},
		{"negative leading", "extends: base\ntext:\n  body: {font: serif, size: 10, leading: -12}\n", "x.yaml:3:42: error: text: body: leading is above 0 to 300 pt, not -12"},
		{"zero leading given", "extends: base\ntext:\n  body: {font: serif, size: 10, leading: 0}\n", "x.yaml:3:42: error: text: body: leading is above 0 to 300 pt, not 0"},
		{"leading taller than half the text block", "extends: base\npage: {size: A5}\ntext:\n  body: {font: serif, size: 10, leading: 250}\n", "x.yaml:4:42: error: text: body: the leading (250 pt) is more than half the text block's height (464.88 pt)"},
		{"negative bleed", "extends: base\npage: {bleed: -3}\n", "x.yaml:2:15: error: page: bleed is from 0 to 25 mm, not -3"},
		{"a page wider than a PDF's", "page: {width: 10000, height: 300}\n", "x.yaml:1:15: error: page: width is from 20 to 5000 mm, not 10000"},
		{"infinite height", "page: {width: 210, height: 1e400}\n", "x.yaml:1:28: error: height: expected a number, got \"1e400\""},
		{"not a number", "extends: base\ntext:\n  body: {font: serif, size: .nan}\n", "x.yaml:3:29: error: size: expected a number, got \".nan\""},
		{"negative margin", "extends: base\npage:\n  margin: {top: -5}\n", "x.yaml:3:17: error: page: margin: top is from 0 to 297 mm, not -5"},
		{"margins wider than the page", "extends: base\npage:\n  margin: {inner: 100, outer: 100}\n", "x.yaml:3:11: error: page: the margins leave no room for text: inner and outer (200 mm) take 90% of the width (210 mm) or more"},
		{"negative indent", "extends: base\nlist: {indent: -6}\n", "x.yaml:2:16: error: list: indent is from 0 to 100 mm, not -6"},
		{"negative space after", "extends: base\ntext:\n  body: {font: serif, size: 10, space-after: -50}\n", "text: body: space-after is from 0 to 300 pt, not -50"},
		{"huge size", "extends: base\ntext:\n  cover-title: {font: sans, size: 1e9}\n", "text: cover-title: size is above 0 to 200 pt, not 1e+09"},
		{"band taller than the page", "extends: base\ncover: {band-height: 400}\n", "cover: band-height is from 0 to 297 mm, not 400"},
		{"contents too deep", "extends: base\ncontents: {depth: 99}\n", "contents: depth is from 0 to 6, not 99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			base, _ := os.ReadFile("../../layouts/base.yaml")
			os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644)
			os.WriteFile(filepath.Join(dir, "x.yaml"), []byte(tt.yaml), 0o644)
			_, err := LoadLayout(layoutsIn(dir), "x")
			if err == nil {
				t.Fatal("no error")
			}
			msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	for _, lang := range []string{"en", "fr", "de"} {
		w, err := LoadWords(overlay.Folder("../../layouts"), lang)
		if err != nil {
			t.Fatal(err)
		}
		if w.Contents == "" || len(w.Months) != 12 {
			t.Errorf("%s: incomplete words", lang)
		}
	}
	w, _ := LoadWords(overlay.Folder("../../layouts"), "fr")
	if got := w.FormatDate("2019-05-01"); got != "1er mai 2019" {
		t.Errorf("fr date = %q", got)
	}
	if got := w.FormatDate("2019-05-02"); got != "2 mai 2019" {
		t.Errorf("fr date = %q", got)
	}
	en, _ := LoadWords(overlay.Folder("../../layouts"), "en")
	if got := en.FormatDate("2019-05-01"); got != "1 May 2019" {
		t.Errorf("en date = %q", got)
	}
	de, _ := LoadWords(overlay.Folder("../../layouts"), "de")
	if got := de.FormatDate("2019-05-01"); got != "1. Mai 2019" {
		t.Errorf("de date = %q", got)
	}
	// a tag with a region falls back to its language's words, and keeps its tag
	for _, tc := range []struct{ tag, contents, csl string }{
		{"fr-CH", "Table des matières", "fr-FR"}, {"en-GB", "Contents", "en-GB"}, {"en-US", "Contents", "en-US"}, {"de-AT", "Inhalt", "de-DE"},
	} {
		w, err := LoadWords(overlay.Folder("../../layouts"), tc.tag)
		if err != nil {
			t.Fatalf("%s: %v", tc.tag, err)
		}
		locales, err := w.Locales()
		if err != nil || len(locales) == 0 {
			t.Fatalf("%s: CSL locales %v, %v", tc.tag, locales, err)
		}
		if w.Lang != tc.tag || w.Contents != tc.contents || locales[0].Lang != tc.csl || w.Typography.Hyphenation.Patterns == "" && tc.tag == "fr-CH" {
			t.Errorf("%s: lang %q, contents %q, CSL %q", tc.tag, w.Lang, w.Contents, locales[0].Lang)
		}
	}
	if _, err := LoadWords(overlay.Folder("../../layouts"), "xx-YY"); err == nil || !strings.Contains(err.Error(), "i18n/xx-YY.yaml") {
		t.Errorf("missing language: err = %v", err)
	}
	if _, err := LoadWords(overlay.Folder("../../layouts"), "xx"); err == nil || !strings.Contains(err.Error(), "i18n/xx.yaml") {
		t.Errorf("missing language: err = %v", err)
	}
}

func TestTypography(t *testing.T) {
	fr, err := LoadWords(overlay.Folder("../../layouts"), "fr")
	if err != nil {
		t.Fatal(err)
	}
	want := Typography{
		Quotes:             Quotes{"«\u202f", "\u202f»"},
		Apostrophe:         '’',
		SpaceBefore:        SpaceBefore{';': NarrowNoBreakSpace, '!': NarrowNoBreakSpace, '?': NarrowNoBreakSpace, '%': NarrowNoBreakSpace},
		SpaceBeforeIfTyped: SpaceBefore{':': NoBreakSpace},
		DashSpace:          NoBreakSpace,
		GuillemetSpace:     NarrowNoBreakSpace,
		TitleSeparator:     " : ",
		ThousandsSeparator: NarrowNoBreakSpace,
		UnitSpace:          NarrowNoBreakSpace,
		Units:              []string{"mm", "cm", "m", "km", "m²", "km²", "ha", "mg", "g", "kg", "t", "ml", "cl", "l", "s", "min", "h", "°C", "Mo", "Go", "€", "$", "£"},
		Ordinals:           []string{"ers", "res", "er", "re", "nds", "ndes", "nd", "nde", "es", "e"},
		Hyphenation:        Hyphenation{Patterns: "hyphenation/fr.dic", MinBefore: 2, MinAfter: 3, Exceptions: []string{}},
	}
	if !reflect.DeepEqual(fr.Typography, want) {
		t.Errorf("fr typography = %+v, want %+v", fr.Typography, want)
	}
	en, err := LoadWords(overlay.Folder("../../layouts"), "en")
	if err != nil {
		t.Fatal(err)
	}
	want = Typography{Quotes: Quotes{"“", "”"}, SingleQuotes: Quotes{"‘", "’"}, Apostrophe: '’', TitleSeparator: ": ", RangeDash: '–',
		Hyphenation: Hyphenation{Patterns: "hyphenation/en-GB.dic", MinBefore: 3, MinAfter: 3, Exceptions: []string{"present", "project", "progress", "record", "refuse"}}}
	if !reflect.DeepEqual(en.Typography, want) {
		t.Errorf("en typography = %+v, want %+v", en.Typography, want)
	}
	for _, w := range []*Words{en, fr} {
		if w.Hyphenator == nil || w.PatternFile == "" {
			t.Errorf("%s: no hyphenator", w.Lang)
		}
	}
}

func TestTypographyErrors(t *testing.T) {
	en, err := os.ReadFile("../../layouts/i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	words, _, _ := strings.Cut(string(en), "\ntypography:")
	words += "\n"
	line := strings.Count(words, "\n") + 1 // the line of "typography:"
	at := func(l, c int) string { return fmt.Sprintf("xx.yaml:%d:%d: error: ", line+l, c) }
	tests := []struct{ name, typography, want string }{
		{"missing", "", `xx.yaml:1:1: error: missing "typography"`},
		{"missing key", "typography:\n  quotes: [a, b]\n", at(0, 1) + `typography: missing "single-quotes"`},
		{"one quote", "typography:\n  quotes: [«]\n", at(1, 11) + "quotes: expected a list of two marks"},
		{"three quotes", "typography:\n  quotes: [a, b, c]\n", at(1, 11) + "quotes: expected a list of two marks"},
		{"not a list", "typography:\n  quotes: «\n", at(1, 11) + "quotes: expected a list of two marks"},
		{"no quotes", "typography:\n  quotes: []\n", at(1, 11) + "quotes: give the opening and the closing mark"},
		{"breaking space", "typography:\n  quotes: [\"« \", \" »\"]\n", at(1, 11) + `quotes: "« ": a space inside quotation marks must not break the line`},
		{"empty mark", "typography:\n  single-quotes: [\"\", x]\n", at(1, 18) + "single-quotes: expected a quotation mark"},
		{"apostrophe", "typography:\n  apostrophe: \"'s\"\n", at(1, 15) + "apostrophe: expected one character"},
		{"unknown key", "typography:\n  quote: [a, b]\n", at(1, 3) + `unknown key "quote" in typography`},
		{"space", "typography:\n  space-inside-guillemets: \" \"\n", at(1, 28) + `space-inside-guillemets: expected "\u00a0" (no-break space) or "\u202f" (narrow no-break space), got " "`},
		{"mark", "typography:\n  space-before: {\"?!\": \"\\u202f\"}\n", at(1, 17) + `space-before: "?!": expected one punctuation mark`},
		{"letter", "typography:\n  space-before: {a: \"\\u202f\"}\n", at(1, 17) + `space-before: "a": expected one punctuation mark`},
		{"mark space", "typography:\n  space-before: {\"?\": x}\n", at(1, 17) + `space-before: "?": expected "\u00a0"`},
		{"both", "typography:\n  space-before: {\":\": \"\\u00a0\"}\n  space-before-if-typed: {\":\": \"\\u00a0\"}\n", at(2, 27) + `space-before-if-typed: ":" is also in space-before`},
		{"empty separator", "typography:\n  title-separator: \"\"\n", at(1, 20) + "title-separator: give the text"},
		{"units alone", "typography:\n  units: [km]\n", at(1, 10) + "units: give the unit-space too"},
		{"unit-space alone", "typography:\n  unit-space: \"\\u202f\"\n", at(1, 3) + "unit-space: give the units it goes before too"},
		{"unit with a digit", "typography:\n  unit-space: \"\\u202f\"\n  units: [km, m2]\n", at(2, 15) + `units: "m2" is not a unit symbol`},
		{"thousands", "typography:\n  thousands-separator: \",\"\n", at(1, 24) + `thousands-separator: expected "\u00a0"`},
		{"range dash", "typography:\n  number-range-dash: \"--\"\n", at(1, 22) + "number-range-dash: expected one character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadWordsText(t, words+tt.typography)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

// layoutsIn is the folder dir laid over the built-in layouts, whose
// profiles/ the base layout names.
func layoutsIn(dir string) *overlay.Dir { return overlay.New(dir, folio.Layouts(), "layouts") }

// iccHeader is the header of an ICC profile of class and colour space, with no tags.
func iccHeader(class, space string) []byte {
	b := make([]byte, 132)
	b[3] = 132
	copy(b[12:], class)
	copy(b[16:], space)
	copy(b[20:], "Lab ")
	copy(b[36:], "acsp")
	return b
}

func TestPrintProfile(t *testing.T) {
	tests := []struct {
		name, yaml string
		profile    []byte
		want       string // an error, or empty
		components int
	}{
		{"CMYK output profile", "print: {condition: FOGRA39, profile: p.icc}\n", iccHeader("prtr", "CMYK"), "", 4},
		{"RGB output profile", "print: {condition: Custom RGB press, profile: p.icc}\n", iccHeader("prtr", "RGB "), "", 3},
		{"display profile", "print: {condition: FOGRA39, profile: p.icc}\n", iccHeader("mntr", "RGB "), `x.yaml:2:38: error: print: profile: p.icc is a "mntr" profile`, 0},
		{"not ICC", "print: {condition: FOGRA39, profile: p.icc}\n", []byte("GIF89a"), "x.yaml:2:38: error: print: profile: p.icc is not an ICC profile", 0},
		{"missing file", "print: {condition: FOGRA39, profile: nothere.icc}\n", nil, "x.yaml:2:38: error: print: profile: cannot read nothere.icc: not in ", 0},
		{"outside the layouts folder", "print: {condition: FOGRA39, profile: ../p.icc}\n", nil, "x.yaml:2:38: error: print: profile: ../p.icc: give a file in the layouts folder", 0},
		{"profile without condition", "print: {profile: p.icc}\n", iccHeader("prtr", "CMYK"), "x.yaml:2:18: error: print: a profile needs the condition", 0},
		{"condition without profile", "print: {condition: FOGRA42}\n", nil, "x.yaml:1:1: error: print: condition \"FOGRA42\" needs its profile", 0},
		{"sRGB drops the base's profile", "print: {condition: sRGB}\n", nil, "", 0},
		{"the built-in FOGRA39", "print: {marks: true}\n", nil, "", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			base, _ := os.ReadFile("../../layouts/base.yaml")
			if tt.components >= 0 {
				// a base that names no condition
				base = []byte(strings.Replace(string(base), "condition: FOGRA39, profile: profiles/FOGRA39.icc, ", "", 1))
			}
			os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644)
			os.WriteFile(filepath.Join(dir, "x.yaml"), []byte("extends: base\n"+tt.yaml), 0o644)
			if tt.profile != nil {
				os.WriteFile(filepath.Join(dir, "p.icc"), tt.profile, 0o644)
			}
			l, err := LoadLayout(layoutsIn(dir), "x")
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if tt.components < 0 {
					if p := l.Print.Profile; p.Components != 4 || l.Print.Condition != "FOGRA39" {
						t.Errorf("built-in condition %q: %d components", l.Print.Condition, p.Components)
					}
					return
				}
				if p := l.Print.Profile; p.Components != tt.components || len(p.Data) != len(tt.profile) {
					t.Errorf("profile: %d components, %d bytes", p.Components, len(p.Data))
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""); !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

// TestProfileDeflated: the built-in profile comes with its zlib stream and
// its description; a profile's .zlib is taken only when it inflates to
// exactly the profile (a series' own FOGRA39.icc laid over the built-in one
// does not get the built-in stream).
func TestProfileDeflated(t *testing.T) {
	builtin, err := os.ReadFile("../../layouts/profiles/FOGRA39.icc")
	if err != nil {
		t.Fatal(err)
	}
	zlibOf := func(b []byte) []byte {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(b)
		zw.Close()
		return z.Bytes()
	}
	own := bytes.Clone(builtin)
	own[len(own)-1] ^= 1 // another profile
	tests := []struct {
		name  string
		files map[string][]byte // in the series' layouts folder
		want  []byte            // Deflated, inflated; nil for none
	}{
		{"built in", nil, builtin},
		{"own profile over the built-in one", map[string][]byte{"profiles/FOGRA39.icc": own}, nil},
		{"own profile and its stream", map[string][]byte{"profiles/FOGRA39.icc": own, "profiles/FOGRA39.icc.zlib": zlibOf(own)}, own},
		{"a stream of more", map[string][]byte{"profiles/FOGRA39.icc": own, "profiles/FOGRA39.icc.zlib": zlibOf(append(bytes.Clone(own), 0))}, nil},
		{"a stream of less", map[string][]byte{"profiles/FOGRA39.icc": own, "profiles/FOGRA39.icc.zlib": zlibOf(own[:len(own)-1])}, nil},
		{"not a stream", map[string][]byte{"profiles/FOGRA39.icc": own, "profiles/FOGRA39.icc.zlib": own}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tt.files {
				os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
				os.WriteFile(filepath.Join(dir, name), data, 0o644)
			}
			l, err := LoadLayout(layoutsIn(dir), "base")
			if err != nil {
				t.Fatal(err)
			}
			p := l.Print.Profile
			if !strings.Contains(p.Desc, "FOGRA39") {
				t.Errorf("description %q", p.Desc)
			}
			if tt.want == nil {
				if p.Deflated != nil {
					t.Error("a stream that is not the profile's is taken")
				}
				return
			}
			r, err := zlib.NewReader(bytes.NewReader(p.Deflated))
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := io.ReadAll(r); !bytes.Equal(got, tt.want) || !bytes.Equal(p.Data, tt.want) {
				t.Error("the stream is not the profile's")
			}
		})
	}
}

// TestPageOutOfRangeOneMessage: a page out of range is one message, not one
// more for each margin or band measured against it.
func TestPageOutOfRangeOneMessage(t *testing.T) {
	dir := t.TempDir()
	base, _ := os.ReadFile("../../layouts/base.yaml")
	os.WriteFile(filepath.Join(dir, "base.yaml"), []byte(strings.Replace(string(base), "size: A4", "width: 210\n  height: 5", 1)), 0o644)
	_, err := LoadLayout(layoutsIn(dir), "base")
	if err == nil {
		t.Fatal("no error")
	}
	msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
	if want := "base.yaml:6:11: error: page: height is from 20 to 5000 mm, not 5"; msg != want {
		t.Errorf("error = %q, want only %q", msg, want)
	}
}

// TestBuiltins: a series' layouts folder is laid over the built-in one file
// by file, and a built-in file is named as such in what was read.
func TestBuiltins(t *testing.T) {
	dir := t.TempDir()
	frWords, _ := os.ReadFile("../../layouts/i18n/fr.yaml")
	os.MkdirAll(filepath.Join(dir, "i18n"), 0o755)
	os.WriteFile(filepath.Join(dir, "custom.yaml"), []byte("extends: base\ncolors: {accent: \"#c0ffee\"}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "i18n", "fr.yaml"), []byte(strings.Replace(string(frWords), "contents: Table des matières", "contents: Sommaire", 1)), 0o644)
	d := overlay.New(dir, folio.Layouts(), "layouts")
	tests := []struct {
		name, layout string
		files        []string
		accent       string
	}{
		{"a built-in layout alone", "backgrounder", []string{"builtin:layouts/base.yaml", "builtin:layouts/backgrounder.yaml"}, "#00577d"},
		{"a local layout extends the built-in base", "custom", []string{"builtin:layouts/base.yaml", filepath.Join(dir, "custom.yaml")}, "#c0ffee"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := LoadLayout(d, tt.layout)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(l.Files, tt.files) {
				t.Errorf("files = %q, want %q", l.Files, tt.files)
			}
			if got := l.Colors.Accent.Hex(); got != tt.accent {
				t.Errorf("accent = %s, want %s", got, tt.accent)
			}
			if l.Text.Body.Font.Name != "serif" || l.Text.Body.Font.Pos.File != "builtin:layouts/base.yaml" || l.Text.Body.Font.Pos.Line == 0 {
				t.Errorf("body font %q at %v, want serif at a line of builtin:layouts/base.yaml", l.Text.Body.Font.Name, l.Text.Body.Font.Pos)
			}
		})
	}
	t.Run("a local words file wins, its patterns built in", func(t *testing.T) {
		fr, err := LoadWords(d, "fr")
		if err != nil {
			t.Fatal(err)
		}
		if fr.Contents != "Sommaire" || fr.File != filepath.Join(dir, "i18n", "fr.yaml") {
			t.Errorf("fr: contents %q from %s, want Sommaire from the local file", fr.Contents, fr.File)
		}
		if fr.PatternFile != "builtin:layouts/i18n/hyphenation/fr.dic" || fr.Hyphenator == nil {
			t.Errorf("fr: patterns %q, want the built-in ones", fr.PatternFile)
		}
		en, err := LoadWords(d, "en")
		if err != nil || en.File != "builtin:layouts/i18n/en.yaml" {
			t.Errorf("en: %v from %q, want the built-in words", err, en.File)
		}
	})
	t.Run("not found", func(t *testing.T) {
		_, err := LoadLayout(d, "brochure")
		want := `layout "brochure" not found: not in ` + filepath.ToSlash(dir) + `/ nor built in (folio layouts lists them)`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
		_, err = LoadWords(d, "xx")
		want = filepath.Join(dir, "i18n", "xx.yaml") + `: error: no words for language "xx": not in`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	})
}

// TestTermbaseRules: the words file's optional termbase key, read strictly.
func TestTermbaseRules(t *testing.T) {
	en, err := os.ReadFile("../../layouts/i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	words, _, _ := strings.Cut(string(en), "\ntermbase:")
	// without its pattern file, which the temporary folder lacks
	words = regexp.MustCompile(`\n  hyphenation:(\n    .*)*`).ReplaceAllString(words, "") + "\n"
	line := strings.Count(words, "\n") + 1 // the line of "termbase:"
	tests := []struct {
		name, termbase string
		want           TermRules
		err            string
	}{
		{"none", "", TermRules{}, ""},
		{"endings", "termbase:\n  plurals: [s, y ies]\n  elision: [l]\n  possessive: [s]\n",
			TermRules{Plurals: []Plural{{"", "s"}, {"y", "ies"}}, Elision: []string{"l"}, Possessive: []string{"s"}}, ""},
		{"three words", "termbase:\n  plurals: [a b c]\n", TermRules{}, fmt.Sprintf("xx.yaml:%d:13: error: ", line+1) + "plurals: expected a plural ending"},
		{"unknown key", "termbase:\n  plural: [s]\n", TermRules{}, fmt.Sprintf("xx.yaml:%d:3: error: ", line+1) + `unknown key "plural"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := loadWordsText(t, words+tt.termbase)
			if tt.err != "" {
				msg := ""
				if err != nil {
					msg = err.Error()
				}
				if !strings.Contains(msg, tt.err) {
					t.Errorf("error = %q, want it to contain %q", msg, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(w.Termbase, tt.want) {
				t.Errorf("termbase %+v, want %+v", w.Termbase, tt.want)
			}
		})
	}
}

// loadWordsText loads text as the words file of language xx, from a
// temporary folder; the error's paths are relative to its i18n folder.
func loadWordsText(t *testing.T, text string) (*Words, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "i18n", "xx.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := LoadWords(overlay.Folder(dir), "xx")
	if err != nil {
		return w, errors.New(strings.ReplaceAll(err.Error(), filepath.Join(dir, "i18n")+string(filepath.Separator), ""))
	}
	return w, nil
}

// TestPullQuoteOptional: a layout written before pull quotes (no text:
// pullquote) still loads, and sets them in the body's font, italic, larger.
func TestPullQuoteOptional(t *testing.T) {
	base, err := os.ReadFile("../../layouts/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	old := regexp.MustCompile(`(?m)^  pullquote: .*\n`).ReplaceAll(base, nil)
	if len(old) == len(base) {
		t.Fatal("base.yaml has no pullquote style")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old.yaml"), old, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := LoadLayout(layoutsIn(dir), "old")
	if err != nil {
		t.Fatal(err)
	}
	pq, body := l.Text.PullQuote, l.Text.Body
	if pq.Font != body.Font || pq.Style != Italic || pq.Size <= body.Size || l.Block(BlockPullQuote).Text != &l.Text.PullQuote {
		t.Errorf("pull quote %+v, body %+v", pq, body)
	}
}

// TestTermRulesOfOldCopies: a local words file copied before the termbase
// key existed keeps the built-in rules of its language; one that gives the
// key keeps its own; a language with no built-in file has none.
func TestTermRulesOfOldCopies(t *testing.T) {
	t.Parallel()
	builtin, err := LoadWords(overlay.New("", folio.Layouts(), "layouts"), "fr")
	if err != nil {
		t.Fatal(err)
	}
	frWords, err := os.ReadFile("../../layouts/i18n/fr.yaml")
	if err != nil {
		t.Fatal(err)
	}
	old, _, _ := strings.Cut(string(frWords), "\ntermbase:")
	old = regexp.MustCompile(`\n  hyphenation:(\n    .*)*`).ReplaceAllString(old, "") + "\n"
	tests := []struct {
		name, lang, text string
		want             TermRules
	}{
		{"a French copy without the key", "fr", old, builtin.Termbase},
		{"a French copy with its own", "fr", old + "termbase:\n  plurals: [s]\n", TermRules{Plurals: []Plural{{Plural: "s"}}}},
		{"a language folio has no words for", "xx", old, TermRules{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "i18n"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "i18n", tc.lang+".yaml"), []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			w, err := LoadWords(overlay.New(dir, folio.Layouts(), "layouts"), tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(w.Termbase, tc.want) {
				t.Errorf("termbase %+v, want %+v", w.Termbase, tc.want)
			}
		})
	}
}

// TestHyphenationWords: the words file's hyphenation minima and exceptions:
// min-word (6 when absent), exceptions used, a bad exception reported at
// its place in the list.
func TestHyphenationWords(t *testing.T) {
	en, err := os.ReadFile("../../layouts/i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dic, err := os.ReadFile("../../layouts/i18n/hyphenation/en-GB.dic")
	if err != nil {
		t.Fatal(err)
	}
	words := regexp.MustCompile(`\n    exceptions: .*`).ReplaceAllString(string(en), "")
	hy := strings.Index(words, "\n    min-after: 3") + len("\n    min-after: 3")
	line := strings.Count(words[:hy], "\n") + 2 // the line after min-after
	tests := []struct {
		name, extra string
		word, want  string // a word and its breaks
		err         string
	}{
		{"defaults", "", "organisations", "organ-isa-tions", ""},
		{"no break in a short word", "\n    min-word: 14", "organisations", "organisations", ""},
		{"exceptions", "\n    exceptions: [or-gan-isa-tions, Geneva]", "organisations", "or-gan-isa-tions", ""},
		{"a bad exception", "\n    exceptions: [folio, ab-]", "", "", fmt.Sprintf("xx.yaml:%d:25: error: hyphenation: exceptions: exception \"ab-\"", line)},
		{"min-word below 0", "\n    min-word: -1", "", "", "min-word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "i18n", "hyphenation"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "i18n", "hyphenation", "en-GB.dic"), dic, 0o644); err != nil {
				t.Fatal(err)
			}
			text := words[:hy] + tt.extra + words[hy:]
			if err := os.WriteFile(filepath.Join(dir, "i18n", "xx.yaml"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			w, err := LoadWords(overlay.Folder(dir), "xx")
			if tt.err != "" {
				if err == nil || !strings.Contains(strings.ReplaceAll(err.Error(), filepath.Join(dir, "i18n")+string(filepath.Separator), ""), tt.err) {
					t.Errorf("error = %v, want it to contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			last := 0
			for _, p := range w.Hyphenator.Points(tt.word) {
				b.WriteString(tt.word[last:p] + "-")
				last = p
			}
			b.WriteString(tt.word[last:])
			if b.String() != tt.want {
				t.Errorf("%s = %s, want %s", tt.word, b.String(), tt.want)
			}
		})
	}
}
