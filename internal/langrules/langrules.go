// Package langrules applies a language's typography to an edition: quotes,
// apostrophes, spaces before punctuation and inside guillemets, the no-break
// space that ties a short number to the word before it, thousands grouping,
// the space between a number and its unit, the dash of number ranges and the
// dashes typed as -- and ---. What
// each language does is data, the typography mapping of its words file
// (layouts/i18n/<lang>.yaml, read by style.LoadWords); no language is named here.
//
// Text is normalised to NFC first. No rule touches code (spans and blocks), a
// link whose text is its address, or what Verbatim finds in running text:
// URLs, e-mail addresses, times and ratios (10:30, 3:1) and ISO dates.
package langrules

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
	"golang.org/x/text/unicode/norm"
)

// The no-break spaces the rules write. Which one goes where is the language's
// data; NBSP also ties a short number to the word before it in every language.
const (
	NNBSP = style.NarrowNoBreakSpace // narrow no-break space
	NBSP  = style.NoBreakSpace       // no-break space
)

// Rules are the typographic rules of one language, built from its words file.
type Rules struct {
	Lang string
	t    style.Typography
	// openers are the last characters of the language's opening quotes: a
	// quote typed after one of them opens a quotation too.
	openers string
	// spacedOpeners are the opening marks that end with a space of their own,
	// after which a typed space is dropped.
	spacedOpeners []string
	// ordinal finds ordinal abbreviations whose ending is set as a superscript; nil for none
	ordinal *regexp.Regexp
	// closers are the characters after which space-before adds a space that
	// was not typed, besides letters and digits: a closing bracket, the
	// language's closing quotes and its apostrophe.
	closers string
	// units are the language's unit symbols, longest first.
	units [][]rune
	// memo keeps what the rules made of each text; nil but in a session
	// (see Memo)
	memo *Memo
}

