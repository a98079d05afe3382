package web

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/xhtml"
)

// formatTypes are the media types of the downloads, by format.
var formatTypes = map[string]string{"pdf": "application/pdf", "print": "application/pdf", "epub": "application/epub+zip"}

// label is a download's format in the edition's words.
func (s *site) label(format string) string {
	w := s.ed.Words.Web
	switch format {
	case "pdf":
		return w.PDF
	case "print":
		return w.PrintPDF
	case "epub":
		return w.EPUB
	}
	return format
}

// count fills a "{n} …" word.
func count(word string, n int) string { return strings.ReplaceAll(word, "{n}", strconv.Itoa(n)) }

// kilobytes is a size as the build's lines say it: KB, rounded up.
func kilobytes(n int) int { return (n + 1023) / 1024 }

// publicationPage is the publication's page in the edition's language, as
// the publisher's own: series, title, subtitle, date, cover, the about
// section's text with the questions the publication answers, the reading
// edition, downloads, the other languages, rights and how to cite it.
func (s *site) publicationPage() ([]byte, error) {
	ed, words := s.ed, s.ed.Words
	var sb strings.Builder
	h := pageHead{lang: ed.Lang, title: ed.FullTitle, description: s.description(), css: cssName(s.id, ed.Lang),
		alternate: PageName, langs: ed.Pub.Languages, bodyClass: "wide"}
	if s.base != "" {
		h.canonical = s.base + PageName(ed.Lang)
	}
	meta, err := s.metadata()
	if err != nil {
		return nil, err
	}
	h.extra = meta
	writeHead(&sb, h, words.Web.Skip)
	writeSiteHeader(&sb, words.Web.Publications, [][2]string{{"../" + PageName(ed.Lang), words.Web.Publications}},
		words.Web.Languages, ed.Lang, ed.Pub.Languages, PageName)
	sb.WriteString("<main id=\"main\">\n<article class=\"publication\">\n")
	fmt.Fprintf(&sb, "<div class=\"cover-image\"><img src=\"%s\" alt=\"%s\" width=\"%d\" height=\"%d\"></div>\n",
		esc(s.cover.Name), esc(s.reading.CoverText()), s.coverW, s.coverH)
	sb.WriteString("<div class=\"details\">\n")
	if t := strings.TrimSpace(ed.Series); t != "" {
		fmt.Fprintf(&sb, "<p class=\"meta\">%s</p>\n", esc(t))
	}
	fmt.Fprintf(&sb, "<h1 class=\"title\">%s</h1>\n", esc(strings.TrimSpace(ed.Title)))
	if t := strings.TrimSpace(ed.Subtitle); t != "" {
		fmt.Fprintf(&sb, "<p class=\"subtitle\">%s</p>\n", esc(t))
	}
	var by []string
	if a := s.authors(); len(a) > 0 {
		by = append(by, esc(strings.Join(a, ", ")))
	}
	if p := strings.TrimSpace(ed.Publisher); p != "" {
		by = append(by, esc(p))
	}
	if ed.DateISO != "" {
		by = append(by, fmt.Sprintf("<time datetime=\"%s\">%s</time>", esc(ed.DateISO), s.reading.DateMarkup()))
	}
	if len(by) > 0 {
		fmt.Fprintf(&sb, "<p class=\"meta\">%s</p>\n", strings.Join(by, " · "))
	}
	fmt.Fprintf(&sb, "<p><a class=\"button\" href=\"%s\">%s</a></p>\n", esc(ReadingName(s.id, ed.Lang)), esc(words.Web.Read))
	if err := s.aboutText(&sb); err != nil {
		return nil, err
	}
	s.downloads(&sb)
	s.citation(&sb)
	sb.WriteString("</div>\n</article>\n</main>\n")
	s.footer(&sb)
	sb.WriteString("</body>\n</html>\n")
	return []byte(sb.String()), nil
}

