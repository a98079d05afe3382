package epub

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/doc"
)

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

// x returns s escaped for an attribute value or text.
func x(s string) string {
	var sb strings.Builder
	esc(&sb, s, true)
	return sb.String()
}

// rtl reports whether the edition's language is written right to left.
func (b *book) rtl() bool {
	primary, _, _ := strings.Cut(strings.ToLower(b.lang), "-")
	switch primary {
	case "ar", "he", "fa", "ur", "yi", "ps", "dv", "sd", "ug":
		return true
	}
	return false
}

// head writes the start of an XHTML content document up to the opening body tag.
func (b *book) head(sb *strings.Builder, title string) {
	sb.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
	fmt.Fprintf(sb, "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"%s\" xml:lang=\"%s\"", x(b.lang), x(b.lang))
	if b.rtl() {
		sb.WriteString(" dir=\"rtl\"")
	}
	sb.WriteString(">\n<head>\n<meta charset=\"UTF-8\"/>\n")
	fmt.Fprintf(sb, "<title>%s</title>\n", x(title))
	fmt.Fprintf(sb, "<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n", cssName)
	sb.WriteString("</head>\n")
}

// sectionTitle is the title of a section for the table of contents and <title>.
func sectionTitle(f *file) string {
	if t := strings.TrimSpace(f.sec.Title); t != "" {
		return t
	}
	for _, h := range f.sec.Headings(1) {
		if t := strings.TrimSpace(doc.PlainText(h.Content)); t != "" {
			return t
		}
	}
	return strconv.Itoa(f.index + 1)
}

// sectionSemantics returns the epub:type and ARIA role of a section from its role,
// and whether it is front matter.
func sectionSemantics(role string) (epubType, ariaRole string, front bool) {
	switch strings.ToLower(strings.TrimSpace(role)) {
	case "about", "preface":
		return "preface", "doc-preface", true
	case "foreword":
		return "foreword", "doc-foreword", true
	case "acknowledgments", "acknowledgements":
		return "acknowledgments", "doc-acknowledgments", true
	case "introduction":
		return "introduction", "doc-introduction", false
	case "conclusion":
		return "conclusion", "doc-conclusion", false
	case "epilogue":
		return "epilogue", "doc-epilogue", false
	case "afterword":
		return "afterword", "doc-afterword", false
	case "appendix":
		return "appendix", "doc-appendix", false
	}
	return "chapter", "doc-chapter", false
}

// sectionPage renders one section, with its notes at the end.
func (b *book) sectionPage(f *file) []byte {
	var sb strings.Builder
	b.head(&sb, sectionTitle(f))
	sb.WriteString("<body>\n")
	typ, role, _ := sectionSemantics(f.sec.Role)
	fmt.Fprintf(&sb, "<section epub:type=\"%s\" role=\"%s\"", typ, role)
	for _, h := range f.sec.Headings(1) {
		if h.Level == 1 {
			fmt.Fprintf(&sb, " aria-labelledby=\"%s\"", x(b.ids[h]))
			break
		}
	}
	sb.WriteString(">\n")
	r := &renderer{b: b, f: f, sb: &sb, level: 1}
	r.blocks(f.sec.Blocks)
	if len(f.notes) > 0 {
		fmt.Fprintf(&sb, "<section epub:type=\"footnotes\" class=\"footnotes\" aria-labelledby=\"%s\">\n", f.notesID)
		fmt.Fprintf(&sb, "<h2 class=\"notes-title\" id=\"%s\">%s</h2>\n", f.notesID, x(b.words.Notes))
		for _, n := range f.notes {
			r.note(n)
		}
		sb.WriteString("</section>\n")
	}
	sb.WriteString("</section>\n</body>\n</html>\n")
	return []byte(sb.String())
}

// renderer writes the blocks of one file.
type renderer struct {
	b      *book
	f      *file
	sb     *strings.Builder
	level  int            // level of the last heading, for box titles
	inLink bool           // inside <a>: note references wait until it closes
	held   []*doc.NoteRef // note references met inside a link
}

func (r *renderer) blocks(bs []doc.Block) {
	for _, bl := range bs {
		r.block(bl)
	}
}

