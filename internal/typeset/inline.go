package typeset

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/style"
)

// textStyle is a layout text style with its faces resolved.
type textStyle struct {
	faces       [4]*fonts.Face // regular, bold, italic, bold-italic of the family
	base        int            // index of the style's own face
	code        *fonts.Face
	size        float64
	leading     float64
	color       style.Color
	align       style.Align
	spaceBefore float64
	spaceAfter  float64
	uppercase   bool
}

const (
	faceRegular = iota
	faceBold
	faceItalic
	faceBoldItalic
)

// face returns the face for emphasis on top of the style's own face.
func (s *textStyle) face(bold, italic bool) *fonts.Face {
	b := s.base == faceBold || s.base == faceBoldItalic
	i := s.base == faceItalic || s.base == faceBoldItalic
	if bold {
		b = true
	}
	if italic {
		i = !i // emphasis inside italic text is upright
	}
	switch {
	case b && i:
		return s.faces[faceBoldItalic]
	case b:
		return s.faces[faceBold]
	case i:
		return s.faces[faceItalic]
	}
	return s.faces[faceRegular]
}

// ascent and descent of the style's own face, for placing baselines.
func (s *textStyle) baseline() float64 {
	f := s.faces[s.base]
	asc, desc := f.Ascent(s.size), f.Descent(s.size)
	return (s.leading-(asc+desc))/2 + asc
}

// seg is a piece of a word in one face.
type seg struct {
	text   string
	face   *fonts.Face
	size   float64
	color  style.Color
	rise   float64 // raised above the baseline (note marks)
	url    string
	anchor string    // internal link target
	note   *doc.Note // the note this mark refers to
	elem   *Elem     // the structure element it belongs to
	width  float64
}

// word is an unbreakable run of segments; space follows it unless it ends the line.
type word struct {
	start      int // characters of text (doc.Text, doc.Code) of the run before it
	segs       []seg
	width      float64
	space      float64 // width of the space after it
	forceBreak bool    // a hard line break follows
}

// wordBuilder turns inlines into words.
type wordBuilder struct {
	st    *textStyle
	words []word
	cur   word
	diags *diag.List
	open  bool // cur has content
	pos   int  // characters of text (doc.Text, doc.Code) read so far
}

func (b *wordBuilder) flush(space float64) {
	if b.open {
		b.cur.space = space
		b.words = append(b.words, b.cur)
	} else if len(b.words) > 0 && space > 0 {
		b.words[len(b.words)-1].space = space
	}
	b.cur = word{}
	b.open = false
}

func (b *wordBuilder) add(s seg) {
	if s.text == "" {
		return
	}
	s.width = s.face.Width(s.text, s.size)
	// merge with the previous segment when nothing differs
	if n := len(b.cur.segs); n > 0 {
		p := &b.cur.segs[n-1]
		if p.face == s.face && p.size == s.size && p.color == s.color && p.rise == s.rise && p.url == s.url && p.anchor == s.anchor && p.note == s.note && p.elem == s.elem {
			p.text += s.text
			p.width += s.width
			b.cur.width += s.width
			return
		}
	}
	if !b.open {
		b.cur.start = b.pos
	}
	b.cur.segs = append(b.cur.segs, s)
	b.cur.width += s.width
	b.open = true
}

type inlineState struct {
	bold, italic bool
	code         bool
	url, anchor  string
	pos          diag.Pos
	elem         *Elem // the element text belongs to
}

// text adds running text, splitting words at ordinary spaces.
func (b *wordBuilder) text(s string, st inlineState) {
	face := b.st.face(st.bold, st.italic)
	size := b.st.size
	if st.code {
		face = b.st.code
		size *= 0.92
	}
	// what is drawn of the text (positions count the text as written): soft
	// hyphens are not drawn (folio does not break lines at them yet), tabs
	// (in code) set as spaces, uppercase where the style asks
	shown := func(s string) string {
		s = strings.NewReplacer("\u00ad", "", "\t", "    ").Replace(s)
		if b.st.uppercase {
			s = strings.ToUpper(s)
		}
		return s
	}
	if r, ok := face.Missing(shown(s)); ok {
		b.diags.Add(st.pos, "the font %s has no glyph for %q (%U); choose another font in the layout or change the text", face.Name, string(r), r)
	}
	space := face.Width(" ", size)
	for i, part := range strings.Split(strings.ReplaceAll(s, "\n", " "), " ") {
		if i > 0 {
			b.flush(space)
			b.pos++
		}
		b.add(seg{text: shown(part), face: face, size: size, color: b.st.color, url: st.url, anchor: st.anchor, elem: st.elem})
		b.pos += utf8.RuneCountInString(part)
	}
}

