package doc

import (
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
)

// Mark places a character of a text in its source file: the character at
// byte Off of the text is at Line:Col, and those after it follow on that
// line, one column each, up to the next mark. Columns count characters, as
// every diagnostic does.
type Mark struct{ Off, Line, Col int }

// posAt is the position in the source of the character at byte off of text,
// which starts at start and is placed by marks (in order of Off, all in
// start's file). Characters not placed in a line (text from metadata, placed
// in its file only) are at start.
func posAt(start diag.Pos, marks []Mark, text string, off int) diag.Pos {
	off = min(max(off, 0), len(text))
	p, from := start, 0
	for _, m := range marks {
		if m.Off > off {
			break
		}
		p.Line, p.Col, from = m.Line, m.Col, m.Off
	}
	if p.Line == 0 {
		return diag.Pos{File: p.File}
	}
	p.Col += utf8.RuneCountInString(text[from:off])
	return p
}

// PosAt is where the character at byte off of the text is in the source.
func (t *Text) PosAt(off int) diag.Pos { return posAt(t.Pos, t.Marks, t.Text, off) }

// PosAt is where the character at byte off of the code is in the source.
func (c *Code) PosAt(off int) diag.Pos { return posAt(c.Pos, c.Marks, c.Text, off) }

// PosAt is where the character at byte off of the code is in the source.
func (b *CodeBlock) PosAt(off int) diag.Pos { return posAt(b.Pos, b.Marks, b.Text, off) }

// PosAt is where the character at byte off of the superscript is in the source.
func (s *Super) PosAt(off int) diag.Pos { return posAt(s.Pos, nil, s.Text, off) }

// Origin builds a text and its marks piece by piece, each piece placed where
// it starts in the source, or following on from the piece before. The zero
// value is ready to use.
type Origin struct {
	text  []byte
	start diag.Pos
	marks []Mark
	next  diag.Pos // where a character that follows on would be; no line when unknown
}

// Add appends s, whose first character is at pos; a pos without a line
// (a space that stands for a line break) follows on from the piece before.
func (o *Origin) Add(s string, pos diag.Pos) {
	if s == "" {
		return
	}
	switch {
	case len(o.text) == 0:
		o.start, o.next = pos, pos
	case pos.Line != 0 && pos != o.next:
		if o.start.File == "" {
			o.start.File = pos.File
		}
		o.marks = append(o.marks, Mark{Off: len(o.text), Line: pos.Line, Col: pos.Col})
		o.next = pos
	}
	if o.next.Line != 0 {
		o.next.Col += utf8.RuneCountInString(s)
	}
	o.text = append(o.text, s...)
}

// AddText appends t, each character placed where t places it.
func (o *Origin) AddText(t *Text) {
	pos, from := t.Pos, 0
	for _, m := range t.Marks {
		o.Add(t.Text[from:m.Off], pos)
		pos, from = diag.Pos{File: t.Pos.File, Line: m.Line, Col: m.Col}, m.Off
	}
	o.Add(t.Text[from:], pos)
}

// Text returns the text built, where it starts and its marks.
func (o *Origin) Text() *Text {
	return &Text{Text: string(o.text), Pos: o.start, Marks: o.marks}
}

// MadeText is text folio made from something at pos (a citation's note, a
// bibliography entry, a word from the words file): every character is
// placed at pos, the place the author acts on, rather than following on
// from it as typed text does. A pos without a line places it in its file.
func MadeText(s string, pos diag.Pos) *Text {
	t := &Text{Text: s, Pos: pos}
	if pos.Line == 0 {
		return t
	}
	for i := range s {
		if i > 0 {
			t.Marks = append(t.Marks, Mark{Off: i, Line: pos.Line, Col: pos.Col})
		}
	}
	return t
}

// Slice returns the part of the text from byte i to byte j, placed where it is
// in the source.
func (t *Text) Slice(i, j int) *Text {
	out := &Text{Text: t.Text[i:j], Pos: t.PosAt(i)}
	for _, m := range t.Marks {
		if m.Off > i && m.Off < j {
			out.Marks = append(out.Marks, Mark{Off: m.Off - i, Line: m.Line, Col: m.Col})
		}
	}
	return out
}

