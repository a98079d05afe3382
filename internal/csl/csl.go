// Package csl formats citations and bibliographies with a Citation Style
// Language 1.0.2 style (https://docs.citationstyles.org/en/stable/specification.html)
// and its locale files: a style and locales are parsed once (ParseStyle,
// ParseLocale), a Processor is made for one language and the items a
// document cites (New), and it formats each citation in reading order
// (Citation) and the bibliography (Bibliography) as rich text: runs of plain
// text with italic, bold, small capitals, superscript and subscript, and
// links, from which a renderer builds its own inlines.
//
// It implements the parts of CSL that the shipped styles use and that the
// CSL processor test suite measures (csl_suite_test.go): rendering
// elements, names, dates, numbers and labels, conditions, sorting,
// positions (first, subsequent, ibid), year-suffix and add-names
// disambiguation, cite grouping and collapsing, text case, quotes and
// punctuation in quotes, page ranges and subsequent-author-substitute.
package csl

import "strings"

// Format is the formatting of a run: a set of flags.
type Format uint8

// The formats a run may have.
const (
	Italic Format = 1 << iota
	Bold
	SmallCaps
	Superscript
	Subscript
	Underline
)

// Run is a stretch of text with one format, and what it links to.
type Run struct {
	Text   string
	Format Format
	Link   string // a URL (an item's DOI or URL), or ""
	Item   string // in a citation: the id of the cited item the text belongs to
}

// Text is formatted text: runs in reading order.
type Text []Run

// String is the text without its formatting.
func (t Text) String() string {
	var b strings.Builder
	for _, r := range t {
		b.WriteString(r.Text)
	}
	return b.String()
}

// Cite is one item of a citation, as an author writes it.
type Cite struct {
	ID      string // the item's id
	Locator string // "7", "12–14"
	Label   string // the locator's kind, a CSL locator term: "page", "chapter"; "" is page
	Prefix  string // text before the item: "see "
	Suffix  string // text after it: ", emphasis added"
	// SuppressAuthor leaves the author out ([-@key]).
	SuppressAuthor bool
	// AuthorOnly sets the author alone: a narrative citation's author,
	// followed by the rest of the citation.
	AuthorOnly bool
}

// Entry is one item of the bibliography.
type Entry struct {
	ID   string
	Text Text
}
