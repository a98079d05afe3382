package typeset

import "math"

// knuthPlass chooses line breaks that minimise the total demerits of a
// justified paragraph (Knuth and Plass, "Breaking paragraphs into lines",
// 1981). Lines may break between words and inside a word where hyphenate
// allowed it (a word fragment with disc set), at a penalty, with extra
// demerits for two hyphenated lines in a row and for a hyphen on the last
// line but one, and never more than maxHyphenRun hyphenated lines in a row.
// The last line is set loose. It tries tolerances in turn; when none gives a
// set of breaks, an emergency pass accepts any stretch, and emergency is true.
// A line is never wider than width unless a single unbreakable word is.
func knuthPlass(words []word, width float64) (breaks []int, emergency bool) {
	return knuthPlassIn(words, flat(width))
}

// knuthPlassIn is knuthPlass for lines of the widths m gives (a hanging
// indent's: the first line wider than the others). Every line after the
// first has the same width, so a break's best demerits do not depend on the
// number of lines before it, and the algorithm needs no line classes.
func knuthPlassIn(words []word, m measure) (breaks []int, emergency bool) {
	n := len(words)
	if n == 0 {
		return nil, false
	}
	for _, tol := range []float64{1, 1.2, 1.4, 1.6, 2, 3} {
		if b := kpPass(words, m, tol); b != nil {
			return b, false
		}
	}
	return kpPass(words, m, math.Inf(1)), true
}

// measure is the width of a paragraph's lines: its first line's, and the
// others' (narrower by a hanging indent: a bibliography entry's).
type measure struct{ first, rest float64 }

// flat is the measure of a paragraph whose lines are all w wide.
func flat(w float64) measure { return measure{w, w} }

// of is the width of line i (from 0).
func (m measure) of(i int) float64 {
	if i == 0 {
		return m.first
	}
	return m.rest
}

type kpNode struct {
	pos       int // index of the first word of the next line
	demerits  float64
	fitness   int
	hyRun     int // hyphenated lines in a row ending here
	prev      *kpNode
	lineCount int
}

const (
	kpLinePenalty    = 10
	kpFitnessPenalty = 3000
	kpHyphenPenalty  = 50
	// a break inside an address (breakURLs): less than a hyphen's, as
	// nothing is added, but enough that a line breaks between words when
	// it can as well
	kpURLPenalty          = 30
	kpDoubleHyphenDemerit = 10000
	kpFinalHyphenDemerit  = 5000
	maxHyphenRun          = 2
	// the stretch and shrink of a space, as a share of its width
	spaceStretch = 0.5
	spaceShrink  = 0.33
	// glyphScale is how much wider or narrower the letters of a justified
	// line may be set, as a share of their width (font expansion, as
	// pdfTeX's microtype does it: 2% either way)
	glyphScale = 0.02
)

func kpPass(words []word, m measure, tolerance float64) []int {
	n := len(words)
	// prefix sums of widths, spaces (natural, stretch, shrink)
	W := make([]float64, n+1)
	S := make([]float64, n+1) // spaces after words 0..i-1
	for i, w := range words {
		W[i+1] = W[i] + w.width
		S[i+1] = S[i] + w.space
	}
	active := []*kpNode{{pos: 0, fitness: 1}}
	for end := 1; end <= n; end++ {
		last := end == n
		brk := &words[end-1]
		forced := last || brk.forceBreak
		if !forced && !brk.breakable() {
			continue // inside a word, where it may not break
		}
		hyphenated, penalty := breakInWord(brk, forced)
		hyW := 0.0
		if hyphenated && brk.hyphen != nil {
			hyW = brk.hyphen.width
		}
		var next []*kpNode
		var best [4][maxHyphenRun + 1]*kpNode
		for _, a := range active {
			width := m.of(a.lineCount)
			spaces := S[end-1] - S[a.pos] // spaces between the words of the line
			nat := W[end] - W[a.pos] + spaces + hyW
			glyphs := (W[end] - W[a.pos]) * glyphScale // the letters widen or narrow a little too
			r := adjustment(nat, width, spaces*spaceStretch+glyphs, spaces*spaceShrink+glyphs, forced)
			if r < -1 || forced {
				// a is no longer reachable from later breaks
			} else {
				next = append(next, a)
			}
			if r < -1 || r > tolerance {
				if !(r < -1 && unbreakable(words[a.pos:end])) {
					continue
				}
				// a single word wider than the line: accept it, overfull
				r = -1
			}
			if math.IsInf(r, 1) {
				r = 1e3 // a line with no space to stretch, in the emergency pass
			}
			run := 0
			if hyphenated {
				run = a.hyRun + 1
				if run > maxHyphenRun {
					continue
				}
			}
			fit := fitness(r)
			total := a.demerits + demerits(r, fit, a, hyphenated, last) + penalty
			if b := best[fit][run]; b == nil || total < b.demerits {
				best[fit][run] = &kpNode{pos: end, demerits: total, fitness: fit, hyRun: run, prev: a, lineCount: a.lineCount + 1}
			}
		}
		if forced && !last {
			// every line must break here: keep only the new nodes
			next = next[:0]
		}
		for _, bs := range best {
			for _, b := range bs {
				if b != nil {
					next = append(next, b)
				}
			}
		}
		if len(next) == 0 {
			return nil
		}
		active = next
	}
	return bestBreaks(active, n)
}

