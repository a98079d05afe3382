package parity

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/style"
)

// termRules returns the termbase rules of lang's built-in words file.
func termRules(t *testing.T, lang string) *style.TermRules {
	t.Helper()
	w, err := style.LoadWords(overlay.Folder("../../layouts"), lang)
	if err != nil {
		t.Fatal(err)
	}
	return &w.Termbase
}

// builtinRules returns the termbase rules of the built-in words files, by language.
func builtinRules(t *testing.T) map[string]*style.TermRules {
	return map[string]*style.TermRules{"en": termRules(t, "en"), "fr": termRules(t, "fr"), "de": termRules(t, "de")}
}

func TestWords(t *testing.T) {
	t.Parallel()
	tests := []struct{ lang, in, want string }{
		{"fr", "L'État de droit", "état de droit"},
		{"fr", "d’information sur la RSS", "information sur la rss"},
		{"fr", "Qu'est-ce que la société civile ?", "est ce que la société civile"},
		{"fr", "jusqu'à l'ONU", "à onu"},
		{"en", "civil society's role, the NGOs' reports", "civil society role the ngos reports"},
		{"en", "non-governmental organisations", "non governmental organisations"},
		{"fr", "aujourd'hui", "aujourd'hui"},
		{"fr", "socie\u0301te\u0301", "société"}, // NFC
		{"en", "L'État", "l'état"},               // English elides nothing
		{"de", "geht's", "geht's"},
	}
	rules := builtinRules(t)
	for _, tt := range tests {
		if got := strings.Join(words(tt.in, rules[tt.lang]), " "); got != tt.want {
			t.Errorf("%s: words(%q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

// TestMatching: case-insensitive, accents respected, the language's regular
// plurals and elisions (its words file's termbase rules).
func TestMatching(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, form, text string
		n                int
	}{
		{"fr", "société civile", "Les sociétés civiles et la Société civile.", 2},
		{"fr", "société civile", "la societe civile", 0}, // accents count
		{"fr", "État de droit", "l'État de droit, les états de droit", 2},
		{"en", "civil society", "civil societies and civil society's role", 2},
		{"en", "NGO", "NGOs and an NGO", 2},
		{"fr", "bureau national", "les bureaux nationaux", 1},
		{"en", "process", "processes", 1},
		{"fr", "document d'information sur la RSS", "ce document d’information sur la RSS", 1},
		{"fr", "accountabilité", "l'accountabilité et les accountabilités", 2},
		{"en", "security sector", "security sectors, sector security", 1},
		// German: its own plurals, and none of English's or French's
		{"de", "Zivilgesellschaft", "die Zivilgesellschaften und eine Zivilgesellschaft", 2},
		{"de", "Organisation", "Organisationen", 1},
		{"de", "Akteur", "Akteure", 1},
		{"de", "Kind", "Kinder", 1},
		{"de", "Partnerin", "Partnerinnen", 1},
		{"de", "Büro", "Büros", 1},
		{"de", "Bund", "Bundx", 0},
		{"de", "Politik", "Politikies", 0},
		{"en", "Zivilgesellschaft", "Zivilgesellschaften", 0},
		{"xx", "society", "societies", 0}, // a language with no rules: the same words only
	}
	rules := builtinRules(t)
	for _, tt := range tests {
		r := rules[tt.lang] // none for xx
		if got := count(words(tt.form, r), words(tt.text, r), r); got != tt.n {
			t.Errorf("%s: %q in %q: %d, want %d", tt.lang, tt.form, tt.text, got, tt.n)
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
// of a plural form, by the language's rules; nothing else.
func TestInflects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, form, word string
		want             bool
	}{
		{"fr", "société", "société", true},
		{"fr", "société", "sociétés", true},
		{"fr", "sociétés", "société", true},
		{"fr", "bureau", "bureaux", true},
		{"en", "process", "processes", true},
		{"en", "policy", "policies", true},
		{"fr", "national", "nationaux", true},
		{"en", "y", "ies", false}, // a plural keeps a stem
		{"fr", "société", "variété", false},
		{"en", "policy", "police", false},
		{"fr", "civil", "civique", false},
		{"en", "a", "b", false},
		{"de", "gesellschaft", "gesellschaften", true},
		{"de", "bürger", "bürgerinnen", false},
		{"fr", "gesellschaft", "gesellschaften", false},
	}
	rules := builtinRules(t)
	for _, tt := range tests {
		if got := inflects(tt.form, tt.word, rules[tt.lang]); got != tt.want {
			t.Errorf("%s: inflects(%q, %q) = %v, want %v", tt.lang, tt.form, tt.word, got, tt.want)
		}
	}
}
