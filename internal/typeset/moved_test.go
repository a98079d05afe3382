package typeset

import (
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// TestMovedFloats: the floats the sample's pages set out of the reading
// order are figures and boxes, each on the page it is set on; with floats
// off, none is moved.
func TestMovedFloats(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "fr"} {
		_, d := sample(t, lang)
		for _, m := range d.Moved {
			switch m.Block.(type) {
			case *doc.Figure, *doc.Box:
			default:
				t.Errorf("%s: moved %T", lang, m.Block)
			}
			t.Logf("%s: %T on page %s", lang, m.Block, m.Label)
		}
		_, d = sampleWith(t, lang, func(l *style.Layout) { l.Pages.Floats = false })
		if len(d.Moved) > 0 {
			t.Errorf("%s: floats off, yet %d moved", lang, len(d.Moved))
		}
	}
}
