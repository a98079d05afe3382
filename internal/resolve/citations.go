package resolve

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/csl"
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/langrules"
	"github.com/folio-pub/folio/internal/style"
)

// citeWith reads the CSL style and locales the edition cites with, on
// first use (a build of publications without a bibliography reads none);
// false when there is no style, or when their files have problems, which
// go to the edition's diagnostics, both files' at once.
func (r *Edition) citeWith() (*csl.Style, []*csl.Locale, bool) {
	style, err := r.Layout.Citations.For(r.Lang)
	if style == nil && err == nil {
		return nil, nil, false
	}
	locales, lerr := r.Words.Locales()
	r.Diags.AddErr(diag.Pos{}, err)
	r.Diags.AddErr(diag.Pos{}, lerr)
	return style, locales, err == nil && lerr == nil
}

// citeEvent is a citation group in reading order, and the note it is in
// (nil in the text).
type citeEvent struct {
	cite    *doc.Cite
	section *doc.Section
	note    *doc.Note
}

// citations formats the edition's citations with the layout's CSL style,
// in the edition's language, from the publication's bibliography: with a
// note style, a citation in the text becomes a footnote of its own
// (numbered with the others in reading order) and one in a footnote is set
// there; with an author-date style, it is set in the line ("Grant and Ng
// (2019)" for a narrative @key). Each cited item links to its entry in the
// bibliography, set where a ::: {#refs} div marks it or as a section of its
// own after the last (its heading the words file's references), holding the
// cited items only. The source reader has reported unknown keys; they are
// set as typed.
func (r *Edition) citations(rules langrules.Rules) {
	refs := r.Pub.References
	if len(refs) == 0 {
		return // the style and the locales are not even read
	}
	style, locales, ok := r.citeWith()
	if !ok {
		return
	}
	events, order := r.citeEvents()
	if len(events) == 0 || events[0].cite.Content != nil {
		return // nothing cited, or done by an earlier Resolve of this edition
	}
	byID := map[string]csl.Item{}
	for _, it := range refs {
		byID[it.ID] = it
	}
	var cited []csl.Item
	seen := map[string]bool{}
	for _, e := range events {
		for _, it := range e.cite.Items {
			if _, ok := byID[it.Key]; ok && !seen[it.Key] {
				seen[it.Key] = true
				cited = append(cited, byID[it.Key])
			}
		}
	}
	p, err := csl.New(style, r.Lang, locales, cited)
	if err != nil || len(cited) == 0 {
		return
	}
	link := style.HasBibliography()
	conv := inlineMaker{rules: rules, link: link}
	notes := style.Notes()
	// the notes in reading order, the new ones among them
	var newNotes []*doc.Note
	noteNum := 0
	placed := map[*doc.Note]bool{}
	ei := 0
	for _, o := range order {
		if o.note != nil {
			noteNum++
			placed[o.note] = true
			newNotes = append(newNotes, o.note)
			continue
		}
		e := events[ei]
		ei++
		cs := r.citeItems(p, e.cite)
		if cs == nil {
			continue // an unknown key: set as typed
		}
		inNote := e.note != nil
		num := 0
		if inNote {
			num = noteNum
		} else if notes {
			noteNum++
			num = noteNum
		}
		var content []doc.Inline
		if !e.cite.Bracketed && (!inNote || !notes) {
			// @key in the text (or in a footnote, with an author-date
			// style): the author, then the rest of the citation
			author, _ := p.Citation([]csl.Cite{{ID: cs[0].ID, AuthorOnly: true}}, num)
			content = conv.inlines(author, e.cite.Pos)
			if !notes {
				cs[0].SuppressAuthor = true
				rest, _ := p.Citation(cs, num)
				content = append(content, doc.MadeText("\u00a0", e.cite.Pos))
				content = append(content, conv.inlines(rest, e.cite.Pos)...)
				e.cite.Content = content
				continue
			}
		}
		text, err := p.Citation(cs, num)
		if err != nil {
			continue
		}
		in := conv.inlines(text, e.cite.Pos)
		if notes && !inNote {
			capitalize(in)
			n := &doc.Note{Section: e.section, Pos: e.cite.Pos, Blocks: []doc.Block{&doc.Paragraph{At: doc.At{Pos: e.cite.Pos}, Content: in}}}
			newNotes = append(newNotes, n)
			e.cite.Content = append(content, &doc.NoteRef{Note: n})
			continue
		}
		if notes {
			trimFinalStop(in) // the sentence around it ends it
		}
		e.cite.Content = append(content, in...)
	}
	if notes {
		doc.Walk(r.Doc, func(b doc.Block) { doc.MapRuns(b, noSpaceBeforeNote) })
	}
	if notes {
		for _, n := range r.Doc.Notes {
			if !placed[n] {
				newNotes = append(newNotes, n) // never referred to: last, as before
			}
		}
		for i, n := range newNotes {
			n.Number, n.ID = i+1, "fn"+strconv.Itoa(i+1)
		}
		r.Doc.Notes = newNotes
	}
	r.bibliography(p, conv)
}

