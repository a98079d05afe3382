package hyphen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

func load(t testing.TB, lang string, left, right int) *Hyphenator {
	t.Helper()
	f, err := os.Open("../../layouts/i18n/hyphenation/" + lang + ".dic")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ReadPatterns(f)
	if err != nil {
		t.Fatal(err)
	}
	return New(p, Minima{Before: left, After: right, Word: 1})
}

// show writes word with a hyphen at each break point.
func show(h *Hyphenator, word string) string {
	var b strings.Builder
	last := 0
	for _, p := range h.Points(word) {
		b.WriteString(word[last:p])
		b.WriteByte('-')
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}

func TestKnownHyphenations(t *testing.T) {
	en := load(t, "en-GB", 2, 3)
	fr := load(t, "fr", 2, 2)
	for _, c := range []struct {
		h    *Hyphenator
		word string
		want string
	}{
		{en, "organisation", "or-gan-isa-tion"},
		{en, "governance", "gov-ernance"},
		{en, "accountability", "ac-count-ab-il-ity"},
		{en, "democratic", "demo-cratic"},
		{en, "society", "so-ci-ety"},
		{en, "Parliament", "Par-lia-ment"},
		{en, "the", "the"},
		{en, "longer-term", "longer-term"},
		{fr, "organisation", "or-ga-ni-sa-tion"},
		{fr, "l’organisation", "l’or-ga-ni-sa-tion"},
		{fr, "d’information", "d’in-for-ma-tion"},
		{fr, "gouvernance", "gou-ver-nance"},
		{fr, "société", "so-cié-té"},
		{fr, "sécurité", "sé-cu-ri-té"},
		{fr, "peut-elle", "peut-elle"},
		{fr, "l’État", "l’État"},
	} {
		if got := show(c.h, c.word); got != c.want {
			t.Errorf("%s = %s, want %s", c.word, got, c.want)
		}
	}
}

func TestMinimaAndExceptions(t *testing.T) {
	en := load(t, "en-GB", 2, 3)
	for _, p := range en.Points("abolition") {
		if p < 2 || len("abolition")-p < 3 {
			t.Errorf("abolition broken at %d, within the minima", p)
		}
	}
	strict := load(t, "en-GB", 4, 4)
	if got := show(strict, "organisation"); got != "organ-isa-tion" && got != "organ-isation" {
		t.Errorf("organisation with minima 4/4 = %s", got)
	}
	ex, err := en.WithExceptions([]string{"fo-lio", "governance"})
	if err != nil {
		t.Fatal(err)
	}
	if got := show(ex, "Folio’s governance"); got != "Fo-lio’s governance" {
		t.Errorf("with exceptions: %s", got)
	}
	if got := show(en, "governance"); got != "gov-ernance" {
		t.Errorf("exceptions leaked into the original: %s", got)
	}
	for _, bad := range []string{"-abc", "ab-", "a--b", "two words", "x1"} {
		if _, err := en.WithExceptions([]string{bad}); err == nil {
			t.Errorf("exception %q accepted", bad)
		}
	}
	if _, err := ReadPatterns(strings.NewReader("% nothing\n")); err == nil {
		t.Error("an empty pattern file accepted")
	}
	if _, err := ReadPatterns(strings.NewReader("a1b/c=d\n")); err == nil {
		t.Error("a non-standard pattern accepted")
	}
}

// BenchmarkReadPatterns reads the English patterns, the largest file, as a
// build does once per language.
func BenchmarkReadPatterns(b *testing.B) {
	data, err := os.ReadFile("../../layouts/i18n/hyphenation/en-GB.dic")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ReadPatterns(strings.NewReader(string(data))); err != nil {
			b.Fatal(err)
		}
	}
}

// TestShortWordsAndNames: no break in a word shorter than the minimum word
// (5 letters or fewer by default); a word given as an exception breaks only
// where it says, a proper name written whole never, whatever the minima.
func TestShortWordsAndNames(t *testing.T) {
	en := load(t, "en-GB", 1, 1)
	if len(en.Points("rumour")) == 0 {
		t.Fatal("rumour has no break with minima 1/1: pick another word")
	}
	short := *en
	short.word = 7
	for _, w := range []string{"rumour", "désiré", "about"} {
		if got := short.Points(w); len(got) != 0 {
			t.Errorf("%s (shorter than 7 letters) broken at %v", w, got)
		}
	}
	if got := short.Points("rumours"); len(got) == 0 {
		t.Error("rumours (7 letters) has no break")
	}
	three := load(t, "en-GB", 3, 3)
	ex, err := three.WithExceptions([]string{"Digital", "ab-outs"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ word, want string }{
		{"Digital", "Digital"},
		{"Digital’s", "Digital’s"},
		{"digital", "digital"},
		{"abouts", "ab-outs"}, // an exception's own breaks, under the minima
		{"rumours", "rumours"},
		{"Organisations", "Organ-isa-tions"},
	}
	for _, c := range cases {
		if got := show(ex, c.word); got != c.want {
			t.Errorf("%s = %s, want %s", c.word, got, c.want)
		}
	}
}

// BenchmarkPoints finds the hyphenation points of every word of the
// sample's French sections, each once, as an edition does.
func BenchmarkPoints(b *testing.B) {
	fr := load(b, "fr", 2, 3)
	files, err := filepath.Glob("../../source/civil-society/fr/*.md")
	if err != nil || len(files) == 0 {
		b.Fatal("no French sections", err)
	}
	seen := map[string]bool{}
	var words []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(string(data), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if w = strings.ToLower(w); !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	for b.Loop() {
		for _, w := range words {
			fr.Points(w)
		}
	}
}

// TestParseFields: patterns are split at any space (ASCII or not), written
// in lower case (a capital, the typographic apostrophe normalised), a
// pattern given twice keeps its last levels, and a bad pattern is an error
// at its line that leaves nothing of it.
func TestParseFields(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, data string
		want       map[string][]byte
		err        string
	}{
		{"fields", "a1b\tc2d\u00a0E3f\u2003g’4h\n", map[string][]byte{"ab": {0, 1, 0}, "cd": {0, 2, 0}, "ef": {0, 3, 0}, "g'h": {0, 0, 4, 0}}, ""},
		{"twice", "1ab\nab2\n", map[string][]byte{"ab": {0, 0, 2}}, ""},
		{"é", "é1t\n", map[string][]byte{"ét": {0, 1, 0}}, ""},
		{"bad", "ab1\nc/d\n", nil, "line 2"},
		{"empty", "% nothing\n", nil, "no patterns"},
	} {
		p, err := ParsePatterns([]byte(tc.data))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(p.levels) != len(tc.want) {
			t.Errorf("%s: %d patterns, want %d", tc.name, len(p.levels), len(tc.want))
		}
		for k, v := range tc.want {
			if got := p.levels[k]; string(got) != string(v) {
				t.Errorf("%s: %q has levels %v, want %v", tc.name, k, got, v)
			}
		}
	}
}
