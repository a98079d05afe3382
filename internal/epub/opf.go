package epub

import (
	"fmt"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/langrules"
)

// a11yPrefix declares the a11y vocabulary, which EPUB 3.3 reserves but EPUBCheck 4.2 does not know.
const a11yPrefix = "a11y: http://www.idpf.org/epub/vocab/package/a11y/#"

// packageDoc renders package.opf: metadata, manifest and spine in reading order.
func (b *book) packageDoc() []byte {
	var sb strings.Builder
	ed, pub := b.ed, b.pub
	sb.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(&sb, "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"%s\" prefix=\"%s\">\n", x(b.lang), a11yPrefix)
	sb.WriteString("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	fmt.Fprintf(&sb, "<dc:identifier id=\"pub-id\">%s</dc:identifier>\n", x(strings.TrimSpace(ed.Identifier)))
	fmt.Fprintf(&sb, "<dc:title id=\"title\">%s</dc:title>\n", x(strings.TrimSpace(ed.Title)))
	sb.WriteString("<meta refines=\"#title\" property=\"title-type\">main</meta>\n")
	if s := strings.TrimSpace(ed.Subtitle); s != "" {
		fmt.Fprintf(&sb, "<dc:title id=\"subtitle\">%s</dc:title>\n", x(s))
		sb.WriteString("<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n")
	}
	fmt.Fprintf(&sb, "<dc:language>%s</dc:language>\n", x(b.lang))
	n := 0
	for _, a := range pub.Authors {
		if a = strings.TrimSpace(a); a == "" {
			continue
		}
		n++
		fmt.Fprintf(&sb, "<dc:creator id=\"creator-%d\">%s</dc:creator>\n", n, x(a))
		fmt.Fprintf(&sb, "<meta refines=\"#creator-%d\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n", n)
	}
	publisher := strings.TrimSpace(pub.Publisher)
	if publisher != "" {
		fmt.Fprintf(&sb, "<dc:publisher>%s</dc:publisher>\n", x(publisher))
	}
	if s := strings.TrimSpace(pub.Rights); s != "" {
		fmt.Fprintf(&sb, "<dc:rights>%s</dc:rights>\n", x(s))
	}
	if b.date != "" {
		fmt.Fprintf(&sb, "<dc:date>%s</dc:date>\n", x(b.date))
	}
	if s := strings.TrimSpace(ed.Description); s != "" {
		fmt.Fprintf(&sb, "<dc:description>%s</dc:description>\n", x(s))
	}
	for _, k := range ed.Keywords {
		if k = strings.TrimSpace(k); k != "" {
			fmt.Fprintf(&sb, "<dc:subject>%s</dc:subject>\n", x(k))
		}
	}
	if s := b.series(); s != "" {
		fmt.Fprintf(&sb, "<meta property=\"belongs-to-collection\" id=\"series\">%s</meta>\n", x(s))
		sb.WriteString("<meta refines=\"#series\" property=\"collection-type\">series</meta>\n")
	}
	fmt.Fprintf(&sb, "<meta property=\"dcterms:modified\">%s</meta>\n", b.mod.Format("2006-01-02T15:04:05Z"))

	// Accessibility (EPUB Accessibility 1.1): claim only what is true.
	meta := func(prop, v string) { fmt.Fprintf(&sb, "<meta property=\"%s\">%s</meta>\n", prop, x(v)) }
	meta("schema:accessMode", "textual")
	if b.hasFigures {
		meta("schema:accessMode", "visual")
	}
	if b.allAlt {
		meta("schema:accessModeSufficient", "textual")
	}
	if b.hasFigures {
		meta("schema:accessModeSufficient", "textual,visual")
	}
	meta("schema:accessibilityFeature", "structuralNavigation")
	meta("schema:accessibilityFeature", "tableOfContents")
	meta("schema:accessibilityFeature", "readingOrder")
	if b.hasFigures && b.allAlt {
		meta("schema:accessibilityFeature", "alternativeText")
	}
	meta("schema:accessibilityHazard", "none")
	meta("schema:accessibilitySummary", b.a11ySummary())
	if b.allAlt {
		meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
		if publisher != "" {
			meta("a11y:certifiedBy", publisher)
		}
	}
	sb.WriteString("</metadata>\n")

	sb.WriteString("<manifest>\n")
	item := func(id, href, mt, props string) {
		fmt.Fprintf(&sb, "<item id=\"%s\" href=\"%s\" media-type=\"%s\"", id, x(href), mt)
		if props != "" {
			fmt.Fprintf(&sb, " properties=\"%s\"", props)
		}
		sb.WriteString("/>\n")
	}
	item("cover", coverName, "application/xhtml+xml", "")
	item("nav", navName, "application/xhtml+xml", "nav")
	for _, f := range b.files {
		item(f.id, f.name, "application/xhtml+xml", "")
	}
	item("css", cssName, "text/css", "")
	for _, ff := range b.fontFiles {
		item(ff.id, ff.href, fontMediaType, "")
	}
	for i, im := range b.images {
		item(fmt.Sprintf("image-%d", i+1), im.href, im.mediaType, "")
	}
	sb.WriteString("</manifest>\n")

	sb.WriteString("<spine")
	if b.rtl() {
		sb.WriteString(" page-progression-direction=\"rtl\"")
	}
	sb.WriteString(">\n<itemref idref=\"cover\"/>\n<itemref idref=\"nav\"/>\n")
	for _, f := range b.files {
		fmt.Fprintf(&sb, "<itemref idref=\"%s\"/>\n", f.id)
	}
	sb.WriteString("</spine>\n</package>\n")
	return []byte(sb.String())
}