func (b *wordBuilder) inlines(in []doc.Inline, st inlineState) {
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Text:
			s := st
			if n.Pos.File != "" {
				s.pos = n.Pos
			}
			b.text(n.Text, s)
		case *doc.Emph:
			s := st
			s.italic = !s.italic
			b.inlines(n.Content, s)
		case *doc.Strong:
			s := st
			s.bold = true
			b.inlines(n.Content, s)
		case *doc.Code:
			s := st
			s.code = true
			b.text(n.Text, s)
		case *doc.Link:
			s := st
			if id, ok := n.Internal(); ok {
				s.anchor = id
			} else {
				s.url = n.URL
			}
			if n.Pos.File != "" {
				s.pos = n.Pos
			}
			s.elem = st.elem.add(RoleLink)
			if s.elem != nil {
				s.elem.Alt = doc.PlainText(n.Content)
			}
			b.inlines(n.Content, s)
		case *doc.NoteRef:
			face := b.st.face(false, false)
			if b.st.base == faceItalic || b.st.base == faceBoldItalic {
				face = b.st.faces[faceRegular]
			}
			num := strconv.Itoa(n.Note.Number)
			link := st.elem.add(RoleReference).add(RoleLink)
			if link != nil {
				link.Alt = num
			}
			b.add(seg{text: num, face: face, size: b.st.size * 0.62,
				color: b.st.color, rise: b.st.size * 0.36, anchor: n.Note.ID, note: n.Note, elem: link})
		case *doc.LineBreak:
			b.flush(0)
			if len(b.words) > 0 {
				b.words[len(b.words)-1].forceBreak = true
			}
		default:
			b.diags.Add(st.pos, "typeset: no setting for %T (a bug in folio)", n)
		}
	}
}

// line is a set line: words with their x offsets.
type line struct {
	words []word
	xs    []float64
	width float64 // natural width of the content
	next  *word   // the first word of the next line, if any
}

// setLines breaks words into lines of width w and places them by alignment.
func setLines(words []word, w float64, align style.Align) []line {
	var breaks []int
	if align == style.Justify {
		breaks = knuthPlass(words, w)
	}
	if breaks == nil {
		breaks = greedy(words, w)
	}
	var lines []line
	start := 0
	for li, end := range breaks {
		ws := words[start:end]
		last := li == len(breaks)-1 || ws[len(ws)-1].forceBreak
		natural, spaces := 0.0, 0.0
		for i, wd := range ws {
			natural += wd.width
			if i < len(ws)-1 {
				spaces += wd.space
			}
		}
		extra := 0.0
		x := 0.0
		switch align {
		case style.Justify:
			// lines are justified but the last, which is set loose unless
			// it is too wide and its spaces must shrink (as the breaker allowed)
			if (!last || natural+spaces > w) && len(ws) > 1 {
				extra = (w - natural - spaces) / float64(len(ws)-1)
				if extra > spaces/float64(len(ws)-1)*2.5 && extra > 0 {
					// too loose to look justified: leave it ragged (rare: one long word)
					extra = 0
				}
			}
		case style.Center:
			x = (w - natural - spaces) / 2
		case style.Right:
			x = w - natural - spaces
		}
		l := line{words: ws, width: natural + spaces}
		if end < len(words) {
			l.next = &words[end]
		}
		for i, wd := range ws {
			l.xs = append(l.xs, x)
			x += wd.width
			if i < len(ws)-1 {
				x += wd.space + extra
			}
		}
		lines = append(lines, l)
		start = end
	}
	return lines
}

// greedy breaks words into lines first-fit; it returns the end index of each line.
func greedy(words []word, w float64) []int {
	var breaks []int
	x := 0.0
	start := 0
	for i, wd := range words {
		if i > start {
			if x+words[i-1].space+wd.width > w+0.01 {
				breaks = append(breaks, i)
				start = i
				x = 0
			} else {
				x += words[i-1].space
			}
		}
		x += wd.width
		if wd.forceBreak && i+1 < len(words) {
			breaks = append(breaks, i+1)
			start = i + 1
			x = 0
		}
	}
	if len(words) > 0 {
		breaks = append(breaks, len(words))
	}
	return breaks
}

// items draws a line's words with their top at y, baseline offset bl, left at
// x0. A word followed by a space in the text keeps it, at its end, so that
// the space is text (copied, searched, read aloud) and the look is the same;
// a link gets one area per line, however many words it spans.
func (l *line) items(x0, y, bl float64) []Item {
	var out []Item
	lastLink := -1
	for i, wd := range l.words {
		x := x0 + l.xs[i]
		for j, s := range wd.segs {
			text := s.text
			spaced := j == len(wd.segs)-1 && wd.space > 0
			linked := s.url != "" || s.anchor != ""
			next := l.next
			if i+1 < len(l.words) {
				next = &l.words[i+1]
			}
			if spaced && linked && next != nil && len(next.segs) > 0 && next.segs[0].elem == s.elem {
				linked = false // a space inside the link is the link's
			}
			if spaced && !linked {
				text += " "
			}
			out = append(out, Text{X: x, Y: y + bl - s.rise, Text: text, Face: s.face, Size: s.size, Color: s.color, Elem: s.elem})
			if spaced && linked {
				// the space after a link or a note mark is the surrounding text's
				out = append(out, Text{X: x + s.width, Y: y + bl, Text: " ", Face: s.face, Size: s.size, Color: s.color, Elem: s.elem.outside()})
			}
			if s.url != "" || s.anchor != "" {
				lk := Link{X: x, Y: y + bl - s.rise - s.size*0.85, W: s.width, H: s.size * 1.1, URL: s.url, Anchor: s.anchor, Elem: s.elem}
				if lastLink >= 0 {
					if p := out[lastLink].(Link); p.URL == lk.URL && p.Anchor == lk.Anchor && p.Elem == lk.Elem && p.Y == lk.Y {
						p.W = x + s.width - p.X
						out[lastLink] = p
						x += s.width
						continue
					}
				}
				lastLink = len(out)
				out = append(out, lk)
			}
			x += s.width
		}
	}
	return out
}
