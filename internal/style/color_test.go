package style

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestColorForms: a layout colour in sRGB, CMYK or both; the form left out
// is derived through the printing condition's profile (FOGRA39, built in).
func TestColorForms(t *testing.T) {
	tests := []struct {
		name, yaml string
		hex        string     // the colour's sRGB
		cmyk       [4]float64 // its inks; nil-like zero with check false
		check      func(c Color) string
	}{
		{"both given", `{rgb: "#1a1a1a", cmyk: [0, 0, 0, 100]}`, "#1a1a1a", [4]float64{0, 0, 0, 1}, nil},
		{"cmyk only: sRGB through the profile", `"cmyk(0, 0, 0, 100)"`, "#2b2b2a", [4]float64{0, 0, 0, 1}, nil},
		{"cmyk with spaces and per cent signs", `"cmyk(0 100% 0 0)"`, "", [4]float64{0, 1, 0, 0}, func(c Color) string {
			if c.R < 200 || c.G > 60 {
				return "magenta should be red-blue on screen, got " + c.Hex()
			}
			return ""
		}},
		{"a neutral sRGB prints on black alone", `"#808080"`, "#808080", [4]float64{}, func(c Color) string {
			if k := c.CMYK; k[0] != 0 || k[1] != 0 || k[2] != 0 || k[3] < 0.4 || k[3] > 0.7 {
				return "want black alone, about half, got " + c.CMYKString()
			}
			return ""
		}},
		{"a colour through the profile", `"#1f3f66"`, "#1f3f66", [4]float64{}, func(c Color) string {
			if k := c.CMYK; k[0] < 0.7 || k[2] > 0.2 || c.Ink() > 300 {
				return "want mostly cyan, under 300 %, got " + c.CMYKString()
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "x.yaml"), []byte("extends: base\ncolors:\n  accent: "+tt.yaml+"\n"), 0o644)
			l, err := LoadLayout(layoutsIn(dir), "x")
			if err != nil {
				t.Fatal(err)
			}
			c := l.Colors.Accent
			if tt.hex != "" && c.Hex() != tt.hex {
				t.Errorf("sRGB %s, want %s", c.Hex(), tt.hex)
			}
			if tt.check == nil && c.CMYK != tt.cmyk {
				t.Errorf("inks %s, want %v", c.CMYKString(), tt.cmyk)
			}
			if tt.check != nil {
				if msg := tt.check(c); msg != "" {
					t.Error(msg)
				}
			}
			if got := l.Resolve("accent"); got != c {
				t.Errorf("Resolve(accent) = %+v, want %+v", got, c)
			}
		})
	}
}

func TestColorErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"five inks", `"cmyk(0, 0, 0, 0, 0)"`, "x.yaml:3:11: error: accent: invalid colour \"cmyk(0, 0, 0, 0, 0)\": cmyk takes four inks"},
		{"over 100", `"cmyk(0, 0, 0, 120)"`, "each ink is a per cent from 0 to 100"},
		{"no closing", `"cmyk(0, 0, 0, 100"`, "invalid colour \"cmyk(0, 0, 0, 100\": write it"},
		{"unknown key", `{rgb: "#000000", lab: [0, 0, 0]}`, "unknown key \"lab\" (rgb, cmyk)"},
		{"cmyk not a list", `{cmyk: "0 0 0 100"}`, "cmyk is a list of four per cents"},
		{"rgb given as cmyk", `{rgb: "cmyk(0, 0, 0, 100)"}`, "rgb is \"#rrggbb\""},
		{"ink limit", "\"#000000\"\nprint: {ink-limit: 20}", "print: ink-limit is the most ink a colour may lay down"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "x.yaml"), []byte("extends: base\ncolors:\n  accent: "+tt.yaml+"\n"), 0o644)
			_, err := LoadLayout(layoutsIn(dir), "x")
			if err == nil {
				t.Fatal("no error")
			}
			if msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""); !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

// TestColorWithoutProfile: on the sRGB condition, a colour given in one
// form gets the other from the naive formulas.
func TestColorWithoutProfile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x.yaml"), []byte("extends: base\nprint: {condition: sRGB, rich-black: \"cmyk(60, 40, 40, 100)\"}\ncolors: {accent: \"cmyk(100, 0, 0, 0)\", muted: \"#ff0000\"}\n"), 0o644)
	l, err := LoadLayout(layoutsIn(dir), "x")
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Colors.Accent.Hex(); got != "#00ffff" {
		t.Errorf("cyan on screen: %s, want #00ffff", got)
	}
	if got := l.Colors.Muted.CMYK; got != [4]float64{0, 1, 1, 0} {
		t.Errorf("red's inks: %v, want 0 100 100 0", got)
	}
	if got := l.Print.RichBlack; got.CMYK != [4]float64{0.6, 0.4, 0.4, 1} || got.Ink() != 240 {
		t.Errorf("rich black %s (%g %%)", got.CMYKString(), got.Ink())
	}
}
