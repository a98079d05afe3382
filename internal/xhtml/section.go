package xhtml

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
)

// Section renders one section, with its notes at the end. The error tells of
// an element of the document model this writer does not know.
func (w *Writer) Section(s *resolve.Section) ([]byte, error) {
	var sb strings.Builder
	w.head(&sb, s.Title)
	sb.WriteString("<body>\n")
	if err := w.section(&sb, s); err != nil {
		return nil, err
	}
	sb.WriteString("</body>\n</html>\n")
	return []byte(sb.String()), nil
}

// SectionMarkup is the markup of one section, its <section> element, for a
// document that holds more than it (the web edition).
func (w *Writer) SectionMarkup(s *resolve.Section) (string, error) {
	var sb strings.Builder
	err := w.section(&sb, s)
	return sb.String(), err
}

// section writes the <section> element of s.
func (w *Writer) section(sb *strings.Builder, s *resolve.Section) error {
	fmt.Fprintf(sb, "<section%s role=\"%s\"%s", w.epubType(s.Role.Semantic), s.Role.ARIA, langAttrs(s.Lang))
	for _, h := range s.Doc.Headings(1) {
		if h.Level == 1 {
			fmt.Fprintf(sb, " aria-labelledby=\"%s\"", x(h.ID))
			break
		}
	}
	sb.WriteString(">\n")
	r := &renderer{w: w, ed: w.ed, sec: s, sb: sb, placed: map[int]bool{}}
	r.blocks(s.Doc.Blocks)
	if len(s.Notes) > 0 {
		fmt.Fprintf(sb, "<section%s class=\"footnotes\" aria-labelledby=\"%s\">\n", w.epubType("footnotes"), s.NotesID)
		notesLang := ""
		if s.Lang != "" {
			notesLang = langAttrs(w.ed.Lang) // the generated word is in the edition's language
		}
		fmt.Fprintf(sb, "<h2 class=\"notes-title\" id=\"%s\"%s>%s</h2>\n", s.NotesID, notesLang, x(w.ed.Words.Notes))
		for _, n := range s.Notes {
			r.note(n)
		}
		sb.WriteString("</section>\n")
	}
	if s == w.ed.Sections[len(w.ed.Sections)-1] {
		for _, br := range w.pages.after {
			w.pageMarker(sb, br)
		}
	}
	sb.WriteString("</section>\n")
	if r.err != nil {
		return fmt.Errorf("%s: %w", s.Doc.File, r.err)
	}
	return nil
}

// renderer writes the blocks of one section's document.
type renderer struct {
	w      *Writer
	ed     *resolve.Edition
	sec    *resolve.Section
	sb     *strings.Builder
	inLink bool           // inside <a>: note references wait until it closes
	held   []*doc.NoteRef // note references met inside a link
	err    error          // the first element that could not be rendered

	placed  map[int]bool     // pages whose marker is written
	pending []page.PageBreak // pages that begin in the run being written, by offset
	off     int              // characters of that run's text written
}

// unknown records an element of the document model that has no rendering.
func (r *renderer) unknown(what string, v any) {
	if r.err == nil {
		r.err = fmt.Errorf("xhtml: no rendering for %s %T", what, v)
	}
}

func (r *renderer) blocks(bs []doc.Block) {
	for _, bl := range bs {
		r.beforeBlock(bl)
		r.block(bl)
		r.afterBlock(bl)
	}
}

func (r *renderer) block(bl doc.Block) {
	sb := r.sb
	switch v := bl.(type) {
	case *doc.Heading:
		lvl := min(max(v.Level, 1), 6)
		fmt.Fprintf(sb, "<h%d id=\"%s\">", lvl, x(v.ID))
		r.run(v, v.Content)
		fmt.Fprintf(sb, "</h%d>\n", lvl)
	case *doc.Paragraph:
		if v.Entry {
			fmt.Fprintf(sb, "<p id=\"%s\" class=\"entry\">", x(v.ID))
		} else if v.ID != "" {
			fmt.Fprintf(sb, "<p id=\"%s\">", x(v.ID))
		} else {
			sb.WriteString("<p>")
		}
		r.run(v, v.Content)
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
		r.figure(v)
	case *doc.Box:
		r.box(v)
	case *doc.PullQuote:
		// a passage of the text set apart, not a quotation of another
		// source (blockquote): an aside with EPUB's and DPUB-ARIA's pull
		// quote semantics (Ace wants the role its epub:type maps to); inside
		// a section, it is no landmark
		fmt.Fprintf(sb, "<aside class=\"pullquote\"%s role=\"doc-pullquote\"><p>", r.w.epubType("pullquote"))
		r.run(v, v.Content)
		sb.WriteString("</p></aside>\n")
	case *doc.Quote:
		sb.WriteString("<blockquote>\n")
		r.blocks(v.Blocks)
		sb.WriteString("</blockquote>\n")
	case *doc.CodeBlock:
		sb.WriteString("<pre><code>")
		r.startRun(v, 0)
		r.text(strings.TrimSuffix(v.Text, "\n"))
		r.endRun()
		sb.WriteString("</code></pre>\n")
	case *doc.Rule:
		sb.WriteString("<hr/>\n")
	default:
		r.unknown("block", bl)
	}
}

