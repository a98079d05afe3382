package hyphen

import (
	"os"
	"strings"
	"testing"
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
	return New(p, left, right)
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
