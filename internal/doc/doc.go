// Package doc is folio's document model: one tree per language edition, built by
// the source readers and read, unchanged in shape, by every renderer.
package doc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/csl"
	"github.com/folio-pub/folio/internal/diag"
	"golang.org/x/text/unicode/norm"
)

// Publication is one publication with all its language editions.
type Publication struct {
	ID        string   // folder name under the source folder
	Dir       string   // the publication folder; every asset path resolves inside it
	Layout    string   // name of a layout in the layouts folder
	LayoutPos diag.Pos // where publication.yaml names it
	Languages []string // BCP 47 tags; the first is the original
	Date      string   // YYYY-MM-DD, or empty
	Authors   []Author
	Publisher string
	Series    string
	Rights    string
	// URL is where the output folder is published (an absolute address
	// ending in /), or empty: the web edition's absolute links need it.
	URL string
	// Accessibility is what the publisher declares of its editions'
	// accessibility; nil when publication.yaml declares nothing.
	Accessibility *Accessibility
	// Cover is the cover image publication.yaml names, nil when folio draws one.
	Cover *Image
	// References are the items of the bibliography publication.yaml names
	// (bibliography:), in the files' order; nil when it names none.
	References []csl.Item
	// ReferencePos is where each reference's entry starts in its file, by
	// id: messages about its bibliography entry or a note made from it
	// point there.
	ReferencePos map[string]diag.Pos
	// Fields are the keys publication.yaml gives, with where it gives them;
	// Texts where the text of each that is text starts.
	Fields, Texts map[string]diag.Pos
	Editions      []*Edition // in the order of Languages
}

// Author is an author of a publication, and where they work (optional).
type Author struct {
	Name        string
	Affiliation string
}

// Image is an image file of the publication folder.
type Image struct {
	Src    string // path relative to the publication folder, slash-separated
	Path   string // the file on disk
	Format string // png or jpeg, as image.DecodeConfig names it
	Width  int    // pixels
	Height int    // pixels
}

// Accessibility is what a publisher declares after evaluating a publication's accessibility.
type Accessibility struct {
	Hazards             []string // schema.org accessibilityHazard values: none, flashing…
	ConformsTo          string   // "EPUB Accessibility 1.1 - WCAG 2.1 Level AA", or empty: no claim
	CertifiedBy         string   // who evaluated it; given with ConformsTo
	CertifierCredential string   // optional
}

// Edition is the publication in one language.
type Edition struct {
	Pub         *Publication
	File        string // the edition.yaml it was read from
	Lang        string
	Title       string
	Subtitle    string
	Description string
	Identifier  string // ISBN or URN; derived from id and language when absent in the source
	// PDFIdentifier names the digital PDF (its XMP dc:identifier; the EPUB's
	// page source): a URN derived from id and language.
	PDFIdentifier string
	Keywords      []string
	Series        string // the series name in this language, when edition.yaml gives one
	// Publisher, Rights and Authors in this language, when edition.yaml
	// gives them (resolve falls back to the publication's).
	Publisher, Rights string
	Authors           []Author
	Sections          []*Section
	Notes             []*Note // every footnote of the edition, numbered 1..n in reading order
	// Incomplete is set when a section file could not be read (that is
	// reported): what compares sections across languages leaves it alone.
	Incomplete bool
	// Fields are the keys edition.yaml gives, with where it gives them;
	// Texts where the text of each that is text starts.
	Fields, Texts map[string]diag.Pos
	// Accept lists the findings of the translation checks the edition accepts
	// (edition.yaml's accept).
	Accept []Accept
	// Hyphenation lists words hyphenated otherwise than the language's
	// patterns would: written with a hyphen where they may break, or whole
	// where they must not (edition.yaml's hyphenation).
	Hyphenation []HyphenationException
}

// HyphenationException is a word of edition.yaml's hyphenation list
// ("or-gan-isa-tion", "folio").
type HyphenationException struct {
	Word string
	Pos  diag.Pos
}

// Accept is a finding of the translation checks that an edition accepts, so
// that it is not reported: all those of Code, or only those in section
// Section (when not nil), about Subject (when not empty: a term, a number, a
// link target, a field) or on Line (when not 0) of the section's file.
type Accept struct {
	Code    string
	Section *int
	Subject string
	Line    int
	Pos     diag.Pos // where edition.yaml gives it
}

// MissingSection is the code of the translation checks' finding that a
// section of the original has no translation.
const MissingSection = "parity/missing-section"