func (r *renderer) figure(v *doc.Figure) {
	sb := r.sb
	sb.WriteString("<figure")
	if v.ID != "" {
		fmt.Fprintf(sb, " id=\"%s\"", x(v.ID))
	}
	sb.WriteString(">\n")
	if im := r.ed.Image(v); im != nil {
		fmt.Fprintf(sb, "<img src=\"%s\" alt=\"%s\"", x(r.w.imageDir()+im.Name), x(strings.TrimSpace(v.Alt)))
		if im.Width > 0 && im.Height > 0 {
			fmt.Fprintf(sb, " width=\"%d\" height=\"%d\"", im.Width, im.Height)
		}
		sb.WriteString("/>\n")
	}
	label := r.ed.Label(v, strings.TrimSpace(v.Caption) != "") // its number, "Figure 1: "
	if c := strings.TrimSpace(v.Caption); c != "" || label != "" {
		r.startRun(v, 0)
		for _, br := range r.pending {
			if br.Offset == 0 {
				r.marker(br)
			}
		}
		sb.WriteString("<figcaption>")
		// offsets count the label, as typesetting does, then the caption untrimmed
		r.text(label)
		r.off -= utf8.RuneCountInString(v.Caption[:strings.Index(v.Caption, c)])
		r.text(c)
		r.endRun()
		sb.WriteString("</figcaption>\n")
	}
	sb.WriteString("</figure>\n")
}

// inlineImage writes an image set in the text: as tall as the text's letters
// (the stylesheet's img.inline), or the size its attributes give.
func (r *renderer) inlineImage(v *doc.InlineImage) {
	im := r.ed.InlineImage(v)
	if im == nil {
		return
	}
	fmt.Fprintf(r.sb, "<img class=\"inline\" src=\"%s\" alt=\"%s\"", x(r.w.imageDir()+im.Name), x(strings.TrimSpace(v.Alt)))
	switch {
	case !v.SetHeight.IsZero():
		fmt.Fprintf(r.sb, " style=\"height: %s\"", x(v.SetHeight.String()))
	case !v.SetWidth.IsZero():
		fmt.Fprintf(r.sb, " style=\"width: %s; height: auto\"", x(v.SetWidth.String()))
	}
	r.sb.WriteString("/>")
}