func (r *renderer) block(bl doc.Block) {
	sb := r.sb
	switch v := bl.(type) {
	case *doc.Heading:
		lvl := min(max(v.Level, 1), 6)
		r.level = lvl
		fmt.Fprintf(sb, "<h%d id=\"%s\">", lvl, x(r.b.ids[v]))
		r.inlines(v.Content)
		fmt.Fprintf(sb, "</h%d>\n", lvl)
	case *doc.Paragraph:
		sb.WriteString("<p>")
		r.inlines(v.Content)
		sb.WriteString("</p>\n")
	case *doc.List:
		tag := "ul"
		if v.Ordered {
			tag = "ol"
		}
		sb.WriteString("<" + tag)
		if v.Ordered && v.Start != 1 && v.Start != 0 {
			fmt.Fprintf(sb, " start=\"%d\"", v.Start)
		}
		sb.WriteString(">\n")
		for _, it := range v.Items {
			sb.WriteString("<li>")
			r.blocks(it)
			sb.WriteString("</li>\n")
		}
		sb.WriteString("</" + tag + ">\n")
	case *doc.Table:
		r.table(v)
	case *doc.Figure:
		sb.WriteString("<figure")
		if id, ok := r.b.ids[v]; ok {
			fmt.Fprintf(sb, " id=\"%s\"", x(id))
		}
		sb.WriteString(">\n")
		if im := r.b.imageOfFigure(v); im != nil {
			fmt.Fprintf(sb, "<img src=\"%s\" alt=\"%s\"", x(im.href), x(strings.TrimSpace(v.Alt)))
			if v.Width > 0 && v.Height > 0 {
				fmt.Fprintf(sb, " width=\"%d\" height=\"%d\"", v.Width, v.Height)
			}
			sb.WriteString("/>\n")
		}
		if c := strings.TrimSpace(v.Caption); c != "" {
			fmt.Fprintf(sb, "<figcaption>%s</figcaption>\n", x(c))
		}
		sb.WriteString("</figure>\n")
	case *doc.Box:
		id := r.b.ids[v]
		fmt.Fprintf(sb, "<aside class=\"box\" id=\"%s\"", x(id))
		tid, titled := r.b.titleIDs[v]
		if titled {
			fmt.Fprintf(sb, " aria-labelledby=\"%s\">\n", x(tid))
			lvl := min(r.level+1, 6)
			fmt.Fprintf(sb, "<h%d class=\"box-title\" id=\"%s\">", lvl, x(tid))
			r.inlines(v.Title)
			fmt.Fprintf(sb, "</h%d>\n", lvl)
		} else {
			fmt.Fprintf(sb, " aria-label=\"%s\">\n", x(r.b.words.Box))
		}
		saved := r.level
		r.blocks(v.Blocks)
		r.level = saved
		sb.WriteString("</aside>\n")
	case *doc.Quote:
		sb.WriteString("<blockquote>\n")
		r.blocks(v.Blocks)
		sb.WriteString("</blockquote>\n")
	case *doc.CodeBlock:
		sb.WriteString("<pre><code>")
		esc(sb, strings.TrimSuffix(v.Text, "\n"), false)
		sb.WriteString("</code></pre>\n")
	case *doc.Rule:
		sb.WriteString("<hr/>\n")
	}
}

// alignClass is the CSS class of a column alignment, or "".
func alignClass(a doc.Align) string {
	switch a {
	case doc.AlignLeft:
		return "align-left"
	case doc.AlignCenter:
		return "align-center"
	case doc.AlignRight:
		return "align-right"
	}
	return ""
}

