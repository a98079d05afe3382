package typeset

import (
	"testing"

	"github.com/folio-pub/folio/internal/style"
)

// FuzzLineBreaking breaks paragraphs of arbitrary word widths: every word is
// set once, in order, no line is empty, and a line wider than the measure
// holds a single word that is wider on its own (as set: justified spaces
// may shrink).
func FuzzLineBreaking(f *testing.F) {
	f.Add([]byte{10, 20, 30, 40, 50, 60, 70, 80, 90}, uint16(200), uint8(0))
	f.Add([]byte{255, 255, 1, 1, 1}, uint16(100), uint8(1))
	f.Add([]byte{}, uint16(50), uint8(2))
	f.Fuzz(func(t *testing.T, widths []byte, measure uint16, forced uint8) {
		w := float64(measure%600) + 20
		var words []word
		for i, b := range widths {
			words = append(words, word{width: float64(b), space: 3 + float64(b%4), forceBreak: forced > 0 && i%int(forced%7+1) == 0 && i%5 == 4})
		}
		for _, align := range []style.Align{style.Justify, style.Left} {
			lines := setLines(words, w, align)
			n := 0
			for _, l := range lines {
				if len(l.words) == 0 {
					t.Fatalf("%s: an empty line", align)
				}
				for j := range l.words {
					if &l.words[j] != &words[n+j] {
						t.Fatalf("%s: words out of order", align)
					}
				}
				n += len(l.words)
				if end := l.end(); end > w+0.01 && len(l.words) > 1 {
					t.Errorf("%s: a line of %d words ends at %.1f in a measure of %.1f", align, len(l.words), end, w)
				}
			}
			if n != len(words) {
				t.Fatalf("%s: %d words set of %d", align, n, len(words))
			}
		}
	})
}
