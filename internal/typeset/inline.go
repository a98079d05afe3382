package typeset

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
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
	heading     bool // a heading's or the cover title's: never hyphenated, its lines balanced
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

// scaled returns the style with its type and leading k times as large.
func (s *textStyle) scaled(k float64) *textStyle {
	c := *s
	c.size *= k
	c.leading *= k
	return &c
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
	anchor string     // internal link target
	desc   string     // where the link goes, in words (page.Link.Desc)
	note   *doc.Note  // the note this mark refers to
	elem   *page.Elem // the structure element it belongs to
	nohyph bool       // code: never hyphenated
	// added marks the hyphen drawn at a break inside a word, which takes
	// only its face, size, colour and rise from the segment src; src is
	// the segment of the paragraph, as the word builder made it (counted
	// across its words), that this one is or is a piece of. Set and read
	// where a Memo keeps the paragraph's lines (beside nohyph: no room
	// more than its padding).
	added bool
	src   int32
	lang  string // a span's language; empty for the text's own
	width float64
	// image is an image set in the text, its Y from the baseline (the
	// segment's text is then empty)
	image *page.Image
}

// word is an unbreakable run of segments; space follows it unless it ends the line.
type word struct {
	start      int // characters of text (doc.Text, doc.Code) of the run before it
	segs       []seg
	width      float64
	space      float64 // width of the space after it
	forceBreak bool    // a hard line break follows
	pos        diag.Pos
	// disc: a line may break after this word with no space (it is a
	// fragment of a longer word); hyphen is then drawn at the line's end
	// (nil where a typed hyphen ends the fragment).
	disc   bool
	hyphen *seg
	// urlBreak: the break after this fragment is inside an address
	// (breakURLs): no hyphen, a small penalty, not counted as hyphenated
	urlBreak bool
	// src is the word, as the word builder made it, that this one is or
	// begins a piece of (see seg's src)
	src int32
}

// breakable reports whether a line may end after the word.
func (w *word) breakable() bool { return w.space > 0 || w.disc || w.forceBreak }

