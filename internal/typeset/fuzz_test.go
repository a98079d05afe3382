package typeset

import (
	"testing"

	"github.com/folio-pub/folio/internal/diag"
)

// FuzzMarkdownToPages sends arbitrary Markdown through parsing, language rules
// and typesetting: whatever the input, no panic, diagnostics carry positions,
// and, when it can be set, nothing drawn leaves the text block or the page
// (outOfBounds). The hostile inputs of TestNothingOffThePage are among its seeds.
// Run it longer with: go test ./internal/typeset -run '^$' -fuzz FuzzMarkdownToPages -fuzztime 60s
func FuzzMarkdownToPages(f *testing.F) {
	for _, seed := range []string{
		"# T\n\nText *emph* **strong** `code` [l](https://e.org) [^1]\n\n[^1]: Note.\n",
		"# T\n\n::: box\n### B {#b}\nText\n:::\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n",
		"# T\n\n- a\n  - b\n\n1. c\n\n> q\n\n```\ncode\n```\n\n---\n",
		"# Qu'est-ce ? {#q}\n\n« guillemets » ; deux : points !\n",
		"::: box\n::: box\n:::\n",
		"# T\n\n" + string(make([]byte, 300)) + "\n",
	} {
		f.Add(seed)
	}
	for _, h := range hostile {
		f.Add(h.src)
	}
	m := newMarkdownSetter(f, "fr")
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		d := m.set(t, "T", src, &diags)
		for _, d := range diags.Items() {
			if d.Pos.File != "f.md" && d.Pos.File != "edition.yaml" {
				t.Fatalf("diagnostic without the file: %v", d)
			}
		}
		if d == nil || diags.HasErrors() {
			return // nothing is written
		}
		for _, o := range outOfBounds(d, m.layout) {
			t.Error(o)
		}
	})
}