// New returns the rules of the language of w, an edition's words file: its
// typography, as LoadWords read and checked it. A rule whose data a Words built
// in Go leaves out does nothing (without Quotes a typed " stays as it is).
func New(w *style.Words) Rules {
	t := w.Typography
	r := Rules{Lang: w.Lang, t: t, closers: ")", ordinal: ordinalPattern(t.Ordinals)}
	for _, open := range []string{t.Quotes.Open, t.SingleQuotes.Open} {
		if open == "" {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(open)
		r.openers += string(last)
		if isSpace(last) {
			r.spacedOpeners = append(r.spacedOpeners, open)
		}
	}
	if t.GuillemetSpace != 0 {
		r.spacedOpeners = append(r.spacedOpeners, "«"+string(rune(t.GuillemetSpace)))
	}
	for _, closing := range []string{t.Quotes.Close, t.SingleQuotes.Close} {
		if closing != "" {
			last, _ := utf8.DecodeLastRuneInString(closing)
			r.closers += string(last)
		}
	}
	if t.Apostrophe != 0 {
		r.closers += string(rune(t.Apostrophe))
	}
	if t.UnitSpace != 0 {
		for _, u := range t.Units {
			r.units = append(r.units, []rune(norm.NFC.String(u)))
		}
		// the longest first: "km" before "k", "min" before "m"
		for i := 1; i < len(r.units); i++ {
			for j := i; j > 0 && len(r.units[j]) > len(r.units[j-1]); j-- {
				r.units[j], r.units[j-1] = r.units[j-1], r.units[j]
			}
		}
	}
	return r
}

// Apply applies the rules to the edition's metadata and to the text of its
// sections, but for those in another language (see ApplyBorrowed).
func (r Rules) Apply(ed *doc.Edition) {
	for _, s := range []*string{&ed.Title, &ed.Subtitle, &ed.Description, &ed.Series} {
		*s = r.String(*s)
	}
	r.sections(ed, func(lang string) bool { return lang == "" || lang == ed.Lang })
}

// ApplyBorrowed applies the rules to the sections of ed that are in the rules'
// language when ed is in another (sections of the original set in a
// translation that lacks them, folio build --allow-missing), and to the
// spans in the rules' language of its other sections ([text]{lang=en}).
func (r Rules) ApplyBorrowed(ed *doc.Edition) {
	if r.Lang == ed.Lang {
		return
	}
	r.sections(ed, func(lang string) bool { return lang == r.Lang })
	spans := func(b doc.Block) {
		for _, run := range doc.Runs(b) {
			r.spansIn(run, false)
		}
	}
	for _, s := range ed.Sections {
		if s.Lang != r.Lang {
			doc.WalkBlocks(s.Blocks, spans)
		}
	}
	for _, n := range ed.Notes {
		if n.Section == nil || n.Section.Lang != r.Lang {
			doc.WalkBlocks(n.Blocks, spans)
		}
	}
}

// spansIn applies the rules to the spans in the rules' language in a run
// (in tells whether the run is already in it: its spans of this language
// were done with it).
func (r Rules) spansIn(run []doc.Inline, in bool) {
	for _, n := range run {
		switch n := n.(type) {
		case *doc.Span:
			speaks := r.speaks(n.Lang)
			if speaks && !in {
				r.inlines(n.Content)
				n.Content = r.ordinals(n.Content)
			}
			r.spansIn(n.Content, speaks)
		case *doc.Emph:
			r.spansIn(n.Content, in)
		case *doc.Strong:
			r.spansIn(n.Content, in)
		case *doc.Link:
			r.spansIn(n.Content, in)
		case *doc.Text, *doc.Code, *doc.NoteRef, *doc.LineBreak, *doc.Super, *doc.InlineImage, *doc.Cite:
			// no span inside (a reference's text is resolve's)
		}
	}
}

// speaks reports whether text in language lang takes these rules: the same
// language, whatever its region (en-GB and en).
func (r Rules) speaks(lang string) bool { return doc.SameLanguage(lang, r.Lang) }

// sections applies the rules to the sections (and their notes) whose language in accepts.
func (r Rules) sections(ed *doc.Edition, in func(lang string) bool) {
	block := func(b doc.Block) {
		if f, ok := b.(*doc.Figure); ok {
			f.Caption = r.String(f.Caption)
			f.Alt = r.String(f.Alt)
		}
		for _, run := range doc.Runs(b) {
			r.inlines(run)
		}
		doc.MapRuns(b, r.ordinals)
	}
	for _, s := range ed.Sections {
		if in(s.Lang) {
			s.Title = r.String(s.Title)
			doc.WalkBlocks(s.Blocks, block)
		}
	}
	for _, n := range ed.Notes {
		lang := ""
		if n.Section != nil {
			lang = n.Section.Lang
		}
		if in(lang) {
			doc.WalkBlocks(n.Blocks, block)
		}
	}
}

// TitleWithSubtitle joins a title and its subtitle for metadata with the
// language's title-separator: "Title: Subtitle" in English, "Titre : Sous-titre"
// (a no-break space before the colon) in French.
func (r Rules) TitleWithSubtitle(title, subtitle string) string {
	if subtitle == "" {
		return title
	}
	return r.String(title + r.t.TitleSeparator + subtitle)
}

// String applies the rules to a standalone piece of text.
func (r Rules) String(s string) string {
	return r.textOf(s, &writer{prev: ' '})
}

// inlines rewrites the text of a run of inlines, carrying what came before
// across element boundaries so that quotes open and close correctly.
func (r Rules) inlines(in []doc.Inline) {
	w := &writer{prev: ' '}
	var rec func([]doc.Inline)
	rec = func(in []doc.Inline) {
		for _, n := range in {
			switch n := n.(type) {
			case *doc.Text:
				r.rewrite(n, w)
			case *doc.Emph:
				rec(n.Content)
			case *doc.Strong:
				rec(n.Content)
			case *doc.Link:
				if IsAddress(doc.PlainText(n.Content), n.URL) {
					// the text is the address: it stays as typed
					if t := doc.PlainText(n.Content); t != "" {
						w.prev, _ = utf8.DecodeLastRuneInString(t)
					}
					continue
				}
				rec(n.Content)
			case *doc.Code:
				w.prev = 'x'
			case *doc.NoteRef:
				w.prev = '1'
			case *doc.LineBreak:
				w.prev = ' '
			case *doc.Super:
				w.prev = 'x'
			case *doc.InlineImage:
				n.Alt = r.String(n.Alt) // read as a phrase of its own
				w.prev = 'x'
			case *doc.Cite:
				w.prev = 'x' // a reference reads as a word; resolve writes its text, these rules applied
			case *doc.Span:
				if r.speaks(n.Lang) {
					rec(n.Content)
				} else {
					w.prev = 'x' // another language's rules: it reads as a word here
				}
			}
		}
	}
	rec(in)
}

// steps are the rules, tried in this order on each character of a text: the
// first that applies writes what the character becomes. A character that no
// rule takes is kept as it is.
var steps = []func(Rules, *writer, []rune, int) bool{
	Rules.unitSpace,
	Rules.typedGroupSpace,
	Rules.tieNumber,
	Rules.dashes,
	Rules.rangeDash,
	Rules.groupDigits,
	Rules.singleQuote,
	Rules.doubleQuote,
	Rules.guillemet,
	Rules.spaceBefore,
	Rules.spaceBeforeIfTyped,
	Rules.spaceAfterOpening,
}

// textOf returns what the rules make of s, which follows what w has written
// so far, and leaves w as text leaves it for the text that follows.
func (r Rules) textOf(s string, w *writer) string {
	if r.memo == nil {
		return r.text(s, w)
	}
	out, _ := r.memo.get(r, s, w)
	return out.s
}

// rewrite applies the rules to t, which follows what w has written so far,
// each character kept where it is in the source.
func (r Rules) rewrite(t *doc.Text, w *writer) {
	if r.memo == nil {
		t.Rewrite(r.text(t.Text, w), w.from)
		return
	}
	r.memo.rewrite(r, t, w)
}

// text applies the rules to s, which follows what w has written so far. What
// Verbatim finds in s is copied as it is. w.from tells, for each character
// of the result, the byte of s it was made from.
func (r Rules) text(s string, w *writer) string {
	s, nfcFrom := nfc(s)
	// the writer's buffers are the previous text's: a paragraph's texts
	// are written one after the other; each is grown once, to the text's
	// length in bytes (no fewer characters), not doubled as it fills
	w.out = slices.Grow(w.out[:0], len(s))
	w.from = slices.Grow(w.from[:0], len(s))
	rs, starts := slices.Grow(w.runes[:0], len(s)), slices.Grow(w.starts[:0], len(s))
	// rs are the characters of s; starts, the byte of s each starts at
	for b, c := range s {
		rs = append(rs, c)
		if nfcFrom != nil {
			starts = append(starts, nfcFrom[b])
		} else {
			starts = append(starts, b)
		}
	}
	w.runes, w.starts = rs, starts
	w.keep = verbatimRunes(s, len(rs))
	w.groupAfter, w.groupTyped = nil, nil
	if r.t.ThousandsSeparator != 0 {
		w.groupAfter, w.groupTyped = groups(rs, w.keep)
	}
	for i, c := range rs {
		if w.keep[i] {
			w.out = append(w.out, c)
			w.from = append(w.from, starts[i])
			continue
		}
		taken := false
		if !r.untouched(c) || w.grouped(i) { // else no rule acts here (most of a text)
			for _, step := range steps {
				if taken = step(r, w, rs, i); taken {
					break
				}
			}
		}
		if !taken {
			w.out = append(w.out, c)
		}
		for len(w.from) < len(w.out) {
			w.from = append(w.from, starts[i])
		}
	}
	w.prev = w.last()
	if slices.Equal(w.out, rs) {
		return s // no rule acted (most text)
	}
	return string(w.out)
}

// nfc returns s in Unicode normalisation form C and, when that differs
// from s, the byte of s each byte of the result comes from (nil when s is
// already in form C, as source text is).
func nfc(s string) (string, []int) {
	if norm.NFC.IsNormalString(s) {
		return s, nil
	}
	var it norm.Iter
	it.InitString(norm.NFC, s)
	var out []byte
	var from []int
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		for range seg {
			from = append(from, start)
		}
		out = append(out, seg...)
	}
	return string(out), from
}

