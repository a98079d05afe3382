package xhtml

import (
	"fmt"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/resolve"
)

// Nav renders the navigation document: the edition's contents as nested
// lists, the landmarks and the page-list. cover, titlePage and self are the
// file names of the cover, the title page and the navigation document itself.
func (w *Writer) Nav(cover, titlePage, self string) []byte {
	var sb strings.Builder
	words := w.ed.Words
	w.head(&sb, words.Contents)
	sb.WriteString("<body>\n")
	for _, br := range w.pages.contents {
		if br.Run < 0 {
			pageMarker(&sb, br) // a page the printed contents begin on
		}
	}
	fmt.Fprintf(&sb, "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">%s</h1>\n", x(words.Contents))
	w.writeEntries(&sb, w.ed.Contents)
	sb.WriteString("</nav>\n")

	sb.WriteString("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n")
	fmt.Fprintf(&sb, "<li><a epub:type=\"cover\" href=\"%s\">%s</a></li>\n", x(cover), x(words.Cover))
	fmt.Fprintf(&sb, "<li><a epub:type=\"titlepage\" href=\"%s\">%s</a></li>\n", x(titlePage), x(w.ed.Title))
	fmt.Fprintf(&sb, "<li><a epub:type=\"toc\" href=\"%s#toc\">%s</a></li>\n", self, x(words.Contents))
	secs := w.ed.Sections
	body := secs[0]
	for _, s := range secs {
		if s.Role.Matter != doc.FrontMatter {
			body = s
			break
		}
	}
	if secs[0].Role.Matter == doc.FrontMatter && body != secs[0] {
		fmt.Fprintf(&sb, "<li><a epub:type=\"frontmatter\" href=\"%s\">%s</a></li>\n", x(FileName(secs[0])), x(secs[0].Title))
	}
	fmt.Fprintf(&sb, "<li><a epub:type=\"bodymatter\" href=\"%s\">%s</a></li>\n", x(FileName(body)), x(body.Title))
	if w.HasColophon() {
		fmt.Fprintf(&sb, "<li><a epub:type=\"colophon\" href=\"%s\">%s</a></li>\n", ColophonFile, x(w.colophonLabel()))
	}
	sb.WriteString("</ol>\n</nav>\n")
	w.pageList(&sb, titlePage, self)
	sb.WriteString("</body>\n</html>\n")
	return []byte(sb.String())
}

// writeEntries writes contents entries as nested ordered lists: an entry
// deeper than the one before it opens a list inside that one's item.
// A page of the printed contents that begins with an entry is marked at its
// start, inside its link (the only place a navigation list allows).
func (w *Writer) writeEntries(sb *strings.Builder, entries []resolve.Entry) {
	sb.WriteString("<ol>\n")
	var open []int // levels of the items still open
	for i, e := range entries {
		if i > 0 {
			switch prev := open[len(open)-1]; {
			case e.Level > prev:
				sb.WriteString("\n<ol>\n")
			default:
				sb.WriteString("</li>\n")
				open = open[:len(open)-1]
				for len(open) > 0 && open[len(open)-1] >= e.Level {
					sb.WriteString("</ol>\n</li>\n")
					open = open[:len(open)-1]
				}
			}
		}
		target := FileName(e.Section)
		if e.Level > 1 {
			target = href(e.Section, e.ID)
		}
		fmt.Fprintf(sb, "<li><a href=\"%s\"%s>", x(target), langAttrs(e.Section.Lang))
		for _, br := range w.pages.contents {
			if br.Run == i {
				pageMarker(sb, br)
			}
		}
		fmt.Fprintf(sb, "%s</a>", x(e.Title))
		open = append(open, e.Level)
	}
	if len(open) > 0 {
		sb.WriteString("</li>\n")
		for range open[1:] {
			sb.WriteString("</ol>\n</li>\n")
		}
	}
	sb.WriteString("</ol>\n")
}
