package resolve

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/style"
)

func txt(s string) *doc.Text { return &doc.Text{Text: s} }

// edition builds a small French edition the way the source reader would: ids
// unique, notes numbered, each note with its section.
func edition(t *testing.T) (*doc.Edition, *doc.Box, *doc.NoteRef, *doc.NoteRef) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"a/fig.png", "b/fig.png"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	pub := &doc.Publication{ID: "p", Dir: dir, Date: "2019-05-01", Series: "Série", Languages: []string{"fr"}}
	about := &doc.Section{Number: 0, Role: "about", Title: "À propos", ID: "a-propos",
		Blocks: []doc.Block{&doc.Heading{Level: 1, ID: "a-propos", Content: []doc.Inline{txt("À propos")}}}}
	sec := &doc.Section{Number: 1, Title: "Un", ID: "un"}
	n1 := &doc.Note{Number: 1, ID: "fn1", Section: sec, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{txt("Note.")}}}}
	r1, r2 := &doc.NoteRef{Note: n1}, &doc.NoteRef{Note: n1}
	box := &doc.Box{ID: "encadre", Title: []doc.Inline{txt("Encadré")}}
	sec.Blocks = []doc.Block{
		&doc.Heading{Level: 1, ID: "un", Content: []doc.Inline{txt("Un")}},
		&doc.Heading{Level: 2, ID: "encadre-title", Content: []doc.Inline{txt("Un titre qui prend l'id")}},
		&doc.Paragraph{Content: []doc.Inline{txt("Texte"), r1, txt(" et encore"), r2}},
		box,
		&doc.Heading{Level: 3, ID: "trois", Content: []doc.Inline{txt("Niveau trois")}},
		&doc.Figure{ID: "figure", Path: filepath.Join(dir, "a", "fig.png"), Format: "png", Width: 3, Height: 2, Alt: "a"},
		&doc.Figure{ID: "figure-2", Path: filepath.Join(dir, "b", "fig.png"), Format: "png", Width: 3, Height: 2, Alt: "b"},
		&doc.Figure{ID: "figure-3", Path: filepath.Join(dir, "a", "fig.png"), Format: "png", Width: 3, Height: 2, Alt: "a again"},
	}
	ed := &doc.Edition{Pub: pub, Lang: "fr", Title: "Titre", Subtitle: "Sous-titre", Sections: []*doc.Section{about, sec}, Notes: []*doc.Note{n1}}
	return ed, box, r1, r2
}

func words() *style.Words {
	return &style.Words{Lang: "fr", DateFormat: "{day} {month} {year}", FirstDay: "1er",
		Months:      []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		A11ySummary: "Résumé.", A11yFigures: "Figures décrites.", A11yNotes: "Notes.", A11yTables: "Tableaux.", A11yOrder: "Ordre suivi.", A11yOrderMoved: "Ordre suivi sauf pages {pages}.", A11yOrderMovedOne: "Ordre suivi sauf page {pages}.", A11yPages: "Pages.", A11yConformance: "Conforme à {conformance} selon {certifier}.", A11yUnevaluated: "Non évalué."}
}

func TestResolve(t *testing.T) {
	ed, box, r1, r2 := edition(t)
	l := &style.Layout{Contents: style.Contents{Depth: 2}}
	r := Resolve(ed, l, words())

	if r.Series != "Série" || r.DateText != "1er mai 2019" || !r.Date.Equal(time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("series %q, date %q %v", r.Series, r.DateText, r.Date)
	}
	// ids the source does not give are unique in the edition
	if got := r.TitleID(box); got != "encadre-title-2" {
		t.Errorf("box title id %q, want encadre-title-2 (encadre-title is a heading's)", got)
	}
	if a, b := r.RefID(r1), r.RefID(r2); a != "fnref1" || b != "fnref1-2" {
		t.Errorf("reference ids %q %q", a, b)
	}
	if ref, ok := r.FirstRef(ed.Notes[0]); !ok || ref.ID != "fnref1" || ref.Section != r.Sections[1] {
		t.Errorf("first reference %+v", ref)
	}
	if s := r.Sections[1]; s.NotesID != "notes" || len(s.Notes) != 1 || r.Sections[0].NotesID != "" {
		t.Errorf("notes: %q %d", s.NotesID, len(s.Notes))
	}
	if s, ok := r.Target("trois"); !ok || s != r.Sections[1] {
		t.Error("no target for #trois")
	}
	// roles and file names
	if !r.Sections[0].Role.HoldsContents || r.Sections[0].Role.Matter != doc.FrontMatter || r.Sections[1].Role.Semantic != "chapter" {
		t.Errorf("roles %+v %+v", r.Sections[0].Role, r.Sections[1].Role)
	}
	if r.Sections[1].Name != "section-02" {
		t.Errorf("name %q", r.Sections[1].Name)
	}
	// one contents list, to depth 2
	var got []string
	for _, e := range r.Contents {
		got = append(got, e.ID)
	}
	if want := []string{"a-propos", "un", "encadre-title"}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("contents %v, want %v", got, want)
	}
	// one image per file, names unique
	if len(r.Images) != 2 || r.Images[0].Name != "fig.png" || r.Images[1].Name != "fig-2.png" || r.Images[0].MediaType != "image/png" {
		t.Errorf("images %+v", r.Images)
	}
	if r.Image(ed.Sections[1].Blocks[7].(*doc.Figure)) != r.Images[0] {
		t.Error("the same file is two images")
	}
	// the summary says what the edition has, and where the print edition's order differs
	for _, tc := range []struct {
		facts PrintFacts
		want  string
	}{
		{PrintFacts{PageList: true}, "Résumé. " + r.a11y.offers[len("Résumé. "):] + " Pages. Ordre suivi. Non évalué."},
		{PrintFacts{MovedPages: []string{"4", "6"}}, "Résumé. " + r.a11y.offers[len("Résumé. "):] + " Ordre suivi sauf pages\u00a04, 6. Non évalué."},
		{PrintFacts{MovedPages: []string{"7"}}, "Résumé. " + r.a11y.offers[len("Résumé. "):] + " Ordre suivi sauf page\u00a07. Non évalué."},
	} {
		if got := r.AccessibilitySummary(tc.facts); got != tc.want {
			t.Errorf("summary %+v: %q, want %q", tc.facts, got, tc.want)
		}
	}
	want := "Résumé."
	if r.HasNotes {
		want += " Notes."
	}
	if r.HasTables {
		want += " Tableaux."
	}
	if !r.HasFigures || !r.AllFiguresDescribed || r.a11y.offers != want+" Figures décrites." {
		t.Errorf("a11y %v %v %q", r.HasFigures, r.AllFiguresDescribed, r.a11y.offers)
	}
}

