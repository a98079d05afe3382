package xhtml

import (
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

func TestThemed(t *testing.T) {
	white, black := style.Color{R: 255, G: 255, B: 255}, style.Color{}
	for _, hex := range []string{"#00577d", "#1f3f66", "#5f6b76", "#ffff00", "#ffffff", "#000000", "#777777", "#e6f0f4"} {
		c, err := style.ParseColor(hex)
		if err != nil {
			t.Fatal(err)
		}
		got, err := style.ParseColor(themed(c))
		if err != nil {
			t.Fatalf("%s: themed gives %q", hex, themed(c))
		}
		if Contrast(got, white) < 4.5 || Contrast(got, black) < 4.5 {
			t.Errorf("%s → %s: contrast %.2f on white, %.2f on black", hex, got.Hex(), Contrast(got, white), Contrast(got, black))
		}
	}
}

// TestStylesheetFollowsTheTheme: the text colour is the reader's; every colour
// given reads at 4.5:1 on light and night themes, but on the title page's band,
// which keeps its own background, and in boxes, whose tint would lower the
// contrast: there text keeps the reader's colour; backgrounds are translucent;
// the body has margins.
func TestStylesheetFollowsTheTheme(t *testing.T) {
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	css := string(New(&resolve.Edition{Layout: l}, Options{}).Stylesheet())
	white, black := style.Color{R: 255, G: 255, B: 255}, style.Color{}
	rule := regexp.MustCompile(`(?s)([^{}]+)\{([^}]*)\}`)
	for _, m := range rule.FindAllStringSubmatch(css, -1) {
		sel, body := strings.TrimSpace(m[1]), m[2]
		onBand := strings.HasPrefix(sel, ".titlepage .band") || strings.HasPrefix(sel, ".titlepage .series")
		for _, d := range strings.Split(body, ";") {
			prop, value, _ := strings.Cut(strings.TrimSpace(d), ":")
			value = strings.TrimSpace(value)
			switch {
			case prop == "color" && strings.HasPrefix(sel, "aside.box"):
				if value != "inherit" {
					t.Errorf("%s: color %s on the box's tint", sel, value)
				}
			case prop == "color" && !onBand:
				c, err := style.ParseColor(value)
				if err != nil {
					t.Errorf("%s: color %s", sel, value)
					continue
				}
				if Contrast(c, white) < 4.5 || Contrast(c, black) < 4.5 {
					t.Errorf("%s: color %s has contrast %.2f on white, %.2f on black", sel, value, Contrast(c, white), Contrast(c, black))
				}
				if c == l.Colors.Text {
					t.Errorf("%s: the layout's text colour is set", sel)
				}
			case prop == "background-color" && !onBand && !strings.HasPrefix(value, "rgba("):
				t.Errorf("%s: opaque background %s", sel, value)
			case sel == "body" && prop == "margin" && value == "0":
				t.Error("the body has no margins")
			case sel == "body" && prop == "color":
				t.Error("the body sets the text colour")
			}
		}
	}
}

// TestNothingRunsOffTheScreen: code keeps its line breaks and spaces but
// wraps, and a word or address wider than the screen breaks (every element
// inherits the body's overflow-wrap).
func TestNothingRunsOffTheScreen(t *testing.T) {
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	css := string(New(&resolve.Edition{Layout: l}, Options{}).Stylesheet())
	for sel, want := range map[string]string{"pre": "white-space: pre-wrap", "body": "overflow-wrap: break-word"} {
		m := regexp.MustCompile(`(?m)^` + sel + ` \{([^}]*)\}`).FindStringSubmatch(css)
		if m == nil || !strings.Contains(m[1], want) {
			t.Errorf("%s: no %q in %v", sel, want, m)
		}
	}
}

// TestMeasureFitsTheScreen: on a phone the text is set ragged (too few
// characters a line to justify well), and on a wide screen it keeps a
// readable measure, centred.
func TestMeasureFitsTheScreen(t *testing.T) {
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	css := string(New(&resolve.Edition{Layout: l}, Options{}).Stylesheet())
	for media, want := range map[string][]string{
		"max-width: 30em": {"text-align: left"},
		"min-width: 48em": {"max-width: 36em", "margin: 0 auto"},
	} {
		m := regexp.MustCompile(`@media \(` + media + `\) \{\s*body \{([^}]*)\}`).FindStringSubmatch(css)
		for _, w := range want {
			if m == nil || !strings.Contains(m[1], w) {
				t.Errorf("@media (%s): no %q for the body in %v", media, w, m)
			}
		}
	}
}

// TestStylesheetReadsTheBlockTable: the stylesheet indents and spaces
// blocks as the layout's one table of block kinds says, which typesetting
// reads too: a changed layout changes both.
func TestStylesheetReadsTheBlockTable(t *testing.T) {
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	l.List.Indent = 11
	l.Text.Box.Leading = 20
	l.Text.Caption.SpaceAfter = 12
	l.Text.Code.Font.Name = "sans"
	css := string(New(&resolve.Edition{Layout: l}, Options{}).Stylesheet())
	body := l.Text.Body.Size
	box, fig, quote, list := l.Block(style.BlockBox), l.Block(style.BlockFigure), l.Block(style.BlockQuote), l.Block(style.BlockList)
	for _, tc := range []struct{ sel, want string }{
		{"blockquote", "margin: 0 0 " + em(quote.SpaceAfter, body) + " " + em(quote.Indent*style.MM, body)},
		{"ul, ol", "padding-left: " + em(list.Indent*style.MM, body)},
		{"aside.box", "margin: " + em(box.SpaceBefore, box.Text.Size) + " 0 " + em(box.SpaceAfter, box.Text.Size) + " 0"},
		{"figure", "margin: " + em(fig.SpaceBefore, body) + " 0 " + em(fig.SpaceAfter, body) + " 0"},
		{"pre", `font-family: "folio-sans"`},
	} {
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(tc.sel) + ` \{([^}]*)\}`).FindStringSubmatch(css)
		if m == nil || !strings.Contains(m[1], tc.want) {
			t.Errorf("%s: no %q in %v", tc.sel, tc.want, m)
		}
	}
}
