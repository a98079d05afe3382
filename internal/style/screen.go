package style

import "math"

// Theme is the background of a reading system's theme, on which the EPUB's
// colours are measured.
type Theme struct {
	Name       string
	Background Color
}

// Themes are the reading systems' usual themes: white, sepia, grey, dark
// grey and black.
func Themes() []Theme {
	return []Theme{
		{"white", Color{R: 0xff, G: 0xff, B: 0xff}},
		{"sepia", Color{R: 0xf4, G: 0xec, B: 0xd8}},
		{"grey", Color{R: 0x5a, G: 0x5a, B: 0x5c}},
		{"dark grey", Color{R: 0x1e, G: 0x1e, B: 0x1e}},
		{"black", Color{}},
	}
}

// Luminance is the relative luminance of c (WCAG 2).
func Luminance(c Color) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG contrast ratio of two colours.
func Contrast(a, b Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// mix is c moved a fraction t of the way to colour to (sRGB).
func mix(c, to Color, t float64) Color {
	m := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + t*(float64(b)-float64(a)))) }
	return Color{R: m(c.R, to.R), G: m(c.G, to.G), B: m(c.B, to.B)}
}

// Mark is a colour for what is not text on a screen, or none (OK false):
// the stylesheet then leaves the reader's colour.
type Mark struct {
	Color Color
	OK    bool
}

// Screen are the layout's colours as a screen sets them, where a reader's
// theme may put them on any ground: decided once per edition (resolve), set
// by the EPUB's and the web edition's stylesheets.
type Screen struct {
	// Rule, Accent and Muted are for rules, borders and bullets: the
	// layout's colours made lighter or darker, their hue kept, until they
	// read at 4.5:1 on white and on black, hence at 3:1 at least on sepia
	// and dark grey too (on the grey theme no colour that reads on white
	// reaches 3:1: there they are decoration, which the text does not need).
	Rule, Accent, Muted Mark
	// AccentOnWhite and AccentOnBlack are the accent for text on a white
	// page and on a black one (4.5:1): the web edition, whose page colours
	// are its own, sets its headings in them.
	AccentOnWhite, AccentOnBlack Color
	// Badge is the ground of a note's number at the head of its note, the
	// accent made darker or lighter until BadgeText, the layout's cover text
	// colour, reads on it at 4.5:1: a colour of its own, whatever the theme.
	Badge, BadgeText Color
}

// ScreenColors decides the screen colours of a layout's palette.
func ScreenColors(c Colors) Screen {
	white, black := Color{R: 255, G: 255, B: 255}, Color{}
	return Screen{
		Rule: OnWhiteAndBlack(c.Rule), Accent: OnWhiteAndBlack(c.Accent), Muted: OnWhiteAndBlack(c.Muted),
		AccentOnWhite: ReadableOn(c.Accent, white, 4.5), AccentOnBlack: ReadableOn(c.Accent, black, 4.5),
		Badge: ReadableOn(c.Accent, c.CoverText, 4.5), BadgeText: c.CoverText,
	}
}

// ReadableOn returns c, or c moved the least toward black or white (the one
// further from bg) until it has a contrast of at least need on bg.
func ReadableOn(c, bg Color, need float64) Color {
	c = Color{R: c.R, G: c.G, B: c.B}
	if Contrast(c, bg) >= need {
		return c
	}
	to := Color{}
	if Contrast(bg, Color{R: 255, G: 255, B: 255}) > Contrast(bg, to) {
		to = Color{R: 255, G: 255, B: 255}
	}
	// the contrast grows with t: the smallest t that reaches need
	lo, hi := 0.0, 1.0
	for range 30 {
		mid := (lo + hi) / 2
		if Contrast(mix(c, to, mid), bg) >= need {
			hi = mid
		} else {
			lo = mid
		}
	}
	return mix(c, to, hi)
}

// OnWhiteAndBlack returns c made lighter or darker, its hue kept, until it
// has a contrast of at least 4.5:1 on white and on black, so that it reads
// on the light, sepia and night themes of reading systems alike; not OK
// when none does.
func OnWhiteAndBlack(c Color) Mark {
	white, black := Color{R: 255, G: 255, B: 255}, Color{}
	c = Color{R: c.R, G: c.G, B: c.B}
	ok := func(c Color) bool { return Contrast(c, white) >= 4.5 && Contrast(c, black) >= 4.5 }
	if ok(c) {
		return Mark{c, true}
	}
	toward := white // too dark for a night theme: lighten
	if Luminance(c) > 0.18 {
		toward = black // too light for a day theme: darken
	}
	// the smallest mix that reads on both
	lo, hi := 0.0, 1.0
	for range 40 {
		mid := (lo + hi) / 2
		if m := mix(c, toward, mid); ok(m) || (toward == black && Luminance(m) < 0.175) || (toward == white && Luminance(m) > 0.183) {
			hi = mid
		} else {
			lo = mid
		}
	}
	for t := hi; t <= 1; t += 0.002 {
		if m := mix(c, toward, t); ok(m) {
			return Mark{m, true}
		}
	}
	return Mark{}
}
