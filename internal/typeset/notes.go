package typeset

import (
	"strconv"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// noteRows sets a footnote: its number hanging in the margin of the note block.
func (t *typesetter) noteRows(n *doc.Note) []row {
	st := t.st(t.l.Block(style.BlockNote).Text)
	face := st.face(false, false)
	hang := t.noteHang(st)
	note := &page.Elem{Role: page.RoleNote, ID: n.ID}
	t.noteEl[n] = note
	lbl := note.Add(page.RoleLbl)
	f := &flow{parent: note}
	t.blocks(f, n.Blocks, hang, t.width-hang, st, true)
	if len(f.rows) == 0 {
		f.rows = []row{{h: st.leading}}
	}
	num := strconv.Itoa(n.Number)
	f.rows[0].items = append(f.rows[0].items, page.Text{X: hang - face.Width(num, st.size) - st.size*0.5, Y: st.baseline(), Text: num, Face: face, Size: st.size, Color: t.l.Resolve("accent"), Elem: lbl})
	f.rows[0].anchors = append(f.rows[0].anchors, n.ID)
	for i := range f.rows {
		f.rows[i].before = 0
	}
	f.rows[0].before = st.spaceAfter
	return f.rows
}

// noteHang is the margin the notes' numbers hang in, as wide as the widest
// needs, measured once an edition (once a note, it made 20,000 notes take
// minutes).
func (t *typesetter) noteHang(st *textStyle) float64 {
	if t.hang == 0 {
		face := st.face(false, false)
		t.hang = st.size * 1.8
		for _, o := range t.ed.Doc.Notes {
			t.hang = max(t.hang, face.Width(strconv.Itoa(o.Number), st.size)+st.size*0.5)
		}
	}
	return t.hang
}

func rowsHeight(rows []row) float64 {
	h := 0.0
	for _, r := range rows {
		h += r.before + r.h
	}
	return h
}
