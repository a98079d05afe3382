package typeset

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// setter returns a typesetter for the sample's edition in lang, and its diagnostics.
func setter(t *testing.T, lang string) (*typesetter, *diag.List) {
	t.Helper()
	ed, _ := sample(t, lang)
	fs, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	ts := newTypesetter(ed, Options{Fonts: fs}, &diags)
	if ts == nil {
		t.Fatal(diags.Error())
	}
	return ts, &diags
}

// texts returns the text of each line.
func texts(lines []line) []string {
	var out []string
	for _, l := range lines {
		var ws []string
		for _, w := range l.words {
			ws = append(ws, w.text())
		}
		out = append(out, strings.Join(ws, " "))
	}
	return out
}

// ends returns the line endings that break a word: "orga-|nisation".
func ends(lines []string) []string {
	var out []string
	for i := 0; i+1 < len(lines); i++ {
		l := lines[i]
		if strings.HasSuffix(l, "-") {
			a := l[strings.LastIndex(l, " ")+1:]
			b, _, _ := strings.Cut(lines[i+1], " ")
			out = append(out, a+"|"+b)
		}
	}
	return out
}

func TestHyphenatedParagraphs(t *testing.T) {
	t.Parallel()
	en, _ := setter(t, "en")
	fr, _ := setter(t, "fr")
	body := func(ts *typesetter) *textStyle { return ts.st(&ts.l.Text.Body) }
	text := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }

	t.Run("known breaks, never three in a row", func(t *testing.T) {
		para := strings.Repeat("Organisation accountability governance parliamentary institutionalisation representation. ", 8)
		for _, w := range []float64{120, 150, 200} {
			lines := texts(en.lines(text(para), body(en), w, nil))
			run := 0
			for _, l := range lines {
				if strings.HasSuffix(l, "-") {
					run++
				} else {
					run = 0
				}
				if run > maxHyphenRun {
					t.Fatalf("width %v: %d hyphenated lines in a row:\n%s", w, run, strings.Join(lines, "\n"))
				}
			}
			if len(ends(lines)) == 0 {
				t.Errorf("width %v: no word hyphenated:\n%s", w, strings.Join(lines, "\n"))
			}
			for _, e := range ends(lines) {
				// at a point the patterns give (tested in package hyphen)
				x, y, _ := strings.Cut(e, "|")
				x = strings.TrimSuffix(x, "-")
				word := strings.TrimRight(x+y, ".")
				ok := false
				for _, p := range en.hyphenator.Points(word) {
					ok = ok || p == len(x)
				}
				if !ok {
					t.Errorf("width %v: unexpected break %s", w, e)
				}
			}
		}
	})

	t.Run("French elisions and compounds", func(t *testing.T) {
		para := "Le rôle de l’organisation dans la gouvernance démocratique du secteur de la sécurité : comment l’organisation peut-elle aider l’administration ?"
		got := ends(texts(fr.lines(text(para), body(fr), 110, nil)))
		if len(got) == 0 {
			t.Fatal("nothing hyphenated")
		}
		allowed := map[string]bool{}
		for _, w := range []string{"l’or-ga-ni-sa-tion", "gou-ver-nance", "dé-mo-cra-tique", "sec-teur", "sé-cu-ri-té", "com-ment", "l’ad-mi-nis-tra-tion", "ai-der"} {
			parts := strings.Split(w, "-")
			for i := 1; i < len(parts); i++ {
				allowed[strings.Join(parts[:i], "")+"-|"+strings.Join(parts[i:], "")] = true
			}
		}
		for _, e := range got {
			a, b, _ := strings.Cut(e, "|")
			b = strings.TrimRight(b, " ?")
			if !allowed[a+"|"+b] && e != "peut-|elle" {
				t.Errorf("unexpected break %s", e)
			}
			if strings.HasPrefix(e, "l’-") || strings.HasPrefix(e, "l-") {
				t.Errorf("an elision broken: %s", e)
			}
		}
	})

	t.Run("typed and soft hyphens", func(t *testing.T) {
		lines := texts(en.lines(text("a longer-term plan for the Xyzzy\u00adplughthing"), body(en), 62, nil))
		joined := strings.Join(lines, "|")
		if strings.Contains(joined, "\u00ad") {
			t.Errorf("a soft hyphen is drawn: %q", joined)
		}
		if strings.Contains(joined, "longer--") {
			t.Errorf("a hyphen added to a typed one: %q", joined)
		}
		whole := texts(en.lines(text("Xyzzy\u00adplugh"), body(en), 300, nil))
		if len(whole) != 1 || whole[0] != "Xyzzyplugh" {
			t.Errorf("an unbroken word with a soft hyphen = %q, want Xyzzyplugh", whole)
		}
		soft := texts(en.lines(text("a word is Xyzzy\u00adplughthings here"), body(en), 85, nil))
		if e := ends(soft); len(e) != 1 || e[0] != "Xyzzy-|plughthings" {
			t.Errorf("soft hyphen: breaks %v in %q, want Xyzzy-|plughthings", e, soft)
		}
	})

	t.Run("never in code, links, headings, the last word", func(t *testing.T) {
		in := []doc.Inline{
			&doc.Text{Text: "see "},
			&doc.Code{Text: "internationalisation"},
			&doc.Text{Text: " and "},
			&doc.Link{URL: "https://example.org/", Content: text("representation")},
			&doc.Text{Text: " or https://example.org/representation/accountability for accountability"},
		}
		for _, w := range []float64{60, 80, 100} {
			lines := texts(en.lines(in, body(en), w, nil))
			for _, e := range ends(lines) {
				if !strings.HasPrefix(e, "ac") || strings.Contains(e, "/") {
					t.Errorf("width %v: broke %s:\n%s", w, e, strings.Join(lines, "\n"))
				}
			}
			if last := lines[len(lines)-1]; strings.HasSuffix(lines[len(lines)-2], "-") {
				t.Errorf("width %v: the last word broken: %q", w, last)
			}
		}
		h := en.st(&en.l.Text.Heading2)
		if e := ends(texts(en.lines(text("Institutionalisation of accountability representation"), h, 60, nil))); len(e) > 0 {
			t.Errorf("a heading hyphenated: %v", e)
		}
	})
}

