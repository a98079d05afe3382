package source

import (
	"bytes"
	"fmt"
	"image"
	imgpng "image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/markdown"
)

func TestReadSample(t *testing.T) {
	var diags diag.List
	pub := NewReader("../../source").Read("civil-society", nil, &diags)
	if len(diags.Items()) != 0 {
		t.Fatalf("the sample has problems:\n%s", diags.Error())
	}
	if len(pub.Editions) != 2 || pub.Editions[0].Lang != "en" || pub.Editions[1].Lang != "fr" {
		t.Fatalf("editions: %v", pub.Editions)
	}
	en, fr := pub.Editions[0], pub.Editions[1]
	if len(en.Sections) != len(fr.Sections) {
		t.Errorf("%d English sections, %d French", len(en.Sections), len(fr.Sections))
	}
	for i := range en.Sections {
		if en.Sections[i].Role == "about" {
			continue // its title has no explicit id: each language slugs its own
		}
		if en.Sections[i].Number != fr.Sections[i].Number || en.Sections[i].ID != fr.Sections[i].ID {
			t.Errorf("section %d: en %d/%s, fr %d/%s", i, en.Sections[i].Number, en.Sections[i].ID, fr.Sections[i].Number, fr.Sections[i].ID)
		}
	}
	if en.Sections[0].Role != "about" {
		t.Errorf("first section role %q, want about", en.Sections[0].Role)
	}
	if len(en.Notes) < 5 || en.Notes[0].Number != 1 || en.Notes[0].ID != "fn1" {
		t.Errorf("notes: %d", len(en.Notes))
	}
	if a := pub.Accessibility; a == nil || strings.Join(a.Hazards, " ") != "none" || a.ConformsTo != "" || a.CertifiedBy != "" {
		t.Errorf("accessibility %+v, want hazards none and no claim", a)
	}
	if !strings.HasPrefix(en.Identifier, "urn:uuid:") || en.Identifier == fr.Identifier {
		t.Errorf("identifiers %q %q", en.Identifier, fr.Identifier)
	}
	if fr.Series != "Document d'information sur la RSS" || en.Series != "" || pub.Series != "SSR Backgrounder" {
		t.Errorf("series %q / %q", en.Series, fr.Series)
	}
	// the derived identifier is stable
	if derivedIdentifier("civil-society", "en") != en.Identifier {
		t.Error("identifier not stable")
	}
}

