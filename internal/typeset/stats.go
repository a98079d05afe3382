package typeset

// Stats are the typesetting figures of an edition: how well its text could
// be set, for a publisher or CI to see at a glance (folio build --report).
type Stats struct {
	Pages int `json:"pages"`
	// Lines are the lines of justified text; HyphenatedLines those of them
	// that end inside a word, LongestHyphenRun the most in a row.
	Lines            int `json:"lines"`
	HyphenatedLines  int `json:"hyphenated-lines"`
	LongestHyphenRun int `json:"longest-hyphen-run"`
	// LooseLines and TightLines are justified lines whose word spaces are
	// wider than 1.5 or narrower than 0.8 times the font's space;
	// EmergencyLines those wider than 2 (each also a warning).
	LooseLines     int `json:"loose-lines"`
	TightLines     int `json:"tight-lines"`
	EmergencyLines int `json:"emergency-lines"`
	// OverfullLines stick out of the measure (a word too long for it; each
	// also a warning).
	OverfullLines int `json:"overfull-lines"`
	// BoxSplits are boxes broken across pages; TableSplits the page breaks
	// between the body rows of a table (each repeats its header).
	BoxSplits   int `json:"box-splits"`
	TableSplits int `json:"table-splits"`
	// KeepsBroken are page breaks the keep rules could not avoid: a widow,
	// an orphan, or a heading parted from its text.
	KeepsBroken int `json:"keeps-broken"`
}

// countLines adds a paragraph's lines to the figures.
func (s *Stats) countLines(lines []line, justified bool, w float64) {
	run := 0
	for _, l := range lines {
		if len(l.words) > 0 && l.end() > w+0.01 {
			s.OverfullLines++
		}
		if !justified {
			continue
		}
		s.Lines++
		if l.hyphenated {
			s.HyphenatedLines++
			run++
			s.LongestHyphenRun = max(s.LongestHyphenRun, run)
		} else {
			run = 0
		}
		switch {
		case l.spacing > warnSpacing:
			s.EmergencyLines++
			s.LooseLines++
		case l.spacing > looseSpacing:
			s.LooseLines++
		case l.spacing < tightSpacing:
			s.TightLines++
		}
	}
}

// countBreak adds a page break before rows[end] to the figures.
func (s *Stats) countBreak(rows []row, end int) {
	if end <= 0 || end >= len(rows) || rows[end].breakBefore {
		return
	}
	if rows[end-1].noBreakAfter {
		s.KeepsBroken++
	}
	if f := rows[end-1].frame; f != nil && rows[end].frame == f {
		s.BoxSplits++
	}
	if h := rows[end-1].head; h != nil && rows[end].head == h {
		s.TableSplits++
	}
}
