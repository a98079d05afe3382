package parity

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
)

func TestWords(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"L'État de droit":                         "état de droit",
		"d’information sur la RSS":                "information sur la rss",
		"Qu'est-ce que la société civile ?":       "est ce que la société civile",
		"jusqu'à l'ONU":                           "à onu",
		"civil society's role, the NGOs' reports": "civil society role the ngos reports",
		"non-governmental organisations":          "non governmental organisations",
		"aujourd'hui":                             "aujourd'hui",
		"socie\u0301te\u0301":                     "société", // NFC
	}
	for in, want := range tests {
		if got := strings.Join(words(in), " "); got != want {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMatching: case-insensitive, accents respected, regular plurals and elisions.
func TestMatching(t *testing.T) {
	t.Parallel()
	tests := []struct {
		form, text string
		n          int
	}{
		{"société civile", "Les sociétés civiles et la Société civile.", 2},
		{"société civile", "la societe civile", 0}, // accents count
		{"État de droit", "l'État de droit, les états de droit", 2},
		{"civil society", "civil societies and civil society's role", 2},
		{"NGO", "NGOs and an NGO", 2},
		{"bureau national", "les bureaux nationaux", 1},
		{"process", "processes", 1},
		{"document d'information sur la RSS", "ce document d’information sur la RSS", 1},
		{"accountabilité", "l'accountabilité et les accountabilités", 2},
		{"security sector", "security sectors, sector security", 1},
	}
	for _, tt := range tests {
		p := phrase{text: tt.form, words: words(tt.form)}
		if got := p.count(words(tt.text)); got != tt.n {
			t.Errorf("%q in %q: %d, want %d", tt.form, tt.text, got, tt.n)
		}
	}
}

func TestNumbers(t *testing.T) {
	t.Parallel()
	tests := map[string][]string{
		"In 1994 and 2019, 35 % of 1,000 (1 000; 1\u202f000) and 2.5 or 2,5": {"1994", "2019", "35", "1000", "25"},
		"articles 19 et 20, en 2019 100 personnes":                           {"19", "20", "2019", "100"},
		"see https://example.org/2019/report-7 or a1@example.org, at 10:30":  {"10", "30"},
		"the 1990s, 1er mai": {"1990", "1"},
	}
	for in, want := range tests {
		if got := numbers(in); !reflect.DeepEqual(got, want) {
			t.Errorf("numbers(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLinkKey(t *testing.T) {
	t.Parallel()
	same := [][4]string{
		{"https://www.un.org/en/about-us/udhr", "en", "https://www.un.org/fr/about-us/udhr", "fr"},
		{"https://example.org/page?lang=en", "en", "https://example.org/page?lang=fr", "fr"},
		{"https://en.wikipedia.org/wiki/X", "en", "https://fr.wikipedia.org/wiki/X", "fr"},
		{"HTTPS://Example.org/a/", "en", "https://example.org/a", "fr"},
		{"#box-ssg", "en", "#box-ssg", "fr"},
	}
	for _, s := range same {
		a, _ := linkKey(s[0], s[1])
		b, _ := linkKey(s[2], s[3])
		if a != b {
			t.Errorf("%s and %s differ: %q, %q", s[0], s[2], a, b)
		}
	}
	a, _ := linkKey("https://example.org/french-page", "en")
	b, _ := linkKey("https://example.org/english-page", "fr")
	if a == b {
		t.Error("different pages are the same target")
	}
	if _, internal := linkKey("#x", "en"); !internal {
		t.Error("#x is not internal")
	}
}

// TestTermbaseErrors: a termbase is read strictly, with positions.
func TestTermbaseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, yaml, want string }{
		{"unknown key", "term:\n  - en: a\n", `terms.yaml:1:1: error: unknown key "term" (known keys: terms)`},
		{"not a list", "terms: {en: a}\n", "terms.yaml:1:8: error: terms: expected a list of entries"},
		{"not a mapping", "terms:\n  - civil society\n", "terms.yaml:2:5: error: a term is a mapping of language tags"},
		{"bad tag", "terms:\n  - en: a\n    French: b\n", `terms.yaml:3:5: error: "French" is not a language tag`},
		{"empty form", "terms:\n  - en: [a, \"\"]\n", "terms.yaml:2:13: error: en: expected a form"},
		{"no words", "terms:\n  - en: \"!!\"\n", `terms.yaml:2:9: error: en: "!!" has no words`},
		{"avoid shape", "terms:\n  - en: a\n    avoid: [b]\n", "terms.yaml:3:12: error: avoid: expected a mapping"},
		{"empty", "terms:\n  - {}\n", "terms.yaml:2:5: error: the term gives no forms"},
		{"syntax", "terms:\n  - en: [a\n", "terms.yaml:1:1: error: invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			os.WriteFile(filepath.Join(root, "terms.yaml"), []byte(tt.yaml), 0o644)
			var diags diag.List
			LoadTerms(root, "p", &diags)
			got := strings.ReplaceAll(diags.Error(), root+string(filepath.Separator), "")
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTermbases: the series' termbase and the publication's add up; the
// series' comes first.
func TestTermbases(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "p"), 0o755)
	os.WriteFile(filepath.Join(root, "terms.yaml"), []byte("terms:\n  - {en: civil society, fr: société civile}\n"), 0o644)
	os.WriteFile(filepath.Join(root, "p", "terms.yaml"), []byte("terms:\n  - en: accountability\n    fr: [redevabilité, obligation de rendre des comptes]\n    avoid: {fr: accountabilité}\n"), 0o644)
	var diags diag.List
	tb := LoadTerms(root, "p", &diags)
	if diags.Error() != "" || len(tb.Terms) != 2 {
		t.Fatalf("%d terms, %s", len(tb.Terms), diags.Error())
	}
	if got := tb.Terms[1]; !reflect.DeepEqual(got.Forms("fr"), []string{"redevabilité", "obligation de rendre des comptes"}) ||
		!reflect.DeepEqual(got.Avoided("fr"), []string{"accountabilité"}) || got.Pos.Line != 2 {
		t.Errorf("second term %+v", got)
	}
	if tb := LoadTerms(t.TempDir(), "p", &diags); len(tb.Terms) != 0 || diags.Error() != "" {
		t.Error("no termbase is no terms and no problem")
	}
}

// TestREADMEListsEveryCode: the reference's table of findings (docs/reference.md) has every code,
// with its severity.
func TestREADMEListsEveryCode(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../docs/reference.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Codes() {
		if row := "| `" + c.Name + "` | " + c.Severity.String(); !strings.Contains(string(readme), row) {
			t.Errorf("docs/reference.md has no row %q", row)
		}
	}
}

// TestInflects: a word matches a form, its regular plural, or the singular
// of a plural form; nothing else.
func TestInflects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		form, word string
		want       bool
	}{
		{"société", "société", true},
		{"société", "sociétés", true},
		{"sociétés", "société", true},
		{"bureau", "bureaux", true},
		{"process", "processes", true},
		{"policy", "policies", true},
		{"national", "nationaux", true},
		{"y", "ies", true},
		{"société", "variété", false},
		{"policy", "police", false},
		{"civil", "civique", false},
		{"a", "b", false},
	}
	for _, tt := range tests {
		if got := inflects(tt.form, tt.word); got != tt.want {
			t.Errorf("inflects(%q, %q) = %v, want %v", tt.form, tt.word, got, tt.want)
		}
	}
}
