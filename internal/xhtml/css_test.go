package xhtml

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// edition is an edition of layout l as resolve makes it, for its stylesheet.
func edition(l *style.Layout) *resolve.Edition {
	return &resolve.Edition{Layout: l, Screen: style.ScreenColors(l.Colors)}
}

// themes are the backgrounds of reading systems' themes: white, sepia,
// grey, dark grey and black.
func themes() map[string]style.Color {
	out := map[string]style.Color{}
	for _, th := range style.Themes() {
		out[th.Name] = th.Background
	}
	return out
}

// cssRule is one rule of a stylesheet: its selector, the media query it is
// inside ("" for none) and its declarations.
type cssRule struct {
	sel, media string
	decls      map[string]string
}

// parseCSS reads the rules of a stylesheet folio writes (no comments inside
// rules, @media blocks one deep).
func parseCSS(css string) []cssRule {
	var out []cssRule
	media := regexp.MustCompile(`(?s)@media ([^{]+)\{((?:[^{}]*\{[^}]*\})*)\s*\}`)
	rule := regexp.MustCompile(`(?s)([^{}]+)\{([^}]*)\}`)
	read := func(css, in string) {
		for _, m := range rule.FindAllStringSubmatch(css, -1) {
			r := cssRule{sel: strings.TrimSpace(m[1][strings.LastIndex(m[1], "*/")+1:]), media: in, decls: map[string]string{}}
			for _, d := range strings.Split(m[2], ";") {
				if prop, value, ok := strings.Cut(strings.TrimSpace(d), ":"); ok {
					r.decls[strings.TrimSpace(prop)] = strings.TrimSpace(value)
				}
			}
			out = append(out, r)
		}
	}
	for _, m := range media.FindAllStringSubmatch(css, -1) {
		read(m[2], strings.TrimSpace(m[1]))
	}
	read(media.ReplaceAllString(css, ""), "")
	return out
}

// TestStylesheetFollowsTheTheme: the text colour is the reader's; a colour
// the stylesheet gives text reads at 4.5:1 (3:1 for large text) on the
// background its rule gives, or, without one, on every theme (white, sepia,
// grey, dark grey, black) — in practice only the title page's band and the
// note numbers, which keep their own colours, have any; backgrounds
// elsewhere are translucent. The layout's accent is on marks that are not
// text (the rule under a first-level heading, list bullets, borders), which
// read at 3:1 on white, sepia, dark grey and black (on grey no colour that
// reads on white can: there they are decoration, WCAG 1.4.11). A dark
// colour scheme has a rule of its own; the body has margins. For the
// built-in layouts and for accents light and dark.
func TestStylesheetFollowsTheTheme(t *testing.T) {
	for _, tc := range []struct{ layout, accent string }{
		{"backgrounder", ""}, {"base", ""}, {"base", "#ffd400"}, {"base", "#8a1538"}, {"base", "#000000"},
	} {
		t.Run(tc.layout+tc.accent, func(t *testing.T) {
			l, err := style.LoadLayout(overlay.Folder("../../layouts"), tc.layout)
			if err != nil {
				t.Fatal(err)
			}
			if tc.accent != "" {
				if l.Colors.Accent, err = style.ParseColor(tc.accent); err != nil {
					t.Fatal(err)
				}
			}
			ed := edition(l)
			css := string(New(ed, Options{}).Stylesheet())
			checkThemed(t, parseCSS(css))
			if !ed.Screen.Accent.OK || !strings.Contains(css, "h1:not(.title)::after {") || !strings.Contains(css, "border-bottom: 0.15em solid "+ed.Screen.Accent.Color.Hex()) {
				t.Errorf("no rule in the accent %s under first-level headings", ed.Screen.Accent.Color.Hex())
			}
		})
	}
}

// TestWebStylesheetColours: the web edition sets the page's colours, white
// and, in the dark scheme, black: every colour it gives text reads on the
// page of its scheme at 4.5:1 (3:1 for large text), its headings in the
// layout's accent made to.
func TestWebStylesheetColours(t *testing.T) {
	for _, accent := range []string{"#00577d", "#ffd400", "#8a1538", "#000000"} {
		l, err := style.LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
		if err != nil {
			t.Fatal(err)
		}
		if l.Colors.Accent, err = style.ParseColor(accent); err != nil {
			t.Fatal(err)
		}
		ed := edition(l)
		css := string(New(ed, Options{Web: true}).WebStylesheet())
		headings := 0
		for _, r := range parseCSS(css) {
			value, ok := r.decls["color"]
			_, hasBG := r.decls["background-color"]
			if !ok || hasBG || value == "inherit" || r.media == "print" || strings.HasSuffix(r.sel, "::marker") {
				continue
			}
			c, err := style.ParseColor(value)
			if err != nil {
				t.Errorf("%s: color %s", r.sel, value)
				continue
			}
			page := style.Color{R: 255, G: 255, B: 255}
			if r.media == "(prefers-color-scheme: dark)" {
				page = style.Color{}
			}
			if r.sel == "h1, h2" {
				headings++
			}
			if got := style.Contrast(c, page); got < 4.5 {
				t.Errorf("%s: %s (%s) has contrast %.2f on %s", accent, r.sel, value, got, page.Hex())
			}
		}
		if headings != 2 {
			t.Errorf("%s: %d rules colour the headings, want one for each scheme", accent, headings)
		}
	}
}

