package xhtml

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
)

// pages places the print edition's page breaks: by block, before the text
// (the title page), in the contents (before the navigation's), in the
// imprint (the colophon) and after the text (the end of the last section).
type pages struct {
	inBlock                          map[doc.Block][]page.PageBreak
	before, contents, imprint, after []page.PageBreak
	section                          map[doc.Block]*resolve.Section // the section each block of the text is in
}

func newPages(ed *resolve.Edition, breaks []page.PageBreak) *pages {
	p := &pages{inBlock: map[doc.Block][]page.PageBreak{}, section: map[doc.Block]*resolve.Section{}}
	for _, s := range ed.Sections {
		doc.WalkBlocks(s.Doc.Blocks, func(b doc.Block) { p.section[b] = s })
	}
	for _, br := range breaks {
		switch {
		case br.Where == page.BeforeText:
			p.before = append(p.before, br)
		case br.Where == page.InText && p.section[br.Block] != nil:
			p.inBlock[br.Block] = append(p.inBlock[br.Block], br)
		case br.Where == page.InContents:
			p.contents = append(p.contents, br)
		case br.Where == page.InImprint && len(ed.Imprint) > 0:
			p.imprint = append(p.imprint, br)
		default:
			// after the text, or in a block that is not in it
			p.after = append(p.after, br)
		}
	}
	return p
}

// PageListed reports whether the documents mark the print edition's pages (and the navigation lists them).
func (w *Writer) PageListed() bool { return len(w.opt.PageBreaks) > 0 }

// pageID is the id of the marker of a page.
func pageID(br page.PageBreak) string { return fmt.Sprintf("page-%d", br.Page) }

// pageMarker writes the marker of the page break br.
func (w *Writer) pageMarker(sb *strings.Builder, br page.PageBreak) {
	fmt.Fprintf(sb, "<span%s role=\"doc-pagebreak\" id=\"%s\" aria-label=\"%s\"></span>", w.epubType("pagebreak"), pageID(br), x(br.Label))
}

// pageFile returns the document a page's marker is in, given the names of
// the title page and the navigation document.
func (w *Writer) pageFile(br page.PageBreak, titlePage, nav string) string {
	p := w.pages
	switch br.Where {
	case page.BeforeText:
		return titlePage
	case page.InContents:
		return nav
	case page.InImprint:
		if w.HasColophon() {
			return ColophonFile
		}
	case page.InText:
		if s := p.section[br.Block]; s != nil {
			return FileName(s)
		}
	case page.AfterText:
		// at the end of the last section
	}
	return FileName(w.ed.Sections[len(w.ed.Sections)-1])
}

// pageList writes the page-list navigation: the printed folios, each leading to its marker.
func (w *Writer) pageList(sb *strings.Builder, titlePage, nav string) {
	if !w.PageListed() {
		return
	}
	sb.WriteString("<nav epub:type=\"page-list\" role=\"doc-pagelist\" id=\"page-list\" hidden=\"hidden\">\n<ol>\n")
	for _, br := range w.opt.PageBreaks {
		fmt.Fprintf(sb, "<li><a href=\"%s#%s\">%s</a></li>\n", x(w.pageFile(br, titlePage, nav)), pageID(br), x(br.Label))
	}
	sb.WriteString("</ol>\n</nav>\n")
}

// beforeBlock writes the markers of the pages that begin just before block b:
// before it, or at the start of its first run when that starts its element.
func (r *renderer) beforeBlock(b doc.Block) {
	startsElement := false
	switch b.(type) {
	case *doc.Heading, *doc.Paragraph, *doc.CodeBlock:
		startsElement = true
	case *doc.List, *doc.Table, *doc.Figure, *doc.Box, *doc.Quote, *doc.Rule, *doc.PullQuote:
		// its first run, if any, is in an element inside it
	}
	for _, br := range r.w.pages.inBlock[b] {
		if br.Run == -1 || (startsElement && br.Run == 0 && br.Offset == 0) {
			r.marker(br)
		}
	}
}

// afterBlock writes the markers of block b that found no place in it.
func (r *renderer) afterBlock(b doc.Block) {
	for _, br := range r.w.pages.inBlock[b] {
		r.marker(br)
	}
}

// marker writes a page's marker, once.
func (r *renderer) marker(br page.PageBreak) {
	if r.placed[br.Page] {
		return
	}
	r.placed[br.Page] = true
	r.w.pageMarker(r.sb, br)
}

// startRun begins run number run of block b: the markers of pages that begin
// in it wait for their place in the text.
func (r *renderer) startRun(b doc.Block, run int) {
	r.pending, r.off = nil, 0
	for _, br := range r.w.pages.inBlock[b] {
		if br.Run == run && !r.placed[br.Page] {
			r.pending = append(r.pending, br)
		}
	}
}

// endRun ends a run; markers still waiting go at its end.
func (r *renderer) endRun() {
	for _, br := range r.pending {
		r.marker(br)
	}
	r.pending = nil
}

// text writes running text, with the markers of the pages that begin in it.
func (r *renderer) text(s string) {
	n := utf8.RuneCountInString(s)
	for len(r.pending) > 0 && r.pending[0].Offset < r.off+n {
		k := max(r.pending[0].Offset-r.off, 0)
		i := 0
		for j := 0; j < k; j++ {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		escText(r.sb, s[:i])
		r.marker(r.pending[0])
		r.pending = r.pending[1:]
		s, r.off, n = s[i:], r.off+k, n-k
	}
	escText(r.sb, s)
	r.off += n
}

// escText writes running text escaped, with a <wbr/> where a line may break
// inside an address (doc.URLBreaks: Chicago's places, as the PDF breaks
// it), so that a long URL wraps on a narrow screen rather than overflowing.
func escText(sb *strings.Builder, s string) {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		esc(sb, s, false)
		return
	}
	for s != "" {
		word, rest := s, ""
		if i := strings.IndexAny(s, " \u00a0\n"); i >= 0 {
			_, size := utf8.DecodeRuneInString(s[i:])
			word, rest = s[:i+size], s[i+size:]
		}
		last := 0
		for _, at := range doc.URLBreaks(word) {
			esc(sb, word[last:at], false)
			sb.WriteString("<wbr/>")
			last = at
		}
		esc(sb, word[last:], false)
		s = rest
	}
}