// Rewrite makes s the text, where the character at rune k of s stands for
// the one at byte from[k] of the text it replaces (the language rules made it
// from that one), so that every character keeps its place in the source.
func (t *Text) Rewrite(s string, from []int) {
	if len(t.Marks) == 0 && t.Pos.Line == 0 || s == "" {
		t.Text = s
		return
	}
	if s == t.Text && unmoved(s, from) {
		return // the rules changed nothing (most text): every character is where it was
	}
	at := t.positions()
	var o Origin
	k := 0
	for i, r := range s {
		pos := at[len(t.Text)]
		if k < len(from) && from[k] >= 0 && from[k] < len(at) {
			pos = at[from[k]]
		}
		o.Add(s[i:i+utf8.RuneLen(r)], pos)
		k++
	}
	*t = *o.Text()
}

// unmoved reports whether from maps each character of s to its own byte.
func unmoved(s string, from []int) bool {
	k := 0
	for i := range s {
		if k >= len(from) || from[k] != i {
			return false
		}
		k++
	}
	return true
}

// positions returns where each byte of the text is in the source (every byte
// of a character where the character is), and after its last at len(Text).
func (t *Text) positions() []diag.Pos {
	at := make([]diag.Pos, len(t.Text)+1)
	line, col, mi := t.Pos.Line, t.Pos.Col, 0
	for i := 0; ; {
		for mi < len(t.Marks) && t.Marks[mi].Off <= i {
			line, col = t.Marks[mi].Line, t.Marks[mi].Col
			mi++
		}
		at[i] = diag.Pos{File: t.Pos.File}
		if line != 0 {
			at[i].Line, at[i].Col = line, col
		}
		if i == len(t.Text) {
			return at
		}
		_, size := utf8.DecodeRuneInString(t.Text[i:])
		for b := i + 1; b < i+size; b++ {
			at[b] = at[i]
		}
		i += size
		col++
	}
}

// Cursor places the characters of a text in the source one after another,
// in time linear in the text however many are asked for in order.
type Cursor struct {
	text  string
	start diag.Pos
	marks []Mark
	mi    int      // the marks up to off are applied
	off   int      // the byte pos is of
	pos   diag.Pos // where the character at off is; no line when not placed
}

func newCursor(start diag.Pos, marks []Mark, text string) *Cursor {
	c := &Cursor{text: text, start: start, marks: marks, pos: start}
	c.apply()
	return c
}

// Cursor returns a cursor over the text.
func (t *Text) Cursor() *Cursor { return newCursor(t.Pos, t.Marks, t.Text) }

// Cursor returns a cursor over the code.
func (c *Code) Cursor() *Cursor { return newCursor(c.Pos, c.Marks, c.Text) }

// Cursor returns a cursor over the code.
func (b *CodeBlock) Cursor() *Cursor { return newCursor(b.Pos, b.Marks, b.Text) }

// Cursor returns a cursor over the superscript.
func (s *Super) Cursor() *Cursor { return newCursor(s.Pos, nil, s.Text) }

// apply moves pos to the marks at off.
func (c *Cursor) apply() {
	for c.mi < len(c.marks) && c.marks[c.mi].Off <= c.off {
		m := c.marks[c.mi]
		c.pos = diag.Pos{File: c.start.File, Line: m.Line, Col: m.Col}
		c.mi++
	}
}

// PosAt is where the character at byte off of the text is in the source. It
// is quickest asked in order of off.
func (c *Cursor) PosAt(off int) diag.Pos {
	off = min(max(off, 0), len(c.text))
	if off < c.off {
		return posAt(c.start, c.marks, c.text, off)
	}
	for c.off < off {
		next := off
		if c.mi < len(c.marks) && c.marks[c.mi].Off < next {
			next = c.marks[c.mi].Off
		}
		c.pos.Col += utf8.RuneCountInString(c.text[c.off:next])
		c.off = next
		c.apply()
	}
	if c.pos.Line == 0 {
		return diag.Pos{File: c.pos.File}
	}
	return c.pos
}