// tree writes files (path → content) under a temp source folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, c := range files {
		f := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(f), 0o755)
		if err := os.WriteFile(f, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// exactTests are mistakes that get one message, at the mistake, and no other.
var exactTests = []struct {
	name    string
	changes map[string]string
	want    string
}{
	{"wrong type is not also missing", map[string]string{"p/publication.yaml": "layout: [a, b]\nlanguages: [en, fr]\n"},
		"p/publication.yaml:1:9: error: layout: expected text, got a list"},
	{"invalid UTF-8 at its line", map[string]string{"p/en/01-a.md": "# A {#a}\n\nTwo\nca\xe9f\xe9\n"},
		"p/en/01-a.md:4:3: error: the file is not UTF-8 text here: save it as UTF-8"},
	{"duplicate number, no link cascade", map[string]string{
		"p/en/01-b.md": "# B {#b}\n", "p/en/02-c.md": "# C {#c}\n\nSee [a](#a) and [b](#b).\n", "p/fr/02-c.md": "# C {#c}\n"},
		"p/en/01-b.md: error: section number 1 is also used by 01-a.md"},
	// the missing section is reported by the translation checks (parity)
	{"a translation lacks a section, no link cascade", map[string]string{
		"p/en/02-b.md": "# B {#b}\n", "p/fr/01-a.md": "# A {#a}\n\nVoir [b](#b).\n"}, ""},
	{"a translation lacks a section it accepts: its links are errors", map[string]string{
		"p/en/02-b.md": "# B {#b}\n", "p/fr/01-a.md": "# A {#a}\n\nVoir [b](#b).\n",
		"p/fr/edition.yaml": "title: T\naccept:\n  - code: parity/missing-section\n    section: 2\n"},
		"p/fr/01-a.md:3:6: error: link to #b: no heading, box or figure has that id in this edition"},
}

func TestReadErrors(t *testing.T) {
	good := map[string]string{
		"p/publication.yaml": "layout: backgrounder\nlanguages: [en, fr]\ndate: 2019-05-01\n",
		"p/en/edition.yaml":  "title: T\n",
		"p/en/01-a.md":       "# A {#a}\n\nText.\n",
		"p/fr/edition.yaml":  "title: T\n",
		"p/fr/01-a.md":       "# A {#a}\n\nTexte.\n",
	}
	tests := []struct {
		name    string
		changes map[string]string
		want    string
	}{
		{"no layout", map[string]string{"p/publication.yaml": "languages: [en]\n"}, `p/publication.yaml:1:1: error: missing required key "layout"`},
		{"bad language", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en, French]\n"}, `p/publication.yaml:2:17: error: language "French" is not a BCP 47 tag`},
		{"bad date", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\ndate: 1/5/2019\n"}, `p/publication.yaml:3:7: error: date "1/5/2019": write it YYYY-MM-DD`},
		{"url not an address", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\nurl: example.org/series\n"}, `p/publication.yaml:3:6: error: url "example.org/series": give the address the output folder is published at, https://host/path/`},
		{"wrong type", map[string]string{"p/publication.yaml": "layout: x\nlanguages: en\n"}, `p/publication.yaml:2:12: error: languages: expected a list, got "en"`},
		{"invalid yaml", map[string]string{"p/en/edition.yaml": "title: [unclosed\n"}, `p/en/edition.yaml:`},
		{"missing language folder", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en, de]\n"}, `p/publication.yaml:2:12: error: language de is listed but`},
		{"duplicate number", map[string]string{"p/en/01-b.md": "# B\n"}, `section number 1 is also used by`},
		{"bad file name", map[string]string{"p/en/intro.md": "# B\n"}, `p/en/intro.md: error: section file name must be NN-slug.md`},
		{"unknown front matter key", map[string]string{"p/en/01-a.md": "---\nrole: about\nauthor: me\n---\n# A {#a}\n"}, `p/en/01-a.md:3:1: error: unknown key "author"`},
		{"unknown role", map[string]string{"p/en/01-a.md": "---\nrole: prologue\n---\n# A {#a}\n"}, `p/en/01-a.md:2:7: error: unknown role "prologue"`},
		{"no title", map[string]string{"p/en/01-a.md": "Just text.\n"}, `p/en/01-a.md:1:1: error: the section has no title`},
		{"title from a ## heading", map[string]string{"p/en/01-a.md": "Intro.\n\n## A {#a}\n\nText.\n"}, `p/en/01-a.md:3:1: warning: the section has no # heading: its first heading, "A", is taken as its title`},
		{"duplicate id", map[string]string{"p/en/02-b.md": "# B {#a}\n"}, `p/en/02-b.md:1:1: error: id "a" is already used at`},
		{"unknown hazard", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\naccessibility:\n  hazards: [none, flashes]\n"}, `p/publication.yaml:4:19: error: accessibility: unknown hazard "flashes"`},
		{"no hazards", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\naccessibility: {}\n"}, `p/publication.yaml:3:1: error: accessibility: give the hazards`},
		{"claim without certifier", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\naccessibility:\n  hazards: [none]\n  conforms-to: EPUB Accessibility 1.1 - WCAG 2.1 Level AA\n"}, `p/publication.yaml:3:1: error: accessibility: a conformance claim needs certified-by`},
		{"malformed claim", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\naccessibility:\n  hazards: [none]\n  conforms-to: WCAG AA\n  certified-by: Me\n"}, `p/publication.yaml:5:16: error: accessibility: conforms-to "WCAG AA": write it as EPUB Accessibility 1.1 requires`},
		{"unknown accessibility key", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\naccessibility:\n  hazards: [none]\n  wcag: AA\n"}, `p/publication.yaml:5:3: error: unknown key "wcag" in accessibility`},
		{"cover outside the folder", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\ncover: ../c.png\n"}, `p/publication.yaml:3:8: error: cover path ../c.png leaves the publication folder`},
		{"cover missing", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\ncover: images/c.png\n"}, `p/publication.yaml:3:8: error: cover images/c.png not found`},
		{"cover not an image", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\ncover: c.png\n", "p/c.png": "text"}, `p/publication.yaml:3:8: error: cover c.png: not a PNG, JPEG or GIF image`},
		{"bibliography missing", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\nbibliography: refs.json\n"}, `p/publication.yaml:3:15: error: bibliography refs.json:`},
		{"bibliography of another format", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\nbibliography: refs.ris\n", "p/refs.ris": "TY  - BOOK\n"}, `p/publication.yaml:3:15: error: bibliography refs.ris: give a CSL-JSON file (.json) or a BibTeX or BibLaTeX file (.bib)`},
		{"bad CSL-JSON", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\nbibliography: refs.json\n", "p/refs.json": "[\n  {\"id\": \"a\",\n   \"title\": }\n]\n"}, `p/refs.json:3:14: error: bibliography: not CSL-JSON`},
		{"bad BibTeX", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\nbibliography: refs.bib\n", "p/refs.bib": "@book{a,\n  title = {T,\n}\n"}, `p/refs.bib:4:1: error: bibliography: the file ends inside an entry`},
		{"entry given twice", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\nbibliography: [a.json, b.bib]\n", "p/a.json": "[{\"id\": \"k\"}]", "p/b.bib": "\n@book{k, title={T}}\n"}, `p/b.bib:2:1: error: bibliography: entry "k" is given twice (first at `},
		{"unknown citation key", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\nbibliography: refs.json\n", "p/refs.json": "[{\"id\": \"grant2019\", \"type\": \"book\"}]", "p/en/01-a.md": "# A {#a}\n\nAs [@grant2091, p. 3] shows.\n"}, `p/en/01-a.md:3:5: error: citation @grant2091: no entry "grant2091" in the bibliography (did you mean @grant2019?)`},
		{"citation without a bibliography", map[string]string{"p/en/01-a.md": "# A {#a}\n\nAs @smith2020 shows.\n"}, `p/en/01-a.md:3:4: warning: citation @smith2020: publication.yaml names no bibliography, so it is set as typed`},
		{"author of unknown key", map[string]string{"p/publication.yaml": "layout: x\nlanguages: [en]\nauthors: [{name: A, role: x}]\n"}, `p/publication.yaml:3:10: error: authors: unknown key "role" (name, affiliation)`},
		{"position after front matter", map[string]string{"p/en/01-a.md": "---\nrole: about\n---\n# A {#a}\n\nSee [x](#nowhere).\n"}, `p/en/01-a.md:6:5: error: link to #nowhere`},
	}
	for _, tt := range append(tests, exactTests...) {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range good {
				files[k] = v
			}
			for k, v := range tt.changes {
				files[k] = v
			}
			root := tree(t, files)
			var diags diag.List
			NewReader(root).Read("p", nil, &diags)
			got := strings.ReplaceAll(diags.Error(), root+string(filepath.Separator), "")
			exact := false
			for _, e := range exactTests {
				exact = exact || e.name == tt.name
			}
			if exact && got != tt.want || !strings.Contains(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestFrontMatterKeepsLines(t *testing.T) {
	body, fm := splitFrontMatter([]byte("---\nrole: about\n---\n# Title\n"))
	if string(fm) != "role: about\n" {
		t.Errorf("front matter %q", fm)
	}
	var diags diag.List
	sec := markdown.NewParser().Parse("x.md", body, t.TempDir(), &diags)
	if got := sec.Blocks[0].Position().Line; got != 4 {
		t.Errorf("heading at line %d, want 4", got)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Qu’est-ce que la société civile ?": "qu-est-ce-que-la-societe-civile",
		"What is civil society?":            "what-is-civil-society",
		"  Box 1: SSG  ":                    "box-1-ssg",
		"2019 reforms, 2nd round":           "reforms-2nd-round",
		"1994":                              "",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// The original is the first language of publication.yaml, whatever the order
// --lang gives. (Sections without a counterpart are package parity's to report.)
func TestOriginalIsFirstLanguage(t *testing.T) {
	root := tree(t, map[string]string{
		"p/publication.yaml": "layout: backgrounder\nlanguages: [en, fr]\n",
		"p/en/edition.yaml":  "title: T\n",
		"p/en/01-a.md":       "# A {#a}\n",
		"p/fr/edition.yaml":  "title: T\n",
		"p/fr/01-a.md":       "# A {#a}\n",
		"p/fr/02-b.md":       "# B {#b}\n",
	})
	for _, langs := range [][]string{nil, {"en", "fr"}, {"fr", "en"}} {
		var diags diag.List
		pub := NewReader(root).Read("p", langs, &diags)
		if got := pub.Editions[0].Lang; got != "en" {
			t.Errorf("--lang %v: first edition %s, want en", langs, got)
		}
		if len(diags.Items()) != 0 {
			t.Errorf("--lang %v: diagnostics\n%s", langs, diags.Error())
		}
	}
	var diags diag.List
	NewReader(root).Read("p", []string{"fr"}, &diags)
	if len(diags.Items()) != 0 {
		t.Errorf("--lang fr alone: %s", diags.Error())
	}
}

// TestAllowMissing: with AllowMissing a translation gets the original's
// sections it lacks, marked with the original's language, in their place,
// with their notes numbered in reading order; without it, it does not.
func TestAllowMissing(t *testing.T) {
	root := tree(t, map[string]string{
		"p/publication.yaml": "layout: backgrounder\nlanguages: [en, fr]\n",
		"p/en/edition.yaml":  "title: T\n",
		"p/en/01-a.md":       "# A {#a}\n\nOne.[^1]\n\n[^1]: Note A.\n",
		"p/en/02-b.md":       "# B {#b}\n\nTwo.[^1]\n\n[^1]: Note B.\n",
		"p/en/03-c.md":       "# C {#c}\n\nThree.[^1]\n\n[^1]: Note C.\n",
		"p/fr/edition.yaml":  "title: T\n",
		"p/fr/01-a.md":       "# A {#a}\n\nUn.[^1]\n\n[^1]: Note A.\n",
		"p/fr/03-c.md":       "# C {#c}\n\nTrois.[^1]\n\n[^1]: Note C.\n",
	})
	for _, langs := range [][]string{nil, {"fr"}} {
		var diags diag.List
		r := NewReader(root)
		r.AllowMissing = true
		pub := r.Read("p", langs, &diags)
		if len(diags.Items()) != 0 {
			t.Fatal(diags.Error())
		}
		fr := pub.Editions[len(pub.Editions)-1]
		var got []string
		for _, s := range fr.Sections {
			got = append(got, fmt.Sprintf("%02d:%s:%s", s.Number, s.Lang, filepath.Base(filepath.Dir(s.File))))
		}
		if want := "01::fr 02:en:en 03::fr"; strings.Join(got, " ") != want {
			t.Errorf("--lang %v: sections %v, want %s", langs, got, want)
		}
		var notes []string
		for _, n := range fr.Notes {
			notes = append(notes, fmt.Sprintf("%d:%02d", n.Number, n.Section.Number))
		}
		if want := "1:01 2:02 3:03"; strings.Join(notes, " ") != want {
			t.Errorf("--lang %v: notes %v, want %s", langs, notes, want)
		}
		if len(pub.Editions) == 2 && pub.Editions[0].Sections[1].Lang != "" {
			t.Error("the original's own sections are marked")
		}
	}
	var diags diag.List
	pub := NewReader(root).Read("p", nil, &diags)
	if n := len(pub.Editions[1].Sections); n != 2 {
		t.Errorf("without AllowMissing the translation has %d sections, want 2", n)
	}
}

// TestEditionFieldsAndAccept: the keys edition.yaml gives, where, and its accept list.
func TestEditionFieldsAndAccept(t *testing.T) {
	root := tree(t, map[string]string{
		"p/publication.yaml": "layout: backgrounder\nlanguages: [en]\n",
		"p/en/edition.yaml":  "title: T\nsubtitle: S\naccept:\n  - code: parity/numbers\n    section: 0\n    subject: \"1994\"\n  - {code: terms/missing, line: 7}\n  - {section: x}\n",
		"p/en/01-a.md":       "# A\n",
	})
	var diags diag.List
	pub := NewReader(root).Read("p", nil, &diags)
	got := strings.ReplaceAll(diags.Error(), root+string(filepath.Separator), "")
	want := "p/en/edition.yaml:8:5: error: accept: give the code of the finding to accept (e.g. terms/missing)\n" +
		"p/en/edition.yaml:8:15: error: section: expected a section number (the NN of NN-slug.md)"
	if got != want {
		t.Errorf("diagnostics\n%s\nwant\n%s", got, want)
	}
	ed := pub.Editions[0]
	if p := ed.Fields["subtitle"]; p.Line != 2 || p.Col != 1 || len(ed.Fields) != 3 {
		t.Errorf("fields %v", ed.Fields)
	}
	a := ed.Accept
	if len(a) != 3 || a[0].Code != "parity/numbers" || a[0].Section == nil || *a[0].Section != 0 || a[0].Subject != "1994" || a[0].Pos.Line != 4 ||
		a[1].Code != "terms/missing" || a[1].Section != nil || a[1].Line != 7 {
		t.Errorf("accept %+v", a)
	}
}

// TestPerLanguageMetadata reads publisher, rights and authors (with
// affiliations) from publication.yaml and from an edition.yaml that gives
// its own.
func TestPerLanguageMetadata(t *testing.T) {
	root := tree(t, map[string]string{
		"p/publication.yaml": "layout: backgrounder\nlanguages: [en, fr]\npublisher: Centre\nrights: CC BY 4.0\nauthors: [A. Author, {name: B. Author, affiliation: University of X}]\n",
		"p/en/edition.yaml":  "title: T\n",
		"p/en/01-a.md":       "# A\n",
		"p/fr/edition.yaml":  "title: T\npublisher: Centre (fr)\nrights: CC BY 4.0 (licence)\nauthors: [{name: B. Auteur, affiliation: Université de X}]\n",
		"p/fr/01-a.md":       "# A\n",
	})
	var diags diag.List
	pub := NewReader(root).Read("p", nil, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if want := []doc.Author{{Name: "A. Author"}, {Name: "B. Author", Affiliation: "University of X"}}; !reflect.DeepEqual(pub.Authors, want) {
		t.Errorf("publication authors %+v", pub.Authors)
	}
	en, fr := pub.Editions[0], pub.Editions[1]
	if en.Publisher != "" || en.Rights != "" || en.Authors != nil {
		t.Errorf("en gives none: %q %q %v", en.Publisher, en.Rights, en.Authors)
	}
	if fr.Publisher != "Centre (fr)" || fr.Rights != "CC BY 4.0 (licence)" || !reflect.DeepEqual(fr.Authors, []doc.Author{{Name: "B. Auteur", Affiliation: "Université de X"}}) {
		t.Errorf("fr: %q %q %+v", fr.Publisher, fr.Rights, fr.Authors)
	}
}

func TestCover(t *testing.T) {
	var png bytes.Buffer
	if err := imgpng.Encode(&png, image.NewGray(image.Rect(0, 0, 40, 56))); err != nil {
		t.Fatal(err)
	}
	root := tree(t, map[string]string{
		"p/publication.yaml": "layout: x\nlanguages: [en]\ncover: images/cover.png\n",
		"p/images/cover.png": png.String(),
		"p/en/edition.yaml":  "title: T\n",
		"p/en/01-a.md":       "# A\n",
	})
	var diags diag.List
	pub := NewReader(root).Read("p", nil, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if c := pub.Cover; c == nil || c.Src != "images/cover.png" || c.Format != "png" || c.Width != 40 || c.Height != 56 {
		t.Errorf("cover %+v", c)
	}
	// a damaged cover (its data cut short) is an error at the key, like a damaged figure
	damaged := tree(t, map[string]string{
		"p/publication.yaml": "layout: x\nlanguages: [en]\ncover: cover.png\n",
		"p/cover.png":        png.String()[:png.Len()-20],
		"p/en/edition.yaml":  "title: T\n",
		"p/en/01-a.md":       "# A\n",
	})
	diags = diag.List{}
	if pub := NewReader(damaged).Read("p", nil, &diags); pub.Cover != nil || !strings.Contains(diags.Error(), "publication.yaml:3:8: error: cover cover.png: the png file is damaged") {
		t.Errorf("damaged cover: %+v, %q", pub.Cover, diags.Error())
	}
}

// TestHyphenationExceptions: edition.yaml's hyphenation list, each word with
// where it is given (the typesetter reports a word it cannot use there).
func TestHyphenationExceptions(t *testing.T) {
	root := tree(t, map[string]string{
		"p/publication.yaml": "layout: backgrounder\nlanguages: [en]\n",
		"p/en/edition.yaml":  "title: T\nhyphenation:\n  - or-gan-isa-tion\n  - folio\n",
		"p/en/01-a.md":       "# A\n",
	})
	var diags diag.List
	pub := NewReader(root).Read("p", nil, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	h := pub.Editions[0].Hyphenation
	if len(h) != 2 || h[0].Word != "or-gan-isa-tion" || h[0].Pos.Line != 3 || h[1].Word != "folio" || h[1].Pos.Line != 4 {
		t.Errorf("hyphenation %+v", h)
	}
}

// TestKeepSections: a reader that keeps the sections it parsed reads what
// a new reader reads, edit after edit, whatever was done to what it gave
// before (the stages after it rename and rewrite the text): a section
// edited, the image a figure shows replaced, a section edited back to its
// earlier bytes, a section with a warning (said at every read).
func TestKeepSections(t *testing.T) {
	t.Parallel()
	pngOf := func(w, h int) string {
		var b bytes.Buffer
		if err := imgpng.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	const a = "# A\n\nText with a note.[^1]\n\n![A figure](images/f.png)\n\n[^1]: The note.\n"
	root := tree(t, map[string]string{
		"p/publication.yaml": "layout: x\nlanguages: [en]\n",
		"p/images/f.png":     pngOf(40, 25),
		"p/en/edition.yaml":  "title: T\n",
		"p/en/01-a.md":       a,
		"p/en/02-b.md":       "# B\n\nMore text.\n",
	})
	write := func(rel, data string) func() {
		return func() {
			if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	keeping := NewReader(root)
	keeping.KeepSections()
	var last *doc.Publication
	for _, step := range []struct {
		name string
		edit func()
	}{
		{"as written", func() {}},
		{"read again", func() {}},
		{"a section edited", write("p/en/01-a.md", strings.Replace(a, "Text", "Other text", 1))},
		{"the image replaced", write("p/images/f.png", pngOf(80, 50))},
		{"the section as it was", write("p/en/01-a.md", a)},
		{"a section with a warning", write("p/en/02-b.md", "## B\n\nMore text.\n")},
		{"read again, with its warning", func() {}},
	} {
		if last != nil {
			// what a build does to the text it was given
			doc.Walk(last.Editions[0], func(b doc.Block) {
				if h, ok := b.(*doc.Heading); ok {
					h.ID = "renamed"
				}
				for _, run := range doc.Runs(b) {
					doc.WalkInlineTree(run, func(in doc.Inline) {
						if x, ok := in.(*doc.Text); ok {
							x.Text = "rewritten"
						}
					})
				}
			})
			last.Editions[0].Notes[0].Number = 9
		}
		step.edit()
		var got, want diag.List
		last = keeping.Read("p", nil, &got)
		fresh := NewReader(root).Read("p", nil, &want)
		if !reflect.DeepEqual(last, fresh) {
			t.Errorf("%s: the keeping reader read another publication", step.name)
		}
		if got.Error() != want.Error() || got.HasErrors() {
			t.Errorf("%s: the keeping reader says %q, a new one %q", step.name, got.Error(), want.Error())
		}
	}
	if !strings.Contains(last.Editions[0].Sections[1].Title, "B") || len(keeping.kept.files) != 1 {
		t.Errorf("kept %d sections, want 1 (not the one with a warning)", len(keeping.kept.files))
	}
}
