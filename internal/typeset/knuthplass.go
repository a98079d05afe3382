package typeset

import "math"

// knuthPlass chooses line breaks that minimise the total badness of a justified
// paragraph (Knuth and Plass, "Breaking paragraphs into lines", 1981). Breaks may
// fall only between words; the last line is set loose. It returns the end index
// of each line, or nil when no set of breaks stays within tolerance.
func knuthPlass(words []word, width float64) []int {
	n := len(words)
	if n == 0 {
		return nil
	}
	for _, tol := range []float64{2, 4, 10} {
		if b := kpPass(words, width, tol); b != nil {
			return b
		}
	}
	return nil
}

type kpNode struct {
	pos       int // index of the first word of the next line
	demerits  float64
	fitness   int
	prev      *kpNode
	lineCount int
}

const (
	kpLinePenalty    = 10
	kpFitnessPenalty = 100
)

func kpPass(words []word, width, tolerance float64) []int {
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
		forced := last || words[end-1].forceBreak
		var next []*kpNode
		best := [4]*kpNode{}
		for _, a := range active {
			nat := W[end] - W[a.pos] + S[end-1] - S[a.pos] // spaces between the words of the line
			spaces := S[end-1] - S[a.pos]
			stretch, shrink := spaces*0.6, spaces*0.3
			var r float64
			switch {
			case nat < width:
				if forced {
					r = 0 // the last line is set loose
				} else if stretch > 0 {
					r = (width - nat) / stretch
				} else {
					r = math.Inf(1)
				}
			case nat > width:
				if shrink > 0 {
					r = (width - nat) / shrink
				} else {
					r = math.Inf(-1)
				}
			}
			if r < -1 || forced {
				// a is no longer reachable from later breaks
			} else {
				next = append(next, a)
			}
			if r < -1 || r > tolerance {
				if !(end-a.pos == 1 && r < -1) {
					continue
				}
				// a single word wider than the line: accept it, overfull
				r = -1
			}
			bad := 100 * math.Pow(math.Abs(r), 3)
			d := math.Pow(kpLinePenalty+bad, 2)
			fit := fitness(r)
			if int(math.Abs(float64(fit-a.fitness))) > 1 {
				d += kpFitnessPenalty
			}
			total := a.demerits + d
			if b := best[fit]; b == nil || total < b.demerits {
				best[fit] = &kpNode{pos: end, demerits: total, fitness: fit, prev: a, lineCount: a.lineCount + 1}
			}
		}
		for _, b := range best {
			if b != nil {
				next = append(next, b)
			}
		}
		if forced && !last {
			// every line must break here: keep only the new nodes
			next = next[:0]
			for _, b := range best {
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
