package typeset

import (
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
)

// left returns the left margin of physical page n: the inner margin on a recto (odd page).
func (t *typesetter) left(n int) float64 {
	m := t.l.Page.Margin
	if n%2 == 1 {
		return m.Inner * MM
	}
	return m.Outer * MM
}

// notesHeight is the height of the footnote area holding notes.
func (t *typesetter) notesHeight(notes []*doc.Note) float64 {
	if len(notes) == 0 {
		return 0
	}
	h := t.l.Notes.Gap * MM
	for _, n := range notes {
		h += rowsHeight(t.notes[n])
	}
	return h
}

// continued marks where a box breaks, at the edge y of a box at x, w wide:
// at its foot (below) or at its head on the next page, as the layout's
// box.continued says: "word" sets the words file's "continued" at the foot,
// "rule" draws a dotted rule across both edges, "open" (or nothing) leaves
// the edges open.
func (t *typesetter) continued(x, y, w float64, below bool) []page.Item {
	switch t.l.Box.Continued {
	case "rule":
		return []page.Item{page.Line{X1: x, Y1: y, X2: x + w, Y2: y, Width: 0.8, Color: t.l.Resolve("rule"), Dots: 2.5}}
	case "word":
		if !below {
			return nil
		}
		st := t.st(&t.l.Text.Box)
		face := st.face(false, true)
		size := st.size * 0.85
		word := t.words.Continued
		if word == "" {
			word = "…"
		}
		word += " →"
		if !face.Has('→') {
			word = strings.TrimSuffix(word, " →")
		}
		tw := face.Width(word, size)
		pad := t.l.Box.Padding * MM
		return []page.Item{page.Text{X: x + w - pad - tw, Y: y - pad*0.35, Text: word, Face: face, Size: size, Color: st.color}}
	}
	return nil
}

// placePage puts rows and their footnotes on page number num, below what it
// carries over from the page before (above). A box split across pages keeps
// its padding on both sides of the break (above.box: its first row goes on
// from the last page; contBelow: its last row goes on to the next), and the
// layout's box.continued marks the break; a table going on has its header
// repeated on top.
func (t *typesetter) placePage(d *page.Document, num int, rows []row, above carry, contBelow bool) *page.Page {
	p := &page.Page{Number: num, Label: strconv.Itoa(num)}
	x0 := t.left(num)
	top := t.l.Page.Margin.Top * MM
	y := top
	pad := t.l.Box.Padding * MM
	if above.box != nil {
		y += pad
	}
	var notes []*doc.Note
	type span struct{ y0, y1 float64 }
	frames := map[*frame]*span{}
	var frameOrder []*frame
	// the page's items are counted first, so that its lists are made at
	// their size, not grown by doubling: a long document has many pages,
	// and each list is kept as long as the page
	content := make([]page.Item, 0, rowItems(rows, above))
	if above.head != nil {
		for _, it := range above.head.items {
			content = append(content, it.Moved(x0, y))
		}
		y += above.head.h
	}
	for i, r := range rows {
		if i > 0 {
			y += r.before
		}
		atTop := len(content) == 0 // nothing drawn above this row
		for _, it := range r.items {
			content = append(content, it.Moved(x0, y))
		}
		for _, pr := range r.pageRefs {
			content = append(content, refItem{pageRef{anchor: pr.anchor, right: pr.right + x0, y: pr.y + y, st: pr.st, elem: pr.elem}})
		}
		for _, a := range r.anchors {
			if _, ok := d.Anchors[a]; !ok && a != "" {
				d.Anchors[a] = page.Dest{Page: num, Y: y}
			}
		}
		if r.section != nil && p.Section == "" {
			p.Section = r.section.Title
		}
		if r.section != nil && atTop {
			t.opens[num] = true // the page opens with the section's heading
		}
		notes = append(notes, r.notes...)
		if r.frame != nil {
			s, ok := frames[r.frame]
			if !ok {
				s = &span{y0: y}
				frames[r.frame] = s
				frameOrder = append(frameOrder, r.frame)
			}
			s.y1 = y + r.h
		}
		y += r.h
	}
	if above.box != nil {
		frames[above.box].y0 = top
	}
	var marks []page.Item
	if contBelow {
		fr := rows[len(rows)-1].frame
		s := frames[fr]
		s.y1 += pad
		marks = append(marks, t.continued(x0+fr.inset, s.y1, t.width-fr.inset, true)...)
	}
	if fr := above.box; fr != nil {
		marks = append(marks, t.continued(x0+fr.inset, top, t.width-fr.inset, false)...)
	}
	n := len(marks) + len(content) + t.noteItems(notes) + runningItems
	if t.l.Box.RuleWidth > 0 {
		n += 2 * len(frameOrder)
	} else {
		n += len(frameOrder)
	}
	p.Items = make([]page.Item, 0, n)
	// box backgrounds go under the text
	for _, fr := range frameOrder {
		s := frames[fr]
		x := x0 + fr.inset
		w := t.width - fr.inset
		p.Items = append(p.Items, page.Rect{X: x, Y: s.y0, W: w, H: s.y1 - s.y0, Fill: t.l.Colors.BoxBackground})
		if bar := t.l.Box.RuleWidth; bar > 0 {
			p.Items = append(p.Items, page.Rect{X: x, Y: s.y0, W: bar, H: s.y1 - s.y0, Fill: t.l.Colors.Rule})
		}
	}
	p.Items = append(p.Items, marks...)
	p.Items = append(p.Items, content...)
	// footnotes at the foot of the page
	if len(notes) > 0 {
		ny := top + t.height - t.notesHeight(notes) + t.l.Notes.Gap*MM
		p.Items = append(p.Items, page.Line{X1: x0, Y1: ny - t.l.Notes.Gap*MM/2, X2: x0 + t.l.Notes.RuleLength*MM, Y2: ny - t.l.Notes.Gap*MM/2, Width: 0.5, Color: t.l.Resolve("muted")})
		for _, n := range notes {
			for _, r := range t.notes[n] {
				ny += r.before
				for _, it := range r.items {
					p.Items = append(p.Items, it.Moved(x0, ny))
				}
				for _, a := range r.anchors {
					if _, ok := d.Anchors[a]; !ok {
						d.Anchors[a] = page.Dest{Page: num, Y: ny}
					}
				}
				ny += r.h
			}
		}
	}
	return p
}

// rowItems returns the number of items of rows on a page, with what it
// carries over above them.
func rowItems(rows []row, above carry) int {
	n := 0
	if above.head != nil {
		n += len(above.head.items)
	}
	for _, r := range rows {
		n += len(r.items) + len(r.pageRefs)
	}
	return n
}

// noteItems returns the number of items of notes at the foot of a page,
// with the rule above them.
func (t *typesetter) noteItems(notes []*doc.Note) int {
	if len(notes) == 0 {
		return 0
	}
	n := 1
	for _, nt := range notes {
		for _, r := range t.notes[nt] {
			n += len(r.items)
		}
	}
	return n
}