// tieNumber replaces the space before a number of one to three digits that
// ends a word, after a letter, with a no-break space, so that the number never
// starts a line: "Box 1", "page 3", "encadré 2". It leaves "in 2019" and
// "the 1990s" alone. It is the same in every language.
func (r Rules) tieNumber(w *writer, rs []rune, i int) bool {
	if rs[i] != ' ' || !tiesNumber(rs, i) || len(w.out) == 0 || !unicode.IsLetter(w.out[len(w.out)-1]) {
		return false
	}
	w.out = append(w.out, NBSP)
	return true
}

// tiesNumber reports whether the space at i is followed by a number of one to
// three digits that ends a word (a reference like "Box 1", not "2019 reforms").
func tiesNumber(rs []rune, i int) bool {
	j := i + 1
	for j < len(rs) && unicode.IsDigit(rs[j]) {
		j++
	}
	n := j - (i + 1)
	return n >= 1 && n <= 3 && (j == len(rs) || !unicode.IsLetter(rs[j]) && !unicode.IsDigit(rs[j]))
}

// singleQuote rewrites a straight ' (or a typed ’): where it opens a quotation
// (see opens) it becomes the language's opening single quote; where it ends the
// word that closes an open single quotation, the closing one; anywhere else the
// apostrophe ("it's", "l'État"). In a language without single quotes (French:
// single-quotes: []) it is always the apostrophe.
func (r Rules) singleQuote(w *writer, rs []rune, i int) bool {
	c := rs[i]
	if c != '\'' && c != '’' {
		return false
	}
	q := r.t.SingleQuotes
	switch {
	case q.Open != "" && r.opens(w.last()):
		w.put(q.Open)
		w.inSingle = true
	case q.Open != "" && w.inSingle && !wordGoesOn(rs, i):
		w.closeWith(q.Close)
		w.inSingle = false
	case r.t.Apostrophe != 0:
		w.out = append(w.out, rune(r.t.Apostrophe))
	default:
		w.out = append(w.out, c)
	}
	return true
}

