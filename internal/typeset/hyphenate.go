package typeset

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/hyphen"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

const softHyphen = "\u00ad"

// hyphenate splits the words of a justified paragraph into fragments at the
// places a line may break inside them: soft hyphens (U+00AD) where the author
// typed them, else the language's hyphenation points (h, when not nil), and
// after a hyphen typed between two letters ("longer-term"), the only places a
// compound breaks. A fragment ends
// with disc set and, unless a typed hyphen ends it, the hyphen to draw when a
// line breaks there. The last word of the paragraph, code, links and
// addresses are not broken. Soft hyphens are removed from every word.
// points gives a word's hyphenation points (see breakPoints).
func hyphenate(words []word, pointsIn func(lang string) func(string) []int) []word {
	out := make([]word, 0, len(words))
	for i, wd := range words {
		text := wd.text()
		if !strings.Contains(text, softHyphen) && (i == len(words)-1 || !wd.hyphenable()) {
			out = append(out, wd)
			continue
		}
		_, at, typed := breakPoints(text, pointsIn(wd.segs[0].lang))
		if i == len(words)-1 || !wd.hyphenable() {
			at = nil
		}
		out = wd.appendSplit(out, at, typed)
	}
	return out
}

// text is the word's text, its segments joined (a word of one segment,
// most words, is its segment's text, not a copy).
func (w *word) text() string {
	if len(w.segs) == 1 {
		return w.segs[0].text
	}
	var b strings.Builder
	for _, s := range w.segs {
		b.WriteString(s.text)
	}
	return b.String()
}

// hyphenable reports whether the word may be broken: none of it is code, a
// link or a note mark, and it does not look like an address.
func (w *word) hyphenable() bool {
	for _, s := range w.segs {
		if s.nohyph || s.url != "" || s.anchor != "" && s.note == nil {
			return false
		}
	}
	return !looksLikeAddress(w.text())
}

// looksLikeAddress reports text that reads as a URL or an e-mail address.
func looksLikeAddress(t string) bool {
	return doc.IsURL(t) || strings.Contains(t, "@")
}

// minWidth is the narrowest the word may be set: its width, or, for a link or
// an address, the widest of its parts between the separators splitLong
// breaks it after.
func (w *word) minWidth() float64 {
	address := looksLikeAddress(w.text())
	for _, s := range w.segs {
		address = address || s.url != ""
	}
	if !address {
		return w.width
	}
	c := *w
	c.dropSoftHyphens()
	seps := separators(c.text())
	widest := 0.0
	for _, p := range c.split(seps, allAt(seps)) {
		widest = max(widest, p.width)
	}
	return widest
}

// breakPoints returns text without soft hyphens, the byte offsets in it
// where a line may break, and which of them follow a typed hyphen (no hyphen
// is added there). hyphens gives the language's points of a word without
// soft hyphens; breakPoints does not change the slice it returns.
func breakPoints(text string, hyphens func(string) []int) (clean string, points []int, typed map[int]bool) {
	soft := strings.Contains(text, softHyphen)
	if soft {
		var b strings.Builder
		for _, part := range strings.Split(text, softHyphen) {
			if b.Len() > 0 && part != "" {
				points = append(points, b.Len())
			}
			b.WriteString(part)
		}
		clean = b.String()
		// only where the author allowed it
		points = slices.Compact(points)
		if len(points) > 0 && points[len(points)-1] == len(clean) {
			points = points[:len(points)-1]
		}
	} else {
		clean = text
	}
	// after a typed hyphen between two letters
	prev := rune(0)
	for i, r := range clean {
		if (r == '-' || r == '‐') && unicode.IsLetter(prev) {
			next, _ := utf8.DecodeRuneInString(clean[i+utf8.RuneLen(r):])
			if unicode.IsLetter(next) {
				at := i + utf8.RuneLen(r)
				if typed == nil {
					typed = map[int]bool{}
				}
				typed[at] = true
				points = append(points, at)
			}
		}
		prev = r
	}
	// a compound ("government-organised") breaks only at its hyphens, as in
	// TeX and by the style manuals' rule; a word with soft hyphens only where
	// the author put them
	if typed == nil && !soft {
		points = slices.Clip(hyphens(clean))
	}
	slices.Sort(points)
	points = slices.Compact(points)
	return clean, points, typed
}

// split cuts the word at points, byte offsets in its text without soft
// hyphens, into fragments; each fragment's start counts the characters of the
// text as written (soft hyphens included) before it, so that a page that
// begins inside a broken word begins there in the EPUB's page list too.
func (w word) split(points []int, typed map[int]bool) []word {
	return w.appendSplit(make([]word, 0, len(points)+1), points, typed) // a part for each point, and the last
}