func (r *renderer) table(t *doc.Table) {
	sb := r.sb
	cell := func(tag string, i int, c []doc.Inline, scope bool) {
		sb.WriteString("<" + tag)
		if scope {
			sb.WriteString(" scope=\"col\"")
		}
		if i < len(t.Align) {
			if cls := alignClass(t.Align[i]); cls != "" {
				fmt.Fprintf(sb, " class=\"%s\"", cls)
			}
		}
		sb.WriteString(">")
		r.inlines(c)
		sb.WriteString("</" + tag + ">")
	}
	sb.WriteString("<table>\n")
	if len(t.Header) > 0 {
		sb.WriteString("<thead>\n<tr>")
		for i, c := range t.Header {
			cell("th", i, c, true)
		}
		sb.WriteString("</tr>\n</thead>\n")
	}
	if len(t.Rows) > 0 {
		sb.WriteString("<tbody>\n")
		for _, row := range t.Rows {
			sb.WriteString("<tr>")
			for i, c := range row {
				cell("td", i, c, false)
			}
			sb.WriteString("</tr>\n")
		}
		sb.WriteString("</tbody>\n")
	}
	sb.WriteString("</table>\n")
}

// note writes one footnote, its number linking back to the first reference.
func (r *renderer) note(n *doc.Note) {
	sb := r.sb
	fmt.Fprintf(sb, "<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\" id=\"%s\">\n", x(r.b.ids[n]))
	mark := func() {
		if t, ok := r.b.backlink[n]; ok {
			href := "#" + t.id
			if t.file != r.f {
				href = t.href()
			}
			fmt.Fprintf(sb, "<a class=\"note-number\" role=\"doc-backlink\" href=\"%s\">%d</a> ", x(href), n.Number)
		} else {
			fmt.Fprintf(sb, "<span class=\"note-number\">%d</span> ", n.Number)
		}
	}
	rest := n.Blocks
	if len(rest) > 0 {
		if p, ok := rest[0].(*doc.Paragraph); ok {
			sb.WriteString("<p>")
			mark()
			r.inlines(p.Content)
			sb.WriteString("</p>\n")
			rest = rest[1:]
		} else {
			sb.WriteString("<p>")
			mark()
			sb.WriteString("</p>\n")
		}
	} else {
		sb.WriteString("<p>")
		mark()
		sb.WriteString("</p>\n")
	}
	r.level = 2
	r.blocks(rest)
	sb.WriteString("</aside>\n")
}

func (r *renderer) inlines(in []doc.Inline) {
	for _, n := range in {
		r.inline(n)
	}
}

func (r *renderer) inline(n doc.Inline) {
	sb := r.sb
	switch v := n.(type) {
	case *doc.Text:
		esc(sb, v.Text, false)
	case *doc.Emph:
		sb.WriteString("<em>")
		r.inlines(v.Content)
		sb.WriteString("</em>")
	case *doc.Strong:
		sb.WriteString("<strong>")
		r.inlines(v.Content)
		sb.WriteString("</strong>")
	case *doc.Code:
		sb.WriteString("<code>")
		esc(sb, v.Text, false)
		sb.WriteString("</code>")
	case *doc.Link:
		if r.inLink {
			r.inlines(v.Content)
			return
		}
		href := v.URL
		if id, ok := v.Internal(); ok {
			t, found := r.b.targets[id]
			if !found {
				// An unknown target would be a broken link: keep the text only.
				r.inlines(v.Content)
				return
			}
			href = t.href()
		}
		fmt.Fprintf(sb, "<a href=\"%s\">", x(href))
		r.inLink = true
		r.inlines(v.Content)
		r.inLink = false
		sb.WriteString("</a>")
		held := r.held
		r.held = nil
		for _, h := range held {
			r.noteRef(h)
		}
	case *doc.NoteRef:
		if v.Note == nil {
			return
		}
		if r.inLink {
			r.held = append(r.held, v)
			return
		}
		r.noteRef(v)
	case *doc.LineBreak:
		sb.WriteString("<br/>")
	}
}

func (r *renderer) noteRef(v *doc.NoteRef) {
	f, placed := r.b.noteFile[v.Note]
	if !placed {
		fmt.Fprintf(r.sb, "<sup>%d</sup>", v.Note.Number)
		return
	}
	href := "#" + r.b.ids[v.Note]
	if f != r.f {
		href = f.name + href
	}
	fmt.Fprintf(r.sb, "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"%s\" id=\"%s\">%d</a></sup>",
		x(href), x(r.b.refIDs[v]), v.Note.Number)
}
