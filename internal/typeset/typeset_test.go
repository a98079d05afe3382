package typeset

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/source"
	"github.com/folio-pub/folio/internal/style"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sample typesets one edition of the sample publication.
func sample(t testing.TB, lang string) (*resolve.Edition, *page.Document) {
	t.Helper()
	return sampleWith(t, lang, func(*style.Layout) {})
}

// sampleWith typesets one edition of the sample with its layout changed by change.
func sampleWith(t testing.TB, lang string, change func(*style.Layout)) (*resolve.Edition, *page.Document) {
	t.Helper()
	var diags diag.List
	ed, d := sampleDiags(t, lang, change, &diags)
	return ed, d
}

// sampleDiags is sampleWith, its warnings added to diags.
func sampleDiags(t testing.TB, lang string, change func(*style.Layout), diags *diag.List) (*resolve.Edition, *page.Document) {
	t.Helper()
	pub := source.NewReader("../../source").Read("civil-society", []string{lang}, diags)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), pub.Layout)
	if err != nil {
		t.Fatal(err)
	}
	w, err := style.LoadWords(overlay.Folder("../../layouts"), lang)
	if err != nil {
		t.Fatal(err)
	}
	change(l)
	ed := resolve.Resolve(pub.Editions[0], l, w)
	fs, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Typeset(context.Background(), ed, Options{Fonts: fs}, diags)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags.Error())
	}
	return ed, d
}

// dump writes every page: its text line by line with the baseline position,
// then its other items (boxes, rules, images, link areas), so that any change
// in line or page breaking, or in what is drawn, shows in a diff.
func dump(d *page.Document) string {
	var b strings.Builder
	for _, p := range d.Pages {
		fmt.Fprintf(&b, "=== page %d (%s)", p.Number, p.Label)
		if p.Section != "" {
			fmt.Fprintf(&b, " [%s]", p.Section)
		}
		b.WriteString("\n")
		type piece struct {
			x    float64
			text string
		}
		lines := map[int][]piece{}
		var others []string
		for _, it := range p.Items {
			switch it := it.(type) {
			case page.Text:
				y := int(math.Round(it.Y))
				// a word keeps the space after it as text; the look is what is pinned
				if it.Text != " " {
					lines[y] = append(lines[y], piece{it.X, strings.TrimSuffix(it.Text, " ")})
				}
			case page.Rect:
				others = append(others, fmt.Sprintf("rect %.0f,%.0f %.0fx%.0f %s", it.X, it.Y, it.W, it.H, it.Fill.Hex()))
			case page.Line:
				dots := ""
				if it.Dots > 0 {
					dots = fmt.Sprintf(" dots %.1f", it.Dots)
				}
				others = append(others, fmt.Sprintf("line %.0f,%.0f-%.0f,%.0f %.1fpt %s%s", it.X1, it.Y1, it.X2, it.Y2, it.Width, it.Color.Hex(), dots))
			case page.Image:
				others = append(others, fmt.Sprintf("image %.0f,%.0f %.0fx%.0f %s %s", it.X, it.Y, it.W, it.H, it.Format, filepath.Base(it.Path)))
			case page.Link:
				to := it.URL
				if to == "" {
					to = "#" + it.Anchor
				}
				others = append(others, fmt.Sprintf("link %.0f,%.0f %.0fx%.0f %s", it.X, it.Y, it.W, it.H, to))
			default:
				others = append(others, fmt.Sprintf("unknown %T", it))
			}
		}
		ys := make([]int, 0, len(lines))
		for y := range lines {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		for _, y := range ys {
			ps := lines[y]
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].x < ps[j].x })
			var words []string
			for _, p := range ps {
				words = append(words, p.text)
			}
			fmt.Fprintf(&b, "%4d %s\n", y, strings.Join(words, " "))
		}
		for _, o := range others {
			fmt.Fprintf(&b, "     %s\n", o)
		}
	}
	return b.String()
}

func TestGoldenLayout(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "fr"} {
		_, d := sample(t, lang)
		golden(t, filepath.Join("testdata", "civil-society."+lang+".layout.txt"), dump(d))
	}
}

