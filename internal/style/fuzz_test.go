package style

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLayout loads arbitrary YAML as a layout extending the base layout: it
// never panics, and a layout it accepts has a page with room for text.
func FuzzLayout(f *testing.F) {
	base, err := os.ReadFile("../../layouts/base.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"extends: base\n",
		"extends: base\npage: {size: A5, margin: {top: 10}}\n",
		"extends: base\ntext:\n  body: {font: serif, size: 11, color: accent}\n",
		"extends: base\ncolors: {accent: \"#123456\"}\n",
		"extends: x\n",
		"page: {width: 1, height: 1}\n",
		"&a [*a]\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644)
		os.WriteFile(filepath.Join(dir, "x.yaml"), []byte(src), 0o644)
		l, err := LoadLayout(layoutsIn(dir), "x")
		if err != nil {
			return
		}
		m := l.Page.Margin
		if l.Page.Width-m.Inner-m.Outer <= 0 || l.Page.Height-m.Top-m.Bottom <= 0 {
			t.Errorf("accepted a page with no room for text: %+v", l.Page)
		}
	})
}