// Takes reports whether the entry accepts a finding of code about subject
// (empty, or as the message names it, a number as digits), in section number
// section (-1 for none), reported on line line of the section's file (0 for none).
func (a Accept) Takes(code string, section int, subject string, line int) bool {
	return a.Code == code && (a.Section == nil || *a.Section == section) &&
		(a.Subject == "" || strings.EqualFold(norm.NFC.String(strings.TrimSpace(a.Subject)), subject)) &&
		(a.Line == 0 || a.Line == line)
}

// Section is one source file: a titled part of the edition.
type Section struct {
	Number int    // NN from the file name; pairs sections across languages
	Slug   string // the rest of the file name, without extension
	File   string // path of the source file, as given to diagnostics
	Role   Role   // from front matter, e.g. "about"; empty for ordinary sections
	// Lang is the section's language where it is not the edition's: a section
	// of the original set in a translation that lacks it (--allow-missing).
	// Empty otherwise.
	Lang   string
	Title  string // plain-text title: front matter title, else the first level-1 heading
	ID     string // anchor id of the section (its first heading's id)
	Blocks []Block
}

// Block is a block-level element. Pos tells where it starts in the source.
//
//sumtype:decl
type Block interface {
	Position() diag.Pos
	isBlock()
}

// Inline is an inline element of running text.
//
//sumtype:decl
type Inline interface {
	isInline()
}

// At records a source position; embedded in every block.
type At struct{ Pos diag.Pos }

// Position returns where the block starts in the source.
func (a At) Position() diag.Pos { return a.Pos }

// Heading is a heading of level 1 (the section title) to 6.
type Heading struct {
	At
	Level   int
	ID      string
	Content []Inline
}

// Paragraph is a paragraph of running text.
type Paragraph struct {
	At
	Content []Inline
	// ID is the anchor of a bibliography entry ("ref-smith2020") and of
	// the place a ::: {#refs} div marks for the bibliography; empty otherwise.
	ID string
	// Entry tells that it is a bibliography entry (resolve makes them),
	// set as the edition's Entries say.
	Entry bool
}

// List is a bulleted or numbered list; each item holds blocks.
type List struct {
	At
	Ordered bool
	Start   int
	Items   [][]Block
}

// Align is the alignment of a table column.
type Align int

// Column alignments.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a pipe table with one header row, and a caption when a
// "Table: …" paragraph follows (or precedes) it.
type Table struct {
	At
	Align   []Align
	Header  [][]Inline   // one cell per column
	Rows    [][][]Inline // rows of cells
	Caption []Inline     // empty when it has none
	ID      string       // the id its caption gives ({#tbl-roles}), or empty
	// RowHeaders: the first cell of each row heads the row (the source sets
	// every one of them in bold).
	RowHeaders bool
}

// CaptionRun is the index of the table's caption in Runs, or -1 when it has none.
func (t *Table) CaptionRun() int {
	if len(t.Caption) == 0 {
		return -1
	}
	n := len(t.Header)
	for _, row := range t.Rows {
		n += len(row)
	}
	return n
}

// Figure is an image standing alone in its paragraph, with alt text and caption.
type Figure struct {
	At
	Src     string // path relative to the publication folder, slash-separated
	Path    string // the file on disk
	Alt     string
	Caption string
	// CaptionPos is where the caption starts in the source.
	CaptionPos diag.Pos
	ID         string // anchor id, stable within the edition
	// Format, Width and Height are what the source reader found in the file
	// (its format as image.DecodeConfig names it: png, jpeg or gif, and its
	// size in pixels); resolve settles them with the file's name and bytes
	// into a resolve.Image, which renderers read.
	Format string
	Width  int // pixels
	Height int // pixels
}

// Box is a titled side panel (a fenced div "::: box").
type Box struct {
	At
	ID     string
	Title  []Inline // from the box's first heading; may be empty
	Blocks []Block
}

// Quote is a block quotation.
type Quote struct {
	At
	Blocks []Block
}

// PullQuote is a passage of the text set apart, larger, to catch the eye
// (a fenced div "::: pullquote" holding one paragraph).
type PullQuote struct {
	At
	Content []Inline
}

// CodeBlock is preformatted text. Its Pos is where its text starts.
type CodeBlock struct {
	At
	Text  string
	Marks []Mark // where each line of the text starts in the source (see PosAt)
}

// Rule is a thematic break.
type Rule struct{ At }

func (*Heading) isBlock()   {}
func (*Paragraph) isBlock() {}
func (*List) isBlock()      {}
func (*Table) isBlock()     {}
func (*Figure) isBlock()    {}
func (*Box) isBlock()       {}
func (*Quote) isBlock()     {}
func (*PullQuote) isBlock() {}
func (*CodeBlock) isBlock() {}
func (*Rule) isBlock()      {}

