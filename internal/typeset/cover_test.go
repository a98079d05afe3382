package typeset

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/page"
)

// TestBackPageNames: the sample's back page names its publisher, who is
// also its only author, once, and leaves out its identifier, a UUID.
func TestBackPageNames(t *testing.T) {
	t.Parallel()
	ed, d := sample(t, "en")
	var text []string
	for _, it := range d.Pages[len(d.Pages)-1].Items {
		if tx, ok := it.(page.Text); ok {
			text = append(text, tx.Text)
		}
	}
	all := strings.Join(text, "")
	if n := strings.Count(all, ed.Publisher); n != 1 {
		t.Errorf("the publisher %q is named %d times on the back page, want once", ed.Publisher, n)
	}
	if strings.Contains(all, "urn:") || strings.Contains(all, ed.Identifier) {
		t.Errorf("the back page prints the identifier %s: %q", ed.Identifier, all)
	}
}

// TestContentsHang: a contents entry that wraps has its later lines set
// in from its first.
func TestContentsHang(t *testing.T) {
	t.Parallel()
	_, d := sample(t, "en")
	lines := map[float64]string{} // the contents' lines by baseline
	left := map[float64]float64{} // and where each starts
	for _, it := range d.Pages[1].Items {
		if tx, ok := it.(page.Text); ok && tx.Size < 11 { // the contents, smaller than the body
			if _, seen := left[tx.Y]; !seen || tx.X < left[tx.Y] {
				left[tx.Y] = tx.X
			}
			lines[tx.Y] += tx.Text
		}
	}
	var xs []float64 // the x of each line of the long entry
	for _, y := range slices.Sorted(maps.Keys(lines)) {
		if strings.Contains(lines[y], "working with") || strings.Contains(lines[y], "justice institutions") {
			xs = append(xs, left[y])
		}
	}
	if len(xs) != 2 {
		t.Fatalf("the wrapped entry's lines start at %v, want 2 lines", xs)
	}
	if xs[1] < xs[0]+5 {
		t.Errorf("the wrapped entry's second line starts at %.1f, its first at %.1f: want it set in", xs[1], xs[0])
	}
}