// checkThemed checks the colours of a stylesheet's rules against the themes
// (TestStylesheetFollowsTheTheme).
func checkThemed(t *testing.T, rules []cssRule) {
	t.Helper()
	dark := false
	hex := regexp.MustCompile(`#[0-9a-fA-F]{6}\b`)
	for _, r := range rules {
		dark = dark || r.media == "(prefers-color-scheme: dark)"
		bg, hasBG := r.decls["background-color"]
		value, hasColor := r.decls["color"]
		if hasBG && !strings.HasPrefix(bg, "rgba(") && !hasColor && r.media == "" {
			t.Errorf("%s: opaque background %s, and no colour of its own on it", r.sel, bg)
		}
		if r.sel == "body" && (r.decls["margin"] == "0" || r.decls["color"] != "") {
			t.Errorf("body: margin %q, color %q", r.decls["margin"], r.decls["color"])
		}
		for prop, v := range r.decls {
			if strings.HasPrefix(prop, "border") && hex.MatchString(v) {
				c, _ := style.ParseColor(hex.FindString(v))
				checkMark(t, r.sel+" "+prop, c)
			}
		}
		if !hasColor || value == "inherit" || value == "currentColor" {
			continue
		}
		c, err := style.ParseColor(value)
		if err != nil {
			t.Errorf("%s: color %s", r.sel, value)
			continue
		}
		if strings.HasSuffix(r.sel, "::marker") && !hasBG {
			checkMark(t, r.sel, c) // a bullet
			continue
		}
		need := 4.5
		if size, _ := strconv.ParseFloat(strings.TrimSuffix(r.decls["font-size"], "em"), 64); size >= 1.5 || size >= 1.2 && r.decls["font-weight"] == "bold" {
			need = 3 // large text: 18 pt, or 14 pt bold, for a body of 12 pt
		}
		on := themes()
		if hasBG {
			b, err := style.ParseColor(bg)
			if err != nil {
				t.Errorf("%s: background %s", r.sel, bg)
				continue
			}
			on = map[string]style.Color{bg: b}
		}
		for name, b := range on {
			if style.Contrast(c, b) < need {
				t.Errorf("%s: color %s has contrast %.2f on %s, under %.1f", r.sel, value, style.Contrast(c, b), name, need)
			}
		}
	}
	if !dark {
		t.Error("no rule for a dark colour scheme")
	}
}

// checkMark checks that a colour of what is not text (a rule, a border, a
// bullet) reads at 3:1 on every theme but grey.
func checkMark(t *testing.T, what string, c style.Color) {
	t.Helper()
	for name, b := range themes() {
		if got := style.Contrast(c, b); got < 3 && name != "grey" {
			t.Errorf("%s: %s has contrast %.2f on %s, under 3", what, c.Hex(), got, name)
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
	css := string(New(edition(l), Options{}).Stylesheet())
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
	css := string(New(edition(l), Options{}).Stylesheet())
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
	css := string(New(edition(l), Options{}).Stylesheet())
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

// TestNotesOnPhones: on a phone (under 30em; 16 px text) notes are set at
// 14 px at least, and a note's reference in the text and its number before
// the note are targets of 24 by 24 CSS pixels at least (WCAG 2.5.8), with
// margins that keep them out of the line's height. Measured in Chromium at
// 390 px: notes 14.4 px, references 24×24, numbers 33.8×26, the page as
// tall as without them.
func TestNotesOnPhones(t *testing.T) {
	for _, name := range []string{"backgrounder", "base"} {
		l, err := style.LoadLayout(overlay.Folder("../../layouts"), name)
		if err != nil {
			t.Fatal(err)
		}
		rules := map[string]map[string]string{}
		for _, r := range parseCSS(string(New(edition(l), Options{}).Stylesheet())) {
			if r.media == "(max-width: 30em)" {
				rules[r.sel] = r.decls
			}
		}
		ems := func(sel, prop string) float64 {
			v, err := strconv.ParseFloat(strings.TrimSuffix(strings.Fields(rules[sel][prop] + " 0")[0], "em"), 64)
			if err != nil {
				t.Errorf("%s: %s %q", sel, prop, rules[sel][prop])
			}
			return v
		}
		notes := 16 * ems("section.footnotes", "font-size")
		if notes < 14 {
			t.Errorf("%s: notes at %.1f px", name, notes)
		}
		ref, sup := "sup a[role=\"doc-noteref\"]", 16*0.75
		refH := sup * (ems(ref, "line-height") + 2*ems(ref, "padding"))
		if w := sup * ems(ref, "min-width"); w < 24 || refH < 24 || ems(ref, "margin") != -ems(ref, "padding") {
			t.Errorf("%s: a note reference is %.1f×%.1f px, margins %s", name, w, refH, rules[ref]["margin"])
		}
		num := "aside.footnote .note-number"
		numH := notes * (1.15 + ems(num, "border-top") + ems(num, "border-bottom")) // the line of a font at normal line height
		if w := notes * ems(num, "min-width"); w < 24 || numH < 24 || ems(num, "margin-top") != -ems(num, "border-top") {
			t.Errorf("%s: a note's number is %.1f×%.1f px", name, w, numH)
		}
	}
}
