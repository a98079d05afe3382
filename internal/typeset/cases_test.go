package typeset

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/page"
)

// TestLayoutCases sets each named case of testdata/cases (a section in
// Markdown, its images drawn by the test) in the sample's layout and
// compares its pages with the golden dump beside it (NAME.layout.txt;
// go test ./internal/typeset -update rewrites them),
// and checks the facts each case is about: the page each id is set on, and
// the pages that must be full.
func TestLayoutCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		at   map[string]int // id → the page it is set on
		full []int          // pages whose text must reach the foot of the text block
	}{
		// the figure does not fit where it is called: the text after it
		// fills the page, and it goes to the top of the next page, before
		// the next heading of its level
		{"figure-too-tall", map[string]int{"fig-tall": 4, "next": 4}, []int{3}},
		// the box does not fit where it is called and the next heading
		// would leave the page short: it goes up, below the heading of its
		// part, not past the next heading, and the text fills the page
		{"box-before-heading", map[string]int{"part-box": 3, "box-late": 3, "after": 4}, []int{3}},
		// the table splits between rows, its header repeated on the next page
		{"table-splits", map[string]int{}, []int{3}},
		// a heading with no room for its lines below it starts the next
		// page, and the page before is stretched to the foot
		{"short-page", map[string]int{"moved": 4}, []int{3}},
	}
	m := newMarkdownSetter(t, "en")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", "cases", tc.name+".md"))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			writePNG(t, filepath.Join(dir, "images", "tall.png"), 1600, 1500)
			var diags diag.List
			d := m.setIn(t, "Cases", string(src), dir, &diags)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			golden(t, filepath.Join("testdata", "cases", tc.name+".layout.txt"), dump(d))
			for id, want := range tc.at {
				if got, ok := d.Anchors[id]; !ok || got.Page != want {
					t.Errorf("#%s set on page %d, want %d", id, got.Page, want)
				}
			}
			for _, n := range tc.full {
				if gap := footGap(d, m, n); gap > 8 {
					t.Errorf("page %d ends %.1f pt above the foot of its text block", n, gap)
				}
			}
			if tc.name == "table-splits" && !repeatsHeader(d) {
				t.Error("the table's header is not repeated on the page it goes on to")
			}
		})
	}
}

// footGap is how far above the foot of the text block the lowest text of
// page n (from 1) ends.
func footGap(d *page.Document, m *markdownSetter, n int) float64 {
	l := m.layout
	foot := l.Page.Margin.Top*MM + (d.Height - (l.Page.Margin.Top+l.Page.Margin.Bottom)*MM)
	low := 0.0
	for _, it := range d.Pages[n-1].Items {
		if tx, ok := it.(page.Text); ok && tx.Y < foot {
			low = max(low, tx.Y+tx.Size*0.25)
		}
	}
	return foot - low
}

// repeatsHeader reports whether two pages both start their text with the
// table's first header cell.
func repeatsHeader(d *page.Document) bool {
	n := 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(page.Text); ok && strings.TrimSpace(tx.Text) == "Role" {
				n++
				break
			}
		}
	}
	return n >= 2
}

// writePNG writes a grey image of w×h pixels at path, its folder made.
func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xc0
	}
	img.Set(0, 0, color.Black)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