// golden compares got with the golden file, or, with -update, writes it.
func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/typeset -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("the pages drifted from %s; if the change is meant, run go test ./internal/typeset -update and review the diff", file)
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "fr"} {
		ed, d := sample(t, lang)
		if n := len(d.Pages); n < 8 || n > 16 || n%2 != 0 {
			t.Errorf("%s: %d pages, want an even count from 8 to 16", lang, n)
		}
		// every footnote is set on the page where it is referenced
		for _, n := range ed.Doc.Notes {
			note, ok := d.Anchors[n.ID]
			if !ok {
				t.Errorf("%s: note %d not set", lang, n.Number)
				continue
			}
			ref := refPage(d, n.ID)
			if ref != note.Page {
				t.Errorf("%s: note %d referenced on page %d but set on page %d", lang, n.Number, ref, note.Page)
			}
		}
		// every section and heading is placed, and bookmarks nest from level 0
		for _, s := range ed.Sections {
			if _, ok := d.Anchors[s.ID]; !ok {
				t.Errorf("%s: section %s has no anchor", lang, s.ID)
			}
		}
		if len(d.Outline) < len(ed.Sections) || d.Outline[0].Level != 0 {
			t.Errorf("%s: outline %v", lang, d.Outline)
		}
		// text stays inside the text block horizontally
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if tx, ok := it.(page.Text); ok {
					end := tx.X + tx.Face.Width(tx.Text, tx.Size)
					if tx.X < 0 || end > d.Width-15*MM {
						t.Errorf("%s page %d: %q runs from %.1f to %.1f", lang, p.Number, tx.Text, tx.X, end)
					}
				}
			}
		}
	}
}

// refPage finds the page holding the link to a note.
func refPage(d *page.Document, anchor string) int {
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if l, ok := it.(page.Link); ok && l.Anchor == anchor {
				return p.Number
			}
		}
	}
	return -1
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	_, a := sample(t, "fr")
	_, b := sample(t, "fr")
	if dump(a) != dump(b) {
		t.Error("two typesettings of the same edition differ")
	}
}

// BenchmarkTypeset measures typesetting one edition of the sample.
// BenchmarkTypeset sets each edition of the sample, and again without
// hyphenation: the difference is what hyphenation costs an edition (kerning's
// cost is in package fonts' BenchmarkWidth); and with its references' pages
// (references: page), set until the pages settle.
func BenchmarkTypeset(b *testing.B) {
	for _, lang := range []string{"en", "fr"} {
		var diags diag.List
		pub := source.NewReader("../../source").Read("civil-society", []string{lang}, &diags)
		l, _ := style.LoadLayout(overlay.Folder("../../layouts"), pub.Layout)
		w, _ := style.LoadWords(overlay.Folder("../../layouts"), lang)
		plain := *w
		plain.Hyphenator = nil
		fs, _ := fonts.Load(overlay.Folder("../../fonts"))
		opt := Options{Fonts: fs}
		paged := *l
		paged.References.Page = true
		for _, c := range []struct {
			name   string
			words  *style.Words
			layout *style.Layout
		}{{"hyphenated", w, l}, {"unhyphenated", &plain, l}, {"reference-pages", w, &paged}} {
			ed := resolve.Resolve(pub.Editions[0], c.layout, c.words)
			b.Run(lang+"/"+c.name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := Typeset(context.Background(), ed, opt, &diags); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkLineBreaking compares Knuth–Plass with first-fit (the baseline) on
// the paragraphs of the sample.
func BenchmarkLineBreaking(b *testing.B) {
	paras := sampleWords(b)
	b.Run("greedy", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, p := range paras {
				greedy(p, 470)
			}
		}
	})
	b.Run("knuth-plass", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, p := range paras {
				knuthPlass(p, 470)
			}
		}
	})
}

// sampleWords returns the words of every paragraph of the English sample.
func sampleWords(t testing.TB) [][]word {
	var diags diag.List
	pub := source.NewReader("../../source").Read("civil-society", []string{"en"}, &diags)
	fs, _ := fonts.Load(overlay.Folder("../../fonts"))
	l, _ := style.LoadLayout(overlay.Folder("../../layouts"), pub.Layout)
	face, _ := fs.Face("serif", style.Regular)
	st := &textStyle{size: 10.5, leading: 14.5, faces: [4]*fonts.Face{face, face, face, face}, code: face, align: l.Text.Body.Align}
	var out [][]word
	doc.Walk(pub.Editions[0], func(bl doc.Block) {
		if p, ok := bl.(*doc.Paragraph); ok {
			wb := &wordBuilder{st: st, diags: &diags}
			wb.inlines(p.Content, inlineState{})
			wb.flush(0)
			out = append(out, wb.words)
		}
	})
	return out
}