func TestHyphenationExceptions(t *testing.T) {
	t.Parallel()
	en, _ := setter(t, "en")
	en.ed.Doc.Hyphenation = []doc.HyphenationException{{Word: "account-ability"}, {Word: "governance"}, {Word: "bad word"}}
	var diags diag.List
	en.diags = &diags
	en.hyphenator = en.words.Hyphenator
	en.hyphenationExceptions()
	if !strings.Contains(diags.Error(), "letters only") {
		t.Errorf("a bad exception not reported: %v", diags.Error())
	}
	if got := en.hyphenator.Points("accountability"); len(got) != 1 || got[0] != len("account") {
		t.Errorf("accountability breaks at %v, want [7]", got)
	}
	if got := en.hyphenator.Points("governance"); len(got) != 0 {
		t.Errorf("governance breaks at %v, want nowhere", got)
	}
}

// TestNoOverfullLine: a word wider than the measure (a long compound) is
// broken where it fits, with a warning at its source, and an address where
// Chicago lets it, so that no line sticks out of the measure, justified or
// not.
func TestNoOverfullLine(t *testing.T) {
	t.Parallel()
	en, diags := setter(t, "en")
	pos := diag.Pos{File: "x.md", Line: 3, Col: 5}
	in := []doc.Inline{
		&doc.Text{Text: "See the report at ", Pos: pos},
		&doc.Link{URL: "https://example.org/", Content: []doc.Inline{&doc.Text{Text: "https://example.org/reports/2019/security-sector-governance-and-civil-society-final.pdf", Pos: pos}}},
		&doc.Text{Text: " and Donaudampfschifffahrtsgesellschaftskapitänsmütze too.", Pos: pos},
	}
	for _, st := range []*textStyle{en.st(&en.l.Text.Body), en.st(&en.l.Text.Box)} {
		for _, w := range []float64{90, 150} {
			for _, l := range en.lines(in, st, w, nil) {
				if end := l.end(); end > w+0.01 {
					t.Errorf("width %v: a line ends at %.1f: %q", w, end, texts([]line{l}))
				}
			}
		}
	}
	if !strings.Contains(diags.Error(), "x.md:3:") || !strings.Contains(diags.Error(), "\"Donaudampfschifffahrtsgesellschaftskapitänsmütze\" is wider than the measure") {
		t.Errorf("no warning at the source: %s", diags.Error())
	}
	// the address breaks where Chicago lets it (breakURLs): no warning
	if strings.Contains(diags.Error(), "example.org") {
		t.Errorf("a warning about the address: %s", diags.Error())
	}
}

