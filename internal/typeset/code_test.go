package typeset

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
)

// TestCodeLinesWrap: a line of code too long for the measure goes on on the
// next rows, broken after a space or a separator when one is in reach, else
// anywhere; continuations align with the line's indentation past a mark
// drawn as rules (an artifact, no text); nothing is lost, blank lines stay.
func TestCodeLinesWrap(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	call := "\tif err := doSomething(argumentNumberOne, argumentNumberTwo, argumentNumberThree); err != nil {"
	long := strings.Repeat("x", 150)
	short := "    return err"
	src := call + "\n\n" + long + "\n" + short
	st := ts.st(&ts.l.Text.Code)
	face, size := st.code, st.size*codeScale
	space := face.Width(" ", size)
	for _, w := range []float64{120, 200, 335} {
		rows := ts.codeRows(&doc.CodeBlock{Text: src}, 10, w, nil)
		type drawn struct {
			text  string
			x     float64
			marks int
		}
		var lines []drawn
		for _, r := range rows {
			var d drawn
			for _, it := range r.items {
				switch it := it.(type) {
				case page.Text:
					d.text, d.x = it.Text, it.X
					if end := it.X + face.Width(strings.TrimRight(it.Text, " "), size); end > 10+w+0.01 {
						t.Errorf("width %v: %q ends at %.1f", w, it.Text, end)
					}
				case page.Line:
					d.marks++
					if it.X1 < 10 || it.X2 > d.x && d.x > 0 {
						t.Errorf("width %v: a mark outside the room before its line", w)
					}
				default:
					t.Errorf("width %v: %T drawn", w, it)
				}
			}
			lines = append(lines, d)
		}
		// the source's lines, in order, each from its rows
		i := 0
		for n, want := range strings.Split(strings.ReplaceAll(src, "\t", "    "), "\n") {
			got := lines[i].text
			if lines[i].marks != 0 || lines[i].x != 10 && got != "" {
				t.Errorf("width %v: line %d starts at %.1f with %d marks", w, n, lines[i].x, lines[i].marks)
			}
			indent := face.Width(strings.Repeat(" ", len(want)-len(strings.TrimLeft(want, " "))), size)
			first := i
			for i++; i < len(lines) && lines[i].marks > 0; i++ {
				if lines[i].marks != 4 {
					t.Errorf("width %v: a continuation with %d rules for its mark", w, lines[i].marks)
				}
				if x := 10 + indent + 2*space; abs(lines[i].x-x) > 0.01 {
					t.Errorf("width %v: continuation %q at %.1f, want %.1f (the indentation and the mark)", w, lines[i].text, lines[i].x, x)
				}
				// a break after a space or a separator where there is one
				prev := strings.TrimLeft(lines[i-1].text, " ")
				if strings.ContainsAny(prev[1:], codeBreakAfter+" ") && !strings.ContainsAny(prev[len(prev)-1:], codeBreakAfter+" ") {
					t.Errorf("width %v: %q breaks inside a word", w, lines[i-1].text)
				}
				got += lines[i].text
			}
			if strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(want, " ", "") {
				t.Errorf("width %v: line %d set as %q, want %q", w, n, got, want)
			}
			if n == 0 && !strings.HasPrefix(lines[first].text, "    if") {
				t.Errorf("width %v: the indentation is lost: %q", w, lines[first].text)
			}
			if w < 300 && n != 1 && n != 3 && i == first+1 {
				t.Errorf("width %v: line %d not broken", w, n)
			}
		}
		if i != len(lines) {
			t.Errorf("width %v: %d rows for %d", w, len(lines), i)
		}
	}
}

func abs(x float64) float64 { return max(x, -x) }
