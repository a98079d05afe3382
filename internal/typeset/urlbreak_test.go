package typeset

import (
	"slices"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// TestURLBreaksInLines: a bibliography entry whose address cannot fit on a
// line with the words before it breaks the address (no hyphen drawn, the
// line not counted hyphenated) rather than spacing the line out, justified
// or ragged; text without an address is set as before, words untouched.
func TestURLBreaksInLines(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	in := []doc.Inline{&doc.Text{Text: "OECD. Digital Government Index: 2019 Results. OECD Public Governance Policy Papers 3. OECD Publishing, 2020. https://www.oecd.org/gov/digital-government-index.htm."}}
	const w = 240.0
	for _, align := range []style.Align{style.Justify, style.Left} {
		st := *ts.st(&ts.l.Text.Body)
		st.align = align
		lines := ts.lines(in, &st, w, nil)
		broken := false
		for i, l := range lines {
			if l.spacing > warnSpacing {
				t.Errorf("%s: line %d set with its spaces %.1f× their width", align, i+1, l.spacing)
			}
			if l.hyphenated {
				t.Errorf("%s: line %d counted hyphenated: %q", align, i+1, texts([]line{l}))
			}
			text := strings.Join(texts([]line{l}), " ")
			if strings.Contains(text, "oecd") && !strings.Contains(text, "digital-government-index.htm.") {
				broken = true
			}
			if strings.HasSuffix(strings.TrimSpace(text), "-") && !strings.Contains(text, "https") {
				t.Errorf("%s: line %d ends with a hyphen: %q", align, i+1, text)
			}
		}
		if !broken {
			t.Errorf("%s: the address is not broken: %q", align, texts(lines))
		}
	}
	plain := []word{{segs: []seg{{text: "Digital"}}, space: 3}, {segs: []seg{{text: "2019."}}}}
	if got := breakURLs(plain); &got[0] != &plain[0] {
		t.Error("words without an address copied")
	}
}

// TestRaggedAddress: a ragged line full enough (raggedFill) ends before an
// address that fits on the next line rather than inside it; a short one
// breaks the address to fill itself.
func TestRaggedAddress(t *testing.T) {
	t.Parallel()
	ws := func(first float64) []word {
		return []word{
			{segs: []seg{{text: "a"}}, width: first, space: 5},
			{segs: []seg{{text: "b"}}, width: 80, space: 5},
			{segs: []seg{{text: "https://"}}, width: 30, disc: true, urlBreak: true},
			{segs: []seg{{text: "example.org"}}, width: 60},
		}
	}
	tests := []struct {
		name  string
		first float64
		want  []int
	}{
		{"full enough: before the address", 80, []int{2, 4}},
		{"short: inside the address", 40, []int{3, 4}},
	}
	for _, tt := range tests {
		if got := greedy(ws(tt.first), 200); !slices.Equal(got, tt.want) {
			t.Errorf("%s: breaks %v, want %v", tt.name, got, tt.want)
		}
	}
}