// TestEmergencyWarning: where no acceptable break exists, the line is set
// loose (never overfull) and folio warns at the paragraph's source.
func TestEmergencyWarning(t *testing.T) {
	t.Parallel()
	en, diags := setter(t, "en")
	en.hyphenator = nil // nothing to break words at
	pos := diag.Pos{File: "y.md", Line: 7, Col: 1}
	in := []doc.Inline{&doc.Text{Text: "a b c d e f g h i j k l m n o p q r s t u v w x y z Xyzzyplughfrobnicatorium Ab cd ef gh ij kl mn op qr st uv", Pos: pos}}
	lines := en.lines(in, en.st(&en.l.Text.Body), 150, nil)
	for _, l := range lines {
		if l.end() > 150.01 {
			t.Errorf("a line ends at %.1f", l.end())
		}
	}
	if !strings.Contains(diags.Error(), "y.md:7:") || !strings.Contains(diags.Error(), "no good line break") {
		t.Errorf("no warning at the source: %q", diags.Error())
	}
	if en.stats.EmergencyLines == 0 {
		t.Errorf("no emergency line counted: %+v", en.stats)
	}
}

// TestSoftHyphenEdges: soft hyphens alone, doubled, at either end of a word,
// in code and in links are never drawn and never panic.
func TestSoftHyphenEdges(t *testing.T) {
	t.Parallel()
	en, _ := setter(t, "en")
	for _, s := range []string{"\u00ad", "a\u00ad\u00adb", "\u00adword", "word\u00ad", "x \u00ad y", "Xyzzy\u00adplugh\u00adfrobnicator\u00adium"} {
		in := []doc.Inline{
			&doc.Text{Text: "some words before " + s + " and after " + s},
			&doc.Code{Text: s},
			&doc.Link{URL: "https://example.org/", Content: []doc.Inline{&doc.Text{Text: s}}},
		}
		for _, st := range []*textStyle{en.st(&en.l.Text.Body), en.st(&en.l.Text.Box)} {
			for _, w := range []float64{20, 60, 300} {
				for _, l := range en.lines(in, st, w, nil) {
					for _, it := range l.items(0, 0, 0) {
						if tx, ok := it.(page.Text); ok && strings.Contains(tx.Text, "\u00ad") {
							t.Errorf("%q at %v: a soft hyphen drawn in %q", s, w, tx.Text)
						}
					}
				}
			}
		}
	}
}

