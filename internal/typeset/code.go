package typeset

import (
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// codeBreakAfter are the characters after which a code line too long for the
// measure breaks, besides spaces; where a line has none of them within the
// measure it breaks between any two characters.
const codeBreakAfter = "/.,;()-_="

// codeRows sets a code block at indent x in width w, one row a line, its
// text in element el. Lines keep their spaces (tabs are four); a line too long
// for the measure goes on on the next rows, after a space or a codeBreakAfter
// character when it can, each continuation aligned with the line's indentation
// past a hooked arrow in the margin of the code (an artifact: drawn, not text,
// so that copying or extracting the code gives none of it).
func (t *typesetter) codeRows(b *doc.CodeBlock, x, w float64, el *page.Elem) []row {
	st := t.st(t.l.Block(style.BlockCode).Text)
	face, size := st.code, st.size*codeScale
	bl := st.baseline()
	space := face.Width(" ", size)
	hang := 2 * space // the continuation mark's room
	var rows []row
	at := 0    // characters of the block's text before the line
	start := 0 // bytes of the block's text before the line
	place := b.Cursor()
	for _, ln := range strings.Split(b.Text, "\n") {
		cs := codeCells(ln)
		t.missing.check(ln, face, nil, func(i int) diag.Pos { return place.PosAt(start + i) })
		start += len(ln) + 1
		// continuations start at the line's indentation (a third of the
		// measure at most), past the mark
		indent := min(face.Width(strings.Repeat(" ", cs.indent()), size), w/3)
		cont := indent + hang
		if cont+4*space > w {
			indent, cont = 0, min(hang, max(w-4*space, 0))
		}
		for i, piece := range cs.pieces(face, size, w, w-cont) {
			r := row{h: st.leading, noBreakAfter: true, mark: &mark{block: b, offset: at + piece.offset}}
			px := x
			if i > 0 {
				px = x + cont
				r.items = continuationMark(x+indent, bl, hang, size, t.l.Resolve("muted"))
			}
			if piece.text != "" {
				r.items = append(r.items, page.Text{X: px, Y: bl, Text: piece.text, Face: face, Size: size, Color: st.color, Elem: el})
			}
			rows = append(rows, r)
		}
		at += utf8.RuneCountInString(ln) + 1
	}
	if len(rows) > 0 {
		rows[len(rows)-1].noBreakAfter = false
	}
	return rows
}

// codeScale is the size of code against the size of its style, as in running
// text: a monospaced face looks larger than a proportional one.
const codeScale = 0.92

// continuationMark draws a small hooked arrow (↳) in the room hang wide at x,
// on a line of code of the given size with its baseline at bl: rules, so an
// artifact that no text extraction reads.
func continuationMark(x, bl, hang, size float64, c style.Color) []page.Item {
	const lw = 0.5
	left, tip := x+0.2*hang, x+0.8*hang
	top, y := bl-0.62*size, bl-0.22*size
	head := 0.16 * size
	return []page.Item{
		page.Line{X1: left, Y1: top, X2: left, Y2: y + lw/2, Width: lw, Color: c},
		page.Line{X1: left, Y1: y, X2: tip, Y2: y, Width: lw, Color: c},
		page.Line{X1: tip - head, Y1: y - head, X2: tip, Y2: y, Width: lw, Color: c},
		page.Line{X1: tip - head, Y1: y + head, X2: tip, Y2: y, Width: lw, Color: c},
	}
}

// codeCell is a character of a code line as drawn, with the index of the
// character of the source it comes from (a tab is drawn as four spaces).
type codeCell struct {
	r   rune
	src int
}

type codeLine []codeCell

func codeCells(ln string) codeLine {
	var cs codeLine
	i := 0
	for _, r := range ln {
		if r == '\t' {
			for range 4 {
				cs = append(cs, codeCell{' ', i})
			}
		} else {
			cs = append(cs, codeCell{r, i})
		}
		i++
	}
	return cs
}

func (cs codeLine) text() string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteRune(c.r)
	}
	return b.String()
}

// indent is how many spaces begin the line.
func (cs codeLine) indent() int {
	n := 0
	for n < len(cs) && cs[n].r == ' ' {
		n++
	}
	return n
}

// codePiece is the part of a code line set on one row: its text and the
// characters of the line's source before its first visible one.
type codePiece struct {
	text   string
	offset int
}

// pieces breaks the line into pieces that fit: the first first wide, the
// others rest wide. A piece ends after the last space or codeBreakAfter
// character that fits, else after the last character that fits (one at
// least); spaces at a break stay at the end of the piece before it.
func (cs codeLine) pieces(face *fonts.Face, size, first, rest float64) []codePiece {
	var out []codePiece
	w := first
	for start := 0; ; {
		end := cs.fit(face, size, start, w)
		if end < len(cs) {
			brk := -1
			for k := end; k > start+1; k-- {
				if r := cs[k-1].r; r == ' ' || strings.ContainsRune(codeBreakAfter, r) {
					brk = k
					break
				}
			}
			if brk > 0 && !cs[start:brk].blank() {
				end = brk
			}
		}
		// spaces at a break stay: a word space for whoever copies the text
		out = append(out, codePiece{text: cs[start:end].text(), offset: cs.srcAt(start)})
		// a continuation does not begin with the spaces the break was at
		for end < len(cs) && cs[end].r == ' ' {
			end++
		}
		if end >= len(cs) {
			return out
		}
		start, w = end, rest
	}
}

// fit returns the end of the longest run of characters from start that is no
// wider than w, at least one character past start (when any is left).
func (cs codeLine) fit(face *fonts.Face, size float64, start int, w float64) int {
	x := 0.0
	end := start
	for end < len(cs) {
		x += face.Width(string(cs[end].r), size)
		if x > w && end > start {
			break
		}
		end++
	}
	// measured whole, kerned, the run may be a little wider
	for end > start+1 && face.Width(cs[start:end].text(), size) > w {
		end--
	}
	return end
}

func (cs codeLine) blank() bool {
	for _, c := range cs {
		if c.r != ' ' {
			return false
		}
	}
	return true
}

// srcAt is the source index of the first visible character from i, or of
// the line's end.
func (cs codeLine) srcAt(i int) int {
	for ; i < len(cs); i++ {
		if cs[i].r != ' ' {
			return cs[i].src
		}
	}
	if len(cs) > 0 {
		return cs[len(cs)-1].src + 1
	}
	return 0
}