// Text is plain running text.
type Text struct {
	Text string
	Pos  diag.Pos // where its first character is in the source
	// Marks place the characters that do not follow on from Pos one column
	// each (those of the next lines of a paragraph, after an escape, or where
	// the language rules wrote more or fewer): see PosAt. Nil when all do.
	Marks []Mark
}

// Emph is emphasised (italic) text.
type Emph struct{ Content []Inline }

// Strong is strongly emphasised (bold) text.
type Strong struct{ Content []Inline }

// Code is inline code.
type Code struct {
	Text  string
	Pos   diag.Pos // where its first character is in the source
	Marks []Mark   // as Text's
}

// Link is a hyperlink: an external URL, or "#id" for a target in the edition.
type Link struct {
	URL     string
	Content []Inline
	Pos     diag.Pos
}

// Internal reports whether the link points inside the edition, and the target id.
func (l *Link) Internal() (string, bool) {
	if len(l.URL) > 1 && l.URL[0] == '#' {
		return l.URL[1:], true
	}
	return "", false
}

// NoteRef is the reference mark of a footnote.
type NoteRef struct{ Note *Note }

// LineBreak is a hard line break.
type LineBreak struct{}

// Super is text set as a superscript: the letters of an ordinal abbreviation
// (French « 1er », « XIXe »), made by the language rules, or Pandoc's ^2^
// in the source; with Sub, a subscript (Pandoc's ~2~, H~2~O).
type Super struct {
	Text string
	Pos  diag.Pos // where its first character is in the source
	Sub  bool     // set below the baseline
}

// Span is a passage in another language than the text around it, Pandoc's
// bracketed span [text]{lang=xx}: read aloud, hyphenated and set with that
// language's rules.
type Span struct {
	Lang    string // BCP 47, as the source gives it
	Content []Inline
	Pos     diag.Pos // its opening bracket
}

// InlineImage is an image set in the running text, at the text's size (a
// badge, an icon): an image that does not stand alone in its paragraph.
type InlineImage struct {
	Src    string // path relative to the publication folder, slash-separated
	Path   string // the file on disk; empty when it could not be used (reported)
	Alt    string
	Pos    diag.Pos
	Format string // as Figure's: png, jpeg or gif
	Width  int    // pixels
	Height int    // pixels
	// SetWidth and SetHeight are the size the source asks for ({width=…},
	// {height=…}); zero lengths where it asks for none: the image is then
	// as tall as the line's text.
	SetWidth, SetHeight Length
}

// Length is a length the source gives: Value in Unit, one of em, pt, px,
// mm, cm, in and % (of the measure). The zero Length is none.
type Length struct {
	Value float64
	Unit  string
}

// IsZero reports whether the length is none.
func (l Length) IsZero() bool { return l.Unit == "" }

// String writes the length as the source does (and CSS reads it): "1.5em".
func (l Length) String() string {
	if l.IsZero() {
		return ""
	}
	return strconv.FormatFloat(l.Value, 'f', -1, 64) + l.Unit
}

func (*Text) isInline()        {}
func (*Emph) isInline()        {}
func (*Strong) isInline()      {}
func (*Code) isInline()        {}
func (*Link) isInline()        {}
func (*NoteRef) isInline()     {}
func (*LineBreak) isInline()   {}
func (*Super) isInline()       {}
func (*InlineImage) isInline() {}
func (*Span) isInline()        {}

// Note is a footnote. Number is its mark, counted across the edition.
type Note struct {
	Number  int
	ID      string // anchor id of the note, e.g. "fn3"
	Section *Section
	Blocks  []Block
	Pos     diag.Pos
}

// PlainText returns the text of inlines without markup, for titles, alt text and metadata.
func PlainText(inlines []Inline) string {
	var b []byte
	var walk func([]Inline)
	walk = func(in []Inline) {
		for _, n := range in {
			switch n := n.(type) {
			case *Text:
				b = append(b, n.Text...)
			case *Code:
				b = append(b, n.Text...)
			case *Emph:
				walk(n.Content)
			case *Strong:
				walk(n.Content)
			case *Link:
				walk(n.Content)
			case *Span:
				walk(n.Content)
			case *LineBreak:
				b = append(b, ' ')
			case *Super:
				b = append(b, n.Text...)
			case *InlineImage:
				b = append(b, n.Alt...) // the image's text is its alt text
			case *Cite:
				if n.Content != nil {
					walk(n.Content)
				} else {
					b = append(b, n.Source...)
				}
			case *NoteRef:
				// a note mark is not part of the text
			default:
				panic(unknown(n))
			}
		}
	}
	walk(inlines)
	return string(b)
}

// Headings returns the headings of the section at levels up to maxLevel, in order,
// without descending into boxes.
func (s *Section) Headings(maxLevel int) []*Heading {
	var out []*Heading
	for _, b := range s.Blocks {
		if h, ok := b.(*Heading); ok && h.Level <= maxLevel {
			out = append(out, h)
		}
	}
	return out
}