// aboutText writes the about section: its title as a heading, its text and
// its list of questions, each linked to its section in the reading edition;
// else the edition's description.
func (s *site) aboutText(sb *strings.Builder) error {
	sec := s.about()
	if sec == nil {
		if d := strings.TrimSpace(s.ed.Description); d != "" {
			fmt.Fprintf(sb, "<p>%s</p>\n", esc(d))
		}
		return nil
	}
	var body []doc.Block
	for _, b := range sec.Doc.Blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level == 1 {
			continue // the section's title, the heading below
		}
		body = append(body, b)
	}
	m, err := s.onPage.BlocksMarkup(sec, body)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	fmt.Fprintf(sb, "<section class=\"about\" aria-labelledby=\"about-title\"%s>\n<h2 id=\"about-title\">%s</h2>\n%s</section>\n",
		langAttr(sec.Lang), esc(sec.Title), m)
	return nil
}

// langAttr gives an element's language where it is not the page's.
func langAttr(lang string) string {
	if lang == "" {
		return ""
	}
	return " lang=\"" + esc(lang) + "\""
}

// downloads writes the edition's files to download: format, pages, size, language.
func (s *site) downloads(sb *strings.Builder) {
	if len(s.opt.Downloads) == 0 {
		return
	}
	ed, w := s.ed, s.ed.Words.Web
	fmt.Fprintf(sb, "<section aria-labelledby=\"download-title\">\n<h2 id=\"download-title\">%s</h2>\n<ul class=\"downloads\">\n", esc(w.Download))
	for _, d := range s.opt.Downloads {
		var facts []string
		if d.Pages > 0 {
			facts = append(facts, count(w.Pages, d.Pages))
		}
		facts = append(facts, count(w.Size, kilobytes(d.Bytes)), LanguageName(ed.Lang))
		fmt.Fprintf(sb, "<li><a href=\"%s\" type=\"%s\" hreflang=\"%s\">%s</a> <span class=\"meta\">%s</span></li>\n",
			esc(d.File), formatTypes[d.Format], esc(ed.Lang), esc(s.label(d.Format)), esc(strings.Join(facts, ", ")))
	}
	sb.WriteString("</ul>\n</section>\n")
}

// citation writes how to cite the edition: authors (or publisher), year,
// full title, series, publisher when not the author, and the page's address.
func (s *site) citation(sb *strings.Builder) {
	ed := s.ed
	fmt.Fprintf(sb, "<section aria-labelledby=\"cite-title\">\n<h2 id=\"cite-title\">%s</h2>\n<p class=\"cite\">", esc(ed.Words.Web.Cite))
	sb.WriteString(s.citationMarkup())
	sb.WriteString("</p>\n</section>\n")
}

// citationMarkup is the citation as running text.
func (s *site) citationMarkup() string {
	ed := s.ed
	var parts []string
	who := s.authors()
	pub := strings.TrimSpace(ed.Publisher)
	switch {
	case len(who) > 0:
		parts = append(parts, esc(strings.Join(who, ", ")))
	case pub != "":
		parts = append(parts, esc(pub))
	}
	if !ed.Date.IsZero() {
		parts = append(parts, "("+strconv.Itoa(ed.Date.Year())+")")
	}
	head := strings.Join(parts, " ")
	if head != "" {
		head += ". "
	}
	out := head + "<cite>" + esc(strings.TrimSuffix(ed.FullTitle, ".")) + "</cite>."
	if t := strings.TrimSpace(ed.Series); t != "" {
		out += " " + esc(strings.TrimSuffix(t, ".")) + "."
	}
	if pub != "" && len(who) > 0 {
		out += " " + esc(strings.TrimSuffix(pub, ".")) + "."
	}
	if n := xhtml.ISBN(ed.Identifier); n != "" {
		out += " ISBN " + esc(n) + "."
	}
	if s.base != "" {
		out += " " + esc(s.base+PageName(ed.Lang))
	}
	return out
}
