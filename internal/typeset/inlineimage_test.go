package typeset

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// TestInlineImageSize: an image in the text is as tall as the letters, or
// the size its attributes ask for up to that (larger is a warning), never
// wider than the measure, and sits on the line from its descent up.
func TestInlineImageSize(t *testing.T) {
	fs, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	face, _ := fs.Face("serif", style.Regular)
	st := &textStyle{size: 10, leading: 14, faces: [4]*fonts.Face{face, face, face, face}, code: face}
	letters := face.Ascent(10) + face.Descent(10)
	const measure = 300.0
	px := func(v float64) doc.Length { return doc.Length{Value: v, Unit: "px"} }
	tests := []struct {
		name        string
		w, h        int // pixels
		height      doc.Length
		width       doc.Length
		wantW       float64
		wantH       float64
		wantWarning bool
	}{
		{"square, the letters' height", 20, 20, doc.Length{}, doc.Length{}, letters, letters, false},
		{"a badge, twice as wide", 40, 20, doc.Length{}, doc.Length{}, 2 * letters, letters, false},
		{"half an em", 20, 20, doc.Length{Value: 0.5, Unit: "em"}, doc.Length{}, 5, 5, false},
		{"a width in points", 40, 20, doc.Length{}, doc.Length{Value: 8, Unit: "pt"}, 8, 4, false},
		{"a width of the measure", 40, 20, doc.Length{}, doc.Length{Value: 2, Unit: "%"}, 6, 3, false},
		{"taller than the line", 20, 20, px(40), doc.Length{}, letters, letters, true},
		{"wider than the measure", 4000, 10, doc.Length{}, doc.Length{}, measure, measure / 400, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			im := &doc.InlineImage{Src: "images/i.png", Alt: "icon", SetHeight: tt.height, SetWidth: tt.width}
			image := func(*doc.InlineImage) *resolve.Image {
				return &resolve.Image{Path: "i.png", Format: "png", Width: tt.w, Height: tt.h}
			}
			b := &wordBuilder{st: st, diags: &diags, measure: measure, image: image}
			b.inlines([]doc.Inline{&doc.Text{Text: "a "}, im, &doc.Text{Text: " b"}}, inlineState{})
			b.flush(0)
			if len(b.words) != 3 {
				t.Fatalf("%d words, want 3 (the image a word of its own)", len(b.words))
			}
			s := b.words[1].segs[0]
			if s.image == nil {
				t.Fatal("the middle word is no image")
			}
			if math.Abs(s.width-tt.wantW) > 0.01 || math.Abs(s.image.H-tt.wantH) > 0.01 {
				t.Errorf("%.2f × %.2f pt, want %.2f × %.2f", s.width, s.image.H, tt.wantW, tt.wantH)
			}
			if top := -s.image.Y; top > face.Ascent(10)+0.01 || s.image.H+s.image.Y > face.Descent(10)+0.01 {
				t.Errorf("from %.2f above the baseline to %.2f below: out of the letters' height", top, s.image.H+s.image.Y)
			}
			if b.words[0].space == 0 || b.words[1].space == 0 {
				t.Error("the spaces around the image are lost")
			}
			warned := strings.Contains(diags.Error(), "is set at the line's height")
			if warned != tt.wantWarning {
				t.Errorf("warning %v, want %v: %s", warned, tt.wantWarning, diags.Error())
			}
		})
	}
}

// TestInlineImageInHyphenatedWord: an image glued to a word (before it, in
// it, after it) of a justified paragraph stays on the page when the word is
// broken across two lines: drawn once, on the line of the piece of the word
// it touches, tagged as a Figure with its alt text in the paragraph.
func TestInlineImageInHyphenatedWord(t *testing.T) {
	t.Parallel()
	m := newMarkdownSetter(t, "fr")
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "images", "x.png"), 20, 20)
	const filler = "Les organisations de la société civile suivent de près ce que font la police, les forces armées et les services de renseignement, et elles"
	words := strings.Fields(filler)
	tests := []struct {
		name          string
		glued         string // the word, %s where the image is
		before, after string // the piece of the word each side of the image
	}{
		{"before the word", "%sextraordinairement", "", "ex"},
		{"in the word", "extraordi%snairement", "di", "nai"},
		{"after the word", "extraordinairement%s", "ment", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// the word set after more and more words: a line breaks inside
			// it in some of the paragraphs
			var src strings.Builder
			for k := range words {
				alt := fmt.Sprintf("icône %d", k)
				fmt.Fprintf(&src, "%s %s réclament des comptes anticonstitutionnellement.\n\n",
					strings.Join(words[:k], " "), fmt.Sprintf(tt.glued, "!["+alt+"](images/x.png)"))
			}
			var diags diag.List
			d := m.setIn(t, "Images", src.String(), dir, &diags)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			seen, broken := map[string]bool{}, 0
			for _, p := range d.Pages {
				for i, it := range p.Items {
					im, ok := it.(page.Image)
					if !ok {
						continue
					}
					if seen[im.Alt] {
						t.Errorf("%s drawn twice", im.Alt)
					}
					seen[im.Alt] = true
					if im.Elem == nil || im.Elem.Role != page.RoleFigure || im.Elem.Alt != im.Alt || im.Elem.Parent == nil || im.Elem.Parent.Role != page.RoleP {
						t.Errorf("%s: tagged %+v, want a Figure with its alt text in the paragraph", im.Alt, im.Elem)
					}
					// the pieces of the word either side, on the image's line
					if tt.before != "" {
						prev, ok := p.Items[i-1].(page.Text)
						if !ok || !strings.HasSuffix(strings.TrimSuffix(prev.Text, "-"), tt.before) || !onLine(prev, im) {
							t.Errorf("%s: %+v before it, want the word's %q on its line", im.Alt, p.Items[i-1], tt.before)
						}
					}
					if tt.after != "" {
						next, ok := p.Items[i+1].(page.Text)
						if !ok || !strings.HasPrefix(next.Text, tt.after) || !onLine(next, im) {
							t.Errorf("%s: %+v after it, want the word's %q on its line", im.Alt, p.Items[i+1], tt.after)
						}
					}
				}
				for _, it := range p.Items {
					if tx, ok := it.(page.Text); ok && strings.HasSuffix(tx.Text, "-") && strings.HasPrefix("extraordinairement", strings.TrimSuffix(tx.Text, "-")) {
						broken++
					}
				}
			}
			if len(seen) != len(words) {
				t.Errorf("%d images drawn, want %d", len(seen), len(words))
			}
			if broken == 0 {
				t.Error("no line breaks inside the word: the test tests nothing")
			}
		})
	}
}

// onLine reports whether text's baseline crosses the image.
func onLine(text page.Text, im page.Image) bool {
	return text.Y >= im.Y && text.Y <= im.Y+im.H
}