// TestBreakPoints: where a word may break. A compound breaks only at its
// typed hyphens (as in TeX, and by the style manuals' rule), a word with soft
// hyphens only at them, and any other word at the language's points.
func TestBreakPoints(t *testing.T) {
	t.Parallel()
	every3 := func(w string) []int { // a language that breaks anywhere
		var p []int
		for i := 3; i < len(w)-2; i += 3 {
			p = append(p, i)
		}
		return p
	}
	for _, c := range []struct {
		word  string
		clean string
		at    []int
	}{
		{"organisation", "organisation", []int{3, 6, 9}},
		{"government-organised", "government-organised", []int{11}},
		{"state-run-ish", "state-run-ish", []int{6, 10}},
		{"Xyzzy\u00adplugh", "Xyzzyplugh", []int{5}},
		{"-dashing", "-dashing", []int{3}}, // not a compound: no letter before the hyphen
	} {
		clean, at, typed := breakPoints(c.word, every3)
		if clean != c.clean || !slices.Equal(at, c.at) {
			t.Errorf("breakPoints(%q) = %q %v, want %q %v", c.word, clean, at, c.clean, c.at)
		}
		for p := range typed {
			if c.word[p-1] != '-' {
				t.Errorf("%q: typed break at %d, not after a hyphen", c.word, p)
			}
		}
	}
}

// TestBalancedHeadings: a heading of several lines has them about even, not
// one word alone on its last line; a heading of one line keeps it.
func TestBalancedHeadings(t *testing.T) {
	t.Parallel()
	en, _ := setter(t, "en")
	h := en.st(&en.l.Text.Heading1)
	set := func(s string) []line {
		return en.lines([]doc.Inline{&doc.Text{Text: s}}, h, en.width, nil)
	}
	lines := set("What challenges does civil society face?")
	if len(lines) != 2 {
		t.Fatalf("%d lines: %q", len(lines), texts(lines))
	}
	if w0, w1 := lines[0].width, lines[1].width; w1 < 0.6*w0 || len(lines[1].words) < 2 {
		t.Errorf("unbalanced: %q (%.0f and %.0f pt)", texts(lines), w0, w1)
	}
	if one := set("Civil society"); len(one) != 1 {
		t.Errorf("a short heading: %q", texts(one))
	}
}

// TestNoBadBreaks: the breaks a designer sends back never happen, at any
// measure: fewer than 3 letters before a break in English (Or-ganisations,
// ru-mours), fewer than 3 after one in French (dési-ré), a word of 5
// letters or fewer broken, a name the edition lists whole (Digital) broken.
func TestNoBadBreaks(t *testing.T) {
	t.Parallel()
	text := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	tests := []struct {
		lang, para string
		bad        []string // line ends that must not happen: "a|" after a, "a|b" exactly
		some       string   // a break that must happen at some measure
	}{
		{"en", "Organisations hear rumours about Digital Security Organisations; rumours spread. Digital organisations matter, about their budgets. ",
			[]string{"Or-|", "ru-|", "Di-|", "Digi-|", "Digit-|", "abo-|", "bud-|gets"}, "Organ-|"},
		{"fr", "Le changement désiré. Les organisations ont désiré un cadre; le résultat désiré. Une situation désirée. ",
			[]string{"dési-|ré.", "dési-|ré"}, "organi-|"},
	}
	for _, tc := range tests {
		ts, _ := setter(t, tc.lang)
		ts.ed.Doc.Hyphenation = []doc.HyphenationException{{Word: "Digital"}}
		ts.hyphenator = ts.words.Hyphenator
		ts.hyphenationExceptions()
		body := ts.st(&ts.l.Text.Body)
		para := strings.Repeat(tc.para, 6)
		seen := false
		for w := 90.0; w <= 260; w += 7 {
			for _, e := range ends(texts(ts.lines(text(para), body, w, nil))) {
				for _, bad := range tc.bad {
					// "a|" any line that ends a, "a|b" that line end only
					if e == bad || strings.HasSuffix(bad, "|") && strings.HasPrefix(e, bad) {
						t.Errorf("%s at %.0f pt: a line ends %q", tc.lang, w, e)
					}
				}
				seen = seen || strings.HasPrefix(e, tc.some)
			}
		}
		if !seen {
			t.Errorf("%s: no line ends %q at any measure: the test sets no hyphens", tc.lang, tc.some)
		}
	}
}

