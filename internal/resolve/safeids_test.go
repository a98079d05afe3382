package resolve

import (
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// TestSafeIDs: an id the author gives that does not start with a letter
// gets the prefix id- (unique in the edition), and the section, the
// contents and every link to it read the same id; other ids stay.
func TestSafeIDs(t *testing.T) {
	for _, tc := range []struct {
		name            string
		id, taken, want string
	}{
		{"digit", "1-intro", "", "id-1-intro"},
		{"taken", "1-intro", "id-1-intro", "id-1-intro-2"},
		{"letter", "intro-1", "", "intro-1"},
		{"non-ASCII letter", "été-2", "", "été-2"},
		{"non-ASCII digit", "٣-x", "", "id-٣-x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &doc.Heading{Level: 1, ID: tc.id, Content: []doc.Inline{txt("Intro")}}
			link := &doc.Link{URL: "#" + tc.id, Content: []doc.Inline{txt("intro")}}
			blocks := []doc.Block{h, &doc.Paragraph{Content: []doc.Inline{link}}}
			if tc.taken != "" {
				blocks = append(blocks, &doc.Heading{Level: 2, ID: tc.taken, Content: []doc.Inline{txt("Taken")}})
			}
			other := &doc.Link{URL: "#" + tc.taken}
			blocks = append(blocks, &doc.Paragraph{Content: []doc.Inline{other}})
			sec := &doc.Section{Number: 1, Title: "Intro", ID: tc.id, Blocks: blocks}
			ed := &doc.Edition{Lang: "fr", Title: "T", Sections: []*doc.Section{sec}}
			r := Resolve(ed, &style.Layout{Contents: style.Contents{Depth: 2}}, words())
			if h.ID != tc.want || r.Sections[0].ID != tc.want || link.URL != "#"+tc.want || r.Contents[0].ID != tc.want {
				t.Errorf("heading %q, section %q, link %q, contents %q; want %q", h.ID, r.Sections[0].ID, link.URL, r.Contents[0].ID, tc.want)
			}
			if s, ok := r.Target(tc.want); !ok || s != r.Sections[0] {
				t.Errorf("no target %q", tc.want)
			}
			if other.URL != "#"+tc.taken {
				t.Errorf("the link to the other id became %q", other.URL)
			}
		})
	}
}