// wordGoesOn reports whether a letter or digit follows i: a ' there is inside a word.
func wordGoesOn(rs []rune, i int) bool {
	return i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1]))
}

// doubleQuote rewrites a straight " as the language's opening quote where it
// opens a quotation (see opens), and as its closing quote elsewhere. A closing
// quote that starts with a space of its own ("\u202f»") replaces the spaces
// typed before it.
func (r Rules) doubleQuote(w *writer, rs []rune, i int) bool {
	q := r.t.Quotes
	if rs[i] != '"' || q.Open == "" {
		return false
	}
	if r.opens(w.last()) {
		w.put(q.Open)
	} else {
		w.closeWith(q.Close)
	}
	return true
}

// opens reports whether a quote after prev opens a quotation: after a space, an
// opening bracket, a dash or slash, or an opening quotation mark.
func (r Rules) opens(prev rune) bool {
	return unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/«“‘\u202f\u00a0", prev) || strings.ContainsRune(r.openers, prev)
}

// guillemet puts the language's space-inside-guillemets inside a typed « or »,
// in place of any space typed before »: "la «société civile »" becomes
// "la «\u202fsociété civile\u202f»". (A space typed after « is dropped by
// spaceAfterOpening.)
func (r Rules) guillemet(w *writer, rs []rune, i int) bool {
	s := rune(r.t.GuillemetSpace)
	if s == 0 || rs[i] != '«' && rs[i] != '»' {
		return false
	}
	if rs[i] == '«' {
		w.out = append(w.out, '«', s)
	} else {
		w.trimSpace()
		w.out = append(w.out, s, '»')
	}
	return true
}

