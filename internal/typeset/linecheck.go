package typeset

// Limits of word spacing on a justified line, as a share of the normal space,
// beyond which a line is counted loose or tight, and beyond which folio warns.
const (
	looseSpacing = 1.5
	tightSpacing = 0.8
	warnSpacing  = 2.0
	// a paragraph of two lines whose first line would be spaced wider than
	// this is set ragged
	raggedSpacing = 1.5
)

// checkLines warns where a paragraph could not be set well: a line wider than
// the measure (a word too long for it) or spaced beyond warnSpacing (no
// acceptable break: the emergency pass stretched it), at the position of the
// line's first word.
func (t *typesetter) checkLines(lines []line, st *textStyle, m measure) {
	for i, l := range lines {
		w := m.of(i)
		if len(l.words) == 0 {
			continue
		}
		pos := l.words[0].pos
		last := len(l.words) - 1
		end := l.end()
		switch {
		case end > w+0.01:
			t.diags.Warn(pos, "a line sticks %.1f pt into the margin: %q is too long for the measure; add a soft hyphen (U+00AD) where it may break", end-w, l.words[last].text())
		case l.spacing > warnSpacing:
			t.diags.Warn(pos, "no good line break: a line is set with its spaces %.1f× their width; rephrase, or add a soft hyphen (U+00AD) to a long word", l.spacing)
		}
	}
}

// end is where the line's last word ends.
func (l *line) end() float64 {
	last := len(l.words) - 1
	scale := l.scale
	if scale == 0 {
		scale = 1
	}
	return l.xs[last] + l.words[last].width*scale
}