// wordBuilder turns inlines into words.
type wordBuilder struct {
	st    *textStyle
	words []word
	cur   word
	diags *diag.List
	// missing collects the characters the fonts lack; nil to report them
	// to diags at once
	missing *missingGlyphs
	note    string   // the words file's word for a note ("Note 3"), empty for none
	open    bool     // cur has content
	pos     int      // characters of text (doc.Text, doc.Code) read so far
	src     diag.Pos // where the text being added comes from
	// measure is the width lines are set in, 0 when unknown (text measured
	// before it is set); image gives an image in the text as resolve
	// settled it (file, format, pixel size, bytes)
	measure float64
	image   func(*doc.InlineImage) *resolve.Image
	// pageOf gives what follows a cross-reference to id: ", p. 7"; nil or
	// "" for nothing
	pageOf func(id string) string
	// segSlab is the block newSegs takes words' first segments from
	segSlab []seg
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

// newSegs returns an empty slice with room for one segment, the most a word
// has, from a block the builder allocates for many words at once (one
// allocation for up to slabWords words, not one a word). The room belongs to the
// word from then on: a second segment makes the word a slice of its own.
func (b *wordBuilder) newSegs() []seg {
	if len(b.segSlab) == cap(b.segSlab) {
		// a builder is made for each paragraph, heading or cell: blocks
		// start small and double, so that a short one wastes little
		b.segSlab = make([]seg, 0, min(max(2*cap(b.segSlab), 4), slabWords))
	}
	n := len(b.segSlab)
	b.segSlab = b.segSlab[:n+1]
	return b.segSlab[n : n : n+1]
}

// slabWords is the most words' first segments newSegs allocates at once.
const slabWords = 64

func (b *wordBuilder) add(s seg) {
	if s.text == "" {
		return
	}
	s.width = s.face.Width(strings.ReplaceAll(s.text, softHyphen, ""), s.size)
	// merge with the previous segment when nothing differs
	if n := len(b.cur.segs); n > 0 {
		p := &b.cur.segs[n-1]
		if p.image == nil && s.image == nil && p.face == s.face && p.size == s.size && p.color == s.color && p.rise == s.rise && p.url == s.url && p.anchor == s.anchor && p.note == s.note && p.elem == s.elem && p.nohyph == s.nohyph {
			p.text += s.text
			p.width += s.width
			b.cur.width += s.width
			return
		}
	}
	if !b.open {
		b.cur.start = b.pos
		b.cur.pos = b.src
	}
	if b.cur.segs == nil {
		b.cur.segs = b.newSegs()
	}
	b.cur.segs = append(b.cur.segs, s)
	b.cur.width += s.width
	b.open = true
}

type inlineState struct {
	bold, italic bool
	code         bool
	super        bool // a superscript: smaller, raised
	sub          bool // with super: lowered instead (a subscript)
	url, anchor  string
	desc         string // where the link goes, in words
	pos          diag.Pos
	elem         *page.Elem // the element text belongs to
	lang         string     // a span's language, empty outside one
}

// text adds running text, splitting words at ordinary spaces. Soft hyphens
// are kept for hyphenate, which breaks lines at them or removes them. at
// tells where the character at a byte of s is in the source (nil: at st.pos,
// or, for text with no position of its own, where the text before it is).
func (b *wordBuilder) text(s string, st inlineState, at func(off int) diag.Pos) {
	if at == nil {
		pos := st.pos
		if pos.File == "" {
			pos = b.src
		}
		at = func(int) diag.Pos { return pos }
	}
	face := b.st.face(st.bold, st.italic)
	size := b.st.size
	if st.code {
		face = b.st.code
		size *= codeScale
	}
	rise := 0.0
	if st.super {
		size, rise = size*0.65, b.st.size*0.35
		if st.sub {
			rise = -b.st.size * 0.12
		}
	}
	// what is drawn of the text (positions count the text as written): tabs
	// (in code) set as spaces, uppercase where the style asks, a
	// non-breaking hyphen (French page ranges: "104‑6") as a hyphen where
	// the font has no glyph of its own for it; soft hyphens are kept until
	// lines are broken
	nbHyphen := strings.ContainsRune(s, nonBreakingHyphen) && !face.Has(nonBreakingHyphen)
	shown := func(s string) string {
		s = strings.ReplaceAll(s, "\t", "    ")
		if b.st.uppercase {
			s = strings.ToUpper(s)
		}
		if nbHyphen {
			s = strings.ReplaceAll(s, string(nonBreakingHyphen), "-")
		}
		return s
	}
	b.checkGlyphs(s, face, shown, at, nbHyphen)
	space := face.Width(" ", size)
	off := 0 // where part starts in s
	for i, part := range strings.Split(strings.ReplaceAll(s, "\n", " "), " ") {
		if i > 0 {
			b.flush(space)
			b.pos++
			off++
		}
		b.src = at(off)
		off += len(part)
		b.add(seg{text: shown(part), face: face, size: size, rise: rise, color: b.st.color, url: st.url, anchor: st.anchor, desc: st.desc, elem: st.elem, nohyph: st.code || st.super, lang: st.lang})
		b.pos += utf8.RuneCountInString(part)
	}
}

// nonBreakingHyphen is U+2011, which some fonts lack (Liberation).
const nonBreakingHyphen = '\u2011'

// checkGlyphs records each character of s that face has no glyph for (as
// shown: upper case where the style asks, a hyphen for a non-breaking one
// where substituted), at its place in the source.
func (b *wordBuilder) checkGlyphs(s string, face *fonts.Face, shown func(string) string, at func(off int) diag.Pos, substituted bool) {
	m := b.missing
	if m == nil {
		m = &missingGlyphs{}
		defer m.report(b.diags)
	}
	if !b.st.uppercase && !substituted {
		shown = nil // else it only sets tabs as spaces, and tabs are not checked
	}
	m.check(s, face, shown, at)
}

func (b *wordBuilder) inlines(in []doc.Inline, st inlineState) {
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Text:
			b.text(n.Text, st, placed(n.Pos, n.Cursor))
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
			b.text(n.Text, s, placed(n.Pos, n.Cursor))
		case *doc.Super:
			s := st
			s.super, s.sub = true, n.Sub
			b.text(n.Text, s, placed(n.Pos, n.Cursor))
		case *doc.Link:
			s := st
			if id, ok := n.Internal(); ok {
				s.anchor, s.desc = id, doc.PlainText(n.Content)
			} else {
				s.url, s.desc = n.URL, site(n.URL)
			}
			if n.Pos.File != "" {
				s.pos = n.Pos
			}
			s.elem = st.elem.Add(page.RoleLink)
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
			link := st.elem.Add(page.RoleReference).Add(page.RoleLink)
			if link != nil {
				link.Alt = num
			}
			desc := num
			if b.note != "" {
				desc = b.note + " " + num
			}
			b.add(seg{text: num, face: face, size: b.st.size * 0.62,
				color: b.st.color, rise: b.st.size * 0.36, anchor: n.Note.ID, desc: desc, note: n.Note, elem: link})
		case *doc.Cite:
			b.cite(n, st)
		case *doc.Span:
			// a structure element of its own, with its language, which a
			// screen reader speaks it in; hyphenated in that language
			s := st
			s.lang = n.Lang
			s.elem = st.elem.Add(page.RoleSpan)
			if s.elem != nil {
				s.elem.Lang = n.Lang
			}
			b.inlines(n.Content, s)
		case *doc.InlineImage:
			b.inlineImage(n, st)
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

// cite sets what resolve made of a citation group (links, or the source as
// typed), each link followed by its target's page where the layout asks:
// text of no run, so that the words after it keep their place in it.
func (b *wordBuilder) cite(c *doc.Cite, st inlineState) {
	for _, in := range c.Content {
		b.inlines([]doc.Inline{in}, st)
		l, ok := in.(*doc.Link)
		if !ok || b.pageOf == nil {
			continue
		}
		id, _ := l.Internal()
		if p := b.pageOf(id); p != "" {
			at, from := b.pos, len(b.words)
			b.text(p, st, nil)
			b.pos = at
			for i := from; i < len(b.words); i++ {
				b.words[i].start = min(b.words[i].start, at)
			}
			b.cur.start = min(b.cur.start, at)
		}
	}
}

// placed returns what places the characters of a text that starts at pos,
// in order, or nil when the text has no place of its own (it is then where
// the text around it is).
func placed(pos diag.Pos, cursor func() *doc.Cursor) func(off int) diag.Pos {
	if pos.File == "" {
		return nil
	}
	return cursor().PosAt
}

// line is a set line: words with their x offsets.
type line struct {
	words []word
	xs    []float64
	width float64 // natural width of the content
	next  *word   // the first word of the next line, if any
	// spacing is the set word space over the natural one on a justified
	// line (1 on other lines and the last line of a paragraph)
	spacing    float64
	hyphenated bool    // ends inside a word
	scale      float64 // the letters' width, as a share of their own (font expansion)
}

// expansion returns how wide the letters of a justified line are set, as a
// share of their own width, to take part of the difference between the
// natural width and the measure w: in proportion to their glyphScale, as
// spaces take theirs, and never beyond it.
func expansion(w, natural, spaces float64) float64 {
	glyphs := natural * glyphScale
	var r float64
	switch d := w - natural - spaces; {
	case d > 0:
		r = min(d/(spaces*spaceStretch+glyphs), 1)
	case d < 0:
		r = max(d/(spaces*spaceShrink+glyphs), -1)
	}
	return 1 + r*glyphScale
}

// setLines breaks words into lines of width w and places them by alignment.
// Fragments of a word (see hyphenate) that end up on one line are joined
// again, and a line that breaks inside a word ends with its hyphen.
func setLines(words []word, w float64, align style.Align) []line {
	return setLinesIn(words, flat(w), align)
}

// setLinesIn is setLines for lines of the widths m gives; each line's
// x offsets start at 0 (the caller sets the lines after the first in by a
// hanging indent).
func setLinesIn(words []word, m measure, align style.Align) []line {
	for i := range words {
		words[i].dropSoftHyphens()
	}
	var breaks []int
	if align == style.Justify {
		breaks, _ = knuthPlassIn(words, m)
	}
	if breaks == nil {
		breaks = greedyIn(words, m)
	}
	var lines []line
	start := 0
	for li, end := range breaks {
		w := m.of(li)
		ws := joinFragments(words[start:end])
		hyphenated := end < len(words) && words[end-1].space == 0 && words[end-1].disc && !words[end-1].forceBreak && !words[end-1].urlBreak
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
		scale := 1.0
		switch align {
		case style.Justify:
			// lines are justified but the last, which is set loose unless
			// it is too wide and its spaces must shrink (as the breaker allowed)
			if (!last || natural+spaces > w) && len(ws) > 1 {
				scale = expansion(w, natural, spaces)
				extra = (w - natural*scale - spaces) / float64(len(ws)-1)
				spacing := 1 + extra*float64(len(ws)-1)/spaces
				if spacing > 3.5 || len(breaks) <= 2 && spacing > raggedSpacing {
					// too loose to look justified: leave it ragged (one long
					// word; a paragraph of two lines, such as a list item,
					// that cannot be justified well)
					extra, scale = 0, 1
				}
			} else if len(ws) == 1 && natural > w {
				// pieces of one word, joined again, that the breaker let
				// into the measure by narrowing their letters
				scale = expansion(w, natural, 0)
			}
		case style.Center:
			x = (w - natural - spaces) / 2
		case style.Right:
			x = w - natural - spaces
		}
		l := line{words: ws, width: natural*scale + spaces, spacing: 1, hyphenated: hyphenated, scale: scale}
		if spaces > 0 && extra != 0 {
			l.spacing = (spaces + extra*float64(len(ws)-1)) / spaces
		}
		if end < len(words) {
			l.next = &words[end]
		}
		for i, wd := range ws {
			l.xs = append(l.xs, x)
			x += wd.width * scale
			if i < len(ws)-1 {
				x += wd.space + extra
			}
		}
		lines = append(lines, l)
		start = end
	}
	return lines
}

// dropSoftHyphens removes soft hyphens left in a word that was not
// hyphenated (they take no width).
func (w *word) dropSoftHyphens() {
	for i := range w.segs {
		if strings.Contains(w.segs[i].text, softHyphen) {
			w.segs = slices.Clone(w.segs)
			for j := range w.segs {
				w.segs[j].text = strings.ReplaceAll(w.segs[j].text, softHyphen, "")
			}
			return
		}
	}
}

// joinFragments joins the fragments of a word set on one line, and ends the
// line with the hyphen of its last fragment when it breaks inside a word.
func joinFragments(ws []word) []word {
	whole := true
	for i, wd := range ws {
		if i < len(ws)-1 && wd.space == 0 && !wd.forceBreak || wd.hyphen != nil && i == len(ws)-1 {
			whole = false
		}
	}
	if whole {
		return ws
	}
	out := make([]word, 0, len(ws))
	for i, wd := range ws {
		n := len(out)
		if i > 0 && ws[i-1].space == 0 && !ws[i-1].forceBreak {
			p := &out[n-1]
			p.segs = slices.Clone(p.segs)
			for _, s := range wd.segs {
				p.appendSeg(s)
			}
			p.space, p.forceBreak, p.disc, p.hyphen, p.urlBreak = wd.space, wd.forceBreak, wd.disc, wd.hyphen, wd.urlBreak
			continue
		}
		out = append(out, wd)
	}
	if n := len(out); n > 0 && out[n-1].hyphen != nil {
		p := &out[n-1]
		p.segs = slices.Clone(p.segs)
		p.appendSeg(*p.hyphen)
		p.hyphen = nil
	}
	return out
}

// appendSeg adds s to the word, merged with its last segment when they differ only in text.
func (w *word) appendSeg(s seg) {
	if n := len(w.segs); n > 0 {
		p := &w.segs[n-1]
		if p.image == nil && s.image == nil && p.face == s.face && p.size == s.size && p.color == s.color && p.rise == s.rise && p.url == s.url && p.anchor == s.anchor && p.note == s.note && p.elem == s.elem && p.nohyph == s.nohyph {
			// one run of text is drawn kerned across the join ("1/" in
			// an address broken and set whole again): measured whole
			p.text += s.text
			width := p.face.Width(p.text, p.size)
			w.width += width - p.width
			p.width = width
			return
		}
	}
	w.width += s.width
	w.segs = append(w.segs, s)
}

// balance returns the narrowest measure, at most w, in which words take as
// many lines as in w: the lines of a heading set ragged then come out about
// even, with no word left alone on the last (as CSS's text-wrap: balance).
func balance(words []word, w float64) float64 {
	n := len(greedy(words, w))
	if n < 2 {
		return w
	}
	lo, hi := 0.0, w
	for range 24 { // to a millionth of the measure or so
		mid := (lo + hi) / 2
		if len(greedy(words, mid)) == n {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// greedy breaks words into lines first-fit; it returns the end index of each
// line. A line ends only where a word may end it (breakable); a run that
// cannot be broken and is wider than w is set alone.
func greedy(words []word, w float64) []int { return greedyIn(words, flat(w)) }

// greedyIn is greedy for lines of the widths m gives.
func greedyIn(words []word, m measure) []int {
	var breaks []int
	x := 0.0
	start := 0
	lastOK := -1 // the last index after which the current line may end
	for i, wd := range words {
		if i > start {
			x += words[i-1].space
		}
		x += wd.width
		if x > m.of(len(breaks))+0.01 && lastOK >= start && i > start {
			end := lastOK + 1
			if words[lastOK].urlBreak {
				end = beforeAddress(words, start, end, i, m.of(len(breaks)), m.of(len(breaks)+1))
			}
			breaks = append(breaks, end)
			start = end
			x = 0
			for j := start; j <= i; j++ {
				if j > start {
					x += words[j-1].space
				}
				x += words[j].width
			}
			lastOK = -1
			for j := start; j < i; j++ {
				if words[j].breakable() {
					lastOK = j
				}
			}
		}
		if wd.forceBreak && i+1 < len(words) {
			breaks = append(breaks, i+1)
			start = i + 1
			x = 0
			lastOK = -1
			continue
		}
		if wd.breakable() {
			lastOK = i
		}
	}
	if len(words) > 0 {
		breaks = append(breaks, len(words))
	}
	return breaks
}

// raggedFill is how full a ragged line must be, as a share of its width,
// to end before an address rather than inside it.
const raggedFill = 0.8

// beforeAddress is where a ragged line of width w that would end at end,
// inside an address, ends instead: at the last space before the address
// when the line is then full enough (raggedFill) and the address's words up
// to i fit on the next line (width next); else at end. A break inside an
// address is taken where it helps, not only to fill a line.
func beforeAddress(words []word, start, end, i int, w, next float64) int {
	j := end - 1
	for j >= start && words[j].space == 0 {
		j--
	}
	if j < start {
		return end
	}
	width := func(from, to int) float64 { // words[from:to] on a line
		x := 0.0
		for k := from; k < to; k++ {
			if k > from {
				x += words[k-1].space
			}
			x += words[k].width
		}
		return x
	}
	if width(start, j+1) < raggedFill*w || width(j+1, i+1) > next+0.01 {
		return end
	}
	return j + 1
}

// items draws a line's words with their top at y, baseline offset bl, left at
// x0. A word followed by a space in the text keeps it, at its end, so that
// the space is text (copied, searched, read aloud) and the look is the same;
// a link gets one area per line, however many words it spans.
func (l *line) items(x0, y, bl float64) []page.Item {
	var out []page.Item
	lastLink := -1
	scale := l.scale
	if scale == 0 {
		scale = 1
	}
	for i, wd := range l.words {
		x := x0 + l.xs[i]
		for j, s := range wd.segs {
			sw := s.width * scale
			if s.image != nil {
				im := *s.image
				im.X, im.Y, im.W = x, y+bl+im.Y, sw
				out = append(out, im)
				if j == len(wd.segs)-1 && wd.space > 0 {
					// the space after it is the text's around it
					out = append(out, page.Text{X: x + sw, Y: y + bl, Text: " ", Face: s.face, Size: s.size, Color: s.color, Elem: outside(up(s.elem))})
				}
			} else {
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
				sc := 0.0 // none
				if l.scale != 0 && l.scale != 1 {
					sc = l.scale
				}
				out = append(out, page.Text{X: x, Y: y + bl - s.rise, Text: text, Face: s.face, Size: s.size, Color: s.color, Elem: s.elem, Scale: sc})
				if spaced && linked {
					// the space after a link or a note mark is the surrounding text's
					out = append(out, page.Text{X: x + sw, Y: y + bl, Text: " ", Face: s.face, Size: s.size, Color: s.color, Elem: outside(s.elem)})
				}
			}
			if s.url != "" || s.anchor != "" {
				lk := page.Link{X: x, Y: y + bl - s.rise - s.size*0.85, W: sw, H: s.size * 1.1, URL: s.url, Anchor: s.anchor, Desc: s.desc, Elem: s.elem}
				if s.image != nil {
					lk.Elem = up(s.elem) // the image's Figure is in the Link
				}
				if lastLink >= 0 {
					if p := out[lastLink].(page.Link); p.URL == lk.URL && p.Anchor == lk.Anchor && p.Elem == lk.Elem && p.Y == lk.Y {
						p.W = x + sw - p.X
						out[lastLink] = p
						x += sw
						continue
					}
				}
				lastLink = len(out)
				out = append(out, lk)
			}
			x += sw
		}
	}
	return out
}

// site is what a link's description says of an external URL: its host
// ("www.un.org"), an e-mail link's address, or the URL when it has neither.
func site(u string) string {
	p, err := url.Parse(u)
	switch {
	case err != nil:
		return u
	case p.Scheme == "mailto":
		return p.Opaque
	case p.Host != "":
		return p.Hostname()
	}
	return u
}
