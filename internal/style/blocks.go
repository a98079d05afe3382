package style

// BlockKind is a kind of block the layout sets: a key of the one table from
// block kind to text style and spacing (Layout.Block), which the PDF's
// typesetting and the EPUB's stylesheet both read, so that they cannot
// disagree.
type BlockKind int

// The kinds of block. A heading's kind is HeadingBlock(level).
const (
	BlockParagraph BlockKind = iota
	BlockHeading1
	BlockHeading2
	BlockHeading3 // and deeper
	BlockList
	BlockQuote
	BlockCode
	BlockRule
	BlockBox
	BlockBoxTitle
	BlockFigure // its caption's style
	BlockTable
	BlockNote
	BlockPullQuote
	// BlockEntry is a bibliography entry: its Indent is how far the lines
	// after the first are set in when the CSL style hangs them.
	BlockEntry
)

// HeadingBlock returns the kind of a heading of level 1 to 6 (4 and deeper
// are set as 3).
func HeadingBlock(level int) BlockKind {
	switch level {
	case 1:
		return BlockHeading1
	case 2:
		return BlockHeading2
	}
	return BlockHeading3
}

// Block is how the layout sets a kind of block.
type Block struct {
	// Text is the style of its text; for a list, a quote and a rule, the
	// body's (in a box, they take the box's).
	Text *TextStyle
	// Indent is how far it is set in from the text around it, on the side
	// lines start (mm): a list's markers hang in it.
	Indent float64
	// SpaceBefore and SpaceAfter are the room above and below it (pt); the
	// larger of one block's space after and the next one's space before
	// separates them.
	SpaceBefore, SpaceAfter float64
}

// Block returns how the layout sets a kind of block.
func (l *Layout) Block(k BlockKind) Block {
	t := &l.Text
	text := func(ts *TextStyle) Block {
		return Block{Text: ts, SpaceBefore: ts.SpaceBefore, SpaceAfter: ts.SpaceAfter}
	}
	switch k {
	case BlockHeading1:
		return text(&t.Heading1)
	case BlockHeading2:
		return text(&t.Heading2)
	case BlockHeading3:
		return text(&t.Heading3)
	case BlockList:
		return Block{Text: &t.Body, Indent: l.List.Indent, SpaceAfter: t.Body.SpaceAfter}
	case BlockQuote:
		// indented as a list is: the layout's one indent
		return Block{Text: &t.Body, Indent: l.List.Indent, SpaceAfter: t.Body.SpaceAfter}
	case BlockCode:
		return text(&t.Code)
	case BlockRule:
		return Block{Text: &t.Body, SpaceAfter: t.Body.SpaceAfter}
	case BlockBox:
		return Block{Text: &t.Box, SpaceBefore: t.Box.Leading * 0.6, SpaceAfter: t.Body.Leading * 0.6}
	case BlockBoxTitle:
		return text(&t.BoxTitle)
	case BlockFigure:
		return Block{Text: &t.Caption, SpaceBefore: t.Caption.Leading * 0.5, SpaceAfter: t.Caption.SpaceAfter}
	case BlockTable:
		return Block{Text: &t.Table, SpaceAfter: t.Body.SpaceAfter * 2}
	case BlockNote:
		return text(&t.Notes)
	case BlockPullQuote:
		// indented on both sides as a list is on one
		b := text(&t.PullQuote)
		b.Indent = l.List.Indent
		return b
	case BlockEntry:
		// twice the layout's one indent: 12 mm with the base layout's, as
		// Chicago's half an inch
		return Block{Text: &t.Body, Indent: 2 * l.List.Indent, SpaceAfter: t.Body.SpaceAfter}
	}
	return text(&t.Body)
}

// defaultPullQuote gives the pull quote a style where the layout gives none
// (the key is optional, so that layouts written before it still load): the
// body's font in italic, a third larger, in the accent colour.
func (t *Text) defaultPullQuote() {
	if pq := &t.PullQuote; pq.Size == 0 && pq.Font.Name == "" {
		b := t.Body
		*pq = TextStyle{Font: b.Font, Style: Italic, Size: b.Size * 4 / 3, Leading: b.Leading * 4 / 3, Color: "accent",
			Align: Left, SpaceBefore: b.Leading, SpaceAfter: b.Leading}
	}
}
