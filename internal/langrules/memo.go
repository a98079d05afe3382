package langrules

import (
	"slices"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/recent"
	"github.com/folio-pub/folio/internal/style"
)

// Memo keeps what the rules of one words file made of each text they were
// given, for a session that applies them again and again to editions of
// which an edit changed one section (folio watch): a text given again, after
// what it followed before, is what the rules made of it then, without a rule
// run. What the rules make of a text depends on nothing else: not on the
// section or the block it is in, nor on what resolve did before them (the
// rules come before any of it); from one text to the next of a run, only
// the character before and whether a single quotation is open carry over,
// and they are part of the key. It keeps what the last two rounds used
// (Next). It is safe for concurrent use.
type Memo struct {
	rules    Rules
	texts    *recent.Map[textIn, textOut]
	ordinals *recent.Map[string, []ordinalAt] // by the text the rules made
}

// textIn is what the rules read of a text: the text, and what the writer
// carries into it from the text before.
type textIn struct {
	s        string
	prev     rune
	inSingle bool
}

// textOut is what the rules made of a text, and what the writer carries
// out of it into the next.
type textOut struct {
	s        string
	from     []int // the byte of the text each character is made from; nil when each is where it was
	prev     rune
	inSingle bool
	// made is the last text node rewritten with s, and at and marks were
	// where the node it was made from placed its characters: a node of the
	// same text placed the same way becomes it again (Text.Rewrite reads
	// nothing else). Nil until a node is rewritten.
	made  *doc.Text
	at    diag.Pos
	marks []doc.Mark
}

// NewMemo returns an empty memo for the rules of w.
func NewMemo(w *style.Words) *Memo {
	m := &Memo{texts: recent.New[textIn, textOut](), ordinals: recent.New[string, []ordinalAt]()}
	m.rules = New(w)
	m.rules.memo = m
	return m
}

// Rules returns the rules of the memo's words file, which keep what they
// make in it and take what it kept.
func (m *Memo) Rules() Rules { return m.rules }

// Next starts a round (a session's build): the texts neither it nor the
// last round uses go.
func (m *Memo) Next() {
	m.texts.Next()
	m.ordinals.Next()
}

// get returns what r made of s after what w carries, and the key it is
// kept by, taking it from the memo or making and keeping it, and leaves w
// as text leaves it.
func (m *Memo) get(r Rules, s string, w *writer) (textOut, textIn) {
	in := textIn{s: s, prev: w.prev, inSingle: w.inSingle}
	if out, ok := m.texts.Get(in); ok {
		// as text leaves it: nothing written that the next text could read
		w.out, w.prev, w.inSingle = w.out[:0], out.prev, out.inSingle
		return out, in
	}
	out := textOut{s: r.text(s, w), prev: w.prev, inSingle: w.inSingle}
	if out.s != s || !inPlace(s, w.from) {
		out.from = slices.Clone(w.from) // w's is written over by the next text
	}
	m.texts.Put(in, out)
	return out, in
}

// rewrite is Rules.rewrite with the memo: t becomes the node the memo made
// of the same text placed the same way, if it made one.
func (m *Memo) rewrite(r Rules, t *doc.Text, w *writer) {
	out, in := m.get(r, t.Text, w)
	if out.from == nil && out.s == t.Text {
		return // each character where it was: Rewrite would leave t as it is
	}
	if out.made != nil && out.at == t.Pos && slices.Equal(out.marks, t.Marks) {
		*t = *out.made
		t.Marks = slices.Clone(t.Marks) // t's own, as a rewritten node's are
		return
	}
	out.at, out.marks = t.Pos, slices.Clone(t.Marks)
	t.Rewrite(out.s, out.from)
	made := *t
	made.Marks = slices.Clone(t.Marks)
	out.made = &made
	m.texts.Put(in, out)
}

// inPlace reports whether from gives each character of s its own byte.
func inPlace(s string, from []int) bool {
	k := 0
	for i := range s {
		if k >= len(from) || from[k] != i {
			return false
		}
		k++
	}
	return k == len(from)
}
