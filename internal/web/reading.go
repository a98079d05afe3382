package web

import (
	"context"
	"fmt"
	"strings"
)

// readingEdition is the whole text on one page: a title page, the contents,
// every section with its notes (linked both ways), figures, tables and boxes,
// in the markup of the EPUB's content documents (package xhtml).
func (s *site) readingEdition(ctx context.Context) ([]byte, error) {
	ed, words := s.ed, s.ed.Words
	var sb strings.Builder
	h := pageHead{lang: ed.Lang, title: ed.FullTitle, description: s.description(), css: cssName(s.id, ed.Lang),
		alternate: func(l string) string { return ReadingName(s.id, l) }, langs: ed.Pub.Languages}
	if s.base != "" {
		h.canonical = s.base + ReadingName(s.id, ed.Lang)
	}
	writeHead(&sb, h, words.Web.Skip)
	writeSiteHeader(&sb, words.Web.Publications, [][2]string{
		{"../" + PageName(ed.Lang), words.Web.Publications},
		{PageName(ed.Lang), words.Web.Publication},
	}, words.Web.Languages, ed.Lang, ed.Pub.Languages, h.alternate)
	sb.WriteString("<main id=\"main\">\n")
	s.titleBlock(&sb)
	fmt.Fprintf(&sb, "<nav id=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">%s</h2>\n", esc(words.Contents))
	sb.WriteString(s.reading.ContentsMarkup())
	sb.WriteString("</nav>\n")
	for _, sec := range ed.Sections {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		m, err := s.reading.SectionMarkup(sec)
		if err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		sb.WriteString(m)
	}
	sb.WriteString("</main>\n")
	s.footer(&sb)
	sb.WriteString("</body>\n</html>\n")
	return []byte(sb.String()), nil
}

// titleBlock is the head of the reading edition, as the EPUB's title page:
// the series on the layout's band, title, subtitle, authors, publisher, date.
func (s *site) titleBlock(sb *strings.Builder) {
	ed := s.ed
	sb.WriteString("<header class=\"titlepage\">\n")
	if t := strings.TrimSpace(ed.Series); t != "" {
		fmt.Fprintf(sb, "<div class=\"band\">\n<p class=\"series\">%s</p>\n</div>\n", esc(t))
	}
	fmt.Fprintf(sb, "<h1 class=\"title\">%s</h1>\n", esc(strings.TrimSpace(ed.Title)))
	if t := strings.TrimSpace(ed.Subtitle); t != "" {
		fmt.Fprintf(sb, "<p class=\"subtitle\">%s</p>\n", esc(t))
	}
	sb.WriteString("<div class=\"footer\">\n")
	if a := s.authors(); len(a) > 0 {
		fmt.Fprintf(sb, "<p>%s</p>\n", esc(strings.Join(a, ", ")))
	}
	if p := strings.TrimSpace(ed.Publisher); p != "" {
		fmt.Fprintf(sb, "<p>%s</p>\n", esc(p))
	}
	if ed.DateISO != "" {
		fmt.Fprintf(sb, "<p><time datetime=\"%s\">%s</time></p>\n", esc(ed.DateISO), s.reading.DateMarkup())
	}
	sb.WriteString("</div>\n</header>\n")
}

// authors are the authors that are not the publisher.
func (s *site) authors() []string {
	var out []string
	p := strings.TrimSpace(s.ed.Publisher)
	for _, a := range s.ed.Authors {
		if a = strings.TrimSpace(a); a != "" && a != p {
			out = append(out, a)
		}
	}
	return out
}

// footer is the foot of every page: the publisher and the rights.
func (s *site) footer(sb *strings.Builder) {
	ed := s.ed
	sb.WriteString("<footer class=\"site\">\n")
	if p := strings.TrimSpace(ed.Publisher); p != "" {
		fmt.Fprintf(sb, "<p>%s</p>\n", esc(p))
	}
	if r := strings.TrimSpace(ed.Rights); r != "" {
		fmt.Fprintf(sb, "<p><strong>%s</strong> %s</p>\n", esc(ed.Words.Rights), esc(r))
	}
	sb.WriteString("</footer>\n")
}