// appendSplit is split appending the fragments to out.
func (w word) appendSplit(out []word, points []int, typed map[int]bool) []word {
	cur := word{pos: w.pos, start: w.start, src: w.src}
	pi := 0
	clean := 0 // bytes of the text without soft hyphens so far
	runes := 0 // characters of the text as written so far
	for _, s := range w.segs {
		// a piece of a segment is a slice of its text, or, where the
		// segment has soft hyphens, its text without them
		soft := strings.Contains(s.text, softHyphen)
		var b strings.Builder
		from := 0 // where the piece starts in s.text, without soft hyphens
		piece := func(to int) {
			p := s
			if soft {
				p.text = b.String()
				b.Reset()
			} else {
				p.text, from = s.text[from:to], to
			}
			cur.addSeg(p)
		}
		// an image has no text: a break where it is comes before it, so
		// that the hyphen ends letters, and the image begins the next line
		// with the letters after it
		if s.image != nil && breakAt(points, &pi, clean) {
			if len(cur.segs) > 0 {
				out = append(out, cur.fragment(typed[clean]))
				cur = word{pos: w.pos, start: w.start + runes, src: w.src}
			}
			pi++
		}
		for i, r := range s.text {
			if r == '\u00ad' {
				runes++
				continue
			}
			if breakAt(points, &pi, clean) {
				piece(i)
				if len(cur.segs) > 0 {
					out = append(out, cur.fragment(typed[clean]))
					cur = word{pos: w.pos, start: w.start + runes, src: w.src}
				}
				pi++
			}
			if soft {
				b.WriteRune(r)
			}
			clean += utf8.RuneLen(r)
			runes++
		}
		piece(len(s.text))
	}
	// the last piece ends as the word did: with its space, or, when the
	// word is itself a fragment of a longer one, as a place to break
	cur.space, cur.forceBreak, cur.disc, cur.hyphen, cur.urlBreak = w.space, w.forceBreak, w.disc, w.hyphen, w.urlBreak
	return append(out, cur)
}

// breakAt moves *pi past the points before clean and reports whether the
// next is at clean (a break there; none before the word's first character).
func breakAt(points []int, pi *int, clean int) bool {
	for *pi < len(points) && points[*pi] < clean {
		*pi++
	}
	return *pi < len(points) && points[*pi] == clean && clean > 0
}

// addSeg adds a piece of a segment to the word: an image (no text) as it is,
// a piece of text, measured, unless it is empty (cut where a segment began
// or ended).
func (w *word) addSeg(s seg) {
	if s.image == nil {
		if s.text == "" {
			return
		}
		s.width = s.face.Width(s.text, s.size)
	}
	w.segs = append(w.segs, s)
	w.width += s.width
}

// fragment marks w as ending at a break inside a word; the hyphen to draw
// there is in the face of its last segment (none after a typed hyphen, or
// when the face has no hyphen: then the break is not offered).
func (w word) fragment(typed bool) word {
	w.disc = true
	if typed {
		return w
	}
	last := w.segs[len(w.segs)-1]
	if !last.face.Has('-') {
		w.disc = false
		return w
	}
	// the hyphen is no part of the word: an artifact (no element), as a
	// running head is, so that the word's two parts read as one word in the
	// tagged PDF, while text extraction still sees the hyphen
	hy := seg{text: "-", face: last.face, size: last.size, color: last.color, rise: last.rise, src: last.src, added: true}
	hy.width = hy.face.Width(hy.text, hy.size)
	w.hyphen = &hy
	return w
}

// hyphenPoints returns the hyphenation points of word in the edition's
// language, none without hyphenation patterns. Each word's are found once
// per edition (and kept by the memo, in a session): a text repeats its
// words, and finding them is the costly part of hyphenating.
func (t *typesetter) hyphenPoints(word string) []int {
	if t.hyphenator == nil {
		return nil
	}
	return t.pointsOf(word, word, t.hyphenator)
}

// pointsIn returns the function that gives a word's hyphenation points in
// language lang: the edition's for its own language (lang empty or the
// same), else those of lang's words file, found once per word too; nil
// points for a language without patterns.
func (t *typesetter) pointsIn(lang string) func(string) []int {
	if lang == "" || lang == t.ed.Lang {
		return t.hyphenPoints
	}
	w := t.ed.WordsFor(lang)
	if w == nil || w.Hyphenator == nil {
		return func(string) []int { return nil }
	}
	if w == t.ed.Words {
		return t.hyphenPoints
	}
	return func(word string) []int { return t.pointsOf(w.Lang+"\x00"+word, word, w.Hyphenator) }
}

// pointsOf returns the points h finds in word, known as key (the word, and
// its language where it is not the edition's).
func (t *typesetter) pointsOf(key, word string, h *hyphen.Hyphenator) []int {
	p, ok := t.hyphens[key]
	if !ok {
		p = t.memo.points(key, word, h)
		t.hyphens[key] = p
	}
	return p
}

// lines breaks inlines into lines of style st and width w, hyphenated
// where the text is justified and not a heading.
func (t *typesetter) lines(in []doc.Inline, st *textStyle, w float64, e *page.Elem) []line {
	return t.linesIn(in, st, flat(w), e)
}