// WalkBlocks calls fn on every block of bs and of the blocks they contain, depth first.
func WalkBlocks(bs []Block, fn func(Block)) {
	for _, b := range bs {
		if b == nil {
			continue
		}
		fn(b)
		switch b := b.(type) {
		case *List:
			for _, it := range b.Items {
				WalkBlocks(it, fn)
			}
		case *Box:
			WalkBlocks(b.Blocks, fn)
		case *Quote:
			WalkBlocks(b.Blocks, fn)
		case *Heading, *Paragraph, *Table, *Figure, *CodeBlock, *Rule, *PullQuote:
			// no blocks inside
		default:
			panic(unknown(b))
		}
	}
}

// unknown is the message of a traversal that meets a kind it does not know:
// a kind added to the model without its case here, a bug caught by the tests.
func unknown(v any) string { return fmt.Sprintf("doc: no case for %T", v) }

// Runs returns the runs of inlines a block holds itself (not those of the blocks
// it contains): a heading's or paragraph's text, a box's title, each table
// cell, then a table's caption.
func Runs(b Block) [][]Inline {
	switch b := b.(type) {
	case *Heading:
		return [][]Inline{b.Content}
	case *Paragraph:
		return [][]Inline{b.Content}
	case *Box:
		return [][]Inline{b.Title}
	case *PullQuote:
		return [][]Inline{b.Content}
	case *Table:
		runs := append([][]Inline(nil), b.Header...)
		for _, row := range b.Rows {
			runs = append(runs, row...)
		}
		if len(b.Caption) > 0 {
			runs = append(runs, b.Caption) // at CaptionRun
		}
		return runs
	case *List, *Figure, *Quote, *CodeBlock, *Rule:
		return nil
	}
	panic(unknown(b))
}

// MapRuns replaces each run of inlines b holds itself (those Runs returns)
// by what f makes of it.
func MapRuns(b Block, f func([]Inline) []Inline) {
	switch b := b.(type) {
	case *Heading:
		b.Content = f(b.Content)
	case *Paragraph:
		b.Content = f(b.Content)
	case *Box:
		b.Title = f(b.Title)
	case *PullQuote:
		b.Content = f(b.Content)
	case *Table:
		for i := range b.Header {
			b.Header[i] = f(b.Header[i])
		}
		for _, row := range b.Rows {
			for i := range row {
				row[i] = f(row[i])
			}
		}
		if len(b.Caption) > 0 {
			b.Caption = f(b.Caption)
		}
	case *List, *Figure, *Quote, *CodeBlock, *Rule:
	default:
		panic(unknown(b))
	}
}

// WalkImages calls figure on every figure of bs and of the blocks they
// contain, and inline on every inline image in their text: where a
// section's images are, for those who read the image files (resolve) or
// watch them (source's kept sections).
func WalkImages(bs []Block, figure func(*Figure), inline func(*InlineImage)) {
	WalkBlocks(bs, func(b Block) {
		if f, ok := b.(*Figure); ok {
			figure(f)
		}
		for _, run := range Runs(b) {
			WalkInlineTree(run, func(in Inline) {
				if im, ok := in.(*InlineImage); ok {
					inline(im)
				}
			})
		}
	})
}

// WalkInlineTree calls fn on every inline of in and of the inlines they contain.
func WalkInlineTree(in []Inline, fn func(Inline)) {
	for _, n := range in {
		if n == nil {
			continue
		}
		fn(n)
		switch n := n.(type) {
		case *Emph:
			WalkInlineTree(n.Content, fn)
		case *Strong:
			WalkInlineTree(n.Content, fn)
		case *Link:
			WalkInlineTree(n.Content, fn)
		case *Cite:
			WalkInlineTree(n.Content, fn)
		case *Span:
			WalkInlineTree(n.Content, fn)
		case *Text, *Code, *NoteRef, *LineBreak, *Super, *InlineImage:
			// no inlines inside
		default:
			panic(unknown(n))
		}
	}
}

// Walk calls fn on every block of the edition, notes included, depth first.
func Walk(ed *Edition, fn func(Block)) {
	for _, s := range ed.Sections {
		WalkBlocks(s.Blocks, fn)
	}
	for _, n := range ed.Notes {
		WalkBlocks(n.Blocks, fn)
	}
}

// WalkInlines calls fn on every inline of the edition.
func WalkInlines(ed *Edition, fn func(Inline)) {
	Walk(ed, func(b Block) {
		for _, run := range Runs(b) {
			WalkInlineTree(run, fn)
		}
	})
}
