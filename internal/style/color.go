package style

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Colors is the palette. Text styles name these colours or give "#rrggbb".
type Colors struct {
	Text          Color `yaml:"text"`
	Accent        Color `yaml:"accent"`
	Muted         Color `yaml:"muted"`
	BoxBackground Color `yaml:"box-background"`
	Rule          Color `yaml:"rule"`
	CoverBand     Color `yaml:"cover-band"`
	CoverText     Color `yaml:"cover-text"`
}

// Color is an RGB colour written "#rrggbb".
type Color struct{ R, G, B uint8 }

// Hex returns the colour as "#rrggbb".
func (c Color) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// ParseColor parses "#rrggbb".
func ParseColor(s string) (Color, error) {
	if len(s) != 7 || s[0] != '#' {
		return Color{}, fmt.Errorf("invalid colour %q: write it #rrggbb", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return Color{}, fmt.Errorf("invalid colour %q: write it #rrggbb", s)
	}
	return Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// UnmarshalYAMLNode parses "#rrggbb".
func (c *Color) UnmarshalYAMLNode(n *yaml.Node) error {
	v, err := ParseColor(n.Value)
	if err == nil {
		*c = v
	}
	return err
}

// ColorRef is a colour of the palette by name ("accent") or a literal "#rrggbb".
type ColorRef string

var paletteNames = []string{"text", "accent", "muted", "box-background", "rule", "cover-band", "cover-text"}

// UnmarshalYAMLNode accepts a palette name or a literal colour.
func (c *ColorRef) UnmarshalYAMLNode(n *yaml.Node) error {
	if strings.HasPrefix(n.Value, "#") {
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
	return fmt.Errorf("unknown colour %q (a palette name: %s; or #rrggbb)", n.Value, strings.Join(paletteNames, ", "))
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
	return v
}
