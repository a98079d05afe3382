package typeset

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"strings"
	"sync"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/hyphen"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/recent"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// Memo keeps, from one Typeset of an edition to the next (folio watch's
// session: an edit to one paragraph sets that paragraph alone again), what
// setting its text found: each paragraph's lines as breaking gave them (its
// hyphenation, the breaks and where each word is set), by a digest of what
// breaking reads of its words, and each word's hyphenation points. The
// lines are kept free of the build that set them (no element, note, image
// or position of its document): they are made again from the words of the
// build that asks, which give the rest, and the warnings breaking gave are
// given again at that build's positions. It keeps what the last two
// Typesets used; give each edition its own, and keep it no longer than the
// fonts, layouts and words files it was used with (a face is known by its
// pointer, a language's rules by its name). Typesets given one Memo run one
// after another.
type Memo struct {
	mu sync.Mutex // held by the Typeset that uses it
	// exceptions is the edition's own hyphenation list (edition.yaml) that
	// what is kept was found with: another makes another hyphenator
	exceptions string
	hyphens    *recent.Map[string, []int]
	paras      *recent.Map[[sha256.Size]byte, *broken]
	faces      map[*fonts.Face]uint64 // a number for each face, for the digests
	broken     int                    // paragraphs broken (not found), for the tests
	key        paraKeyer              // the digest's room, used again paragraph after paragraph
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{} }

// start begins a Typeset of ed: what neither it nor the last one uses
// goes, and all goes when the edition's hyphenation list changed.
func (m *Memo) start(ed *resolve.Edition) {
	var ex strings.Builder
	if ed.Doc != nil {
		for _, e := range ed.Doc.Hyphenation {
			ex.WriteString(e.Word)
			ex.WriteByte('\n')
		}
	}
	if m.paras == nil || ex.String() != m.exceptions {
		m.exceptions = ex.String()
		m.hyphens = recent.New[string, []int]()
		m.paras = recent.New[[sha256.Size]byte, *broken]()
		m.faces = map[*fonts.Face]uint64{}
		return
	}
	m.hyphens.Next()
	m.paras.Next()
}

// points returns the hyphenation points of word (key names it and its
// language) that h finds, from the memo when it has them; a nil memo finds
// them each time.
func (m *Memo) points(key, word string, h *hyphen.Hyphenator) []int {
	if m == nil {
		return h.Points(word)
	}
	p, ok := m.hyphens.Get(key)
	if !ok {
		p = h.Points(word)
		m.hyphens.Put(strings.Clone(key), p) // not the source's text, which the word is a part of
	}
	return p
}

// broken is a paragraph's lines as breaking set them, and the words it
// found too wide for the measure, each part of them known by the word or
// segment of the paragraph (as the word builder made them) it comes from.
type broken struct {
	lines []lineShape
	long  []longShape
}

// lineShape is a line with its words' shapes; next is the shape of the
// first word (or piece of one) of the next line, nil on the last. A run is
// a line of n words each as the word builder made it, one after another
// from the word first (most lines of most paragraphs), which needs no
// shapes.
type lineShape struct {
	words                 []wordShape // none for a run
	next                  *wordShape
	run                   bool
	first, n              int32
	xs                    []float64 // read, never written, by the lines made from it
	width, spacing, scale float64
	hyphenated            bool
	segs                  int // the segments of its words and next not whole
}

// wordShape is a word of a set line: start counts from that of the word
// src, whose position it takes. A whole word is the word src as the word
// builder made it, no piece of it and not measured again.
type wordShape struct {
	src                        int32
	whole                      bool
	start                      int
	segs                       []segShape
	hyphen                     *segShape
	width, space               float64
	forceBreak, disc, urlBreak bool
}

// segShape is a segment of a set word: a piece of the segment src (or the
// hyphen added after it), its text at at in src's text, or text where src's
// has it not (soft hyphens taken out, a hyphen added).
type segShape struct {
	src   int32
	added bool
	at    int // -1: text
	n     int
	text  string
	width float64
}

// longShape is a word too wide for the measure (splitLong).
type longShape struct {
	src  int32
	text string
}

// longWord is a word splitLong broke, to be reported at pos.
type longWord struct {
	src  int32
	pos  diag.Pos
	text string
}

