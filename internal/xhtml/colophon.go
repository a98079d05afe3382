package xhtml

import (
	"fmt"
	"strings"
)

// ColophonFile is the name of the colophon document.
const ColophonFile = "colophon.xhtml"

// HasColophon reports whether the edition has an imprint, set in a colophon
// after the text as the print edition's back page prints it.
func (w *Writer) HasColophon() bool { return len(w.ed.Imprint) > 0 }

// Colophon renders the colophon: the imprint, each label with its value, and
// the markers of the back page and of the blank pages before it.
func (w *Writer) Colophon() []byte {
	var sb strings.Builder
	label := w.colophonLabel()
	w.head(&sb, label)
	sb.WriteString("<body>\n")
	for _, br := range w.pages.imprint {
		w.pageMarker(&sb, br)
	}
	fmt.Fprintf(&sb, "\n<section epub:type=\"colophon\" role=\"doc-colophon\" class=\"colophon\" aria-label=\"%s\">\n<dl>\n", x(label))
	for _, e := range w.ed.Imprint {
		value := x(e.Text)
		if e.Inlines != nil {
			value = markup(e.Inlines)
		}
		if e.Key == "date" && w.ed.DateISO != "" {
			value = "<time datetime=\"" + x(w.ed.DateISO) + "\">" + value + "</time>"
		}
		fmt.Fprintf(&sb, "<dt>%s</dt>\n<dd>%s</dd>\n", x(e.Label), value)
	}
	sb.WriteString("</dl>\n</section>\n</body>\n</html>\n")
	return []byte(sb.String())
}

// colophonLabel names the colophon: the words file's imprint word, else its publisher label.
func (w *Writer) colophonLabel() string {
	if s := strings.TrimSpace(w.ed.Words.Imprint); s != "" {
		return s
	}
	return w.ed.Words.Publisher
}