// TestKnuthPlassEvensSpacing: optimal breaking never leaves a line looser than
// first-fit's loosest, and every line fits (spaces shrink by spaceShrink at most).
func TestKnuthPlassEvensSpacing(t *testing.T) {
	t.Parallel()
	const width = 300
	worst := func(words []word, breaks []int) float64 {
		w, start := 0.0, 0
		for li, end := range breaks {
			if li == len(breaks)-1 {
				break
			}
			nat, sp := 0.0, 0.0
			for i := start; i < end; i++ {
				nat += words[i].width
				if i < end-1 {
					sp += words[i].space
				}
			}
			if nat*(1-glyphScale)+sp*(1-spaceShrink) > width+0.01 && end-start > 1 {
				t.Fatalf("line of %.1fpt (spaces and letters shrunk) exceeds %dpt", nat*(1-glyphScale)+sp*(1-spaceShrink), width)
			}
			if end-start > 1 {
				w = math.Max(w, (width-nat)/sp) // space stretch factor
			}
			start = end
		}
		return w
	}
	better := 0
	for _, p := range sampleWords(t) {
		kp, _ := knuthPlass(p, width)
		if kp == nil {
			continue
		}
		g := greedy(p, width)
		if worst(p, kp) > worst(p, g)+1e-9 {
			t.Errorf("Knuth–Plass's loosest line is looser than first-fit's")
		}
		if worst(p, kp) < worst(p, g)-1e-9 {
			better++
		}
	}
	if better == 0 {
		t.Error("Knuth–Plass never improved on first-fit")
	}
}

// TestPages pins the sample's pagination: the page count and the page each
// section, box and figure starts on.
func TestPages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang  string
		pages int
		at    map[string]int // id → page
	}{
		{"en", 12, map[string]int{
			"what-is-civil-society": 3, "box-ssg": 4, "how-can-civil-society-improve-ssg": 5, "fig-actors": 4,
			"box-access-to-information": 6, "how-can-civil-society-help-institutions": 7,
			"when-does-civil-society-make-insecurity-worse": 8, "box-vigilantes": 9,
			"what-challenges-does-civil-society-face": 10,
		}},
		{"fr", 14, map[string]int{
			"what-is-civil-society": 3, "how-can-civil-society-improve-ssg": 5, "fig-actors": 5,
			"how-can-civil-society-help-institutions": 8, "box-access-to-information": 7,
			"when-does-civil-society-make-insecurity-worse": 9, "box-vigilantes": 10,
			"what-challenges-does-civil-society-face": 11,
		}},
	}
	for _, tc := range tests {
		ed, d := sample(t, tc.lang)
		if len(d.Pages) != tc.pages {
			t.Errorf("%s: %d pages, want %d", tc.lang, len(d.Pages), tc.pages)
		}
		if ed.Sections[0].Role.HoldsContents {
			if got := d.Anchors[ed.Sections[0].ID].Page; got != 2 {
				t.Errorf("%s: the about text starts on page %d, want 2 (after the cover)", tc.lang, got)
			}
		}
		for id, want := range tc.at {
			if got, ok := d.Anchors[id]; !ok || got.Page != want {
				t.Errorf("%s: #%s on page %d, want %d", tc.lang, id, got.Page, want)
			}
		}
	}
}

// TestRunningHeadSection: {section} names the first section begun on a page,
// or the one going on.
func TestRunningHeadSection(t *testing.T) {
	t.Parallel()
	_, d := sampleWith(t, "en", func(l *style.Layout) { l.Running.HeaderRight = "{section}"; l.Running.Omit = nil })
	head := func(p *page.Page) string {
		var top []string
		for _, it := range p.Items {
			if tx, ok := it.(page.Text); ok && tx.Y < 22*MM {
				top = append(top, tx.Text)
			}
		}
		return strings.Join(top, " | ")
	}
	for page, want := range map[int]string{
		3: "What is civil society?",
		5: "How can civil society improve SSG?", // begins on page 5, after the end of section 1
		6: "How can civil society improve SSG?", // goes on
	} {
		if got := head(d.Pages[page-1]); !strings.Contains(got, want) {
			t.Errorf("page %d running head %q, want %q", page, got, want)
		}
	}
}

