package style

import "testing"

// TestScreenColors: for accents dark, light, grey and saturated, the mark
// colours read at 4.5:1 on white and black and at 3:1 on sepia and dark
// grey; the accent for text reads at 4.5:1 on white and on black; the note
// number's ground holds the cover text at 4.5:1; a colour that reads
// already is kept.
func TestScreenColors(t *testing.T) {
	themes := map[string]Color{}
	for _, th := range Themes() {
		themes[th.Name] = th.Background
	}
	white, black := themes["white"], themes["black"]
	for _, hex := range []string{"#00577d", "#1f3f66", "#5f6b76", "#ffff00", "#ffffff", "#000000", "#777777", "#e6f0f4", "#8a1538", "#e07b00"} {
		c, err := ParseColor(hex)
		if err != nil {
			t.Fatal(err)
		}
		s := ScreenColors(Colors{Accent: c, Rule: c, Muted: c, CoverText: white})
		for name, m := range map[string]Mark{"rule": s.Rule, "accent": s.Accent, "muted": s.Muted} {
			if !m.OK {
				t.Errorf("%s: no %s mark", hex, name)
				continue
			}
			for th, need := range map[string]float64{"white": 4.5, "black": 4.5, "sepia": 3, "dark grey": 3} {
				if got := Contrast(m.Color, themes[th]); got < need {
					t.Errorf("%s → %s %s: %.2f on %s, under %.1f", hex, name, m.Color.Hex(), got, th, need)
				}
			}
		}
		for _, tc := range []struct {
			name   string
			fg, bg Color
		}{{"accent on white", s.AccentOnWhite, white}, {"accent on black", s.AccentOnBlack, black}, {"note number", s.BadgeText, s.Badge}} {
			if got := Contrast(tc.fg, tc.bg); got < 4.5 {
				t.Errorf("%s: %s %s on %s: %.2f", hex, tc.name, tc.fg.Hex(), tc.bg.Hex(), got)
			}
		}
		if Contrast(c, white) >= 4.5 && s.AccentOnWhite.Hex() != hex || Contrast(c, black) >= 4.5 && s.AccentOnBlack.Hex() != hex {
			t.Errorf("%s reads already, made %s on white and %s on black", hex, s.AccentOnWhite.Hex(), s.AccentOnBlack.Hex())
		}
	}
}

// TestReadableOnKeepsTheHue: the accent made to read is the nearest that
// reads: one step less would not.
func TestReadableOnKeepsTheHue(t *testing.T) {
	white := Color{R: 255, G: 255, B: 255}
	for _, tc := range []struct {
		hex string
		bg  Color
	}{{"#00a0e0", white}, {"#00577d", Color{}}, {"#8a1538", Color{}}} {
		c, _ := ParseColor(tc.hex)
		got := ReadableOn(c, tc.bg, 4.5)
		if Contrast(got, tc.bg) < 4.5 {
			t.Errorf("%s: %s reads at %.2f", tc.hex, got.Hex(), Contrast(got, tc.bg))
		}
		to := Color{}
		if tc.bg == (Color{}) {
			to = white
		}
		// a little less of the mix no longer reads
		var t0 float64
		for t0 = 0; t0 <= 1 && mix(c, to, t0) != got; t0 += 0.0005 {
		}
		if before := mix(c, to, t0-0.02); t0 > 0.02 && Contrast(before, tc.bg) >= 4.5 {
			t.Errorf("%s: %s is further than needed (%s reads)", tc.hex, got.Hex(), before.Hex())
		}
	}
}
