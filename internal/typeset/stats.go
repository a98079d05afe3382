package typeset

import "github.com/folio-pub/folio/internal/page"

// countLines adds a paragraph's lines to the figures.
func countLines(s *page.Stats, lines []line, justified bool, m measure) {
	run := 0
	for i, l := range lines {
		if len(l.words) > 0 && l.end() > m.of(i)+0.01 {
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
func countBreak(s *page.Stats, rows []row, end int) {
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