// TestStats pins the sample's typesetting figures, as folio build --report
// gives them: no overfull or emergency line, never more than two hyphenated
// lines in a row, no box split, no keep broken; the French roles table goes
// on to a second page.
func TestStats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang        string
		tableSplits int
	}{{"en", 0}, {"fr", 1}} {
		lang := tc.lang
		_, d := sample(t, lang)
		s := d.Stats
		if s.Pages != len(d.Pages) || s.Lines < 200 || s.TableSplits != tc.tableSplits {
			t.Errorf("%s: %+v", lang, s)
		}
		if s.HyphenatedLines == 0 || s.LongestHyphenRun > maxHyphenRun || s.OverfullLines != 0 || s.EmergencyLines != 0 || s.BoxSplits != 0 || s.KeepsBroken != 0 {
			t.Errorf("%s: %+v", lang, s)
		}
		if s.LooseLines > s.Lines/20 {
			t.Errorf("%s: %d loose lines of %d", lang, s.LooseLines, s.Lines)
		}
		// a line ending in a hyphen that breaks a word is counted
		hy := 0
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if tx, ok := it.(page.Text); ok && strings.HasSuffix(strings.TrimSpace(tx.Text), "-") && tx.Size > 11 {
					hy++
				}
			}
		}
		if hy != s.HyphenatedLines {
			t.Errorf("%s: %d body lines drawn ending in a hyphen, %d counted", lang, hy, s.HyphenatedLines)
		}
	}
}

// TestRunningHeadOmitted: the sample's layout leaves the running head off the
// front matter and the pages that open with a section's heading; a page on
// which a section begins lower down keeps it. Folios stay on all of them.
func TestRunningHeadOmitted(t *testing.T) {
	t.Parallel()
	_, d := sample(t, "en")
	top := func(p *page.Page) (head, foot int) {
		for _, it := range p.Items {
			if tx, ok := it.(page.Text); ok && tx.Y < 22*MM {
				head++
			}
			if tx, ok := it.(page.Text); ok && tx.Y > d.Height-24*MM {
				foot++
			}
		}
		return head, foot
	}
	// page 3 opens with section 1; section 2 begins halfway down page 5
	for page, want := range map[int]bool{2: false, 3: false, 4: true, 5: true, 6: true} {
		head, foot := top(d.Pages[page-1])
		if (head > 0) != want || foot == 0 {
			t.Errorf("page %d: %d running head items, %d folio items; want a running head: %v", page, head, foot, want)
		}
	}
}

// TestReferencePages: with the layout's references: page, each
// cross-reference of the sample is followed by the printed page its target
// is on (the edition set again until the pages settle); without it, by none.
func TestReferencePages(t *testing.T) {
	t.Parallel()
	refs := map[string]map[string]string{
		"en": {"fig-actors": "Figure\u00a01", "tbl-roles": "Table\u00a01", "box-ssg": "Box\u00a01", "box-access-to-information": "Box\u00a02", "sec-oversight": "Section\u00a02.1"},
		"fr": {"fig-actors": "figure\u00a01", "tbl-roles": "tableau\u00a01", "box-ssg": "encadré\u00a01", "box-access-to-information": "encadré\u00a02", "sec-oversight": "section\u00a02.1"},
	}
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			for _, paged := range []bool{false, true} {
				_, d := sampleWith(t, lang, func(l *style.Layout) { l.References.Page = paged })
				var text strings.Builder
				for _, p := range d.Pages {
					for _, it := range p.Items {
						if tx, ok := it.(page.Text); ok {
							text.WriteString(tx.Text)
						}
					}
					text.WriteString(" ")
				}
				for id, ref := range refs[lang] {
					dest := d.Anchors[id]
					if dest.Page < 1 {
						t.Fatalf("no anchor #%s", id)
					}
					withPage := ref + ", p.\u00a0" + d.Pages[dest.Page-1].Label
					if got := strings.Contains(text.String(), withPage); got != paged {
						t.Errorf("references: page %v: %q in the text: %v", paged, withPage, got)
					}
					if !strings.Contains(text.String(), ref) {
						t.Errorf("no reference %q in the text", ref)
					}
				}
			}
		})
	}
}