// shapeOf makes what the memo keeps of lines and long, broken from words,
// whose segments' texts, in order, were texts before breaking.
func shapeOf(lines []line, long []longWord, words []word, texts []string) *broken {
	shape := func(s seg) segShape {
		sh := segShape{src: s.src, added: s.added, at: -1, width: s.width}
		if i := strings.Index(texts[s.src], s.text); i >= 0 && !s.added {
			sh.at, sh.n = i, len(s.text)
		} else {
			sh.text = strings.Clone(s.text)
		}
		return sh
	}
	wordOf := func(w *word) wordShape {
		ws := wordShape{src: w.src, start: w.start - words[w.src].start, width: w.width, space: w.space, forceBreak: w.forceBreak, disc: w.disc, urlBreak: w.urlBreak}
		if ws.whole = whole(w, &words[w.src], texts); ws.whole {
			return ws
		}
		if len(w.segs) > 0 {
			ws.segs = make([]segShape, len(w.segs))
			for i, s := range w.segs {
				ws.segs[i] = shape(s)
			}
		}
		if w.hyphen != nil {
			h := shape(*w.hyphen)
			ws.hyphen = &h
		}
		return ws
	}
	b := &broken{lines: make([]lineShape, len(lines))}
	for i := range lines {
		l := &lines[i]
		ls := lineShape{words: make([]wordShape, len(l.words)), run: len(l.words) > 0, xs: l.xs, width: l.width, spacing: l.spacing, scale: l.scale, hyphenated: l.hyphenated}
		for j := range l.words {
			w := wordOf(&l.words[j])
			ls.words[j] = w
			ls.run = ls.run && w.whole && w.src == ls.words[0].src+int32(j)
			if !w.whole {
				ls.segs += len(w.segs)
			}
		}
		if l.next != nil {
			n := wordOf(l.next)
			ls.next = &n
			if !n.whole {
				ls.segs += len(n.segs)
			}
		}
		if ls.run {
			ls.first, ls.n = ls.words[0].src, int32(len(ls.words))
			ls.words = nil
		}
		b.lines[i] = ls
	}
	for _, lw := range long {
		b.long = append(b.long, longShape{src: lw.src, text: lw.text})
	}
	return b
}

// whole reports whether w, set, is o as the word builder made it, whose
// segments' texts were texts then: the same segments, text and widths.
func whole(w, o *word, texts []string) bool {
	if w.start != o.start || w.width != o.width || w.space != o.space || w.forceBreak != o.forceBreak || w.disc != o.disc || w.urlBreak != o.urlBreak ||
		w.hyphen != nil || o.hyphen != nil || len(w.segs) != len(o.segs) {
		return false
	}
	for i := range w.segs {
		s, so := &w.segs[i], &o.segs[i]
		if s.added || s.src != so.src || s.text != texts[so.src] || s.width != so.width {
			return false
		}
	}
	return true
}

// rebuild makes the lines of b from words, the paragraph's words as the
// word builder made them in this build, which give every segment what
// breaking does not: its element, note, link, image and position.
func (b *broken) rebuild(words []word) ([]line, []longWord) {
	var src []*seg // the words' segments, in order: found when a piece asks
	segOf := func(sh *segShape) seg {
		if src == nil {
			src = sourceSegs(words)
		}
		o := src[sh.src]
		s := *o
		if sh.added {
			s = seg{face: o.face, size: o.size, color: o.color, rise: o.rise, src: sh.src, added: true}
		}
		if sh.at >= 0 {
			s.text = o.text[sh.at : sh.at+sh.n]
		} else {
			s.text = sh.text
		}
		s.width = sh.width
		return s
	}
	var room []seg // the segments of a line's words, allocated at once
	wordOf := func(ws *wordShape) word {
		o := &words[ws.src]
		if ws.whole {
			return *o
		}
		w := word{start: o.start + ws.start, pos: o.pos, src: ws.src, width: ws.width, space: ws.space, forceBreak: ws.forceBreak, disc: ws.disc, urlBreak: ws.urlBreak}
		if len(ws.segs) > 0 {
			k := len(ws.segs)
			w.segs = room[:k:k] // no room beyond: a segment added later copies them
			room = room[k:]
			for i := range ws.segs {
				w.segs[i] = segOf(&ws.segs[i])
			}
		}
		if ws.hyphen != nil {
			h := segOf(ws.hyphen)
			w.hyphen = &h
		}
		return w
	}
	lines := make([]line, len(b.lines))
	for i := range b.lines {
		ls := &b.lines[i]
		room = nil
		if ls.segs > 0 {
			room = make([]seg, ls.segs)
		}
		l := line{xs: ls.xs, width: ls.width, spacing: ls.spacing, scale: ls.scale, hyphenated: ls.hyphenated}
		if ls.run {
			l.words = words[ls.first : ls.first+ls.n]
		} else {
			l.words = make([]word, len(ls.words))
			for j := range ls.words {
				l.words[j] = wordOf(&ls.words[j])
			}
		}
		if ls.next != nil && ls.next.whole {
			l.next = &words[ls.next.src]
		} else if ls.next != nil {
			next := wordOf(ls.next)
			l.next = &next
		}
		lines[i] = l
	}
	var long []longWord
	for _, lw := range b.long {
		long = append(long, longWord{src: lw.src, pos: words[lw.src].pos, text: lw.text})
	}
	return lines, long
}