// linesIn is lines for lines of the widths m gives (a hanging indent's).
func (t *typesetter) linesIn(in []doc.Inline, st *textStyle, m measure, e *page.Elem) []line {
	b := &wordBuilder{st: st, diags: t.diags, missing: &t.missing, note: t.words.Note, measure: m.first, image: t.ed.InlineImage, pageOf: t.pageOf}
	b.inlines(in, inlineState{elem: e})
	b.flush(0)
	var lines []line
	var long []longWord
	if t.memo == nil {
		lines, long = t.breakLines(b.words, st, m)
	} else {
		lines, long = t.keptLines(b.words, st, m)
	}
	for _, lw := range long {
		t.diags.Warn(lw.pos, "%q is wider than the measure: broken where it fits, with no hyphen; add a soft hyphen (U+00AD) where it should break", lw.text)
	}
	t.checkLines(lines, st, m)
	countLines(&t.stats, lines, st.align == style.Justify, m)
	return lines
}

// breakLines breaks words into lines of style st and measure m, hyphenated
// where the text is justified and not a heading; it returns the words too
// wide for the measure too (splitLong).
func (t *typesetter) breakLines(words []word, st *textStyle, m measure) ([]line, []longWord) {
	if st.align == style.Justify && !t.isHeading(st) {
		words = hyphenate(words, t.pointsIn)
	}
	words = breakURLs(words)
	words, long := splitLong(words, min(m.first, m.rest))
	set := m // a heading's lines balanced, checked against the measure
	if st.align == style.Left && t.isHeading(st) {
		set = flat(balance(words, m.first))
	}
	return setLinesIn(words, set, st.align), long
}

// keptLines is breakLines in a session: the lines the memo kept of
// paragraph words of the same digest, made again from these words, else
// broken and kept.
func (t *typesetter) keptLines(words []word, st *textStyle, m measure) ([]line, []longWord) {
	key := t.memo.key.digest(words, st, m, t.memo.faces)
	if b, ok := t.memo.paras.Get(key); ok {
		return b.rebuild(words)
	}
	t.memo.broken++
	texts := sourceTexts(words) // as they are before breaking takes soft hyphens out
	lines, long := t.breakLines(words, st, m)
	t.memo.paras.Put(key, shapeOf(lines, long, words, texts))
	return lines, long
}

// hyphenationExceptions adds the edition's own hyphenation (edition.yaml's
// hyphenation list) to its language's, and reports a word it cannot use.
func (t *typesetter) hyphenationExceptions() {
	if t.ed.Doc == nil {
		return
	}
	for _, ex := range t.ed.Doc.Hyphenation {
		if t.hyphenator == nil {
			t.diags.Warn(ex.Pos, "hyphenation: the language gives no hyphenation patterns (typography: hyphenation in its words file), so this list is not used")
			return
		}
		h, err := t.hyphenator.WithExceptions([]string{ex.Word})
		if err != nil {
			t.diags.Add(ex.Pos, "hyphenation: %v", err)
			continue
		}
		t.hyphenator = h
	}
}

// splitLong breaks a word (or a fragment of one) wider than the measure w,
// which would stick out of it: after the slashes, dots, hyphens and other
// separators of an address, else between two characters, with no hyphen
// added; it returns the words it broke, for a warning at their source.
func splitLong(words []word, w float64) ([]word, []longWord) {
	if !slices.ContainsFunc(words, func(wd word) bool { return wd.width > w && len(wd.segs) > 0 }) {
		return words, nil // most paragraphs: none to break, and no copy
	}
	out := make([]word, 0, len(words)+1)
	var long []longWord
	for _, wd := range words {
		if wd.width <= w || len(wd.segs) == 0 {
			out = append(out, wd)
			continue
		}
		wd.dropSoftHyphens()
		text := wd.text()
		long = append(long, longWord{src: wd.src, pos: wd.pos, text: text})
		seps := separators(text)
		for _, p := range wd.split(seps, allAt(seps)) {
			if p.width <= w {
				out = append(out, p)
				continue
			}
			cuts := fitCuts(p, w)
			out = p.appendSplit(out, cuts, allAt(cuts))
		}
	}
	return out, long
}

// separators returns the byte offsets in text after the slashes, dots,
// hyphens and other separators of an address, where a word too wide for the
// measure breaks first.
func separators(text string) []int {
	var seps []int
	prev := rune(0)
	for i, r := range text {
		if i > 0 && strings.ContainsRune("/.-_?&=#:,;", prev) {
			seps = append(seps, i)
		}
		prev = r
	}
	return seps
}

// allAt marks every point as one where no hyphen is added.
func allAt(points []int) map[int]bool {
	m := make(map[int]bool, len(points))
	for _, p := range points {
		m[p] = true
	}
	return m
}

// fitCuts returns the byte offsets at which to cut a word into pieces no
// wider than w (each at least one character), measuring character by
// character with a little to spare for kerning.
func fitCuts(wd word, w float64) []int {
	var cuts []int
	x, off := 0.0, 0
	for _, s := range wd.segs {
		for i, r := range s.text {
			cw := s.face.Width(string(r), s.size)
			if x+cw > w*0.98 && x > 0 {
				cuts = append(cuts, off+i)
				x = 0
			}
			x += cw
		}
		off += len(s.text)
	}
	return cuts
}
