package doc

import "slices"

// CloneSection returns a deep copy of s and of notes, its footnotes (those
// whose Section is s): the copies share nothing the later stages may change
// with the originals (no block, inline, slice or note), their notes point at
// the copy of s, and their note references at the copies of notes. A
// reader that keeps what it parsed hands out copies, so that what
// numbers, names and rewrites an edition's text (the source reader's ids,
// the language rules) never reaches what it keeps.
func CloneSection(s *Section, notes []*Note) (*Section, []*Note) {
	sec := *s
	c := &cloner{orig: s, sec: &sec, notes: map[*Note]*Note{}}
	out := cloneEach(notes, c.note)
	sec.Blocks = c.blocks(s.Blocks)
	// the notes' blocks, and those of any note they or the text refer to
	for len(c.todo) > 0 {
		n := c.todo[0]
		c.todo = c.todo[1:]
		c.notes[n].Blocks = c.blocks(n.Blocks)
	}
	return &sec, out
}

// cloner copies one section: each note once, wherever it is referred to.
type cloner struct {
	orig, sec *Section
	notes     map[*Note]*Note // original → copy
	todo      []*Note         // originals whose copies lack their blocks
}

// note returns the copy of n, made on first use; its blocks are copied
// after the section's.
func (c *cloner) note(n *Note) *Note {
	if n == nil {
		return nil
	}
	if m, ok := c.notes[n]; ok {
		return m
	}
	m := *n
	if n.Section == c.orig {
		m.Section = c.sec
	}
	c.notes[n] = &m
	c.todo = append(c.todo, n)
	return &m
}

func (c *cloner) blocks(bs []Block) []Block { return cloneEach(bs, c.block) }

func (c *cloner) block(b Block) Block {
	switch b := b.(type) {
	case nil:
		return nil
	case *Heading:
		n := *b
		n.Content = c.inlines(b.Content)
		return &n
	case *Paragraph:
		n := *b
		n.Content = c.inlines(b.Content)
		return &n
	case *List:
		n := *b
		n.Items = cloneEach(b.Items, c.blocks)
		return &n
	case *Table:
		n := *b
		n.Align = slices.Clone(b.Align)
		n.Header = cloneEach(b.Header, c.inlines)
		n.Rows = cloneEach(b.Rows, func(row [][]Inline) [][]Inline { return cloneEach(row, c.inlines) })
		n.Caption = c.inlines(b.Caption)
		return &n
	case *Figure:
		n := *b
		return &n
	case *Box:
		n := *b
		n.Title = c.inlines(b.Title)
		n.Blocks = c.blocks(b.Blocks)
		return &n
	case *Quote:
		n := *b
		n.Blocks = c.blocks(b.Blocks)
		return &n
	case *PullQuote:
		n := *b
		n.Content = c.inlines(b.Content)
		return &n
	case *CodeBlock:
		n := *b
		n.Marks = slices.Clone(b.Marks)
		return &n
	case *Rule:
		n := *b
		return &n
	}
	panic(unknown(b))
}

func (c *cloner) inlines(in []Inline) []Inline { return cloneEach(in, c.inline) }

func (c *cloner) inline(in Inline) Inline {
	switch in := in.(type) {
	case nil:
		return nil
	case *Text:
		n := *in
		n.Marks = slices.Clone(in.Marks)
		return &n
	case *Emph:
		return &Emph{Content: c.inlines(in.Content)}
	case *Strong:
		return &Strong{Content: c.inlines(in.Content)}
	case *Code:
		n := *in
		n.Marks = slices.Clone(in.Marks)
		return &n
	case *Link:
		n := *in
		n.Content = c.inlines(in.Content)
		return &n
	case *NoteRef:
		return &NoteRef{Note: c.note(in.Note)}
	case *LineBreak:
		return &LineBreak{}
	case *Super:
		n := *in
		return &n
	case *InlineImage:
		n := *in
		return &n
	case *Span:
		n := *in
		n.Content = c.inlines(in.Content)
		return &n
	case *Cite:
		n := *in
		n.Items = slices.Clone(in.Items)
		n.Content = c.inlines(in.Content)
		return &n
	}
	panic(unknown(in))
}

// cloneEach copies s, each element by clone.
func cloneEach[T any](s []T, clone func(T) T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	for i, v := range s {
		out[i] = clone(v)
	}
	return out
}
