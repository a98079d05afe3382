package xhtml

import (
	"cmp"
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
	lists := w.floatLists()
	prefix := ""
	if strings.Contains(lists, boxesType) {
		prefix = " epub:prefix=\"" + vocabPrefix + "\""
	}
	w.headWith(&sb, words.Contents, prefix)
	sb.WriteString("<body>\n")
	for _, br := range w.pages.contents {
		if br.Run < 0 {
			w.pageMarker(&sb, br) // a page the printed contents begin on
		}
	}
	fmt.Fprintf(&sb, "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">%s</h1>\n", x(words.Contents))
	w.writeEntries(&sb, w.ed.Contents)
	sb.WriteString("</nav>\n")
	sb.WriteString(lists)

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
		switch {
		case w.opt.Web:
			target = w.linkTo(e.Section, e.ID)
		case e.Level > 1:
			target = href(e.Section, e.ID)
		}
		fmt.Fprintf(sb, "<li><a href=\"%s\"%s>", x(target), langAttrs(e.Section.Lang))
		for _, br := range w.pages.contents {
			if br.Run == i {
				w.pageMarker(sb, br)
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

// boxesType is the epub:type of the list of boxes, which the EPUB
// vocabulary has no term for: folio's own, its prefix declared (vocabPrefix).
const (
	boxesType   = "folio:boxes"
	vocabPrefix = "folio: https://github.com/folio-pub/folio/blob/main/docs/reference.md#the-epub"
)

// floatLists returns, where the layout's contents: lists asks, the lists of
// the edition's figures (epub:type loi), tables (lot) and boxes, in reading
// order, each entry its label and the first sentence of its caption leading
// to it. A table without an id, which nothing can link to, is left out.
func (w *Writer) floatLists() string {
	var sb strings.Builder
	if !w.ed.Layout.Contents.Lists {
		return ""
	}
	type entry struct{ href, text string }
	var figures, tables, boxes []entry
	ed := w.ed
	for _, s := range ed.Sections {
		doc.WalkBlocks(s.Doc.Blocks, func(b doc.Block) {
			switch b := b.(type) {
			case *doc.Figure:
				text := firstSentence(doc.PlainText(ed.FigureCaption(b)), ed.Label(b, true))
				if strings.TrimSpace(text) == "" {
					text = b.Alt
				}
				figures = append(figures, entry{href(s, b.ID), text})
			case *doc.Table:
				if text := doc.PlainText(ed.Captioned(b, b.Caption)); b.ID != "" && strings.TrimSpace(text) != "" {
					tables = append(tables, entry{href(s, b.ID), text})
				}
			case *doc.Box:
				if text := doc.PlainText(ed.Captioned(b, b.Title)); strings.TrimSpace(text) != "" {
					boxes = append(boxes, entry{href(s, b.ID), text})
				}
			case *doc.Heading, *doc.Paragraph, *doc.List, *doc.Quote, *doc.CodeBlock, *doc.Rule, *doc.PullQuote:
				// not listed
			}
		})
	}
	words := ed.Words
	for _, l := range []struct {
		typ, id, title string
		entries        []entry
	}{
		{"loi", "loi", cmp.Or(words.Lists.Figures, words.Numbering.Figure), figures},
		{"lot", "lot", cmp.Or(words.Lists.Tables, words.Numbering.Table), tables},
		{boxesType, "lob", cmp.Or(words.Lists.Boxes, words.Numbering.Box), boxes},
	} {
		if len(l.entries) == 0 {
			continue
		}
		fmt.Fprintf(&sb, "<nav epub:type=\"%s\"", l.typ)
		fmt.Fprintf(&sb, " id=\"%s\" aria-labelledby=\"%s-title\">\n<h2 id=\"%s-title\">%s</h2>\n<ol>\n", l.id, l.id, l.id, x(l.title))
		for _, e := range l.entries {
			fmt.Fprintf(&sb, "<li><a href=\"%s\">%s</a></li>\n", x(e.href), x(e.text))
		}
		sb.WriteString("</ol>\n</nav>\n")
	}
	return sb.String()
}

// firstSentence returns a caption up to the end of its first sentence after
// its label ("Figure 1: The actors. The shield…" gives "Figure 1: The actors.").
func firstSentence(caption, label string) string {
	rest := strings.TrimPrefix(caption, label)
	for i, r := range rest {
		if (r == '.' || r == '!' || r == '?') && i+1 < len(rest) && rest[i+1] == ' ' {
			return caption[:len(caption)-len(rest)+i+1]
		}
	}
	return caption
}
