package langrules

import (
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// rulesOf returns the rules of a words file of layouts/i18n.
func rulesOf(t *testing.T, lang string) Rules {
	t.Helper()
	w, err := style.LoadWords("../../layouts", lang)
	if err != nil {
		t.Fatal(err)
	}
	return New(w)
}

func TestString(t *testing.T) {
	// words names the file of layouts/i18n the rules come from.
	tests := []struct{ words, in, want string }{
		{"fr", "Qu'est-ce que la société civile ?", "Qu’est-ce que la société civile\u202f?"},
		{"fr", "Attention !", "Attention\u202f!"},
		{"fr", "trois points : un ; deux", "trois points\u00a0: un\u202f; deux"},
		{"fr", "la « société civile »", "la «\u202fsociété civile\u202f»"},
		{"fr", "la «société civile»", "la «\u202fsociété civile\u202f»"},
		{"fr", `dit "bonjour"`, "dit «\u202fbonjour\u202f»"},
		{"fr", "quoi?!", "quoi\u202f?!"},
		{"fr", "à 10:30", "à\u00a010:30"},
		{"fr", "https://example.org", "https://example.org"},
		{"fr", "déjà\u202f?", "déjà\u202f?"},
		{"en", `the "civil society" it's 'here'`, "the “civil society” it’s ‘here’"},
		{"en", "What is it?", "What is it?"},
		// These two rows were For("en-GB") and For("de"), which fell back to
		// English: rules now come from the words file, whatever the tag, and
		// German has its own (TestGerman).
		{"en", `"Yes"`, "“Yes”"},
		{"en", `"Ja"`, "“Ja”"},
		{"en", "see Box 1). Next", "see Box\u00a01). Next"},
		{"fr", "(voir l'encadré 2).", "(voir l’encadré\u00a02)."},
		{"en", "in 2019 the law", "in 2019 the law"},
		{"en", "the 1990s", "the 1990s"},
		{"en", "Article 19 and 20", "Article\u00a019 and\u00a020"},
	}
	for _, tt := range tests {
		if got := rulesOf(t, tt.words).String(tt.in); got != tt.want {
			t.Errorf("%s %q = %q, want %q", tt.words, tt.in, got, tt.want)
		}
	}
}

func TestApplyAcrossInlines(t *testing.T) {
	p := &doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: `Il dit "`}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "non"}}}, &doc.Text{Text: `" ?`},
		&doc.Code{Text: "a?"},
	}}
	ed := &doc.Edition{Lang: "fr", Title: "Quoi ?", Sections: []*doc.Section{{Blocks: []doc.Block{p}}}}
	rulesOf(t, "fr").Apply(ed)
	got := doc.PlainText(p.Content)
	if want := "Il dit «\u202fnon\u202f»\u202f?a?"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if ed.Title != "Quoi\u202f?" {
		t.Errorf("title %q", ed.Title)
	}
}

func TestTitleWithSubtitle(t *testing.T) {
	if got := rulesOf(t, "fr").TitleWithSubtitle("La société civile", "Rôles"); got != "La société civile\u00a0: Rôles" {
		t.Errorf("fr: %q", got)
	}
	if got := rulesOf(t, "en").TitleWithSubtitle("Civil Society", "Roles"); got != "Civil Society: Roles" {
		t.Errorf("en: %q", got)
	}
	if got := rulesOf(t, "en").TitleWithSubtitle("Civil Society", ""); got != "Civil Society" {
		t.Errorf("no subtitle: %q", got)
	}
}

// TestTypographyIsData sets a language that no words file of folio has, from a
// style.Words literal: every rule follows the data.
func TestTypographyIsData(t *testing.T) {
	r := New(&style.Words{Lang: "xx", Typography: style.Typography{
		Quotes:             style.Quotes{Open: "»", Close: "«"},
		SingleQuotes:       style.Quotes{Open: "›\u202f", Close: "\u202f‹"},
		Apostrophe:         'ʼ',
		SpaceBefore:        style.SpaceBefore{'?': NBSP},
		SpaceBeforeIfTyped: style.SpaceBefore{'%': NNBSP},
		TitleSeparator:     " — ",
	}})
	tests := []struct{ in, want string }{
		{`er sagte "Ja"`, "er sagte »Ja«"},
		{`' so' it's`, "›\u202fso\u202f‹ itʼs"},
		{"wer? 5 % 5%", "wer\u00a0? 5\u202f% 5%"},
		{"« so »", "« so »"}, // no space-inside-guillemets: typed guillemets stay
	}
	for _, tt := range tests {
		if got := r.String(tt.in); got != tt.want {
			t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := r.TitleWithSubtitle("Titel", "Untertitel"); got != "Titel — Untertitel" {
		t.Errorf("title: %q", got)
	}
}

// TestNoTypography: a Words built in Go without typography changes no quote
// and no space, but still ties short numbers.
func TestNoTypography(t *testing.T) {
	r := New(&style.Words{Lang: "xx"})
	if got, want := r.String(`"so" it's « Box 1 » ?`), "\"so\" it's « Box\u00a01 » ?"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestGerman: German is only layouts/i18n/de.yaml.
func TestGerman(t *testing.T) {
	de := rulesOf(t, "de")
	tests := []struct{ in, want string }{
		{`er sagte "Ja"`, "er sagte „Ja“"},
		{`der "dritte Sektor", neben Staat`, "der „dritte Sektor“, neben Staat"},
		{`'halb' richtig`, "‚halb‘ richtig"},
		{`"Er sagte 'nein'."`, "„Er sagte ‚nein‘.“"},
		{`('so')`, "(‚so‘)"},
		{"geht's und gibt's", "geht’s und gibt’s"},
		{"Andreas' Buch", "Andreas’ Buch"},
		{`'geht's?'`, "‚geht’s?‘"},
		{"Was ist das? Achtung! Eins; zwei: drei", "Was ist das? Achtung! Eins; zwei: drei"},
		{"siehe Kasten 1 und Seite 12", "siehe Kasten\u00a01 und Seite\u00a012"},
		{"im Jahr 2019", "im Jahr 2019"},
		{"« so »", "« so »"},
	}
	for _, tt := range tests {
		if got := de.String(tt.in); got != tt.want {
			t.Errorf("de %q = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := de.TitleWithSubtitle("Zivilgesellschaft", "Rollen"); got != "Zivilgesellschaft: Rollen" {
		t.Errorf("title: %q", got)
	}
	p := &doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: `Sie sagt "`}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "nie"}}}, &doc.Text{Text: `" und '`},
		&doc.Strong{Content: []doc.Inline{&doc.Text{Text: "halb"}}}, &doc.Text{Text: `'.`},
	}}
	de.Apply(&doc.Edition{Lang: "de", Sections: []*doc.Section{{Blocks: []doc.Block{p}}}})
	if got, want := doc.PlainText(p.Content), "Sie sagt „nie“ und ‚halb‘."; got != want {
		t.Errorf("across inlines: %q, want %q", got, want)
	}
}
