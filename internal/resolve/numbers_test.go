package resolve

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// TestNumbers numbers figures, tables and boxes by their ids' prefixes in
// reading order across sections, headings by their place (front matter
// not), keeps a box numbered by hand in the count, and sets each reference
// as its kind's word and number in the edition's language.
func TestNumbers(t *testing.T) {
	t.Parallel()
	fr := style.Numbering{Figure: "Figure", Table: "Tableau", Box: "Encadré", Section: "Section", Lowercase: true, Separator: "\u00a0: "}
	en := style.Numbering{Figure: "Figure", Table: "Table", Box: "Box", Section: "Section", Separator: ": "}
	at := diag.Pos{File: "s.md", Line: 3, Col: 1}
	type ref struct {
		key     string
		capital bool
	}
	tests := []struct {
		name  string
		words style.Numbering
		refs  []ref
		want  string // what the references read, one a line
		// labels are the labels of the numbered blocks, in order, ~ for a
		// no-break space
		labels string
		warn   string // a warning resolve gives, or ""
	}{
		{"English", en,
			[]ref{{"fig-a", false}, {"fig-b", true}, {"tbl-a", false}, {"box-a", false}, {"box-b", false}, {"sec-one", false}, {"sec-two", false}, {"sec-deep", false}, {"sec-about", false}, {"sec-inbox", false}},
			"Figure 1|Figure 2|Table 1|Box 2|Box 3|Section 1|Section 2.1|Section 2.1.2|About|In a box",
			"Box~1|Figure~1: |Table~1|Box~2: |Box~3|Figure~2: ", "numbered by hand (\"Box 1\"): folio numbers a box whose id starts with box- itself, and @box-typed refers to it"},
		{"French, lowercase in a sentence", fr,
			[]ref{{"fig-a", false}, {"fig-b", true}, {"tbl-a", false}, {"box-a", false}, {"sec-two", false}},
			"figure 1|Figure 2|tableau 1|encadré 2|section 2.1",
			"Encadré~1|Figure~1~: |Tableau~1|Encadré~2~: |Encadré~3|Figure~2~: ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			word := tt.words.Box
			about := &doc.Section{Number: 0, Role: "about", Blocks: []doc.Block{&doc.Heading{Level: 1, ID: "sec-about", Content: []doc.Inline{txt("About")}}}}
			handTitle := word + " 1: typed"
			if tt.words.Lowercase {
				handTitle = word + " 1\u00a0: tapé"
			}
			s1 := &doc.Section{Number: 1, Blocks: []doc.Block{
				&doc.Heading{Level: 1, ID: "sec-one", Content: []doc.Inline{txt("One")}},
				&doc.Box{ID: "box-typed", Title: []doc.Inline{&doc.Text{Text: handTitle, Pos: at}}},
				&doc.Figure{ID: "fig-a", Caption: "A"},
				&doc.Figure{ID: "figure"}, // not numbered: no fig- prefix
				&doc.Table{ID: "tbl-a"},   // a label alone: no caption
				&doc.Box{ID: "box-a", Title: []doc.Inline{txt("A")}, Blocks: []doc.Block{
					&doc.Heading{Level: 4, ID: "sec-inbox", Content: []doc.Inline{txt("In a box")}}, // not numbered: its title
				}},
			}}
			s2 := &doc.Section{Number: 2, Blocks: []doc.Block{
				&doc.Heading{Level: 1, ID: "two", Content: []doc.Inline{txt("Two")}},
				&doc.Heading{Level: 2, ID: "sec-two", Content: []doc.Inline{txt("Two one")}},
				&doc.Heading{Level: 3, Content: []doc.Inline{txt("Two one one")}},
				&doc.Heading{Level: 3, ID: "sec-deep", Content: []doc.Inline{txt("Two one two")}},
				&doc.Box{ID: "box-b"}, // untitled: its label is its title
				&doc.Figure{ID: "fig-b", Caption: "B"},
			}}
			cite := &doc.Cite{Pos: at}
			for _, r := range tt.refs {
				cite.Items = append(cite.Items, doc.CiteItem{Key: r.key, Capital: r.capital, Pos: at})
			}
			s2.Blocks = append(s2.Blocks, &doc.Paragraph{Content: []doc.Inline{cite}})
			ed := &doc.Edition{Lang: "xx", Sections: []*doc.Section{about, s1, s2}}
			w := words()
			w.Box, w.Numbering = word, tt.words
			r := Resolve(ed, nil, w)
			var got []string
			for i, n := range cite.Content {
				if l, ok := n.(*doc.Link); ok {
					got = append(got, doc.PlainText(l.Content))
					if want := "#" + tt.refs[len(got)-1].key; l.URL != want {
						t.Errorf("reference %d links to %s, want %s", i, l.URL, want)
					}
				}
			}
			if g := strings.ReplaceAll(strings.Join(got, "|"), "\u00a0", " "); g != strings.ReplaceAll(tt.want, "\u00a0", " ") {
				t.Errorf("references read %q, want %q", g, tt.want)
			}
			var labels []string
			for _, s := range ed.Sections {
				doc.WalkBlocks(s.Blocks, func(b doc.Block) {
					switch b := b.(type) {
					case *doc.Figure, *doc.Table:
						if l := r.Label(b, b != doc.Block(s1.Blocks[4])); l != "" {
							labels = append(labels, l)
						}
					case *doc.Box:
						if n := r.NumberOf(b); n != nil {
							l := r.Label(b, len(b.Title) > 0)
							if n.ByHand {
								l = n.Label(false) // typed, or its title
							}
							labels = append(labels, l)
						}
					}
				})
			}
			if g := strings.ReplaceAll(strings.Join(labels, "|"), "\u00a0", "~"); g != tt.labels {
				t.Errorf("labels %q, want %q", g, tt.labels)
			}
			untitled := s2.Blocks[4].(*doc.Box)
			if p := strings.ReplaceAll(doc.PlainText(r.Captioned(untitled, untitled.Title)), "\u00a0", "~"); p != strings.Split(tt.labels, "|")[4] || r.TitleID(untitled) == "" {
				t.Errorf("the untitled box's title is %q, its id %q", p, r.TitleID(untitled))
			}
			diags := r.Diags.Error()
			if tt.warn != "" && !strings.Contains(diags, "s.md:3:1: warning: this box's title is "+tt.warn) {
				t.Errorf("no warning %q at s.md:3:1 for the box numbered by hand: %s", tt.warn, diags)
			}
		})
	}
}