func (r *renderer) box(v *doc.Box) {
	sb := r.sb
	fmt.Fprintf(sb, "<aside class=\"box\" id=\"%s\"", x(v.ID))
	if tid := r.ed.TitleID(v); tid != "" {
		fmt.Fprintf(sb, " aria-labelledby=\"%s\">\n", x(tid))
		lvl := r.ed.TitleLevel(v)
		r.startRun(v, 0)
		for _, br := range r.pending {
			if br.Offset == 0 {
				r.marker(br)
			}
		}
		fmt.Fprintf(sb, "<h%d class=\"box-title\" id=\"%s\">", lvl, x(tid))
		r.inlines(r.ed.Captioned(v, v.Title))
		r.endRun()
		fmt.Fprintf(sb, "</h%d>\n", lvl)
	} else {
		fmt.Fprintf(sb, " aria-label=\"%s\">\n", x(r.ed.Words.Box))
	}
	r.blocks(v.Blocks)
	sb.WriteString("</aside>\n")
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
	run := 0 // the cell's index in doc.Runs
	cell := func(tag string, i int, c []doc.Inline, scope string) {
		sb.WriteString("<" + tag)
		if scope != "" {
			fmt.Fprintf(sb, " scope=\"%s\"", scope)
		}
		if i < len(t.Align) {
			if cls := alignClass(t.Align[i]); cls != "" {
				fmt.Fprintf(sb, " class=\"%s\"", cls)
			}
		}
		sb.WriteString(">")
		r.startRun(t, run)
		run++
		r.inlines(c)
		r.endRun()
		sb.WriteString("</" + tag + ">\n") // cells apart in extracted text too
	}
	sb.WriteString("<table")
	if t.ID != "" {
		fmt.Fprintf(sb, " id=\"%s\"", x(t.ID))
	}
	sb.WriteString(">\n")
	if caption := r.ed.Captioned(t, t.Caption); len(caption) > 0 { // its number and caption
		sb.WriteString("<caption>")
		r.startRun(t, t.CaptionRun())
		r.inlines(caption)
		r.endRun()
		sb.WriteString("</caption>\n")
	}
	if len(t.Header) > 0 {
		sb.WriteString("<thead>\n<tr>\n")
		for i, c := range t.Header {
			cell("th", i, c, "col")
		}
		sb.WriteString("</tr>\n</thead>\n")
	}
	if len(t.Rows) > 0 {
		sb.WriteString("<tbody>\n")
		for _, row := range t.Rows {
			sb.WriteString("<tr>\n")
			for i, c := range row {
				if i == 0 && t.RowHeaders {
					cell("th", i, c, "row")
				} else {
					cell("td", i, c, "")
				}
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
	fmt.Fprintf(sb, "<aside%s role=\"doc-footnote\" class=\"footnote\" id=\"%s\">\n", r.w.epubType("footnote"), x(n.ID))
	sb.WriteString("<p>")
	if ref, ok := r.ed.FirstRef(n); ok {
		back := r.w.target(ref.Section, r.sec, ref.ID)
		fmt.Fprintf(sb, "<a class=\"note-number\" role=\"doc-backlink\" href=\"%s\">%d</a> ", x(back), n.Number)
	} else {
		fmt.Fprintf(sb, "<span class=\"note-number\">%d</span> ", n.Number)
	}
	rest := n.Blocks
	// the number starts the note's first paragraph
	if len(rest) > 0 {
		if p, ok := rest[0].(*doc.Paragraph); ok {
			r.inlines(p.Content)
			rest = rest[1:]
		}
	}
	sb.WriteString("</p>\n")
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
		r.text(v.Text)
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
		r.text(v.Text)
		sb.WriteString("</code>")
	case *doc.Link:
		r.link(v)
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
	case *doc.Super:
		tag := "sup"
		if v.Sub {
			tag = "sub"
		}
		sb.WriteString("<" + tag + ">")
		r.text(v.Text)
		sb.WriteString("</" + tag + ">")
	case *doc.InlineImage:
		r.inlineImage(v)
	case *doc.Cite:
		r.inlines(v.Content) // what resolve made of it: links, or the source as typed
	case *doc.Span:
		fmt.Fprintf(sb, "<span%s>", langAttrs(v.Lang))
		r.inlines(v.Content)
		sb.WriteString("</span>")
	default:
		r.unknown("inline", n)
	}
}

func (r *renderer) link(v *doc.Link) {
	if r.inLink {
		r.inlines(v.Content)
		return
	}
	dest := v.URL
	if id, ok := v.Internal(); ok {
		s, found := r.ed.Target(id)
		if !found {
			// An unknown target would be a broken link: keep the text only.
			r.inlines(v.Content)
			return
		}
		dest = r.w.linkTo(s, id)
	}
	fmt.Fprintf(r.sb, "<a href=\"%s\">", x(dest))
	r.inLink = true
	r.inlines(v.Content)
	r.inLink = false
	r.sb.WriteString("</a>")
	held := r.held
	r.held = nil
	for _, h := range held {
		r.noteRef(h)
	}
}

func (r *renderer) noteRef(v *doc.NoteRef) {
	s, placed := r.ed.NoteHolder(v.Note)
	if !placed {
		fmt.Fprintf(r.sb, "<sup>%d</sup>", v.Note.Number)
		return
	}
	dest := r.w.target(s, r.sec, v.Note.ID)
	fmt.Fprintf(r.sb, "<sup><a%s role=\"doc-noteref\" href=\"%s\" id=\"%s\">%d</a></sup>",
		r.w.epubType("noteref"), x(dest), x(r.ed.RefID(v)), v.Note.Number)
}

// langAttrs are the attributes that give an element's language, or nothing
// for the document's own (lang empty).
func langAttrs(lang string) string {
	if lang == "" {
		return ""
	}
	return fmt.Sprintf(" lang=\"%s\" xml:lang=\"%s\"", x(lang), x(lang))
}

// run writes in, the first run of block b, with the markers of the pages
// that begin in it.
func (r *renderer) run(b doc.Block, in []doc.Inline) {
	r.startRun(b, 0)
	r.inlines(in)
	r.endRun()
}
