package doc

import (
	"testing"

	"github.com/folio-pub/folio/internal/diag"
)

// TestOrigin: a text built from pieces places each character where its piece
// says; a cursor, a slice and a rewrite agree with PosAt.
func TestOrigin(t *testing.T) {
	at := func(line, col int) diag.Pos { return diag.Pos{File: "a.md", Line: line, Col: col} }
	var o Origin
	o.Add("ab é", at(1, 1))
	o.Add(" ", diag.Pos{}) // a line break: follows on
	o.Add("cd", at(2, 3))  // the next line, indented
	o.Add("*", at(2, 5))   // \* at 2:5, an escape: what follows is a column further
	o.Add("ef", at(2, 7))
	o.Add("gh", at(2, 9)) // follows on: no mark
	txt := o.Text()
	if len(txt.Marks) != 2 {
		t.Errorf("marks %v, want 2", txt.Marks)
	}
	want := map[byte]diag.Pos{'a': at(1, 1), 'b': at(1, 2), 'c': at(2, 3), 'd': at(2, 4), '*': at(2, 5), 'e': at(2, 7), 'h': at(2, 10)}
	cur := txt.Cursor()
	for i := range txt.Text {
		p := txt.PosAt(i)
		if w, ok := want[txt.Text[i]]; ok && p != w {
			t.Errorf("%q at %s, want %s", txt.Text[i], p, w)
		}
		if c := cur.PosAt(i); c != p {
			t.Errorf("cursor at %d: %s, PosAt %s", i, c, p)
		}
	}
	if s := txt.Slice(3, len(txt.Text)); s.PosAt(0) != at(1, 4) || s.PosAt(len(s.Text)-1) != at(2, 10) {
		t.Errorf("slice %q at %s … %s", s.Text, s.PosAt(0), s.PosAt(len(s.Text)-1))
	}
	// a rewrite: a no-break space added before the '*', made from it
	r := *txt
	star := len("ab é cd")
	var from []int
	for i := range txt.Text {
		if i == star {
			from = append(from, i)
		}
		from = append(from, i)
	}
	r.Rewrite(txt.Text[:star]+"\u00a0"+txt.Text[star:], from)
	if p := r.PosAt(star); p != at(2, 5) {
		t.Errorf("added space at %s, want 2:5", p)
	}
	if p := r.PosAt(len(r.Text) - 1); p != at(2, 10) {
		t.Errorf("last at %s, want 2:10", p)
	}
	// metadata: placed in its file only
	m := &Text{Text: "Title", Pos: diag.Pos{File: "e.yaml"}}
	if p := m.PosAt(3); p != (diag.Pos{File: "e.yaml"}) {
		t.Errorf("metadata at %s", p)
	}
}
