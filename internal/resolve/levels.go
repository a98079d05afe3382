package resolve

import "github.com/folio-pub/folio/internal/doc"

// titleLevels settles the heading level of each titled box's title, once
// for the PDF's structure and the EPUB's markup: one below the heading
// before it (2 before any in a section, 3 in a note, whose heading is a
// level 2), at most 6. Headings in a list or a quote count for what
// follows; those in a box do not.
func (r *Edition) titleLevels() {
	var walk func(bs []doc.Block, level int) int
	walk = func(bs []doc.Block, level int) int {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Heading:
				level = min(max(b.Level, 1), 6)
			case *doc.Box:
				if len(b.Title) > 0 || r.numbers[b] != nil {
					r.titleLevel[b] = min(level+1, 6)
				}
				walk(b.Blocks, level)
			case *doc.List:
				for _, it := range b.Items {
					level = walk(it, level)
				}
			case *doc.Quote:
				level = walk(b.Blocks, level)
			case *doc.Paragraph, *doc.Table, *doc.Figure, *doc.CodeBlock, *doc.Rule, *doc.PullQuote:
				// no headings inside
			}
		}
		return level
	}
	for _, s := range r.Sections {
		walk(s.Doc.Blocks, 1)
	}
	for _, n := range r.Doc.Notes {
		walk(n.Blocks, 2)
	}
}

// TitleLevel returns the heading level of a box's title, 0 for an untitled box.
func (r *Edition) TitleLevel(b *doc.Box) int { return r.titleLevel[b] }

// has tells whether the edition has a block of kind B, in a section or a note.
func has[B doc.Block](r *Edition) bool {
	found := false
	visit := func(b doc.Block) {
		if _, ok := b.(B); ok {
			found = true
		}
	}
	for _, s := range r.Sections {
		doc.WalkBlocks(s.Doc.Blocks, visit)
	}
	for _, n := range r.Doc.Notes {
		doc.WalkBlocks(n.Blocks, visit)
	}
	return found
}