// breakInWord tells what a break after brk is: inside a word at a hyphen
// (hyphenated), or inside an address, which costs penalty demerits and
// adds no hyphen; neither between words or at a forced break.
func breakInWord(brk *word, forced bool) (hyphenated bool, penalty float64) {
	switch {
	case forced || brk.space != 0 || !brk.disc:
		return false, 0
	case brk.urlBreak:
		return false, kpURLPenalty * kpURLPenalty
	}
	return true, 0
}

// bestBreaks returns the breaks of the active node that ends the paragraph
// (at word n) with the least demerits, nil when none does.
func bestBreaks(active []*kpNode, n int) []int {
	var bestNode *kpNode
	for _, a := range active {
		if a.pos == n && (bestNode == nil || a.demerits < bestNode.demerits) {
			bestNode = a
		}
	}
	if bestNode == nil {
		return nil
	}
	var breaks []int
	for nd := bestNode; nd.prev != nil; nd = nd.prev {
		breaks = append(breaks, nd.pos)
	}
	for i, j := 0, len(breaks)-1; i < j; i, j = i+1, j-1 {
		breaks[i], breaks[j] = breaks[j], breaks[i]
	}
	return breaks
}

// adjustment is the adjustment ratio of a line of natural width nat set in
// width, with that stretch and shrink: 0 fits, 1 uses all the stretch, -1
// all the shrink; ±Inf where the line needs what it cannot give. A forced
// break's line (the last) is set loose: 0 when it is short.
func adjustment(nat, width, stretch, shrink float64, forced bool) float64 {
	switch {
	case nat < width:
		if forced {
			return 0 // the last line is set loose
		} else if stretch > 0 {
			return (width - nat) / stretch
		}
		return math.Inf(1)
	case nat > width:
		if shrink > 0 {
			return (width - nat) / shrink
		}
		return math.Inf(-1)
	}
	return 0
}

// demerits are those of a line with adjustment ratio r and fitness class fit
// after node a: its badness, a hyphen's penalty (more after a hyphenated
// line, and on the last line but one), and a jump of fitness classes.
func demerits(r float64, fit int, a *kpNode, hyphenated, last bool) float64 {
	bad := 100 * math.Pow(math.Abs(r), 3)
	d := math.Pow(kpLinePenalty+bad, 2)
	if hyphenated {
		d += kpHyphenPenalty * kpHyphenPenalty
		if a.hyRun > 0 {
			d += kpDoubleHyphenDemerit
		}
	}
	if last && a.hyRun > 0 {
		d += kpFinalHyphenDemerit
	}
	if int(math.Abs(float64(fit-a.fitness))) > 1 {
		d += kpFitnessPenalty
	}
	return d
}

// unbreakable reports whether a line of these words has no place to break
// but its end: one word, or pieces of one that may not be parted.
func unbreakable(ws []word) bool {
	for _, w := range ws[:len(ws)-1] {
		if w.breakable() {
			return false
		}
	}
	return true
}

// fitness classes: 0 tight, 1 decent, 2 loose, 3 very loose.
func fitness(r float64) int {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}
