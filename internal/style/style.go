// Package style loads the shared layout definitions (layouts/<name>.yaml, with
// extends) and the generated words of each language (layouts/i18n/<lang>.yaml),
// from a series' layouts folder laid over the built-in one (package overlay).
package style

import (
	"fmt"

	"github.com/folio-pub/folio/internal/diag"
	"go.yaml.in/yaml/v3"
)

// MM is one millimetre in points: layouts give lengths in millimetres, type in points.
const MM = 72 / 25.4

// Text holds the text style of each role.
type Text struct {
	Body          TextStyle `yaml:"body"`
	Heading1      TextStyle `yaml:"heading1"`
	Heading2      TextStyle `yaml:"heading2"`
	Heading3      TextStyle `yaml:"heading3"`
	Box           TextStyle `yaml:"box"`
	BoxTitle      TextStyle `yaml:"box-title"`
	Notes         TextStyle `yaml:"notes"`
	Caption       TextStyle `yaml:"caption"`
	Table         TextStyle `yaml:"table"`
	Code          TextStyle `yaml:"code"`
	Running       TextStyle `yaml:"running"`
	Contents      TextStyle `yaml:"contents"`
	CoverSeries   TextStyle `yaml:"cover-series"`
	CoverTitle    TextStyle `yaml:"cover-title"`
	CoverSubtitle TextStyle `yaml:"cover-subtitle"`
	CoverFooter   TextStyle `yaml:"cover-footer"`

	// PullQuote (optional) sets pull quotes; when a layout gives none, the
	// body's font in italic, a third larger, in the accent colour.
	PullQuote TextStyle `yaml:"pullquote"`
}

// TextStyle is how one role of text is set.
type TextStyle struct {
	Font        FamilyRef `yaml:"font"`  // a family of fonts/fonts.yaml
	Style       FontStyle `yaml:"style"` // regular, bold, italic, bold-italic
	Size        float64   `yaml:"size"`
	Leading     float64   `yaml:"leading"`
	Color       ColorRef  `yaml:"color"`
	Align       Align     `yaml:"align"`
	SpaceBefore float64   `yaml:"space-before"` // points
	SpaceAfter  float64   `yaml:"space-after"`  // points
	Uppercase   bool      `yaml:"uppercase"`
}

// FamilyRef names a font family of the font manifest, and remembers where the
// layout names it so that an unknown family is reported there.
type FamilyRef struct {
	Name string
	Pos  diag.Pos
}

// UnmarshalYAMLAt reads a family name.
func (f *FamilyRef) UnmarshalYAMLAt(n *yaml.Node, pos diag.Pos) error {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		return fmt.Errorf("expected the name of a font family")
	}
	f.Name, f.Pos = n.Value, pos
	return nil
}

// FontStyle is the face of a family.
type FontStyle string

// Font styles.
const (
	Regular    FontStyle = "regular"
	Bold       FontStyle = "bold"
	Italic     FontStyle = "italic"
	BoldItalic FontStyle = "bold-italic"
)

// UnmarshalYAMLNode accepts the four styles.
func (s *FontStyle) UnmarshalYAMLNode(n *yaml.Node) error {
	switch v := FontStyle(n.Value); v {
	case Regular, Bold, Italic, BoldItalic:
		*s = v
		return nil
	}
	return fmt.Errorf("unknown font style %q (known: regular, bold, italic, bold-italic)", n.Value)
}

// Align is the alignment of text lines.
type Align string

// Alignments.
const (
	Left    Align = "left"
	Center  Align = "center"
	Right   Align = "right"
	Justify Align = "justify"
)

// UnmarshalYAMLNode accepts the four alignments.
func (a *Align) UnmarshalYAMLNode(n *yaml.Node) error {
	switch v := Align(n.Value); v {
	case Left, Center, Right, Justify:
		*a = v
		return nil
	}
	return fmt.Errorf("unknown alignment %q (known: left, center, right, justify)", n.Value)
}

// Styles returns every text style with its key, in a fixed order, for validation.
func (t *Text) Styles() []NamedStyle {
	return []NamedStyle{
		{"body", &t.Body}, {"heading1", &t.Heading1}, {"heading2", &t.Heading2},
		{"heading3", &t.Heading3}, {"box", &t.Box}, {"box-title", &t.BoxTitle},
		{"notes", &t.Notes}, {"caption", &t.Caption}, {"table", &t.Table},
		{"code", &t.Code}, {"pullquote", &t.PullQuote}, {"running", &t.Running}, {"contents", &t.Contents},
		{"cover-series", &t.CoverSeries}, {"cover-title", &t.CoverTitle},
		{"cover-subtitle", &t.CoverSubtitle}, {"cover-footer", &t.CoverFooter},
	}
}

// NamedStyle pairs a text style with its key in the layout file.
type NamedStyle struct {
	Key   string
	Style *TextStyle
}

// Heading returns the style of a heading level (4 and deeper use heading3).
func (t *Text) Heading(level int) *TextStyle {
	switch level {
	case 1:
		return &t.Heading1
	case 2:
		return &t.Heading2
	}
	return &t.Heading3
}
