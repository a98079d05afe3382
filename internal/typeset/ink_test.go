package typeset

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

func mustColor(t *testing.T, s string) style.Color {
	t.Helper()
	c, err := style.ParseColor(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestInkLimit: an area over the layout's ink limit is a warning that names
// its page, once a page; the sample's own colours are under it.
func TestInkLimit(t *testing.T) {
	t.Parallel()
	var clean diag.List
	sampleDiags(t, "en", func(*style.Layout) {}, &clean)
	if msg := clean.Error(); regexp.MustCompile(`ink`).MatchString(msg) {
		t.Errorf("the sample's colours warn: %s", msg)
	}
	var diags diag.List
	_, d := sampleDiags(t, "en", func(l *style.Layout) {
		l.Colors.BoxBackground = mustColor(t, "cmyk(100, 100, 100, 100)")
	}, &diags)
	var boxPages []int
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if r, ok := it.(page.Rect); ok && r.Fill.Ink() == 400 {
				boxPages = append(boxPages, p.Number)
				break
			}
		}
	}
	if len(boxPages) == 0 {
		t.Fatal("no page has the box background")
	}
	msg := diags.Error()
	for _, n := range boxPages {
		re := regexp.MustCompile(`warning: page ` + strconv.Itoa(n) + `: an area of 400 % ink \(cmyk\(100, 100, 100, 100\)\) is over the print condition's limit of 300 % \(print: ink-limit\)`)
		if got := len(re.FindAllString(msg, -1)); got != 1 {
			t.Errorf("page %d: %d warnings, want 1:\n%s", n, got, msg)
		}
	}
}

// TestRichBlack: the layout's rich black replaces black in large areas
// only; text stays on black ink alone.
func TestRichBlack(t *testing.T) {
	t.Parallel()
	_, d := sampleWith(t, "en", func(l *style.Layout) {
		l.Colors.CoverBand = mustColor(t, "cmyk(0, 0, 0, 100)")
		l.Print.RichBlack = mustColor(t, "cmyk(60, 40, 40, 100)")
	})
	rich, text := 0, 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			switch it := it.(type) {
			case page.Rect:
				if it.Fill.CMYK == [4]float64{0.6, 0.4, 0.4, 1} {
					rich++
					if it.W < richBlackMin || it.H < richBlackMin {
						t.Errorf("page %d: rich black in a %.0f × %.0f pt area", p.Number, it.W, it.H)
					}
				}
			case page.Text:
				if it.Color.CMYK == [4]float64{0, 0, 0, 1} {
					text++
				}
			}
		}
	}
	if rich == 0 || text == 0 {
		t.Errorf("%d rich black areas, %d runs of text on black alone; want some of each", rich, text)
	}
}

// TestLinkDesc: each link area says where it goes: a note's word and
// number, a URL's host, an internal link's text.
func TestLinkDesc(t *testing.T) {
	t.Parallel()
	_, d := sample(t, "en")
	notes, sites := 0, 0
	for _, p := range d.Pages {
		for _, it := range p.Items {
			l, ok := it.(page.Link)
			if !ok {
				continue
			}
			switch {
			case l.Desc == "":
				t.Errorf("page %d: a link to %q%q with no description", p.Number, l.URL, l.Anchor)
			case strings.HasPrefix(l.Anchor, "fn"):
				if !regexp.MustCompile(`^Note \d+$`).MatchString(l.Desc) {
					t.Errorf("note link described %q, want Note N", l.Desc)
				}
				notes++
			case l.URL != "":
				if strings.Contains(l.Desc, "/") {
					t.Errorf("URL %s described %q, want its host", l.URL, l.Desc)
				}
				sites++
			}
		}
	}
	if notes == 0 || sites == 0 {
		t.Errorf("%d note links, %d URL links: the sample has both", notes, sites)
	}
}
