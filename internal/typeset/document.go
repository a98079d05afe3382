package typeset

import (
	"context"
	"strconv"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
)

// run sets the cover, the section that holds the contents with the contents,
// every other section from a new page, and the back page; then paginates and
// adds running heads.
func (t *typesetter) run(ctx context.Context) *page.Document {
	l := t.l
	d := &page.Document{Width: l.Page.Width * MM, Height: l.Page.Height * MM, Bleed: l.Page.Bleed * MM, CropMarks: l.Print.Marks, PDFA: l.Digital.PDFA, Anchors: map[string]page.Dest{}, Info: info(t.ed)}
	for _, n := range t.ed.Doc.Notes {
		t.notes[n] = t.noteRows(n)
		if n.Section != nil && n.Section.Lang != "" && n.Section.Lang != t.ed.Lang {
			inLang(t.notes[n], n.Section.Lang)
			t.noteEl[n].Lang = n.Section.Lang
		}
	}
	if pr := l.Print; pr.Profile.Data != nil {
		d.OutputIntent = &page.OutputIntent{Condition: pr.Condition, Profile: pr.Profile.Data, Components: pr.Profile.Components,
			Desc: pr.Profile.Desc, Deflated: pr.Profile.Deflated}
	}
	body := t.st(&l.Text.Body)
	// the structure in reading order: the cover, the sections (the contents
	// after the one that holds it), the back page
	d.Structure = &page.Elem{Role: page.RoleDocument}
	coverEl := d.Structure.Add(page.RoleSect)
	f := &flow{parent: d.Structure}
	var about *resolve.Section
	for _, s := range t.ed.Sections {
		if s.Role.HoldsContents && about == nil {
			about = s
		}
	}
	if about != nil {
		t.section(f, about, body)
	}
	if l.Contents.Show {
		t.contents(f, about)
	}
	first := true
	for _, s := range t.ed.Sections {
		if ctx.Err() != nil {
			return nil
		}
		if s == about {
			continue
		}
		start := len(f.rows)
		t.section(f, s, body)
		if first && start < len(f.rows) && start > 0 {
			f.rows[start].breakBefore = true
		}
		first = false
	}
	for _, n := range t.ed.Doc.Notes {
		t.noteEl[n].Attach(d.Structure) // a note never referenced is never set
	}
	d.Pages = append(d.Pages, t.cover(coverEl))
	rows := f.rows
	f.rows = nil // paginate lets each row's items go once its page is set
	t.paginate(d, rows)
	if l.Cover.Back {
		// the back page is a verso, and the page count a multiple of the
		// layout's signature: blank pages before it
		for (len(d.Pages)+1)%2 != 0 || (len(d.Pages)+1)%l.Pages.Signature != 0 {
			d.Pages = append(d.Pages, &page.Page{Number: len(d.Pages) + 1, Label: strconv.Itoa(len(d.Pages) + 1)})
		}
		t.backPage = t.back(len(d.Pages)+1, d.Structure.Add(page.RoleSect))
		d.Pages = append(d.Pages, t.backPage)
	}
	t.outline(d)
	t.running(d)
	t.pageBreaks(d)
	d.Moved = t.moved()
	t.inks(d)
	return d
}

// pageBreaks records where each page begins in the text: the cover on the
// title page, a page of the text where its first row begins (in a block of
// the text, or in the contents), the back page in its imprint, and a page
// with nothing on it where the next page begins.
func (t *typesetter) pageBreaks(d *page.Document) {
	var waiting []*page.Page // pages whose place is that of the next page
	at := func(p *page.Page, br page.PageBreak) {
		for _, w := range append(waiting, p) {
			br.Page, br.Label = w.Number, w.Label
			if br.Label == "" {
				br.Label = strconv.Itoa(w.Number) // a page that prints no folio (the cover)
			}
			d.PageBreaks = append(d.PageBreaks, br)
		}
		waiting = nil
	}
	for i, p := range d.Pages {
		m := t.firstMarks[p.Number]
		switch {
		case i == 0:
			at(p, page.PageBreak{Where: page.BeforeText})
		case p == t.backPage && len(t.ed.Imprint) > 0:
			at(p, page.PageBreak{Where: page.InImprint})
		case m != nil && m.contents:
			at(p, page.PageBreak{Where: page.InContents, Run: m.entry})
		case m != nil:
			at(p, page.PageBreak{Where: page.InText, Block: m.block, Run: m.run, Offset: m.offset})
		default:
			waiting = append(waiting, p)
		}
	}
	for _, w := range waiting {
		d.PageBreaks = append(d.PageBreaks, page.PageBreak{Page: w.Number, Label: w.Label, Where: page.AfterText})
	}
}

// seenRow is a row of the text as set: of a float, or marked in a block.
type seenRow struct {
	page  *page.Page
	float doc.Block
	mark  *mark
}