// entries tells whether the edition has a bibliography, and how the
// layout's CSL style sets its entries.
func (r *Edition) entries() {
	doc.Walk(r.Doc, func(b doc.Block) {
		if p, ok := b.(*doc.Paragraph); ok && p.Entry {
			r.HasEntries = true
		}
	})
	if !r.HasEntries {
		return
	}
	// Entries come from citations, which have read the style (or reported
	// why they could not): its error is theirs.
	if s, err := r.Layout.Citations.For(r.Lang); err == nil && s != nil {
		r.Entries = EntryStyle{Hang: s.HangingIndent(), Spacing: s.EntrySpacing(), Align: r.Layout.Citations.Align}
		if r.Entries.Align != style.Justify {
			r.Entries.Align = style.Left
		}
	}
}

// EntryStyle is how the bibliography's entries are set, as the CSL style
// and the layout say: typeset and xhtml read it.
type EntryStyle struct {
	// Hang sets each entry's first line flush and the others in by the
	// layout's entry indent (style.BlockEntry): hanging-indent="true".
	Hang bool
	// Spacing is the room between entries, in lines of the body text
	// (entry-spacing).
	Spacing float64
	// Align is how their lines are aligned: left (ragged right), unless the
	// layout's citations.align says justify.
	Align style.Align
}

// orderItem is a footnote reference or a citation, in reading order.
type orderItem struct{ note *doc.Note }

// citeEvents lists the citation groups of the edition in reading order
// (a footnote's where it is first referred to), and the order of footnote
// references and citations (an orderItem with a nil note for each citation).
func (r *Edition) citeEvents() ([]citeEvent, []orderItem) {
	var events []citeEvent
	var order []orderItem
	seen := map[*doc.Note]bool{}
	var visit func(bs []doc.Block, s *doc.Section, note *doc.Note)
	visit = func(bs []doc.Block, s *doc.Section, note *doc.Note) {
		doc.WalkBlocks(bs, func(b doc.Block) {
			for _, run := range doc.Runs(b) {
				doc.WalkInlineTree(run, func(in doc.Inline) {
					switch in := in.(type) {
					case *doc.Cite:
						if !in.Crossrefs() {
							events = append(events, citeEvent{cite: in, section: s, note: note})
							order = append(order, orderItem{})
						}
					case *doc.NoteRef:
						if in.Note != nil && !seen[in.Note] {
							seen[in.Note] = true
							order = append(order, orderItem{note: in.Note})
							visit(in.Note.Blocks, s, in.Note)
						}
					case *doc.Text, *doc.Code, *doc.Emph, *doc.Strong, *doc.Link, *doc.Super, *doc.Span, *doc.LineBreak, *doc.InlineImage:
						// no citation, no note (WalkInlineTree goes inside)
					}
				})
			}
		})
	}
	for _, s := range r.Doc.Sections {
		visit(s.Blocks, s, nil)
	}
	return events, order
}