func TestContentsDepthOne(t *testing.T) {
	ed, _, _, _ := edition(t)
	r := Resolve(ed, &style.Layout{Contents: style.Contents{Depth: 1}}, words())
	if len(r.Contents) != 2 {
		t.Errorf("%d entries, want the 2 sections", len(r.Contents))
	}
}

// TestPerLanguageMetadata: an edition's publisher, rights and authors are
// its own where edition.yaml gives them, else the publication's; an
// author's affiliation is in the credits, not in the names.
func TestPerLanguageMetadata(t *testing.T) {
	pub := &doc.Publication{ID: "p", Publisher: "Centre", Rights: "CC BY 4.0",
		Authors: []doc.Author{{Name: "A. Author"}, {Name: "B. Author", Affiliation: "University of X"}}}
	tests := []struct {
		name              string
		ed                *doc.Edition
		publisher, rights string
		authors, credits  []string
	}{
		{"the publication's", &doc.Edition{Pub: pub, Lang: "en"}, "Centre", "CC BY 4.0",
			[]string{"A. Author", "B. Author"}, []string{"A. Author", "B. Author (University of X)"}},
		{"the edition's", &doc.Edition{Pub: pub, Lang: "fr", Publisher: "Centre (fr)", Rights: "Licence",
			Authors: []doc.Author{{Name: "B. Auteur", Affiliation: "Université de X"}}}, "Centre (fr)", "Licence",
			[]string{"B. Auteur"}, []string{"B. Auteur (Université de X)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Resolve(tc.ed, nil, &style.Words{})
			if r.Publisher != tc.publisher || r.Rights != tc.rights || !reflect.DeepEqual(r.Authors, tc.authors) || !reflect.DeepEqual(r.Credits, tc.credits) {
				t.Errorf("got %q %q %q %q", r.Publisher, r.Rights, r.Authors, r.Credits)
			}
		})
	}
}

// TestMovedPagesAgree: the summary's sentence on the figures and boxes the
// print edition moves says "page" for one page and "pages" for several, in
// each built-in language.
func TestMovedPagesAgree(t *testing.T) {
	for _, tc := range []struct {
		lang      string
		moved     []string
		want, not string
	}{
		{"en", []string{"7"}, "(page\u00a07)", "pages"},
		{"en", []string{"7", "9"}, "(pages\u00a07, 9)", "(page\u00a0"},
		{"fr", []string{"7"}, "(page\u00a07)", "pages"},
		{"fr", []string{"7", "9"}, "(pages\u00a07, 9)", "(page\u00a0"},
		{"de", []string{"7"}, "(Seite\u00a07)", "Seiten"},
		{"de", []string{"7", "9"}, "(Seiten\u00a07, 9)", "(Seite\u00a0"},
	} {
		w, err := style.LoadWords(overlay.Folder("../../layouts"), tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		ed, _, _, _ := edition(t)
		ed.Lang = tc.lang
		got := Resolve(ed, &style.Layout{Contents: style.Contents{Depth: 2}}, w).AccessibilitySummary(PrintFacts{MovedPages: tc.moved})
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
			t.Errorf("%s %v: %q, want %q and no %q", tc.lang, tc.moved, got, tc.want, tc.not)
		}
	}
}