// sourceSegs returns the words' segments, in order.
func sourceSegs(words []word) []*seg {
	n := 0
	for i := range words {
		n += len(words[i].segs)
	}
	segs := make([]*seg, 0, n)
	for i := range words {
		for j := range words[i].segs {
			segs = append(segs, &words[i].segs[j])
		}
	}
	return segs
}

// sourceTexts returns the texts of the words' segments, in order.
func sourceTexts(words []word) []string {
	var texts []string
	for i := range words {
		for _, s := range words[i].segs {
			texts = append(texts, s.text)
		}
	}
	return texts
}

// paraKeyer makes the digest of what breaking a paragraph into lines reads
// of its words: their texts, faces, sizes, widths, spaces and flags, the
// links and languages of their segments; and of the paragraph's style (its
// alignment; a heading or not) and measure. What breaking only compares
// (which segments share an element, a note or a colour, which decides
// whether two pieces are set as one) is in it as that: each a number, the
// first one met in the paragraph 1, nil 0.
type paraKeyer struct {
	buf    []byte
	colors []style.Color
	notes  []*doc.Note
	elems  []*page.Elem
}

// digest returns the digest of words set in style st and measure ms, and
// numbers the words and their segments (src) as the lines kept name them.
func (k *paraKeyer) digest(words []word, st *textStyle, ms measure, faces map[*fonts.Face]uint64) [sha256.Size]byte {
	b := k.buf[:0]
	k.colors, k.notes, k.elems = k.colors[:0], k.notes[:0], k.elems[:0]
	b = appendString(b, string(st.align))
	b = append(b, flags(st.heading))
	b = appendFloat(appendFloat(b, ms.first), ms.rest)
	b = binary.AppendUvarint(b, uint64(len(words)))
	var face *fonts.Face
	var faceID uint64
	n := int32(0)
	for i := range words {
		w := &words[i]
		w.src = int32(i)
		b = appendFloat(appendFloat(b, w.width), w.space)
		b = append(b, flags(w.forceBreak, w.disc, w.urlBreak, w.hyphen != nil))
		b = binary.AppendUvarint(b, uint64(len(w.segs)))
		for j := range w.segs {
			s := &w.segs[j]
			s.src = n
			n++
			if s.face != face {
				face = s.face
				id, ok := faces[face]
				if !ok {
					id = uint64(len(faces) + 1)
					faces[face] = id
				}
				faceID = id
			}
			b = binary.AppendUvarint(b, faceID)
			b = appendString(appendString(appendString(appendString(b, s.text), s.url), s.anchor), s.lang)
			b = appendFloat(appendFloat(appendFloat(b, s.size), s.width), s.rise)
			b = binary.AppendUvarint(b, class(&k.colors, s.color, false))
			b = binary.AppendUvarint(b, class(&k.notes, s.note, s.note == nil))
			b = binary.AppendUvarint(b, class(&k.elems, s.elem, s.elem == nil))
			b = append(b, flags(s.nohyph, s.image != nil, s.added))
		}
	}
	k.buf = b
	// the elements and notes are this build's: kept, they would keep its
	// structure tree and document alive until the next paragraph
	clear(k.notes)
	clear(k.elems)
	return sha256.Sum256(b)
}

// class is the number of v among those seen (1 for the first), which it
// adds v to when new; 0 when none is true.
func class[T comparable](seen *[]T, v T, none bool) uint64 {
	if none {
		return 0
	}
	for i, x := range *seen {
		if x == v {
			return uint64(i + 1)
		}
	}
	*seen = append(*seen, v)
	return uint64(len(*seen))
}

func appendFloat(b []byte, f float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// flags packs up to eight booleans in a byte.
func flags(bs ...bool) byte {
	var f byte
	for i, b := range bs {
		if b {
			f |= 1 << i
		}
	}
	return f
}
