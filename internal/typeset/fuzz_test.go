package typeset

import (
	"context"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/markdown"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// FuzzMarkdownToPages sends arbitrary Markdown through parsing, language rules
// and typesetting: whatever the input, no panic, and diagnostics carry positions.
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
	l, err := style.LoadLayout("../../layouts", "backgrounder")
	if err != nil {
		f.Fatal(err)
	}
	words, _ := style.LoadWords("../../layouts", "fr")
	set, _ := fonts.Load("../../fonts")
	p := markdown.NewParser()
	f.Fuzz(func(t *testing.T, src string) {
		var diags diag.List
		sec := p.Parse("f.md", []byte(src), t.TempDir(), &diags)
		for _, d := range diags.Items() {
			if d.Pos.File != "f.md" {
				t.Fatalf("diagnostic without the file: %v", d)
			}
		}
		s := &doc.Section{Number: 1, File: "f.md", Title: "T", ID: "t", Blocks: sec.Blocks}
		ed := &doc.Edition{Lang: "fr", Title: "T", Sections: []*doc.Section{s}, Pub: &doc.Publication{ID: "f", Date: "2019-05-01"}}
		for i, n := range sec.Notes {
			n.Number, n.ID, n.Section = i+1, "fn"+string(rune('a'+i%26)), s
			ed.Notes = append(ed.Notes, n)
		}
		var tdiags diag.List
		Typeset(context.Background(), resolve.Resolve(ed, l, words), Options{Fonts: set}, &tdiags)
	})
}
