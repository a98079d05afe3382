// Package xhtml writes a resolved edition as XHTML5 content documents (title
// page, one document per section, navigation) and one stylesheet from the layout.
package xhtml

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// Options say where the documents find what they link to.
type Options struct {
	Stylesheet string     // href of the stylesheet from a content document
	Fonts      []FontFace // the @font-face rules of the stylesheet
	// PageBreaks are where the print edition's pages begin, to mark in the
	// text and list in the navigation; none for an edition without them.
	PageBreaks []page.PageBreak
	// Web makes the markup that of one web page holding every section (the
	// web edition): HTML with no EPUB vocabulary (epub:type), and links
	// between sections that are fragments of that page.
	Web bool
	// Page is, in a web page, the page that holds the sections, when it is
	// another one (the publication page links to the reading edition).
	Page string
	// Images is the folder of the images, relative to the documents:
	// images/ when empty.
	Images string
}

// FontFace is one @font-face rule: a family of the layout in one style, drawn
// by a font file.
type FontFace struct {
	Family   string // the layout's family name (serif, sans…)
	Style    style.FontStyle
	FaceName string // the font's own name, to guess the generic CSS family
	// FamilyName is the font's family name (Liberation Serif), which the
	// stylesheet names it by, as reading systems and converters expect
	FamilyName string
	Href       string // the font file, relative to the stylesheet
}

// Writer writes the documents of one edition.
type Writer struct {
	ed    *resolve.Edition
	opt   Options
	pages *pages
}

// New returns a writer of ed's documents.
func New(ed *resolve.Edition, opt Options) *Writer {
	return &Writer{ed: ed, opt: opt, pages: newPages(ed, opt.PageBreaks)}
}

// FileName is the name of a section's document.
func FileName(s *resolve.Section) string { return s.Name + ".xhtml" }

// href is the link to id in section s from any content document.
func href(s *resolve.Section, id string) string { return FileName(s) + "#" + id }

// target is the link to id in section s from the document of section from:
// a fragment when both are in one document (the same section, or the web
// page that holds them all).
func (w *Writer) target(s, from *resolve.Section, id string) string {
	if w.opt.Web {
		return w.opt.Page + "#" + id
	}
	if s == from {
		return "#" + id
	}
	return href(s, id)
}

// linkTo is the link to id in section s from a link in the text: in an EPUB
// always with the section's file, in the web page a fragment.
func (w *Writer) linkTo(s *resolve.Section, id string) string {
	if w.opt.Web {
		return w.opt.Page + "#" + id
	}
	return href(s, id)
}

// imageDir is the folder of the images, as the documents link it.
func (w *Writer) imageDir() string {
	if w.opt.Images == "" {
		return "images/"
	}
	return w.opt.Images
}

// epubType is the epub:type attribute of an element, which only an EPUB has.
func (w *Writer) epubType(t string) string {
	if w.opt.Web {
		return ""
	}
	return " epub:type=\"" + t + "\""
}

// esc writes s escaped for XML text, or for a double-quoted attribute value
// when attr is set. Characters XML does not allow become U+FFFD.
func esc(sb *strings.Builder, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			sb.WriteString("&amp;")
		case r == '<':
			sb.WriteString("&lt;")
		case r == '>':
			sb.WriteString("&gt;")
		case r == '"' && attr:
			sb.WriteString("&quot;")
		case (r == '\n' || r == '\t' || r == '\r') && attr:
			fmt.Fprintf(sb, "&#x%X;", r)
		case r == '\r':
			sb.WriteString("&#xD;")
		case r == '\n' || r == '\t':
			sb.WriteRune(r)
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			sb.WriteRune(utf8.RuneError)
		default:
			sb.WriteRune(r)
		}
	}
}

// Escape returns s escaped for an XML attribute value or text.
func Escape(s string) string {
	var sb strings.Builder
	esc(&sb, s, true)
	return sb.String()
}

// x is Escape, short for the many places that write markup.
func x(s string) string { return Escape(s) }

// RTL reports whether the edition's language is written right to left.
func (w *Writer) RTL() bool {
	primary, _, _ := strings.Cut(strings.ToLower(w.ed.Lang), "-")
	switch primary {
	case "ar", "he", "fa", "ur", "yi", "ps", "dv", "sd", "ug":
		return true
	}
	return false
}

// head writes the start of a content document up to the opening body tag.
func (w *Writer) head(sb *strings.Builder, title string) { w.headWith(sb, title, "") }

// headWith is head with more attributes on the html element (attrs, each
// with a space before it).
func (w *Writer) headWith(sb *strings.Builder, title, attrs string) {
	lang := x(w.ed.Lang)
	sb.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	fmt.Fprintf(sb, "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"%s lang=\"%s\" xml:lang=\"%s\"", attrs, lang, lang)
	if w.RTL() {
		sb.WriteString(" dir=\"rtl\"")
	}
	sb.WriteString(">\n<head>\n<meta charset=\"UTF-8\"/>\n")
	fmt.Fprintf(sb, "<title>%s</title>\n", x(title))
	fmt.Fprintf(sb, "<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n", w.opt.Stylesheet)
	sb.WriteString("</head>\n")
}
