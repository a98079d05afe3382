package langrules

import (
	"reflect"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/style"
)

// placed is text typed over lines of a.md from line first: its lines
// joined by a space, each character placed where it was typed.
func placed(first int, lines ...string) *doc.Text {
	var o doc.Origin
	for i, l := range lines {
		if i > 0 {
			o.Add(" ", diag.Pos{})
		}
		o.Add(l, diag.Pos{File: "a.md", Line: first + i, Col: 1})
	}
	return o.Text()
}

// TestMemoAsCold: rules that keep what they make in a memo make, round
// after round, what rules with none make of the same edition: the same
// texts, each character placed the same, the same ordinals, though the
// same text comes after another character or in an open quotation (a
// quote that opens or closes, German's closing single quote or its
// apostrophe), or at another place in the source.
func TestMemoAsCold(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"fr", "en", "de"} {
		w, err := style.LoadWords(overlay.Folder("../../layouts"), lang)
		if err != nil {
			t.Fatal(err)
		}
		// edition is the edition as read with its text from line first
		edition := func(first int) *doc.Edition {
			q := func() *doc.Text { return &doc.Text{Text: `"`, Pos: diag.Pos{File: "a.md", Line: first, Col: 9}} }
			return &doc.Edition{Lang: lang, Title: "Quoi ? -- 'so'", Sections: []*doc.Section{{
				Title: "Quoi ? -- 'so'",
				Blocks: []doc.Block{
					&doc.Paragraph{Content: []doc.Inline{
						&doc.Text{Text: "Il dit ", Pos: diag.Pos{File: "a.md", Line: first, Col: 1}}, q(),
						&doc.Emph{Content: []doc.Inline{&doc.Text{Text: "oui", Pos: diag.Pos{File: "a.md", Line: first, Col: 11}}}},
						q(), &doc.Text{Text: " ? it's 'so", Pos: diag.Pos{File: "a.md", Line: first, Col: 15}},
						&doc.Code{Text: "a -- b"},
						&doc.Text{Text: "' here", Pos: diag.Pos{File: "a.md", Line: first, Col: 33}},
					}},
					&doc.Paragraph{Content: []doc.Inline{placed(first+2, "le 1er mai -- et 10000 km,", "« oui » : la XIXe fois ?")}},
					&doc.Paragraph{Content: []doc.Inline{placed(first+5, "le 1er mai -- et 10000 km,", "« oui » : la XIXe fois ?")}},
					&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "' here"}, &doc.Text{Text: "' here"}}},
					// the same text at the same place, its lines broken elsewhere
					&doc.Paragraph{Content: []doc.Inline{placed(first+8, "« oui » : la", "fois ?")}},
					&doc.Paragraph{Content: []doc.Inline{placed(first+8, "« oui »", ": la fois ?")}},
					// the same text after the same character, a quotation open or not
					&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "'so"}, &doc.Code{Text: "c"}, &doc.Text{Text: "' here"}}},
					&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "so"}, &doc.Code{Text: "c"}, &doc.Text{Text: "' here"}}},
				},
			}}}
		}
		m := NewMemo(w)
		for round, first := range []int{1, 1, 4, 1, 4} {
			m.Next()
			cold, kept := edition(first), edition(first)
			New(w).Apply(cold)
			m.Rules().Apply(kept)
			if !reflect.DeepEqual(kept, cold) {
				t.Errorf("%s, round %d (from line %d): the memo's rules made\n%s\nrules with none\n%s", lang, round, first, show(kept), show(cold))
			}
		}
		if m.texts.Len() == 0 {
			t.Errorf("%s: the memo kept no text", lang)
		}
		m.Next()
		m.Next()
		if n := m.texts.Len() + m.ordinals.Len(); n != 0 {
			t.Errorf("%s: %d texts kept after two rounds that use none", lang, n)
		}
	}
}

// show is the text of ed's paragraphs, each inline with its place.
func show(ed *doc.Edition) string {
	s := ed.Title + "\n"
	doc.WalkBlocks(ed.Sections[0].Blocks, func(b doc.Block) {
		for _, run := range doc.Runs(b) {
			doc.WalkInlineTree(run, func(in doc.Inline) {
				if t, ok := in.(*doc.Text); ok {
					s += t.Text + " @" + t.Pos.String() + "|"
				}
			})
		}
		s += "\n"
	})
	return s
}
