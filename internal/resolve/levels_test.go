package resolve

import (
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// TestTitleLevel: a box's title is a heading one below the heading before
// it, settled once for the PDF and the EPUB.
func TestTitleLevel(t *testing.T) {
	box := func(title string, bs ...doc.Block) *doc.Box {
		b := &doc.Box{ID: title, Blocks: bs}
		if title != "" {
			b.Title = []doc.Inline{txt(title)}
		}
		return b
	}
	h := func(level int) *doc.Heading { return &doc.Heading{Level: level, Content: []doc.Inline{txt("h")}} }
	inner := box("inner")
	tests := []struct {
		name   string
		blocks []doc.Block
		in     []doc.Block // the note's blocks
		box    *doc.Box
		want   int
	}{
		{"after the section's title", []doc.Block{h(1), box("b")}, nil, nil, 2},
		{"after a level 3", []doc.Block{h(1), h(2), h(3), box("b")}, nil, nil, 4},
		{"at most 6", []doc.Block{h(1), h(6), box("b")}, nil, nil, 6},
		{"before any heading", []doc.Block{box("b")}, nil, nil, 2},
		{"a heading in a quote counts", []doc.Block{h(1), &doc.Quote{Blocks: []doc.Block{h(3)}}, box("b")}, nil, nil, 4},
		{"a heading in a list counts", []doc.Block{h(1), &doc.List{Items: [][]doc.Block{{h(2)}}}, box("b")}, nil, nil, 3},
		{"a heading in a box does not", []doc.Block{h(1), box("a", h(4)), box("b")}, nil, nil, 2},
		{"a box in a box", []doc.Block{h(2), box("a", h(3), inner)}, nil, inner, 4},
		{"untitled", []doc.Block{h(1), box("")}, nil, nil, 0},
		{"in a note", []doc.Block{h(1), h(4)}, []doc.Block{box("b")}, nil, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sec := &doc.Section{Number: 1, Title: "S", ID: "s", Blocks: tc.blocks}
			ed := &doc.Edition{Lang: "fr", Title: "T", Sections: []*doc.Section{sec}}
			if tc.in != nil {
				ed.Notes = []*doc.Note{{Number: 1, ID: "fn1", Section: sec, Blocks: tc.in}}
			}
			r := Resolve(ed, &style.Layout{}, words())
			b := tc.box
			if b == nil {
				bs := append(append([]doc.Block(nil), tc.blocks...), tc.in...)
				b = bs[len(bs)-1].(*doc.Box)
			}
			if got := r.TitleLevel(b); got != tc.want {
				t.Errorf("level %d, want %d", got, tc.want)
			}
		})
	}
}
