package style

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCitationsAlign: a bibliography's entries are ragged right unless the
// layout says justify; center and right are errors at the key.
func TestCitationsAlign(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       Align
		err        string
	}{
		{"default", "", Left, ""},
		{"left", "citations: {align: left}\n", Left, ""},
		{"justify", "citations: {align: justify}\n", Justify, ""},
		{"center", "citations: {align: center}\n", "", `x.yaml:2:20: error: citations: align "center": give left (ragged right, the default) or justify`},
		{"unknown", "citations: {align: ragged}\n", "", `unknown alignment "ragged"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "x.yaml"), []byte("extends: base\n"+tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			l, err := LoadLayout(layoutsIn(dir), "x")
			if tt.err != "" {
				if err == nil {
					t.Fatal("no error")
				}
				if msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""); !strings.Contains(msg, tt.err) {
					t.Errorf("error = %q, want it to contain %q", msg, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.Citations.Align != tt.want {
				t.Errorf("align %q, want %q", l.Citations.Align, tt.want)
			}
		})
	}
}
