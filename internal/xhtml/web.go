package xhtml

import (
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/resolve"
)

// ContentsMarkup is the edition's contents as nested ordered lists, for a
// web page (Options.Web): each entry a fragment of the page.
func (w *Writer) ContentsMarkup() string {
	var sb strings.Builder
	w.writeEntries(&sb, w.ed.Contents)
	return sb.String()
}

// DateMarkup is the publication date as the language writes it, ordinal
// endings as superscripts; "" without a date.
func (w *Writer) DateMarkup() string { return markup(w.ed.DateInlines) }

// BlocksMarkup is the markup of blocks of section s, without the section
// around them (the publication page sets the about section's text).
func (w *Writer) BlocksMarkup(s *resolve.Section, bs []doc.Block) (string, error) {
	var sb strings.Builder
	r := &renderer{w: w, ed: w.ed, sec: s, sb: &sb, placed: map[int]bool{}}
	r.blocks(bs)
	return sb.String(), r.err
}
