package langrules

import (
	"testing"

	"github.com/folio-pub/folio/internal/doc"
)

func TestString(t *testing.T) {
	tests := []struct{ lang, in, want string }{
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
		{"en-GB", `"Yes"`, "“Yes”"},
		{"de", `"Ja"`, "“Ja”"},
		{"en", "see Box 1). Next", "see Box\u00a01). Next"},
		{"fr", "(voir l'encadré 2).", "(voir l’encadré\u00a02)."},
		{"en", "in 2019 the law", "in 2019 the law"},
		{"en", "the 1990s", "the 1990s"},
		{"en", "Article 19 and 20", "Article\u00a019 and\u00a020"},
	}
	for _, tt := range tests {
		if got := For(tt.lang).String(tt.in); got != tt.want {
			t.Errorf("%s %q = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestApplyAcrossInlines(t *testing.T) {
	p := &doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: `Il dit "`}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "non"}}}, &doc.Text{Text: `" ?`},
		&doc.Code{Text: "a?"},
	}}
	ed := &doc.Edition{Lang: "fr", Title: "Quoi ?", Sections: []*doc.Section{{Blocks: []doc.Block{p}}}}
	For("fr").Apply(ed)
	got := doc.PlainText(p.Content)
	if want := "Il dit «\u202fnon\u202f»\u202f?a?"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if ed.Title != "Quoi\u202f?" {
		t.Errorf("title %q", ed.Title)
	}
}

func TestTitleWithSubtitle(t *testing.T) {
	if got := For("fr").TitleWithSubtitle("La société civile", "Rôles"); got != "La société civile\u00a0: Rôles" {
		t.Errorf("fr: %q", got)
	}
	if got := For("en").TitleWithSubtitle("Civil Society", "Roles"); got != "Civil Society: Roles" {
		t.Errorf("en: %q", got)
	}
	if got := For("en").TitleWithSubtitle("Civil Society", ""); got != "Civil Society" {
		t.Errorf("no subtitle: %q", got)
	}
}
