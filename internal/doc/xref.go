package doc

import (
	"strings"

	"github.com/folio-pub/folio/internal/diag"
)

// Cite is a citation group as Pandoc and Quarto write it: @key in the text,
// or [see @key, p. 7; @other] in brackets. An item whose key has the prefix
// of a numbered kind (fig-, tbl-, box-, sec-) is a cross-reference; others
// are citations of the publication's bibliography, formatted by resolve
// with the layout's CSL style.
type Cite struct {
	Items     []CiteItem
	Bracketed bool     // [@fig-x], not @fig-x
	Source    string   // as typed: what is set where folio cannot render it
	Pos       diag.Pos // where it starts in the source: its @ or its [
	// Content is what resolve makes of it: each item's prefix, the kind's
	// word and number as a link to its target, and suffix; the source as
	// typed for a group that holds citations. Nil until then.
	Content []Inline
}

// CiteItem is one key of a citation group.
type CiteItem struct {
	Key    string   // the id or citation key, without its @ ("fig-actors")
	Prefix string   // what comes before the key in brackets ("see ")
	Suffix string   // what comes after it (", p. 7")
	Pos    diag.Pos // where its @ is
	// Capital: set as at the start of a sentence ("Figure 1" in French,
	// where a sentence says "la figure 1"), because the reference starts
	// one or because it is typed capitalised (Quarto's @Fig-actors).
	Capital bool
	// SuppressAuthor: [-@key], the citation without its author.
	SuppressAuthor bool
}

// Kind returns the kind of numbered element the item refers to, RefNone for
// a citation.
func (c CiteItem) Kind() RefKind { return RefKindOf(c.Key) }

// Crossrefs reports whether every item of the group is a cross-reference.
func (c *Cite) Crossrefs() bool {
	for _, it := range c.Items {
		if it.Kind() == RefNone {
			return false
		}
	}
	return len(c.Items) > 0
}

func (*Cite) isInline() {}

// RefKind is a kind of element that is numbered and referred to by an id
// whose prefix names the kind, as in Quarto: #fig-…, #tbl-…, #box-…, #sec-….
type RefKind int

// The kinds of numbered elements.
const (
	RefNone RefKind = iota
	RefFigure
	RefTable
	RefBox
	RefSection
)

// refKinds are the prefixes of the numbered kinds, and their names.
var refKinds = [...]struct{ prefix, name string }{
	RefNone:    {"", "citation"},
	RefFigure:  {"fig-", "figure"},
	RefTable:   {"tbl-", "table"},
	RefBox:     {"box-", "box"},
	RefSection: {"sec-", "section"},
}

// RefKinds lists the numbered kinds, in the order the reference documents them.
func RefKinds() []RefKind { return []RefKind{RefFigure, RefTable, RefBox, RefSection} }

// RefKindOf returns the kind an id's prefix names (fig-actors: a figure), or
// RefNone.
func RefKindOf(id string) RefKind {
	for _, k := range RefKinds() {
		if p := refKinds[k].prefix; strings.HasPrefix(id, p) && len(id) > len(p) {
			return k
		}
	}
	return RefNone
}

// Prefix is the start of the ids of the kind: "fig-".
func (k RefKind) Prefix() string { return refKinds[k].prefix }

// String names the kind in messages: "figure".
func (k RefKind) String() string { return refKinds[k].name }

// RefKindOfBlock returns the kind of numbered element b is, RefNone for a
// block that is never numbered.
func RefKindOfBlock(b Block) RefKind {
	switch b.(type) {
	case *Figure:
		return RefFigure
	case *Table:
		return RefTable
	case *Box:
		return RefBox
	case *Heading:
		return RefSection
	case *Paragraph, *List, *Quote, *PullQuote, *CodeBlock, *Rule:
		return RefNone
	}
	panic(unknown(b))
}
