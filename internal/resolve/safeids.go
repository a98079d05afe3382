package resolve

import (
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/doc"
)

// SafeIDPrefix goes before an id the source gives that does not start with
// a letter ({#1-intro} becomes id-1-intro): HTML5 takes such an id, but XML
// names, CSS selectors and older reading systems do not.
const SafeIDPrefix = "id-"

// safeIDs gives every id of the source that does not start with a letter
// the prefix SafeIDPrefix (made unique in the edition), and every link to
// it the same id, so that the EPUB, the web edition and the PDF's
// destinations all read one id. Ids the source does not give (slugs) start
// with a letter already.
func safeIDs(ed *doc.Edition) {
	used := map[string]bool{}
	var ids []*string
	collect := func(id *string) {
		if *id != "" {
			used[*id] = true
			ids = append(ids, id)
		}
	}
	doc.Walk(ed, func(b doc.Block) {
		switch b := b.(type) {
		case *doc.Heading:
			collect(&b.ID)
		case *doc.Box:
			collect(&b.ID)
		case *doc.Figure:
			collect(&b.ID)
		case *doc.Table:
			collect(&b.ID)
		case *doc.Paragraph:
			collect(&b.ID)
		case *doc.List, *doc.Quote, *doc.CodeBlock, *doc.Rule, *doc.PullQuote:
			// no id of its own
		}
	})
	renamed := map[string]string{}
	for _, id := range ids {
		if startsWithLetter(*id) {
			continue
		}
		to, ok := renamed[*id]
		if !ok {
			to = doc.Unique(SafeIDPrefix+*id, "", func(c string) bool { return used[c] })
			used[to] = true
			renamed[*id] = to
		}
		*id = to
	}
	if len(renamed) == 0 {
		return
	}
	for _, s := range ed.Sections {
		if to, ok := renamed[s.ID]; ok {
			s.ID = to
		}
	}
	doc.WalkInlines(ed, func(in doc.Inline) {
		if l, ok := in.(*doc.Link); ok {
			if id, internal := l.Internal(); internal {
				if to, ok := renamed[id]; ok {
					l.URL = "#" + to
				}
			}
		}
	})
}

func startsWithLetter(id string) bool {
	r, _ := utf8.DecodeRuneInString(id)
	return unicode.IsLetter(r)
}
