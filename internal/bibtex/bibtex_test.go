package bibtex

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/csl"
)

// TestZoteroExport reads the same library exported as BibTeX
// (testdata/zotero.bib) and as CSL-JSON (the csl package's
// testdata/zotero.json): the items must be the same.
func TestZoteroExport(t *testing.T) {
	bib, err := os.ReadFile("testdata/zotero.bib")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(bib)
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile("../csl/testdata/zotero.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := csl.ParseJSON(js)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d items, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		g.Line, w.Line, g.Col, w.Col = 0, 0, 0, 0
		delete(w.Vars, "ISBN")
		delete(g.Vars, "ISBN")
		if p, ok := w.Vars["page"]; ok {
			w.Vars["page"] = strings.ReplaceAll(p, "-", "–")
		}
		if !reflect.DeepEqual(g, w) {
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(w)
			t.Errorf("item %d:\n got  %s\n want %s", i, gj, wj)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		in   string
		want []csl.Name
	}{
		{"Grant, Zadie and Ng, Michael J.", []csl.Name{{Family: "Grant", Given: "Zadie"}, {Family: "Ng", Given: "Michael J."}}},
		{"Zadie Grant", []csl.Name{{Family: "Grant", Given: "Zadie"}}},
		{"Ludwig van Beethoven", []csl.Name{{Family: "Beethoven", Given: "Ludwig", NonDroppingParticle: "van"}}},
		{"van Gogh, Vincent", []csl.Name{{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van"}}},
		{"King, Jr, Martin Luther", []csl.Name{{Family: "King", Given: "Martin Luther", Suffix: "Jr"}}},
		{"{World Health Organization} and {Barnes and Noble}", []csl.Name{{Literal: "World Health Organization"}, {Literal: "Barnes and Noble"}}},
		{"M{\\\"u}ller, J{\\\"o}rg and others", []csl.Name{{Family: "Müller", Given: "Jörg"}}},
		{"Fran{\\c{c}}ois, {\\'E}milie", []csl.Name{{Family: "François", Given: "Émilie"}}},
	}
	for _, tc := range tests {
		if got := Names(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Names(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestLatex(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{\'E}tude sur l'{\'e}tat`, "Étude sur l'état"},
		{`Pages 10--12 --- a note`, "Pages 10–12 — a note"},
		{`Stra{\ss}e \& Co.~Ltd`, "Straße & Co.\u00a0Ltd"},
		{`The \emph{Republic}`, "The <i>Republic</i>"},
		{`{\"{o}}konomie`, "ökonomie"},
		{`{\aa}ngstr{\"o}m`, "ångström"},
	}
	for _, tc := range tests {
		if got := latex(tc.in); got != tc.want {
			t.Errorf("latex(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unclosed entry", "@book{a,\n title = {T}", "2:13: the file ends inside an entry"},
		{"unclosed brace", "@book{a,\n title = {T,\n", "2:10: this brace is never closed"},
		{"unknown string", "@book{a,\n journal = jx,\n}", "2:12: unknown abbreviation \"jx\""},
		{"no key", "@book{,\n title = {T}}", "1:1: @book: an entry needs a citation key"},
		{"twice", "@book{a, title={T}}\n@book{a, title={U}}", "2:1: entry \"a\" is given twice (first on line 1)"},
		{"missing =", "@book{a,\n title {T}}", "2:8: field title: = is expected"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %v, want %q…", err, tc.want)
			}
		})
	}
}

func TestLangid(t *testing.T) {
	tests := []struct{ field, want string }{
		{"langid = {english}", "en"},
		{"langid = {british}", "en-GB"},
		{"langid = {ngerman}", "de"},
		{"langid = {French}", "fr"},
		{"langid = {fr-CA}", "fr-CA"}, // a tag already
		{"language = {French}", "French"},
		{"langid = {american}, language = {English}", "en-US"},
	}
	for _, tc := range tests {
		items, err := Parse([]byte("@book{a, title = {T}, " + tc.field + "}"))
		if err != nil {
			t.Fatal(err)
		}
		if got := items[0].Vars["language"]; got != tc.want {
			t.Errorf("%s: language %q, want %q", tc.field, got, tc.want)
		}
	}
}

// TestEntryPositions: each entry is placed at its @, line and column, where
// a message about its bibliography entry points.
func TestEntryPositions(t *testing.T) {
	t.Parallel()
	items, err := Parse([]byte("% a comment\n@book{a,\n  title = {A {B}},\n}\n  @article{b, title = {C}}\n@misc{c}"))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ line, col int }{{2, 1}, {5, 3}, {6, 1}}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d", len(items), len(want))
	}
	for i, w := range want {
		if it := items[i]; it.Line != w.line || it.Col != w.col {
			t.Errorf("entry %s at %d:%d, want %d:%d", it.ID, it.Line, it.Col, w.line, w.col)
		}
	}
}
