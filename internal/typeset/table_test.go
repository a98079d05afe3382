package typeset

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
)

// TestTableShrinks: a table too wide for the text block has its text set
// smaller, in half points, down to the layout's table.min-size, with a
// warning saying how much; below it, it is an error at the table.
func TestTableShrinks(t *testing.T) {
	src := "| H0 | H1 | H2 | H3 |\n|---|---|---|---|\n| somewhat-wider-cell-0 | somewhat-wider-cell-1 | somewhat-wider-cell-2 | somewhat-wider-cell-3 |\n"
	tests := []struct {
		minSize float64
		size    float64 // of the table's text as set
		want    string  // a diagnostic's beginning
	}{
		{7, 7, "f.md:1:3: warning: the table needs 137 mm at 8.8 pt but the text block is 118 mm wide: its text is set at 7 pt (80%) to fit"},
		{5, 7, "f.md:1:3: warning: the table needs 137 mm at 8.8 pt but the text block is 118 mm wide: its text is set at 7 pt (80%) to fit"}, // the largest size that fits
		{8, 8, "f.md:1:3: error: the table needs 126 mm but the text block is 118 mm wide, even with its text at 8 pt (the layout's table.min-size)"},
		{8.8, 8.8, "f.md:1:3: error: the table needs 137 mm but the text block is 118 mm wide, even with its text at 8.8 pt"},
	}
	for _, tc := range tests {
		m := newMarkdownSetter(t, "en")
		m.layout.Table.MinSize = tc.minSize
		var diags diag.List
		d := m.set(t, "T", src, &diags)
		if !strings.Contains(diags.Error(), tc.want) {
			t.Errorf("min-size %v: diagnostics %q, want %q", tc.minSize, diags.Error(), tc.want)
		}
		cells := 0
		for _, it := range d.Pages[2].Items {
			if tx, ok := it.(Text); ok && strings.HasPrefix(tx.Text, "somewhat") || ok && tx.Text == "H0" {
				cells++
				if tx.Size != tc.size {
					t.Errorf("min-size %v: %q set at %v pt, want %v", tc.minSize, tx.Text, tx.Size, tc.size)
				}
			}
		}
		if cells != 5 {
			t.Errorf("min-size %v: %d cells found", tc.minSize, cells)
		}
	}
}
