package typeset

import (
	"math"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// TestStructure checks what typesetting tells the PDF of each item: the text
// of the edition belongs to elements of one tree, in reading order; running
// heads, folios, rules and backgrounds are artifacts.
func TestStructure(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "fr"} {
		ed, d := sample(t, lang)
		inTree := map[*page.Elem]bool{}
		var order []string
		var walk func(e *page.Elem)
		walk = func(e *page.Elem) {
			if inTree[e] {
				t.Errorf("%s: element %s twice in the tree", lang, e.Role)
			}
			inTree[e] = true
			order = append(order, string(e.Role))
			for _, k := range e.Kids {
				if k.Parent != e {
					t.Errorf("%s: %s under %s names another parent", lang, k.Role, e.Role)
				}
				walk(k)
			}
		}
		if d.Structure == nil || d.Structure.Role != page.RoleDocument {
			t.Fatalf("%s: no Document element", lang)
		}
		walk(d.Structure)
		// running heads sit in the top margin, folios in the bottom one
		headY := ed.Layout.Page.Margin.Top*MM - 2*MM
		footY := d.Height - ed.Layout.Page.Margin.Bottom*MM + 2*MM
		// a table's header repeated on the pages it goes on to is an
		// artifact: the text of a header cell set on an earlier page
		headText := map[string]bool{}
		for _, p := range d.Pages {
			var heads []string
			for _, it := range p.Items {
				switch it := it.(type) {
				case page.Text:
					running := p.Number > 1 && (it.Y < headY || it.Y > footY)
					if running && it.Elem != nil {
						t.Errorf("%s p%d: the running head or folio %q is tagged %s", lang, p.Number, it.Text, it.Elem.Role)
					}
					// the hyphen a line adds where it breaks inside a word is
					// no part of the word: an artifact
					if !running && it.Elem == nil && !headText[it.Text] && it.Text != "-" {
						t.Errorf("%s p%d: text %q is an artifact", lang, p.Number, it.Text)
					}
					if inRole(it.Elem, page.RoleTH) {
						heads = append(heads, it.Text)
					}
					if it.Elem != nil && !inTree[it.Elem] {
						t.Errorf("%s p%d: text %q belongs to a %s outside the tree", lang, p.Number, it.Text, it.Elem.Role)
					}
				case page.Image:
					if it.Elem == nil || it.Elem.Role != page.RoleFigure || it.Elem.Alt == "" {
						t.Errorf("%s: image without a figure element with alt text", lang)
					}
				case page.Link:
					if it.Elem == nil || it.Elem.Role != page.RoleLink || !inTree[it.Elem] {
						t.Errorf("%s: link area without its Link element", lang)
					}
				}
			}
			for _, h := range heads {
				headText[h] = true
			}
		}
		// the roles the sample has, and the reading order of the first ones
		joined := " " + strings.Join(order, " ") + " "
		for _, want := range []string{" Document Sect P H1 P ", " L LI Lbl LBody P ", " TOC TOCI Link ", " Table Caption TR TH ", " TR TD ", " Figure Caption ",
			" Reference Link ", " Note Lbl P ", " Aside H3 ", " Sect H1 "} {
			if !strings.Contains(joined, want) {
				t.Errorf("%s: the structure lacks %q:\n%s", lang, want, joined)
			}
		}
	}
}

// inRole reports whether e is, or is inside, an element of role r.
func inRole(e *page.Elem, r page.Role) bool {
	for ; e != nil; e = e.Parent {
		if e.Role == r {
			return true
		}
	}
	return false
}

func TestHeadingRole(t *testing.T) {
	t.Parallel()
	for level, want := range map[int]page.Role{0: "H1", 1: "H1", 3: "H3", 6: "H6", 9: "H6"} {
		if got := page.Heading(level); got != want {
			t.Errorf("Heading(%d) = %s, want %s", level, got, want)
		}
	}
	if page.RoleAside.Standard() != page.RoleSect || page.RoleP.Standard() != page.RoleP {
		t.Error("Aside stands for Sect; standard roles for themselves")
	}
}

// TestBleed: what touches a trim edge runs on into the bleed, so that the
// cut never leaves a white line.
func TestBleed(t *testing.T) {
	t.Parallel()
	_, d := sample(t, "en")
	const eps = 0.01
	touching := 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			r, ok := it.(page.Rect)
			if !ok {
				continue
			}
			for _, e := range []struct {
				name      string
				touches   bool
				intoBleed bool
			}{
				{"left", r.X <= eps, r.X <= -d.Bleed+eps},
				{"top", r.Y <= eps, r.Y <= -d.Bleed+eps},
				{"right", r.X+r.W >= d.Width-eps, r.X+r.W >= d.Width+d.Bleed-eps},
				{"bottom", r.Y+r.H >= d.Height-eps, r.Y+r.H >= d.Height+d.Bleed-eps},
			} {
				if e.touches {
					touching++
					if !e.intoBleed {
						t.Errorf("page %d: %+v touches the %s edge and stops there", p.Number, r, e.name)
					}
				}
			}
		}
	}
	if touching < 4 {
		t.Errorf("%d edges touched: the cover and back bands should touch six", touching)
	}
	if math.Abs(d.Bleed-3*MM) > 1e-9 {
		t.Errorf("bleed %.2f pt, want the layout's 3 mm", d.Bleed)
	}
}

// TestPrintSettings: the layout's print settings reach the document.
func TestPrintSettings(t *testing.T) {
	t.Parallel()
	if _, d := sample(t, "en"); d.CropMarks || d.OutputIntent == nil || d.OutputIntent.Condition != "FOGRA39" || d.OutputIntent.Components != 4 || !d.PDFA {
		t.Errorf("the sample's layout asks for no marks, the built-in FOGRA39 and PDF/A: marks %v, PDF/A %v, condition %q", d.CropMarks, d.PDFA, d.OutputIntent.Condition)
	}
	_, d := sampleWith(t, "en", func(l *style.Layout) {
		l.Print.Marks = true
		l.Print.Condition = "FOGRA39"
		l.Print.Profile = style.Profile{Path: "p.icc", Data: []byte("profile"), Components: 4}
	})
	if oi := d.OutputIntent; !d.CropMarks || oi == nil || oi.Condition != "FOGRA39" || string(oi.Profile) != "profile" || oi.Components != 4 {
		t.Errorf("marks %v, output intent %+v", d.CropMarks, oi)
	}
}