// moved returns the floats set out of the reading order: a float with text
// above it (on its page or before) that comes after it in the text, or text
// below it that comes before it.
func (t *typesetter) moved() []page.Moved {
	order := map[doc.Block]int{}
	for _, s := range t.ed.Sections {
		doc.WalkBlocks(s.Doc.Blocks, func(b doc.Block) { order[b] = len(order) })
	}
	pos := make([]int, len(t.seen)) // each row's place in the text; -1 for a float's
	for i, r := range t.seen {
		pos[i] = -1
		if r.float == nil {
			pos[i] = order[r.mark.block]
		}
	}
	minBelow := make([]int, len(t.seen)+1)
	minBelow[len(t.seen)] = len(order)
	for i := len(t.seen) - 1; i >= 0; i-- {
		minBelow[i] = minBelow[i+1]
		if pos[i] >= 0 {
			minBelow[i] = min(minBelow[i], pos[i])
		}
	}
	var out []page.Moved
	maxAbove := -1
	for i, r := range t.seen {
		if pos[i] >= 0 {
			maxAbove = max(maxAbove, pos[i])
			continue
		}
		at := order[r.float]
		if (maxAbove > at || minBelow[i] < at) && (len(out) == 0 || out[len(out)-1].Block != r.float) {
			out = append(out, page.Moved{Block: r.float, Page: r.page.Number, Label: r.page.Label})
		}
	}
	return out
}

// section sets the blocks of section s, marking where it starts, and its
// text with its language when that is not the edition's.
func (t *typesetter) section(f *flow, s *resolve.Section, body *textStyle) {
	start := len(f.rows)
	parent := f.parent
	f.parent = parent.Add(page.RoleSect)
	if f.parent != nil && s.Lang != "" && s.Lang != t.ed.Lang {
		f.parent.Lang = s.Lang // a screen reader switches voice here
	}
	t.blocks(f, s.Doc.Blocks, 0, t.width, body, false)
	f.parent = parent
	if start < len(f.rows) {
		f.rows[start].section = s
	}
	if s.Lang != "" {
		inLang(f.rows[start:], s.Lang)
	}
}

// inLang marks the text of rows as being in language lang.
func inLang(rows []row, lang string) {
	for _, r := range rows {
		for i, it := range r.items {
			if tx, ok := it.(page.Text); ok {
				tx.Lang = lang
				r.items[i] = tx
			}
		}
	}
}

// outline makes the bookmarks from the edition's contents, where each entry was set.
func (t *typesetter) outline(d *page.Document) {
	for _, e := range t.ed.Contents {
		if dest, ok := d.Anchors[e.ID]; ok {
			d.Outline = append(d.Outline, page.Bookmark{Title: e.Title, Level: e.Level - 1, Dest: dest})
		}
	}
}

// contents sets the contents entries with their page numbers, filled in
// later, a wrapped entry with a hanging indent; it leaves out the section it
// is set in.
func (t *typesetter) contents(f *flow, about *resolve.Section) {
	st := t.st(&t.l.Text.Contents)
	h := t.st(&t.l.Text.Heading2)
	sect := f.parent.Add(page.RoleSect)
	title := keep(t.paragraph(t.from(t.words.File, t.words.Contents), h, 0, t.width, sect.Add(page.Heading(2))))
	for i := range title {
		title[i].mark = &mark{contents: true, entry: -1}
	}
	title[0].before = h.spaceBefore * 1.5
	f.add(title, h.spaceAfter)
	toc := sect.Add(page.RoleTOC)
	numW := st.size * 3
	for k, e := range t.ed.Contents {
		if e.Section == about || e.Level > t.l.Contents.PageDepth {
			continue
		}
		ind := float64(e.Level-1) * t.l.List.Indent * MM
		item := toc.Add(page.RoleTOCI)
		// a wrapped entry hangs: its lines after the first are set in by
		// an em, so that each entry's first word stands out
		hang := st.size
		rows := t.paragraph([]doc.Inline{&doc.Link{URL: "#" + e.ID, Content: []doc.Inline{doc.MadeText(e.Title, e.Pos)}}}, st, ind+hang, t.width-numW-ind-hang, item)
		if len(rows) == 0 {
			continue
		}
		for i, it := range rows[0].items {
			rows[0].items[i] = it.Moved(-hang, 0)
		}
		last := &rows[len(rows)-1]
		last.pageRefs = append(last.pageRefs, pageRef{anchor: e.ID, right: t.width, y: st.baseline(), st: st, elem: item})
		// dot leaders from the title to the page number
		end := 0.0
		for _, it := range last.items {
			if tx, ok := it.(page.Text); ok {
				end = max(end, tx.X+tx.Face.Width(tx.Text, tx.Size))
			}
		}
		last.items = append(last.items, page.Line{X1: end + 6, Y1: st.baseline(), X2: t.width - numW + 6, Y2: st.baseline(), Width: 0.9, Color: t.l.Resolve("muted"), Dots: 3.5})
		for i := range rows {
			rows[i].noBreakAfter = i < len(rows)-1
			rows[i].mark = &mark{contents: true, entry: k}
		}
		f.add(rows, 0)
	}
}

func (t *typesetter) resolveRefs(d *page.Document) {
	for _, p := range d.Pages {
		var refs []pageRef
		for i := 0; i < len(p.Items); i++ {
			if r, ok := p.Items[i].(refItem); ok {
				refs = append(refs, r.pageRef)
				p.Items = append(p.Items[:i], p.Items[i+1:]...)
				i--
			}
		}
		for _, r := range refs {
			dest, ok := d.Anchors[r.anchor]
			if !ok {
				continue
			}
			label := d.Pages[dest.Page-1].Label
			face := r.st.face(false, false)
			p.Items = append(p.Items, page.Text{X: r.right - face.Width(label, r.st.size), Y: r.y, Text: label, Face: face, Size: r.st.size, Color: r.st.color, Elem: r.elem})
		}
	}
}

// refItem carries a page reference through pagination.
type refItem struct{ pageRef }

func (r refItem) Moved(dx, dy float64) page.Item {
	r.right += dx
	r.y += dy
	return r
}
