package style

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/icc"
	"go.yaml.in/yaml/v3"
)

// Colors is the palette. Text styles name these colours or give one.
type Colors struct {
	Text          Color `yaml:"text"`
	Accent        Color `yaml:"accent"`
	Muted         Color `yaml:"muted"`
	BoxBackground Color `yaml:"box-background"`
	Rule          Color `yaml:"rule"`
	CoverBand     Color `yaml:"cover-band"`
	CoverText     Color `yaml:"cover-text"`
}

// Color is a layout colour in both of its forms: sRGB (R, G, B), which
// the digital edition and the EPUB use, and CMYK, the inks of the print
// edition's printing condition. A layout gives either or both; LoadLayout
// derives the one left out (Layout.derive).
type Color struct {
	R, G, B uint8
	// CMYK are the four inks, each 0 to 1 in steps of 0.001.
	CMYK [4]float64
	// given says which forms the layout gave (before derivation)
	rgb, cmyk bool
}

// RGB is an sRGB colour, its CMYK to be derived.
func RGB(r, g, b uint8) Color { return Color{R: r, G: g, B: b, rgb: true} }

// Hex returns the colour as "#rrggbb".
func (c Color) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Ink is the colour's total ink, in per cent (400 at most).
func (c Color) Ink() float64 {
	return math.Round((c.CMYK[0]+c.CMYK[1]+c.CMYK[2]+c.CMYK[3])*1000) / 10
}

// Black reports whether the colour is black ink alone, at 100 %.
func (c Color) Black() bool { return c.CMYK == [4]float64{0, 0, 0, 1} }

// CMYKString is the colour's inks as the layout writes them: "cmyk(0, 0, 0, 100)".
func (c Color) CMYKString() string {
	p := make([]string, 4)
	for i, v := range c.CMYK {
		p[i] = strconv.FormatFloat(v*100, 'f', -1, 64)
	}
	return "cmyk(" + strings.Join(p, ", ") + ")"
}

const colorForms = `write it "#rrggbb", "cmyk(c, m, y, k)" in per cent, or both: {rgb: "#rrggbb", cmyk: [c, m, y, k]}`

// ParseColor parses "#rrggbb" or "cmyk(c, m, y, k)" (per cent, commas or spaces between).
func ParseColor(s string) (Color, error) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "cmyk("); ok {
		inner, ok := strings.CutSuffix(rest, ")")
		if !ok {
			return Color{}, fmt.Errorf("invalid colour %q: %s", s, colorForms)
		}
		return parseInks(strings.Fields(strings.ReplaceAll(inner, ",", " ")), s)
	}
	if len(s) != 7 || s[0] != '#' {
		return Color{}, fmt.Errorf("invalid colour %q: %s", s, colorForms)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return Color{}, fmt.Errorf("invalid colour %q: %s", s, colorForms)
	}
	return RGB(uint8(v>>16), uint8(v>>8), uint8(v)), nil
}

// parseInks reads four percentages of ink.
func parseInks(fields []string, s string) (Color, error) {
	if len(fields) != 4 {
		return Color{}, fmt.Errorf("invalid colour %q: cmyk takes four inks in per cent (cyan, magenta, yellow, black)", s)
	}
	var c Color
	for i, f := range fields {
		v, err := strconv.ParseFloat(strings.TrimSuffix(f, "%"), 64)
		if err != nil || v < 0 || v > 100 || math.IsNaN(v) {
			return Color{}, fmt.Errorf("invalid colour %q: each ink is a per cent from 0 to 100", s)
		}
		c.CMYK[i] = math.Round(v*10) / 1000
	}
	c.cmyk = true
	return c, nil
}

// UnmarshalYAMLNode parses "#rrggbb", "cmyk(c, m, y, k)" or the mapping
// {rgb: "#rrggbb", cmyk: [c, m, y, k]} (either key may be left out).
func (c *Color) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		v, err := ParseColor(n.Value)
		if err == nil {
			*c = v
		}
		return err
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("invalid colour: %s", colorForms)
	}
	var v Color
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i].Value, n.Content[i+1]
		switch key {
		case "rgb":
			rgb, err := ParseColor(val.Value)
			if err != nil || !rgb.rgb {
				return fmt.Errorf("invalid colour: rgb is \"#rrggbb\", not %q", val.Value)
			}
			v.R, v.G, v.B, v.rgb = rgb.R, rgb.G, rgb.B, true
		case "cmyk":
			var fields []string
			for _, e := range val.Content {
				fields = append(fields, e.Value)
			}
			if val.Kind != yaml.SequenceNode {
				return fmt.Errorf("invalid colour: cmyk is a list of four per cents, [c, m, y, k]")
			}
			ink, err := parseInks(fields, "["+strings.Join(fields, ", ")+"]")
			if err != nil {
				return err
			}
			v.CMYK, v.cmyk = ink.CMYK, true
		default:
			return fmt.Errorf("invalid colour: unknown key %q (rgb, cmyk)", key)
		}
	}
	if !v.rgb && !v.cmyk {
		return fmt.Errorf("invalid colour: %s", colorForms)
	}
	*c = v
	return nil
}

