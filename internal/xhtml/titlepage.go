package xhtml

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
)

// Cover renders the cover document: the cover image, src relative to the
// document, described by its text.
func (w *Writer) Cover(src string) []byte {
	var sb strings.Builder
	w.head(&sb, w.ed.Words.Cover)
	sb.WriteString("<body>\n")
	fmt.Fprintf(&sb, "\n<section epub:type=\"cover\" class=\"cover\">\n<img role=\"doc-cover\" src=\"%s\" alt=\"%s\"/>\n</section>\n</body>\n</html>\n",
		x(src), x(w.CoverText()))
	return []byte(sb.String())
}

// CoverText is what the cover image shows, as its text alternative: series,
// title and subtitle, publisher.
func (w *Writer) CoverText() string {
	ed := w.ed
	var parts []string
	for _, s := range []string{ed.Series, ed.FullTitle, ed.Publisher} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, strings.TrimSuffix(s, "."))
		}
	}
	return strings.Join(parts, ". ") + "."
}

// isbn matches an ISBN-10 or ISBN-13, with or without urn:isbn: and hyphens.
var isbn = regexp.MustCompile(`^(?i:urn:isbn:|isbn:?\s*)?((97[89][- ]?)?([0-9][- ]?){9}[0-9Xx])$`)

// ISBN returns the ISBN an identifier gives, or "".
func ISBN(id string) string {
	m := isbn.FindStringSubmatch(strings.TrimSpace(id))
	if m == nil {
		return ""
	}
	return m[1]
}

// TitlePage renders the title page: series, title, subtitle, authors, publisher
// (once when it is also the author), date, licence and the ISBN when there is
// one. The first page of the print edition, the cover, begins here.
func (w *Writer) TitlePage() []byte {
	var sb strings.Builder
	ed, words := w.ed, w.ed.Words
	title := strings.TrimSpace(ed.Title)
	w.head(&sb, title)
	sb.WriteString("<body>\n")
	for _, br := range w.pages.before {
		w.pageMarker(&sb, br)
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
	publisher := strings.TrimSpace(ed.Publisher)
	var authors []string
	for _, a := range ed.Credits {
		if a = strings.TrimSpace(a); a != "" && a != publisher {
			authors = append(authors, a)
		}
	}
	if len(authors) > 0 {
		footer = append(footer, "<p>"+x(strings.Join(authors, ", "))+"</p>")
	}
	if publisher != "" {
		footer = append(footer, "<p>"+x(publisher)+"</p>")
	}
	if ed.DateISO != "" {
		footer = append(footer, "<p><time datetime=\""+x(ed.DateISO)+"\">"+markup(ed.DateInlines)+"</time></p>")
	}
	var dl []string
	if s := strings.TrimSpace(ed.Rights); s != "" {
		dl = append(dl, "<dt>"+x(words.Rights)+"</dt>\n<dd>"+x(s)+"</dd>")
	}
	if n := ISBN(ed.Identifier); n != "" {
		dl = append(dl, "<dt>ISBN</dt>\n<dd>"+x(n)+"</dd>")
	}
	sb.WriteString("<div class=\"footer\">\n")
	for _, p := range footer {
		sb.WriteString(p + "\n")
	}
	if len(dl) > 0 {
		sb.WriteString("<dl>\n" + strings.Join(dl, "\n") + "\n</dl>\n")
	}
	sb.WriteString("</div>\n</section>\n</body>\n</html>\n")
	return []byte(sb.String())
}

// markup writes generated running text (the date): text, and superscripts.
func markup(in []doc.Inline) string {
	var sb strings.Builder
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Text:
			esc(&sb, n.Text, false)
		case *doc.Super:
			sb.WriteString("<sup>")
			esc(&sb, n.Text, false)
			sb.WriteString("</sup>")
		case *doc.Emph, *doc.Strong, *doc.Code, *doc.Link, *doc.NoteRef, *doc.LineBreak, *doc.InlineImage, *doc.Cite, *doc.Span:
			esc(&sb, doc.PlainText([]doc.Inline{n}), false)
		default: // a kind not named above (make lint names it): its plain text
			esc(&sb, doc.PlainText([]doc.Inline{n}), false)
		}
	}
	return sb.String()
}
