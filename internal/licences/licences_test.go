package licences

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestTexts: every licence text named is in the repository, not empty, and
// named in NOTICE; NOTICE names every component and module.
func TestTexts(t *testing.T) {
	root := filepath.Join("..", "..")
	notice, err := os.ReadFile(filepath.Join(root, "NOTICE"))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, c := range Data() {
		if c.Name == "" || c.Licence == "" || c.Copyright == "" || c.From == "" || len(c.Texts) == 0 {
			t.Errorf("incomplete: %+v", c)
		}
		texts = append(texts, c.Texts...)
	}
	for path, m := range Modules() {
		if path != "std" && !bytes.Contains(notice, []byte(path)) {
			t.Errorf("NOTICE does not list the module %s", path)
		}
		texts = append(texts, m.Texts...)
	}
	for _, f := range texts {
		if fi, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); err != nil || fi.Size() == 0 {
			t.Errorf("licence text %s: missing or empty (%v)", f, err)
		}
		if !bytes.Contains(notice, []byte(f)) {
			t.Errorf("NOTICE does not name %s", f)
		}
	}
}

func TestWrite(t *testing.T) {
	tests := []struct {
		name string
		info *debug.BuildInfo
		want []string
	}{
		{"modules as linked, with their versions", &debug.BuildInfo{GoVersion: "go1.26.8", Deps: []*debug.Module{
			{Path: "github.com/yuin/goldmark", Version: "v1.8.7"},
			{Path: "golang.org/x/text", Version: "v0.1.0", Replace: &debug.Module{Path: "golang.org/x/text", Version: "v0.44.0"}},
			{Path: "example.org/new", Version: "v1.0.0"},
		}}, []string{
			"folio is licensed under Apache-2.0 (LICENSE)",
			"French hyphenation patterns (fr.dic): LGPL-2.1-or-later\n",
			"Liberation fonts 2.1.4 (Serif, Sans, Mono): OFL-1.1\n",
			"CSL citation styles and locales (layouts/csl/): CC-BY-SA-3.0\n",
			"github.com/yuin/goldmark v1.8.7  MIT",
			"golang.org/x/text v0.44.0",
			"example.org/new v1.0.0",
			"unknown to this list: see the module",
			"Go standard library go1.26.8",
		}},
		{"no build information", nil, []string{"Go standard library  BSD-3-Clause", "sRGB colour profile"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, tc.info); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("lacks %q:\n%s", w, b.String())
				}
			}
		})
	}
}