// ColorRef is a colour of the palette by name ("accent") or a literal colour.
type ColorRef string

var paletteNames = []string{"text", "accent", "muted", "box-background", "rule", "cover-band", "cover-text"}

// UnmarshalYAMLNode accepts a palette name or a literal colour.
func (c *ColorRef) UnmarshalYAMLNode(n *yaml.Node) error {
	if strings.HasPrefix(n.Value, "#") || strings.HasPrefix(n.Value, "cmyk(") {
		if _, err := ParseColor(n.Value); err != nil {
			return err
		}
		*c = ColorRef(n.Value)
		return nil
	}
	for _, p := range paletteNames {
		if p == n.Value {
			*c = ColorRef(n.Value)
			return nil
		}
	}
	return fmt.Errorf("unknown colour %q (a palette name: %s; or #rrggbb, cmyk(c, m, y, k))", n.Value, strings.Join(paletteNames, ", "))
}

// Resolve returns the colour a reference names; empty means the text colour.
func (l *Layout) Resolve(c ColorRef) Color {
	switch c {
	case "", "text":
		return l.Colors.Text
	case "accent":
		return l.Colors.Accent
	case "muted":
		return l.Colors.Muted
	case "box-background":
		return l.Colors.BoxBackground
	case "rule":
		return l.Colors.Rule
	case "cover-band":
		return l.Colors.CoverBand
	case "cover-text":
		return l.Colors.CoverText
	}
	v, _ := ParseColor(string(c))
	return l.derive(v)
}

// palette lists the palette's colours, to derive and check them.
func (cs *Colors) palette() []*Color {
	return []*Color{&cs.Text, &cs.Accent, &cs.Muted, &cs.BoxBackground, &cs.Rule, &cs.CoverBand, &cs.CoverText}
}

// derive fills in the form of c the layout left out. Through the printing
// condition's profile when it is a CMYK one (relative colorimetric; a
// neutral sRGB colour on black ink alone, icc.Profile.FromSRGB); otherwise
// with the naive formulas, which no printer uses to print but which give the
// screen a colour to show: R = 255 × (1 − C) × (1 − K), and from RGB, K = 1 −
// max(R, G, B)/255, C = (1 − R/255 − K)/(1 − K), and so on.
func (l *Layout) derive(c Color) Color {
	p := l.Print.cmyk
	switch {
	case c.rgb && c.cmyk:
	case c.rgb && p != nil:
		c.CMYK = inks(p.FromSRGB(c.R, c.G, c.B))
	case c.rgb:
		r, g, b := float64(c.R)/255, float64(c.G)/255, float64(c.B)/255
		k := 1 - max(r, g, b)
		if k < 1 {
			c.CMYK = inks([]float64{(1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k})
		} else {
			c.CMYK = [4]float64{0, 0, 0, 1}
		}
	case c.cmyk && p != nil:
		c.R, c.G, c.B = p.ToSRGB(c.CMYK[:])
	case c.cmyk:
		v := c.CMYK
		ch := func(x float64) uint8 { return uint8(math.Round(255 * (1 - x) * (1 - v[3]))) }
		c.R, c.G, c.B = ch(v[0]), ch(v[1]), ch(v[2])
	}
	c.rgb, c.cmyk = true, true
	return c
}

// inks rounds device values to steps of 0.001 (a tenth of a per cent).
func inks(v []float64) [4]float64 {
	var out [4]float64
	for i := range out {
		out[i] = math.Round(math.Max(0, math.Min(1, v[i]))*1000) / 1000
	}
	return out
}

// conditionProfile reads the printing condition's profile for derive: nil
// when it is not a CMYK profile (the sRGB condition, a gray or RGB printer);
// and its description, empty when it could not be read.
func conditionProfile(data []byte) (*icc.Profile, string, error) {
	if data == nil {
		return nil, "", nil
	}
	p, err := icc.Parse(data)
	if err != nil {
		return nil, "", err
	}
	if p.Space != "CMYK" {
		return nil, p.Desc, nil
	}
	return p, p.Desc, nil
}