// spaceBefore puts the language's space before a mark of space-before (French
// ; ! ?): in place of the spaces typed there, or where none was typed after a
// letter, a digit, a closing bracket or quote or an apostrophe: "quoi?" becomes
// "quoi\u202f?", but "?!" stays together.
func (r Rules) spaceBefore(w *writer, rs []rune, i int) bool {
	c := rs[i]
	s, ok := r.t.SpaceBefore[c]
	if !ok {
		return false
	}
	typed := w.trimSpace()
	if p := w.last(); typed || unicode.IsLetter(p) || unicode.IsDigit(p) || strings.ContainsRune(r.closers, p) {
		w.out = append(w.out, rune(s))
	}
	w.out = append(w.out, c)
	return true
}

// spaceBeforeIfTyped puts the language's space before a mark of
// space-before-if-typed (French :) only in place of spaces typed there, so
// that "10:30" and "https://" stay as they are.
func (r Rules) spaceBeforeIfTyped(w *writer, rs []rune, i int) bool {
	c := rs[i]
	s, ok := r.t.SpaceBeforeIfTyped[c]
	if !ok {
		return false
	}
	if w.trimSpace() {
		w.out = append(w.out, rune(s))
	}
	w.out = append(w.out, c)
	return true
}

// spaceAfterOpening drops a space typed right after an opening mark that ends
// with a space of its own ("«\u202f"): the space is already there, narrow and
// unbreakable.
func (r Rules) spaceAfterOpening(w *writer, rs []rune, i int) bool {
	if !isSpace(rs[i]) {
		return false
	}
	for _, open := range r.spacedOpeners {
		if w.endsWith(open) {
			return true
		}
	}
	return false
}

// writer collects what a text becomes, and remembers across the texts of a run
// of inlines what came before.
type writer struct {
	out      []rune
	prev     rune // the character before the text, while out is empty
	inSingle bool // a single quotation is open
	// Of the text being written, by rune: what no rule may touch, the digits
	// after which a thousands separator goes, and the typed spaces that
	// separate groups of thousands.
	keep, groupAfter, groupTyped []bool
	// from is, for each character of out, the byte of the text being
	// written that it stands for (for positions in the source)
	from []int
	// the text being written, by rune, and the byte each starts at
	runes  []rune
	starts []int
}

// last returns the last character written, or the one before the text.
func (w *writer) last() rune {
	if len(w.out) == 0 {
		return w.prev
	}
	return w.out[len(w.out)-1]
}

// put writes s.
func (w *writer) put(s string) { w.out = append(w.out, []rune(s)...) }

// closeWith writes a closing mark; one that starts with a space of its own
// replaces the spaces typed before it.
func (w *writer) closeWith(mark string) {
	if first, _ := utf8.DecodeRuneInString(mark); isSpace(first) {
		w.trimSpace()
	}
	w.put(mark)
}

// trimSpace drops the spaces just written, to put a no-break space in their
// place, and reports whether there were any.
func (w *writer) trimSpace() bool {
	n := len(w.out)
	for len(w.out) > 0 && isSpace(w.out[len(w.out)-1]) {
		w.out = w.out[:len(w.out)-1]
	}
	w.from = w.from[:min(len(w.from), len(w.out))]
	return len(w.out) < n
}

// endsWith reports whether the text written so far ends with s.
func (w *writer) endsWith(s string) bool {
	rs := []rune(s)
	n := len(w.out) - len(rs)
	return n >= 0 && string(w.out[n:]) == s
}

// untouched reports whether no rule acts at character c, whatever comes
// before or after it: a letter or a digit that the language does not list
// among its marks with a space before. (A digit may still take a thousands
// separator after it: see writer.grouped.)
func (r Rules) untouched(c rune) bool {
	if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
		return false
	}
	_, before := r.t.SpaceBefore[c]
	_, ifTyped := r.t.SpaceBeforeIfTyped[c]
	return !before && !ifTyped
}

// grouped reports whether the character at i is where digits are grouped.
func (w *writer) grouped(i int) bool {
	return w.groupAfter != nil && w.groupAfter[i] || w.groupTyped != nil && w.groupTyped[i]
}

func isSpace(r rune) bool { return r == ' ' || r == NBSP || r == NNBSP }