// TestNewSegs: each word's room for its first segment is its own, past the
// end of a block too: a word that grows a second segment takes nothing of
// the next word's.
func TestNewSegs(t *testing.T) {
	t.Parallel()
	var b wordBuilder
	words := make([][]seg, slabWords+2)
	for i := range words {
		words[i] = append(b.newSegs(), seg{text: fmt.Sprint(i)})
	}
	for i := range words {
		words[i] = append(words[i], seg{text: "more"})
	}
	for i, w := range words {
		if len(w) != 2 || w[0].text != fmt.Sprint(i) || w[1].text != "more" {
			t.Errorf("word %d: %+v", i, w)
		}
	}
}

// TestSplitKeepsImages: a word cut into pieces (at hyphenation points, soft
// hyphens, an address's separators, or where a word too wide for the
// measure fits) keeps an image set in it, as wide as it was, in the piece of
// the text it touches; a break where the image is comes before it, so that
// the hyphen follows letters.
func TestSplitKeepsImages(t *testing.T) {
	t.Parallel()
	fs, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	face, _ := fs.Face("serif", style.Regular)
	const imageWidth = 7.5
	// "▣" in a word's text stands for an image, "|" parts its segments
	wordOf := func(spec string) word {
		var w word
		for _, part := range strings.Split(spec, "|") {
			s := seg{text: part, face: face, size: 10}
			if part == "▣" {
				s = seg{face: face, size: 10, nohyph: true, width: imageWidth, image: &page.Image{W: imageWidth, H: 8, Alt: "icon"}}
			} else {
				s.width = face.Width(strings.ReplaceAll(part, softHyphen, ""), 10)
			}
			w.segs = append(w.segs, s)
			w.width += s.width
		}
		w.space = 2.5
		return w
	}
	tests := []struct {
		name   string
		word   string
		points []int // byte offsets in the text without soft hyphens
		typed  []int // points after a typed hyphen
		want   string
	}{
		{"an image before the word", "▣|extraordinaire", []int{2, 5}, nil, "▣ex-|tra-|ordinaire"},
		{"an image after the word", "extraordinaire|▣", []int{2, 5}, nil, "ex-|tra-|ordinaire▣"},
		{"an image in a piece", "extraor|▣|dinaire", []int{5, 9}, nil, "extra-|or▣di-|naire"},
		{"a break at the image", "extra|▣|ordinaire", []int{5, 7}, nil, "extra-|▣or-|dinaire"},
		{"a typed hyphen before the image", "state-|▣|run", []int{6}, []int{6}, "state-|▣run"},
		{"two images at a break", "extra|▣|▣|ordinaire", []int{5}, nil, "extra-|▣▣ordinaire"},
		{"soft hyphens beside the image", "extra\u00ad|▣|or\u00addinaire", []int{5, 7}, nil, "extra-|▣or-|dinaire"},
		{"an image alone", "▣", []int{}, nil, "▣"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := wordOf(tt.word)
			parts := w.split(tt.points, allAt(tt.typed))
			var got []string
			images := 0
			for i, p := range parts {
				var b strings.Builder
				width := 0.0
				for _, s := range p.segs {
					width += s.width
					if s.image != nil {
						images++
						b.WriteString("▣")
						if s.width != imageWidth {
							t.Errorf("piece %d: the image %.2f pt wide, want %.2f", i, s.width, imageWidth)
						}
						continue
					}
					b.WriteString(s.text)
				}
				if p.hyphen != nil {
					b.WriteString(p.hyphen.text)
				}
				if math.Abs(p.width-width) > 1e-9 {
					t.Errorf("piece %d is %.2f pt wide, its segments %.2f", i, p.width, width)
				}
				got = append(got, b.String())
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("split into %q, want %q", s, tt.want)
			}
			if want := strings.Count(tt.word, "▣"); images != want {
				t.Errorf("%d images, want %d", images, want)
			}
			if last := parts[len(parts)-1]; last.space != w.space {
				t.Errorf("the last piece's space %.2f, want the word's %.2f", last.space, w.space)
			}
		})
	}
}
