package page

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestMoved(t *testing.T) {
	tests := []struct {
		name string
		in   Item
		want Item
	}{
		{"text", Text{X: 1, Y: 2, Text: "a"}, Text{X: 4, Y: -2, Text: "a"}},
		{"rect", Rect{X: 1, Y: 2, W: 5, H: 6}, Rect{X: 4, Y: -2, W: 5, H: 6}},
		{"line", Line{X1: 1, Y1: 2, X2: 3, Y2: 4, Width: 1}, Line{X1: 4, Y1: -2, X2: 6, Y2: 0, Width: 1}},
		{"image", Image{X: 1, Y: 2, W: 5, H: 6, Alt: "x"}, Image{X: 4, Y: -2, W: 5, H: 6, Alt: "x"}},
		{"link", Link{X: 1, Y: 2, W: 5, H: 6, URL: "u"}, Link{X: 4, Y: -2, W: 5, H: 6, URL: "u"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.Moved(3, -4); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Moved(3, -4) = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestStructure(t *testing.T) {
	for level, want := range map[int]Role{0: "H1", 1: "H1", 3: "H3", 6: "H6", 9: "H6"} {
		if got := Heading(level); got != want {
			t.Errorf("Heading(%d) = %s, want %s", level, got, want)
		}
	}
	if RoleAside.Standard() != RoleSect || RolePullQuote.Standard() != RoleSect || RoleP.Standard() != RoleP {
		t.Error("Aside and PullQuote stand for Sect, P for itself")
	}
	var none *Elem
	if none.Add(RoleP) != nil {
		t.Error("a nil element gains a kid")
	}
	doc := &Elem{Role: RoleDocument}
	p := doc.Add(RoleP)
	note := &Elem{Role: RoleNote}
	note.Attach(p)
	note.Attach(doc) // already attached: stays where it is
	if p.Parent != doc || len(doc.Kids) != 1 || note.Parent != p || len(p.Kids) != 1 {
		t.Errorf("tree: doc kids %d, p kids %d, note's parent %v", len(doc.Kids), len(p.Kids), note.Parent.Role)
	}
}

// TestNoLayouter checks that the page model and its renderers (the PDF, the
// cover image) import no layouter: the page model is data.
func TestNoLayouter(t *testing.T) {
	for _, dir := range []string{".", "../pdf", "../cover"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, im := range f.Imports {
				path, _ := strconv.Unquote(im.Path.Value)
				for _, banned := range []string{"/internal/typeset", "/internal/resolve", "/internal/markdown", "/internal/source"} {
					if strings.HasSuffix(path, banned) {
						t.Errorf("%s imports %s", name, path)
					}
				}
			}
		}
	}
}
