package xhtml

import (
	"fmt"
	"strings"
)

// TitlePage renders the title page: series, title, subtitle, authors, publisher, date.
func (w *Writer) TitlePage() []byte {
	var sb strings.Builder
	ed, words := w.ed, w.ed.Words
	title := strings.TrimSpace(ed.Title)
	w.head(&sb, title)
	sb.WriteString("<body>\n")
	for _, br := range w.pages.before {
		pageMarker(&sb, br)
	}
	sb.WriteString("\n<section epub:type=\"titlepage\" class=\"titlepage\" aria-labelledby=\"title\">\n")
	if s := strings.TrimSpace(ed.Series); s != "" {
		fmt.Fprintf(&sb, "<div class=\"band\">\n<p class=\"series\">%s</p>\n</div>\n", x(s))
	}
	fmt.Fprintf(&sb, "<h1 class=\"title\" id=\"title\">%s</h1>\n", x(title))
	if s := strings.TrimSpace(ed.Subtitle); s != "" {
		fmt.Fprintf(&sb, "<p class=\"subtitle\">%s</p>\n", x(s))
	}
	var footer []string
	var authors []string
	for _, a := range ed.Authors {
		if a = strings.TrimSpace(a); a != "" {
			authors = append(authors, a)
		}
	}
	if len(authors) > 0 {
		footer = append(footer, "<p>"+x(strings.Join(authors, ", "))+"</p>")
	}
	if s := strings.TrimSpace(ed.Publisher); s != "" {
		footer = append(footer, "<p>"+x(s)+"</p>")
	}
	if ed.DateISO != "" {
		footer = append(footer, "<p><time datetime=\""+x(ed.DateISO)+"\">"+x(ed.DateText)+"</time></p>")
	}
	var dl []string
	if s := strings.TrimSpace(ed.Rights); s != "" {
		dl = append(dl, "<dt>"+x(words.Rights)+"</dt>\n<dd>"+x(s)+"</dd>")
	}
	dl = append(dl, "<dt>"+x(words.Identifier)+"</dt>\n<dd>"+x(strings.TrimSpace(ed.Identifier))+"</dd>")
	sb.WriteString("<div class=\"footer\">\n")
	for _, p := range footer {
		sb.WriteString(p + "\n")
	}
	sb.WriteString("<dl>\n" + strings.Join(dl, "\n") + "\n</dl>\n</div>\n")
	sb.WriteString("</section>\n</body>\n</html>\n")
	return []byte(sb.String())
}
