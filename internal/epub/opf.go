package epub

import (
	"fmt"
	"strings"

	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/xhtml"
)

// x escapes s for XML text or a double-quoted attribute.
func x(s string) string { return xhtml.Escape(s) }

// a11yPrefix declares the a11y vocabulary, which EPUB 3.3 reserves but EPUBCheck 4.2 does not know.
const a11yPrefix = "a11y: http://www.idpf.org/epub/vocab/package/a11y/#"

// packageDoc renders package.opf: metadata, manifest and spine in reading order.
func (b *book) packageDoc() []byte {
	var sb strings.Builder
	sb.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(&sb, "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"%s\" prefix=\"%s\">\n", x(b.ed.Lang), a11yPrefix)
	sb.WriteString("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	b.writeMetadata(&sb)
	b.writeAccessibility(&sb)
	sb.WriteString("</metadata>\n")
	sb.WriteString("<manifest>\n")
	b.writeManifest(&sb)
	sb.WriteString("</manifest>\n")
	b.writeSpine(&sb)
	return []byte(sb.String())
}

// writeMetadata writes the bibliographic metadata: identifier, titles,
// language, creators, publisher, rights, date, description, subjects,
// series, cover, modification date and the page list's source.
func (b *book) writeMetadata(sb *strings.Builder) {
	ed := b.ed
	fmt.Fprintf(sb, "<dc:identifier id=\"pub-id\">%s</dc:identifier>\n", x(strings.TrimSpace(ed.Identifier)))
	fmt.Fprintf(sb, "<dc:title id=\"title\">%s</dc:title>\n", x(strings.TrimSpace(ed.Title)))
	sb.WriteString("<meta refines=\"#title\" property=\"title-type\">main</meta>\n")
	if s := strings.TrimSpace(ed.Subtitle); s != "" {
		fmt.Fprintf(sb, "<dc:title id=\"subtitle\">%s</dc:title>\n", x(s))
		sb.WriteString("<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n")
	}
	fmt.Fprintf(sb, "<dc:language>%s</dc:language>\n", x(ed.Lang))
	n := 0
	for _, a := range ed.Authors {
		if a = strings.TrimSpace(a); a == "" {
			continue
		}
		n++
		fmt.Fprintf(sb, "<dc:creator id=\"creator-%d\">%s</dc:creator>\n", n, x(a))
		fmt.Fprintf(sb, "<meta refines=\"#creator-%d\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n", n)
	}
	if publisher := strings.TrimSpace(ed.Publisher); publisher != "" {
		fmt.Fprintf(sb, "<dc:publisher>%s</dc:publisher>\n", x(publisher))
	}
	if s := strings.TrimSpace(ed.Rights); s != "" {
		fmt.Fprintf(sb, "<dc:rights>%s</dc:rights>\n", x(s))
	}
	if ed.DateISO != "" {
		fmt.Fprintf(sb, "<dc:date>%s</dc:date>\n", x(ed.DateISO))
	}
	if s := strings.TrimSpace(ed.Description); s != "" {
		fmt.Fprintf(sb, "<dc:description>%s</dc:description>\n", x(s))
	}
	for _, k := range ed.Keywords {
		if k = strings.TrimSpace(k); k != "" {
			fmt.Fprintf(sb, "<dc:subject>%s</dc:subject>\n", x(k))
		}
	}
	if s := strings.TrimSpace(ed.Series); s != "" {
		fmt.Fprintf(sb, "<meta property=\"belongs-to-collection\" id=\"series\">%s</meta>\n", x(s))
		sb.WriteString("<meta refines=\"#series\" property=\"collection-type\">series</meta>\n")
	}
	sb.WriteString("<meta name=\"cover\" content=\"cover-image\"/>\n") // for EPUB 2 reading systems
	fmt.Fprintf(sb, "<meta property=\"dcterms:modified\">%s</meta>\n", b.mod.Format("2006-01-02T15:04:05Z"))
	if b.xw.PageListed() {
		// the page breaks come from the digital PDF: named by its identifier
		// (its XMP dc:identifier), as EPUB 3.3 asks; EPUB Accessibility 1.1's
		// a11y:pageBreakSource is an error to EPUBCheck 4.2 (OPF-027)
		fmt.Fprintf(sb, "<dc:source id=\"page-source\">%s</dc:source>\n", x(b.pageSource))
		sb.WriteString("<meta refines=\"#page-source\" property=\"source-of\">pagination</meta>\n")
	}
}

// writeAccessibility writes the accessibility metadata (EPUB
// Accessibility 1.1): claims only what is true.
func (b *book) writeAccessibility(sb *strings.Builder) {
	ed := b.ed
	meta := func(prop, v string) { fmt.Fprintf(sb, "<meta property=\"%s\">%s</meta>\n", prop, x(v)) }
	meta("schema:accessMode", "textual")
	if ed.HasFigures {
		meta("schema:accessMode", "visual")
	}
	if ed.AllFiguresDescribed {
		meta("schema:accessModeSufficient", "textual")
	}
	if ed.HasFigures {
		meta("schema:accessModeSufficient", "textual,visual")
	}
	meta("schema:accessibilityFeature", "structuralNavigation")
	meta("schema:accessibilityFeature", "tableOfContents")
	meta("schema:accessibilityFeature", "readingOrder")
	if b.xw.PageListed() {
		meta("schema:accessibilityFeature", "printPageNumbers")
		meta("schema:accessibilityFeature", "pageBreakMarkers")
		meta("schema:accessibilityFeature", "pageNavigation")
	}
	if ed.HasFigures && ed.AllFiguresDescribed {
		meta("schema:accessibilityFeature", "alternativeText")
	}
	// Hazards, conformance and certifier only as the publisher declares them:
	// folio cannot know them, and certifies nothing itself.
	a := ed.Accessibility
	if a != nil && len(a.Hazards) > 0 {
		for _, h := range a.Hazards {
			meta("schema:accessibilityHazard", h)
		}
	} else {
		meta("schema:accessibilityHazard", "unknown")
	}
	meta("schema:accessibilitySummary", ed.AccessibilitySummary(resolve.PrintFacts{PageList: b.xw.PageListed(), MovedPages: b.movedPages}))
	if a != nil && a.ConformsTo != "" {
		meta("dcterms:conformsTo", a.ConformsTo)
		fmt.Fprintf(sb, "<meta property=\"a11y:certifiedBy\" id=\"certifier\">%s</meta>\n", x(a.CertifiedBy))
		if a.CertifierCredential != "" {
			fmt.Fprintf(sb, "<meta property=\"a11y:certifierCredential\" refines=\"#certifier\">%s</meta>\n", x(a.CertifierCredential))
		}
	}
}

// writeManifest writes the manifest's items: the cover, title page,
// navigation, sections, colophon, style sheet, fonts and images.
func (b *book) writeManifest(sb *strings.Builder) {
	ed := b.ed
	item := func(id, href, mt, props string) {
		fmt.Fprintf(sb, "<item id=\"%s\" href=\"%s\" media-type=\"%s\"", id, x(href), mt)
		if props != "" {
			fmt.Fprintf(sb, " properties=\"%s\"", props)
		}
		sb.WriteString("/>\n")
	}
	item("cover", coverName, "application/xhtml+xml", "")
	item("titlepage", titleName, "application/xhtml+xml", "")
	item("nav", navName, "application/xhtml+xml", "nav")
	for _, s := range ed.Sections {
		item(s.Name, xhtml.FileName(s), "application/xhtml+xml", "")
	}
	if b.xw.HasColophon() {
		item("colophon", xhtml.ColophonFile, "application/xhtml+xml", "")
	}
	item("css", cssName, "text/css", "")
	for _, ff := range b.fontFiles {
		item(ff.ID, ff.Href, fontMediaType, "")
	}
	for i, im := range ed.Images {
		item(fmt.Sprintf("image-%d", i+1), imageDir+im.Name, im.MediaType, "")
	}
	item("cover-image", b.coverFile, b.coverType, "cover-image")
}

// writeSpine writes the spine in reading order, the navigation where the
// print edition has its contents, and closes the package.
func (b *book) writeSpine(sb *strings.Builder) {
	ed := b.ed
	sb.WriteString("<spine")
	if b.xw.RTL() {
		sb.WriteString(" page-progression-direction=\"rtl\"")
	}
	sb.WriteString(">\n<itemref idref=\"cover\"/>\n<itemref idref=\"titlepage\"/>\n")
	// the contents where the print edition has them: after a first section that holds them
	navAt := 0
	if ed.Sections[0].Role.HoldsContents {
		navAt = 1
	}
	for i, s := range ed.Sections {
		if i == navAt {
			sb.WriteString("<itemref idref=\"nav\"/>\n")
		}
		fmt.Fprintf(sb, "<itemref idref=\"%s\"/>\n", s.Name)
	}
	if b.xw.HasColophon() {
		sb.WriteString("<itemref idref=\"colophon\"/>\n")
	}
	sb.WriteString("</spine>\n</package>\n")
}