// citeItems makes the cites of a group, its locators read from each
// item's suffix; nil when the group has a key the bibliography lacks or
// mixes citations and cross-references.
func (r *Edition) citeItems(p *csl.Processor, c *doc.Cite) []csl.Cite {
	var cs []csl.Cite
	for _, it := range c.Items {
		if !p.Has(it.Key) {
			return nil
		}
		label, value, rest := p.ParseLocator(it.Suffix)
		cs = append(cs, csl.Cite{ID: it.Key, Prefix: it.Prefix, Suffix: rest, Locator: value, Label: label, SuppressAuthor: it.SuppressAuthor})
	}
	for i := range cs {
		if cs[i].Prefix != "" && !strings.HasSuffix(cs[i].Prefix, " ") {
			cs[i].Prefix += " "
		}
		if s := cs[i].Suffix; s != "" && !strings.HasPrefix(s, ",") && !strings.HasPrefix(s, " ") {
			cs[i].Suffix = " " + s
		}
	}
	return cs
}

// bibliography sets the entries of the cited items: where an empty
// ::: {#refs} div is, or in a section of their own after the last.
func (r *Edition) bibliography(p *csl.Processor, conv inlineMaker) {
	entries := p.Bibliography()
	if len(entries) == 0 {
		return
	}
	conv.link = false
	var blocks []doc.Block
	for _, e := range entries {
		// its messages (a loose line…) point at the entry in its file
		pos := r.Pub.ReferencePos[e.ID]
		blocks = append(blocks, &doc.Paragraph{ID: entryID(e.ID), Entry: true, At: doc.At{Pos: pos}, Content: conv.inlines(e.Text, pos)})
	}
	for _, s := range r.Doc.Sections {
		for i, b := range s.Blocks {
			if para, ok := b.(*doc.Paragraph); ok && para.ID == "refs" && len(para.Content) == 0 {
				s.Blocks = append(append(append([]doc.Block{}, s.Blocks[:i]...), blocks...), s.Blocks[i+1:]...)
				return
			}
		}
	}
	used := map[string]bool{}
	doc.Walk(r.Doc, func(b doc.Block) {
		switch b := b.(type) {
		case *doc.Heading:
			used[b.ID] = true
		case *doc.Box:
			used[b.ID] = true
		case *doc.Figure:
			used[b.ID] = true
		case *doc.Table:
			used[b.ID] = true
		case *doc.Paragraph, *doc.List, *doc.Quote, *doc.CodeBlock, *doc.Rule, *doc.PullQuote:
		}
	})
	for _, s := range r.Doc.Sections {
		used[s.ID] = true
	}
	id := doc.Unique("references", "", func(c string) bool { return used[c] })
	title := r.Words.References
	number := 1
	if n := len(r.Doc.Sections); n > 0 {
		number = r.Doc.Sections[n-1].Number + 1
	}
	at := diag.Pos{File: r.Words.File} // its title is the words file's
	heading := &doc.Heading{At: doc.At{Pos: at}, Level: 1, ID: id, Content: []doc.Inline{doc.MadeText(title, at)}}
	r.Doc.Sections = append(r.Doc.Sections, &doc.Section{Number: number, Slug: "references", Role: "bibliography",
		Title: title, ID: id, Blocks: append([]doc.Block{heading}, blocks...)})
}

// entryID is the id of an item's bibliography entry.
func entryID(key string) string { return doc.CleanID("ref-" + key) }

// inlineMaker turns formatted CSL text into inlines, the language's rules
// applied to its text.
type inlineMaker struct {
	rules langrules.Rules
	link  bool // each item's text links to its bibliography entry
}