func (b *book) a11ySummary() string {
	w := b.words
	s := w.A11ySummary
	if b.hasFigures && b.allAlt {
		s += " " + w.A11yFigures
	}
	if b.allAlt {
		s += " " + w.A11yConformance
	}
	return langrules.New(b.words).String(s)
}

func (b *book) series() string {
	if s := strings.TrimSpace(b.ed.Series); s != "" {
		return s
	}
	return strings.TrimSpace(b.pub.Series)
}

// coverPage renders the title page: series, title, subtitle, authors, publisher, date.
func (b *book) coverPage() []byte {
	var sb strings.Builder
	ed, pub := b.ed, b.pub
	b.head(&sb, strings.TrimSpace(ed.Title))
	sb.WriteString("<body>\n<section epub:type=\"titlepage\" class=\"titlepage\" aria-labelledby=\"title\">\n")
	if s := b.series(); s != "" {
		fmt.Fprintf(&sb, "<div class=\"band\">\n<p class=\"series\">%s</p>\n</div>\n", x(s))
	}
	fmt.Fprintf(&sb, "<h1 class=\"title\" id=\"title\">%s</h1>\n", x(strings.TrimSpace(ed.Title)))
	if s := strings.TrimSpace(ed.Subtitle); s != "" {
		fmt.Fprintf(&sb, "<p class=\"subtitle\">%s</p>\n", x(s))
	}
	var footer []string
	var authors []string
	for _, a := range pub.Authors {
		if a = strings.TrimSpace(a); a != "" {
			authors = append(authors, a)
		}
	}
	if len(authors) > 0 {
		footer = append(footer, "<p>"+x(strings.Join(authors, ", "))+"</p>")
	}
	if s := strings.TrimSpace(pub.Publisher); s != "" {
		footer = append(footer, "<p>"+x(s)+"</p>")
	}
	if b.date != "" {
		footer = append(footer, "<p><time datetime=\""+x(b.date)+"\">"+x(b.words.FormatDate(b.date))+"</time></p>")
	}
	var dl []string
	if s := strings.TrimSpace(pub.Rights); s != "" {
		dl = append(dl, "<dt>"+x(b.words.Rights)+"</dt>\n<dd>"+x(s)+"</dd>")
	}
	dl = append(dl, "<dt>"+x(b.words.Identifier)+"</dt>\n<dd>"+x(strings.TrimSpace(ed.Identifier))+"</dd>")
	sb.WriteString("<div class=\"footer\">\n")
	for _, p := range footer {
		sb.WriteString(p + "\n")
	}
	sb.WriteString("<dl>\n" + strings.Join(dl, "\n") + "\n</dl>\n</div>\n")
	sb.WriteString("</section>\n</body>\n</html>\n")
	return []byte(sb.String())
}

// navDoc renders nav.xhtml: the table of contents (sections and their level-2
// headings) and the landmarks.
func (b *book) navDoc() []byte {
	var sb strings.Builder
	b.head(&sb, b.words.Contents)
	sb.WriteString("<body>\n")
	fmt.Fprintf(&sb, "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">%s</h1>\n<ol>\n", x(b.words.Contents))
	for _, f := range b.files {
		fmt.Fprintf(&sb, "<li><a href=\"%s\">%s</a>", x(f.name), x(sectionTitle(f)))
		var subs []string
		for _, h := range f.sec.Headings(2) {
			if h.Level != 2 {
				continue
			}
			t := strings.TrimSpace(doc.PlainText(h.Content))
			if t == "" {
				continue
			}
			subs = append(subs, fmt.Sprintf("<li><a href=\"%s\">%s</a></li>", x(target{f, b.ids[h]}.href()), x(t)))
		}
		if len(subs) > 0 {
			sb.WriteString("\n<ol>\n" + strings.Join(subs, "\n") + "\n</ol>\n")
		}
		sb.WriteString("</li>\n")
	}
	sb.WriteString("</ol>\n</nav>\n")

	sb.WriteString("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n")
	fmt.Fprintf(&sb, "<li><a epub:type=\"cover\" href=\"%s\">%s</a></li>\n", coverName, x(b.words.Cover))
	fmt.Fprintf(&sb, "<li><a epub:type=\"toc\" href=\"%s#toc\">%s</a></li>\n", navName, x(b.words.Contents))
	body := b.files[0]
	for _, f := range b.files {
		if _, _, front := sectionSemantics(f.sec.Role); !front {
			body = f
			break
		}
	}
	if _, _, front := sectionSemantics(b.files[0].sec.Role); front && body != b.files[0] {
		fmt.Fprintf(&sb, "<li><a epub:type=\"frontmatter\" href=\"%s\">%s</a></li>\n", x(b.files[0].name), x(sectionTitle(b.files[0])))
	}
	fmt.Fprintf(&sb, "<li><a epub:type=\"bodymatter\" href=\"%s\">%s</a></li>\n", x(body.name), x(sectionTitle(body)))
	sb.WriteString("</ol>\n</nav>\n</body>\n</html>\n")
	return []byte(sb.String())
}
