package csl

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// loadStyle reads a shipped style and the locales for lang (then en-US).
func loadStyle(t *testing.T, name, lang string) (*Style, []*Locale) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "layouts", "csl", name+".csl"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseStyle(data)
	if err != nil {
		t.Fatal(err)
	}
	var files []*Locale
	for _, l := range []string{lang, "en-US"} {
		d, err := os.ReadFile(filepath.Join("..", "..", "layouts", "csl", "locales-"+l+".xml"))
		if err != nil {
			t.Fatal(err)
		}
		loc, err := ParseLocale(d)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, loc)
	}
	return s, files
}

// TestShippedStyles formats a Zotero-like library (testdata/zotero.json)
// with each shipped style, the French versions in French and the others
// in English (the 17th editions' in French too): every citation form
// (with a locator, a second citation, ibid, a prefix and several items,
// author suppressed, author only) and the bibliography, compared with
// testdata/<style>.<lang>.golden (go test -update rewrites them; read the
// diff against the style's published examples).
func TestShippedStyles(t *testing.T) {
	data, err := os.ReadFile("testdata/zotero.json")
	if err != nil {
		t.Fatal(err)
	}
	items, err := ParseJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	cites := []struct {
		name  string
		cites []Cite
	}{
		{"first, with a page", []Cite{{ID: "grant2019", Locator: "12"}}},
		{"journal article, four authors, DOI", []Cite{{ID: "dupont2021"}}},
		{"second citation, another page", []Cite{{ID: "grant2019", Locator: "15"}}},
		{"ibid, same page", []Cite{{ID: "grant2019", Locator: "15"}}},
		{"prefix, two items, page range", []Cite{{ID: "oecd2020", Prefix: "see "}, {ID: "lopez2018", Locator: "104-106"}}},
		{"author suppressed", []Cite{{ID: "dupont2021", SuppressAuthor: true}}},
		{"author only", []Cite{{ID: "lopez2018", AuthorOnly: true}}},
		{"chapter label", []Cite{{ID: "lopez2018", Locator: "2", Label: "chapter"}}},
	}
	for _, sl := range []struct{ style, lang string }{
		{"chicago-notes-bibliography", "en-US"}, {"chicago-notes-bibliography-fr", "fr-FR"},
		{"chicago-author-date", "en-US"}, {"chicago-author-date-fr", "fr-FR"},
		{"chicago-fullnote-bibliography", "en-US"}, {"chicago-fullnote-bibliography", "fr-FR"},
		{"chicago-fullnote-bibliography-fr", "fr-FR"},
		{"chicago-author-date-17th-edition", "en-US"}, {"chicago-author-date-17th-edition", "fr-FR"},
	} {
		style, lang := sl.style, sl.lang
		{
			t.Run(style+"/"+lang, func(t *testing.T) {
				s, files := loadStyle(t, style, lang)
				p, err := New(s, lang, files, items)
				if err != nil {
					t.Fatal(err)
				}
				var b strings.Builder
				for i, c := range cites {
					text, err := p.Citation(c.cites, i+1)
					if err != nil {
						t.Fatal(err)
					}
					fmt.Fprintf(&b, "%s: %s\n", c.name, toHTML(text))
				}
				for _, e := range p.Bibliography() {
					fmt.Fprintf(&b, "bibliography %s: %s\n", e.ID, toHTML(e.Text))
				}
				golden := filepath.Join("testdata", style+"."+lang+".golden")
				if *update {
					if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if b.String() != string(want) {
					t.Errorf("differs from %s:\n%s", golden, b.String())
				}
			})
		}
	}
}

func TestParseLocator(t *testing.T) {
	tests := []struct {
		lang, in, label, value, rest string
	}{
		{"en-US", ", p. 12", "page", "12", ""},
		{"en-US", ", pp. 12-14", "page", "12-14", ""},
		{"en-US", " 33", "page", "33", ""},
		{"en-US", ", chap. 2, emphasis added", "chapter", "2", ", emphasis added"},
		{"en-US", ", chapter 4", "chapter", "4", ""},
		{"en-US", ", emphasis added", "", "", ", emphasis added"},
		{"fr-FR", ", p. 7", "page", "7", ""},
		{"fr-FR", ", chap. iv", "chapter", "iv", ""},
		{"en-US", ", sec. 3.2", "section", "3.2", ""},
	}
	for _, tc := range tests {
		s, files := loadStyle(t, "chicago-author-date", tc.lang)
		p, err := New(s, tc.lang, files, nil)
		if err != nil {
			t.Fatal(err)
		}
		label, value, rest := p.ParseLocator(tc.in)
		if label != tc.label || value != tc.value || rest != tc.rest {
			t.Errorf("%s %q: got %q %q %q, want %q %q %q", tc.lang, tc.in, label, value, rest, tc.label, tc.value, tc.rest)
		}
	}
}

// TestDisambiguation cites, with Chicago author-date (18th edition: add
// names, given names by the primary-name rule, year suffixes), works that
// the short form would confuse: two people of one family name (their
// initials), one author's two works of a year (a, b), and an author no
// other is confused with (left alone).
func TestDisambiguation(t *testing.T) {
	items, err := ParseJSON([]byte(`[
	 {"id": "nm", "type": "book", "title": "Households", "author": [{"family": "Malone", "given": "Nolan J."}], "issued": {"date-parts": [[2001]]}},
	 {"id": "km", "type": "book", "title": "Chaucer", "author": [{"family": "Malone", "given": "Kemp"}], "issued": {"date-parts": [[1951]]}},
	 {"id": "k1", "type": "book", "title": "Audit", "author": [{"family": "Keller", "given": "Ruth"}], "issued": {"date-parts": [[2020]]}},
	 {"id": "k2", "type": "book", "title": "Trust", "author": [{"family": "Keller", "given": "Ruth"}], "issued": {"date-parts": [[2020]]}},
	 {"id": "g", "type": "book", "title": "Reading", "author": [{"family": "Grant", "given": "Zadie"}], "issued": {"date-parts": [[2019]]}}
	]`))
	if err != nil {
		t.Fatal(err)
	}
	s, files := loadStyle(t, "chicago-author-date", "en-US")
	p, err := New(s, "en-US", files, items)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cites []Cite
		want  string
	}{
		{[]Cite{{ID: "nm"}, {ID: "km"}}, "(N. J. Malone 2001; K. Malone 1951)"},
		{[]Cite{{ID: "k1"}, {ID: "k2"}}, "(Keller 2020a, 2020b)"},
		{[]Cite{{ID: "g", Locator: "4"}}, "(Grant 2019, 4)"},
	}
	for i, tc := range tests {
		text, err := p.Citation(tc.cites, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if got := text.String(); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.cites, got, tc.want)
		}
	}
}