// inlines makes the runs: italic as emphasis, bold as strong, superscript
// as a superscript, small capitals as plain text; a DOI or URL as a link
// to it, and each cited item's other runs as a link to its entry.
func (m inlineMaker) inlines(t csl.Text, pos diag.Pos) []doc.Inline {
	var out []doc.Inline
	var group *doc.Link
	for _, run := range t {
		var in doc.Inline
		if run.Link != "" {
			text := run.Text
			// "https://doi.org/" written before a DOI is part of its link
			last := out
			if group != nil {
				last = group.Content
			}
			if prefix, ok := strings.CutSuffix(run.Link, run.Text); ok && prefix != "" && len(last) > 0 {
				if t, ok := last[len(last)-1].(*doc.Text); ok && strings.HasSuffix(t.Text, prefix) {
					t.Text = strings.TrimSuffix(t.Text, prefix)
					text = prefix + text
				}
			}
			in = &doc.Link{URL: run.Link, Content: []doc.Inline{doc.MadeText(text, pos)}, Pos: pos}
		} else {
			in = m.formatted(run, pos)
		}
		if m.link && run.Item != "" && run.Link == "" {
			target := "#" + entryID(run.Item)
			if group == nil || group.URL != target {
				group = &doc.Link{URL: target, Pos: pos}
				out = append(out, group)
			}
			group.Content = append(group.Content, in)
			continue
		}
		group = nil
		out = append(out, in)
	}
	return out
}

func (m inlineMaker) formatted(run csl.Run, pos diag.Pos) doc.Inline {
	text := m.rules.String(run.Text)
	if run.Format&csl.Superscript != 0 {
		return &doc.Super{Text: text, Pos: pos}
	}
	var in doc.Inline = doc.MadeText(text, pos)
	if run.Format&csl.Bold != 0 {
		in = &doc.Strong{Content: []doc.Inline{in}}
	}
	if run.Format&csl.Italic != 0 {
		in = &doc.Emph{Content: []doc.Inline{in}}
	}
	return in
}

// capitalize sets the first letter of a note in capitals, as a note
// starts a sentence ("see" → "See").
func capitalize(in []doc.Inline) {
	done := false
	var walk func([]doc.Inline)
	walk = func(in []doc.Inline) {
		for _, n := range in {
			if done {
				return
			}
			switch n := n.(type) {
			case *doc.Text:
				if n.Text == "" {
					continue
				}
				r, size := utf8.DecodeRuneInString(n.Text)
				n.Text = string(unicode.ToUpper(r)) + n.Text[size:]
				done = true
			case *doc.Emph:
				walk(n.Content)
			case *doc.Strong:
				walk(n.Content)
			case *doc.Span:
				walk(n.Content)
			case *doc.Link:
				walk(n.Content)
			case *doc.Super, *doc.Code, *doc.NoteRef, *doc.LineBreak, *doc.InlineImage, *doc.Cite:
				done = true
			}
		}
	}
	walk(in)
}

// noSpaceBeforeNote takes out the spaces before a citation set as a note,
// as Pandoc does: "matter [@key]." reads "matter.¹".
func noSpaceBeforeNote(run []doc.Inline) []doc.Inline {
	for i, in := range run {
		c, ok := in.(*doc.Cite)
		if !ok || i == 0 || len(c.Content) != 1 {
			continue
		}
		if _, note := c.Content[0].(*doc.NoteRef); !note {
			continue
		}
		if t, ok := run[i-1].(*doc.Text); ok {
			t.Text = strings.TrimRight(t.Text, " \u00a0\u202f")
		}
	}
	return run
}

// trimFinalStop takes the full stop off the end of a citation set in a
// note's sentence, inside a closing quote too ("Results.”" → "Results”").
func trimFinalStop(in []doc.Inline) {
	for i := len(in) - 1; i >= 0; i-- {
		switch n := in[i].(type) {
		case *doc.Text:
			body := strings.TrimRight(n.Text, "”’»\u00a0")
			if strings.HasSuffix(body, ".") {
				n.Text = body[:len(body)-1] + n.Text[len(body):]
			}
			return
		case *doc.Emph:
			trimFinalStop(n.Content)
			return
		case *doc.Strong:
			trimFinalStop(n.Content)
			return
		case *doc.Link:
			trimFinalStop(n.Content)
			return
		case *doc.Span:
			trimFinalStop(n.Content)
			return
		case *doc.Super, *doc.Code, *doc.NoteRef, *doc.LineBreak, *doc.InlineImage, *doc.Cite:
			return
		}
	}
}
