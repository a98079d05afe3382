// Package style loads the shared layout definitions (layouts/<name>.yaml, with
// extends) and the generated words of each language (layouts/i18n/<lang>.yaml),
// from a series' layouts folder laid over the built-in one (package overlay).
package style

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/hyphen"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/safefile"
	"github.com/folio-pub/folio/internal/yamlconf"
	"go.yaml.in/yaml/v3"
)

// MM is one millimetre in points: layouts give lengths in millimetres, type in points.
const MM = 72 / 25.4

// Layout is one layout definition, read by both the PDF and the EPUB renderer.
// Lengths are in millimetres, type sizes and leading in points.
type Layout struct {
	Name     string   `yaml:"-"`
	Files    []string `yaml:"-"` // the files it was read from, base first
	Extends  string   `yaml:"extends"`
	Page     Page     `yaml:"page"`
	Colors   Colors   `yaml:"colors"`
	Text     Text     `yaml:"text"`
	Box      Box      `yaml:"box"`
	List     List     `yaml:"list"`
	Figure   Figure   `yaml:"figure"`
	Table    Table    `yaml:"table"`
	Notes    Notes    `yaml:"notes"`
	Cover    Cover    `yaml:"cover"`
	Running  Running  `yaml:"running"`
	Contents Contents `yaml:"contents"`
	Print    Print    `yaml:"print"`
	Pages    Pages    `yaml:"pages"`
}

// Pages are the rules pages are made by, beyond keeping headings with their
// text and avoiding widows and orphans.
type Pages struct {
	// Signature: the page count is made a multiple of it with blank pages
	// before the back page (2 for a PDF read on screen, 4 for a
	// saddle-stitched booklet); 2 when absent.
	Signature int `yaml:"signature"`
	// HeadingSpace: a heading starts the next page when less than this
	// share of the text block is left below it; 0.25 when absent or 0.
	HeadingSpace float64 `yaml:"heading-space"`
	// Floats: a figure (with its caption) or a box short enough for a page
	// that does not fit in the room left on its page goes to the top of the
	// next page, and the text after it fills the page, as LaTeX's floats;
	// false: it starts the next page and leaves the room empty. base.yaml
	// sets it true.
	Floats bool `yaml:"floats"`
}

// Page is the trimmed page and its margins.
type Page struct {
	Size   PageSize `yaml:"size"`
	Width  float64  `yaml:"width"`  // set from size, or given
	Height float64  `yaml:"height"` // set from size, or given
	Margin Margin   `yaml:"margin"`
	Bleed  float64  `yaml:"bleed"`
}

// Margin gives the four margins; inner and outer mirror on facing pages.
type Margin struct {
	Top    float64 `yaml:"top"`
	Bottom float64 `yaml:"bottom"`
	Inner  float64 `yaml:"inner"`
	Outer  float64 `yaml:"outer"`
}

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

// Box styles the titled side panels.
type Box struct {
	Padding   float64 `yaml:"padding"`    // mm
	RuleWidth float64 `yaml:"rule-width"` // pt; a bar on the inner side, 0 for none
	// Continued is how a box split across pages shows that it goes on:
	// "word" (the words file's continued, at the foot of the first part),
	// "rule" (a dotted rule at both edges of the break) or "open" (nothing).
	Continued string `yaml:"continued"`
}

// List styles bulleted and numbered lists.
type List struct {
	Indent float64 `yaml:"indent"` // mm
	Bullet string  `yaml:"bullet"`
}

// Figure styles figures.
type Figure struct {
	MaxWidth float64 `yaml:"max-width"` // fraction of the text width, 0..1
}

// Table styles tables.
type Table struct {
	RuleWidth   float64 `yaml:"rule-width"`   // pt
	CellPadding float64 `yaml:"cell-padding"` // mm
	// MinSize is the smallest size (pt) the text of a table too wide for the
	// text block may be set at to fit it; a table that does not fit even then
	// is an error. The table text's own size when absent (never smaller).
	MinSize float64 `yaml:"min-size"`
}

// Notes styles footnotes at the foot of the page.
type Notes struct {
	RuleLength float64 `yaml:"rule-length"` // mm
	Gap        float64 `yaml:"gap"`         // mm between text and the notes
}

// Cover styles the cover page.
type Cover struct {
	BandHeight float64 `yaml:"band-height"` // mm of coloured band from the top edge (into the bleed)
	Back       bool    `yaml:"back"`        // add a back page with the publisher's details
}

// Print sets what the print edition adds to the page: the bleed is always
// there (page.bleed); crop marks only when asked, as many printers impose pages
// themselves and want none. Its output intent is sRGB unless the layout names
// the printing condition and the ICC output profile the printer gave.
type Print struct {
	Marks     bool    `yaml:"marks"`     // crop marks outside the bleed
	Condition string  `yaml:"condition"` // the printing condition's registered name, e.g. FOGRA39
	Profile   Profile `yaml:"profile"`   // its ICC output profile, a file in the layouts folder
}

// Profile is an ICC profile the layout points to: where it is named, and,
// once the layout is loaded, its data.
type Profile struct {
	Path       string
	Pos        diag.Pos
	Data       []byte
	Components int // 1 gray, 3 RGB, 4 CMYK
}

// UnmarshalYAMLAt reads the profile's file name.
func (p *Profile) UnmarshalYAMLAt(n *yaml.Node, pos diag.Pos) error {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		return fmt.Errorf("expected the file name of an ICC profile")
	}
	p.Path, p.Pos = n.Value, pos
	return nil
}

// load reads the profile p names, relative to the layouts folder dir,
// and checks that it is an ICC output profile.
func (p *Profile) load(dir *overlay.Dir, diags *diag.List) {
	if !filepath.IsLocal(filepath.FromSlash(p.Path)) {
		diags.Add(p.Pos, "print: profile: %s: give a file in the layouts folder", p.Path)
		return
	}
	_, data, err := dir.ReadFile(path.Clean(p.Path), limits.Profile)
	if safefile.Unnamed(err) {
		diags.Add(p.Pos, "print: profile: %s: %v", p.Path, err)
		return
	} else if errors.Is(err, fs.ErrNotExist) {
		diags.Add(p.Pos, "print: profile: cannot read %s: %s; add the profile the printer gave to the layouts folder", p.Path, dir.Missing())
		return
	} else if err != nil {
		diags.Add(p.Pos, "print: profile: cannot read %s: %v", p.Path, errors.Unwrap(err))
		return
	}
	if len(data) < 128 || string(data[36:40]) != "acsp" {
		diags.Add(p.Pos, "print: profile: %s is not an ICC profile", p.Path)
		return
	}
	if class := string(data[12:16]); class != "prtr" {
		diags.Add(p.Pos, "print: profile: %s is a %q profile; PDF/X needs an output profile (\"prtr\"), the printer's", p.Path, class)
		return
	}
	switch string(data[16:20]) {
	case "GRAY":
		p.Components = 1
	case "RGB ":
		p.Components = 3
	case "CMYK":
		p.Components = 4
	default:
		diags.Add(p.Pos, "print: profile: %s is for %q colour; gray, RGB or CMYK expected", p.Path, data[16:20])
		return
	}
	p.Data = data
}

// Running sets the running header and footer. Text may use {series}, {title},
// {section} and {page}; empty means none.
type Running struct {
	HeaderLeft  string `yaml:"header-left"`
	HeaderRight string `yaml:"header-right"`
	Footer      string `yaml:"footer"`
	// Omit lists the pages, beyond the cover, the back page and blank pages,
	// that have no running head (their folio stays): front (the pages before
	// the first section of the body: the about text, the contents) and
	// section-start (pages on which a section begins).
	Omit []string `yaml:"omit"`
}

// Contents sets the one contents list of an edition: the EPUB navigation and
// the PDF bookmarks list it whole; the printed contents page lists it to PageDepth.
type Contents struct {
	Show      bool `yaml:"show"`       // print a contents page after the about text
	Depth     int  `yaml:"depth"`      // heading levels listed; 1 lists sections
	PageDepth int  `yaml:"page-depth"` // heading levels the printed page lists; depth when absent
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

// PageSize is a named page size.
type PageSize string

// UnmarshalYAMLNode accepts the known sizes.
func (p *PageSize) UnmarshalYAMLNode(n *yaml.Node) error {
	if _, _, ok := PageSizeMM(n.Value); !ok || n.Kind != yaml.ScalarNode {
		return fmt.Errorf("unknown page size %q (known: A4, A5, Letter; or give width and height)", n.Value)
	}
	*p = PageSize(n.Value)
	return nil
}

// PageSizeMM returns the width and height of a named size.
func PageSizeMM(name string) (w, h float64, ok bool) {
	switch strings.ToLower(name) {
	case "a4":
		return 210, 297, true
	case "a5":
		return 148, 210, true
	case "letter":
		return 215.9, 279.4, true
	}
	return 0, 0, false
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

// LoadLayout reads layouts/<name>.yaml and the layouts it extends, base
// first, each from the folder dir or, when it lacks it, built in.
func LoadLayout(dir *overlay.Dir, name string) (*Layout, error) {
	var diags diag.List
	l := &Layout{Name: name}
	k := keys{}
	loadLayoutInto(dir, name, l, nil, diag.Pos{}, k, &diags)
	if diags.HasErrors() {
		return nil, &diags
	}
	if l.Page.Size != "" {
		l.Page.Width, l.Page.Height, _ = PageSizeMM(string(l.Page.Size))
	}
	file := l.Files[len(l.Files)-1]
	at := diag.Pos{File: file, Line: 1, Col: 1}
	if l.Page.Width <= 0 || l.Page.Height <= 0 {
		diags.Add(at, "page: give a size (A4, A5, Letter) or a width and height in mm")
	}
	checkBounds(l, k, at, &diags)
	if diags.HasErrors() {
		return nil, &diags
	}
	m := l.Page.Margin
	if m.Inner+m.Outer >= l.Page.Width*0.9 {
		diags.Add(k.at("page.margin", at), "page: the margins leave no room for text: inner and outer (%s mm) take 90%% of the width (%s mm) or more", number(m.Inner+m.Outer), number(l.Page.Width))
	} else if m.Top+m.Bottom >= l.Page.Height*0.9 {
		diags.Add(k.at("page.margin", at), "page: the margins leave no room for text: top and bottom (%s mm) take 90%% of the height (%s mm) or more", number(m.Top+m.Bottom), number(l.Page.Height))
	}
	l.Text.defaultPullQuote()
	for _, ns := range l.Text.Styles() {
		s := ns.Style
		if s.Size <= 0 || s.Font.Name == "" {
			diags.Add(at, "text: %s needs a font and a size", ns.Key)
		}
		if s.Leading == 0 {
			s.Leading = s.Size * 1.2
		}
		if block := (l.Page.Height - m.Top - m.Bottom) * MM; s.Leading > block/2 {
			diags.Add(k.at("text."+ns.Key+".leading", k.at("text."+ns.Key, at)), "text: %s: the leading (%s pt) is more than half the text block's height (%s pt)", ns.Key, number(s.Leading), number(block))
		}
		if s.Style == "" {
			s.Style = Regular
		}
		if s.Align == "" {
			s.Align = Left
		}
	}
	if l.List.Bullet == "" {
		l.List.Bullet = "•"
	}
	if l.Contents.Depth == 0 {
		l.Contents.Depth = 1
	}
	if l.Contents.PageDepth == 0 || l.Contents.PageDepth > l.Contents.Depth {
		l.Contents.PageDepth = l.Contents.Depth
	}
	switch l.Box.Continued {
	case "":
		l.Box.Continued = "word"
	case "word", "rule", "open":
	default:
		diags.Add(at, "box: continued is word, rule or open, not %q", l.Box.Continued)
	}
	for _, o := range l.Running.Omit {
		if o != "front" && o != "section-start" {
			diags.Add(at, "running: omit lists front and section-start, not %q", o)
		}
	}
	if l.Pages.Signature == 0 {
		l.Pages.Signature = 2
	}
	if l.Pages.HeadingSpace == 0 {
		l.Pages.HeadingSpace = 0.25
	} else if q := l.Pages.HeadingSpace; q < 0 || q >= 1 {
		diags.Add(at, "pages: heading-space is a share of the text block, from 0 to below 1 (0.25: the bottom quarter)")
	}
	if tm, size := l.Table.MinSize, l.Text.Table.Size; tm == 0 {
		l.Table.MinSize = size
	} else if !(tm > 0 && tm <= size) {
		diags.Add(at, "table: min-size is the smallest size (pt) a table's text may shrink to, above 0 and no larger than text: table: size (%g), not %g", size, tm)
	}
	if l.Figure.MaxWidth <= 0 || l.Figure.MaxWidth > 1 {
		l.Figure.MaxWidth = 1
	}
	if pr := &l.Print; pr.Profile.Path != "" {
		pr.Profile.load(dir, &diags)
		if pr.Condition == "" {
			diags.Add(pr.Profile.Pos, "print: a profile needs the condition it characterises (condition: FOGRA39, say)")
		}
	} else if pr.Condition != "" {
		diags.Add(at, "print: condition %q needs its profile (profile: the printer's ICC output profile)", pr.Condition)
	}
	return l, diags.Err()
}

// loadLayoutInto reads layout name, after the layouts it extends, into l.
// from is where the layout is named: the extends: line of the layout that
// extends it, or nowhere (zero) for the layout a publication names.
func loadLayoutInto(dir *overlay.Dir, name string, l *Layout, chain []string, from diag.Pos, k keys, diags *diag.List) {
	for _, c := range chain {
		if c == name {
			diags.Add(from, "layout %q extends itself (%s)", name, strings.Join(append(chain, name), " -> "))
			return
		}
	}
	if !fs.ValidPath(name + ".yaml") {
		diags.Add(from, "layout %q: give the name of a layout (a file name without .yaml)", name)
		return
	}
	dec, root := yamlconf.OpenIn(dir, name+".yaml", diags, diag.Errorf(from, "layout %q not found: %s (folio layouts lists them)", name, dir.Missing()))
	if root == nil {
		return
	}
	if ext := yamlconf.Value(root, "extends"); ext != nil {
		loadLayoutInto(dir, ext.Value, l, append(chain, name), dec.Pos(ext), k, diags)
	}
	l.Files = append(l.Files, dec.File)
	dec.DecodeNode(root, l)
	k.add(dec, root, "")
}

// Words are the words the pipeline generates, in one language, and how that
// language sets quotes and spaces (its typography).
type Words struct {
	Lang       string `yaml:"-"`
	File       string `yaml:"-"`
	Contents   string `yaml:"contents"`
	Box        string `yaml:"box"`
	Notes      string `yaml:"notes"`
	Cover      string `yaml:"cover"`
	Published  string `yaml:"published"`
	Rights     string `yaml:"rights"`
	Publisher  string `yaml:"publisher"`
	Authors    string `yaml:"authors"`
	Identifier string `yaml:"identifier"`
	// Continued (optional) marks a box that goes on on the next page.
	Continued string   `yaml:"continued"`
	Months    []string `yaml:"months"`
	// DateFormat writes a date with {day}, {month} and {year}, e.g. "{day} {month} {year}".
	DateFormat string `yaml:"date-format"`
	// FirstDay, when given, replaces the day number 1 (French "1er").
	FirstDay string `yaml:"first-day"`
	// The EPUB's accessibility summary: what the book offers, that every figure
	// has a text alternative, that the print edition's pages are marked
	// (optional), and either the conformance the publisher claims ({conformance},
	// {certifier}) or that no one has evaluated it (optional).
	A11ySummary     string `yaml:"accessibility-summary"`
	A11yFigures     string `yaml:"accessibility-figures"`
	A11yPages       string `yaml:"accessibility-pages"`
	A11yConformance string `yaml:"accessibility-conformance"`
	A11yUnevaluated string `yaml:"accessibility-unevaluated"`
	// Typography is read by langrules, which applies it to every edition.
	Typography Typography `yaml:"typography"`
	// Termbase (optional) is how the translation checks match a termbase's
	// forms in this language: plurals, elisions, possessives.
	Termbase TermRules `yaml:"termbase"`
	// Hyphenator breaks this language's words, from the pattern file that
	// typography's hyphenation names; nil when it names none.
	Hyphenator *hyphen.Hyphenator `yaml:"-"`
	// PatternFile is that pattern file, empty when none.
	PatternFile string `yaml:"-"`
}

// Hyphenation is how a language's words are hyphenated: the Liang (TeX)
// pattern file, relative to the words file, and the fewest letters left
// before and carried after a break.
type Hyphenation struct {
	Patterns  string `yaml:"patterns"`
	MinBefore int    `yaml:"min-before"`
	MinAfter  int    `yaml:"min-after"`
}

// Typography is how a language sets quotation marks, apostrophes and the spaces
// around punctuation: the typography mapping of a words file. Quotes,
// SingleQuotes, Apostrophe and TitleSeparator are required in a words file;
// the spacing rules are optional (none when absent).
type Typography struct {
	// Quotes replace straight double quotes "…": the opening and the closing
	// mark, each with any space it takes inside ("«\u202f", "\u202f»").
	Quotes Quotes `yaml:"quotes"`
	// SingleQuotes replace straight single quotes '…'; zero where a typed '
	// is always an apostrophe.
	SingleQuotes Quotes `yaml:"single-quotes"`
	// Apostrophe replaces a ' that neither opens nor closes a single quotation ("it's").
	Apostrophe Char `yaml:"apostrophe"`
	// SpaceBefore is the space set before these marks: it replaces a typed
	// space, and is added where none was typed after a word, a number, a
	// closing quote or bracket, or an apostrophe.
	SpaceBefore SpaceBefore `yaml:"space-before"`
	// SpaceBeforeIfTyped is the space that replaces a space typed before these
	// marks; none is added ("10:30", "https://" stay as typed).
	SpaceBeforeIfTyped SpaceBefore `yaml:"space-before-if-typed"`
	// GuillemetSpace is set inside « and », typed or not; zero for none.
	GuillemetSpace Space `yaml:"space-inside-guillemets"`
	// TitleSeparator joins a title and its subtitle in metadata (": ").
	TitleSeparator string `yaml:"title-separator"`
	// ThousandsSeparator groups the digits of numbers of five digits or more
	// by three (10 000, 1 000 000) and replaces the spaces typed between such
	// groups ("3 000"); zero leaves numbers as typed. Years and other
	// four-digit numbers are never grouped.
	ThousandsSeparator Space `yaml:"thousands-separator"`
	// RangeDash replaces the hyphen typed between the two numbers of a range
	// (1990-2000, 10-12); zero leaves it. A range goes up: 3-1 stays.
	RangeDash Char `yaml:"number-range-dash"`
	// UnitSpace replaces the space typed between a number and one of Units
	// ("5 km"); both or neither are given.
	UnitSpace Space    `yaml:"unit-space"`
	Units     []string `yaml:"units"`
	// Ordinals are the endings of ordinal abbreviations set as superscripts
	// after a number or a roman numeral of I, V and X ("1er", "XIXe"); none when absent.
	Ordinals []string `yaml:"ordinals"`
	// Hyphenation, when given, lets justified text break words at the
	// language's hyphenation points; none when absent.
	Hyphenation Hyphenation `yaml:"hyphenation"`
}

// The spaces a words file may ask for around punctuation: both never break a
// line, so a mark is never set at the start of a line.
const (
	NoBreakSpace       = '\u00a0'
	NarrowNoBreakSpace = '\u202f'
)

// spaceHelp says how to write the two spaces in YAML.
const spaceHelp = `"\u00a0" (no-break space) or "\u202f" (narrow no-break space)`

// Quotes are a pair of quotation marks; the zero value is no pair.
type Quotes struct{ Open, Close string }

// UnmarshalYAMLNode reads [opening, closing], or [] for none.
func (q *Quotes) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode || len(n.Content) != 0 && len(n.Content) != 2 {
		return fmt.Errorf(`expected a list of two marks, the opening and the closing one, e.g. ["“", "”"]`)
	}
	if len(n.Content) == 0 {
		*q = Quotes{}
		return nil
	}
	var marks [2]string
	for i, m := range n.Content {
		if m.Kind != yaml.ScalarNode || m.Tag == "!!null" || strings.TrimFunc(m.Value, unicode.IsSpace) == "" {
			return fmt.Errorf("expected a quotation mark, got %s", describeNode(m))
		}
		if strings.ContainsFunc(m.Value, func(r rune) bool { return unicode.IsSpace(r) && r != NoBreakSpace && r != NarrowNoBreakSpace }) {
			return fmt.Errorf("%q: a space inside quotation marks must not break the line: write %s", m.Value, spaceHelp)
		}
		marks[i] = m.Value
	}
	*q = Quotes{Open: marks[0], Close: marks[1]}
	return nil
}

// Char is a single character.
type Char rune

// UnmarshalYAMLNode reads one character that is not a space.
func (c *Char) UnmarshalYAMLNode(n *yaml.Node) error {
	r, ok := oneRune(n)
	if !ok || unicode.IsSpace(r) {
		return fmt.Errorf("expected one character, got %s", describeNode(n))
	}
	*c = Char(r)
	return nil
}

// Space is a space set by the typographic rules; zero is none.
type Space rune

// UnmarshalYAMLNode reads one of the two no-break spaces.
func (s *Space) UnmarshalYAMLNode(n *yaml.Node) error {
	r, ok := oneRune(n)
	if !ok || r != NoBreakSpace && r != NarrowNoBreakSpace {
		return fmt.Errorf("expected %s, got %s", spaceHelp, describeNode(n))
	}
	*s = Space(r)
	return nil
}

// SpaceBefore maps punctuation marks to the space set before them.
type SpaceBefore map[rune]Space

// UnmarshalYAMLNode reads a mapping of marks to spaces: {"?": "\u202f"}.
func (sb *SpaceBefore) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf(`expected a mapping of punctuation marks to spaces, e.g. {"?": "\u202f"}, got %s`, describeNode(n))
	}
	m := SpaceBefore{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		mark, ok := oneRune(k)
		if !ok || !unicode.IsPunct(mark) && !unicode.IsSymbol(mark) || mark == '"' || mark == '\'' || mark == '’' {
			return fmt.Errorf("%s: expected one punctuation mark (not a quote or apostrophe)", describeNode(k))
		}
		if _, dup := m[mark]; dup {
			return fmt.Errorf("%s is given twice", describeNode(k))
		}
		var s Space
		if err := s.UnmarshalYAMLNode(v); err != nil {
			return fmt.Errorf("%s: %v", describeNode(k), err)
		}
		m[mark] = s
	}
	*sb = m
	return nil
}

func oneRune(n *yaml.Node) (rune, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || utf8.RuneCountInString(n.Value) != 1 {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(n.Value)
	return r, true
}

// describeNode names a value in a message as yamlconf.Describe does, a
// text with its invisible characters spelt out ("\u202f").
func describeNode(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode && n.Tag != "!!null" {
		return strconv.QuoteToASCII(n.Value)
	}
	return yamlconf.Describe(n)
}

// LoadWords reads layouts/i18n/<lang>.yaml, from the folder dir or, when it
// lacks it, built in. Every word is required, and so is
// the typography mapping with its quotes, single-quotes, apostrophe and
// title-separator: a language whose file left them out would otherwise be set
// silently with another language's quotes.
func LoadWords(dir *overlay.Dir, lang string) (*Words, error) {
	name := "i18n/" + lang + ".yaml"
	var diags diag.List
	if !fs.ValidPath(name) {
		diags.Add(diag.Pos{}, "no words for language %q: not a language tag", lang)
		return nil, &diags
	}
	dec, root := yamlconf.OpenIn(dir, name, &diags, diag.Errorf(diag.Pos{},
		"no words for language %q: %s; add this file, a copy of another language's translated (folio layouts copy i18n/en.yaml)", lang, dir.Missing()))
	if root == nil {
		return nil, &diags
	}
	w := &Words{Lang: lang, File: dec.File}
	dec.DecodeNode(root, w)
	top := diag.Pos{File: w.File, Line: 1, Col: 1}
	for _, f := range []struct {
		key string
		v   string
	}{{"contents", w.Contents}, {"box", w.Box}, {"notes", w.Notes}, {"cover", w.Cover},
		{"published", w.Published}, {"rights", w.Rights},
		{"publisher", w.Publisher}, {"authors", w.Authors}, {"identifier", w.Identifier},
		{"accessibility-summary", w.A11ySummary}, {"accessibility-figures", w.A11yFigures},
		{"accessibility-conformance", w.A11yConformance}, {"date-format", w.DateFormat}} {
		if f.v == "" {
			diags.Add(top, "missing word %q", f.key)
		}
	}
	if len(w.Months) != 12 {
		diags.Add(top, "months: give the 12 month names")
	}
	checkTypography(dec, root, &diags)
	loadHyphenation(dir, path.Dir(name), dec, root, w, &diags)
	return w, diags.Err()
}

// loadHyphenation reads the pattern file the words file names, if any,
// relative to the words file's folder (sub, in dir).
func loadHyphenation(dir *overlay.Dir, sub string, dec *yamlconf.Decoder, root *yaml.Node, w *Words, diags *diag.List) {
	h := w.Typography.Hyphenation
	typo := yamlconf.Value(root, "typography")
	if typo == nil || typo.Kind != yaml.MappingNode {
		return
	}
	key := yamlconf.Value(typo, "hyphenation")
	if key == nil {
		return
	}
	pos := dec.Pos(key)
	if h.Patterns == "" {
		diags.Add(pos, "hyphenation: give the pattern file (patterns: hyphenation/<lang>.dic)")
		return
	}
	if h.MinBefore < 1 || h.MinAfter < 1 {
		diags.Add(pos, "hyphenation: give min-before and min-after, the fewest letters before and after a break (1 or more)")
		return
	}
	if !filepath.IsLocal(filepath.FromSlash(h.Patterns)) {
		diags.Add(pos, "hyphenation: %s: give a file in the words file's folder (hyphenation/<lang>.dic)", h.Patterns)
		return
	}
	file, data, err := dir.ReadFile(path.Join(sub, h.Patterns), limits.Pattern)
	if safefile.Unnamed(err) {
		diags.Add(pos, "hyphenation: %s: %v", h.Patterns, err)
		return
	} else if err != nil {
		diags.Add(pos, "hyphenation: %v", err)
		return
	}
	p, err := hyphen.ReadPatterns(bytes.NewReader(data))
	if err != nil {
		diags.Add(pos, "hyphenation: %s: %v", file, err)
		return
	}
	w.Hyphenator = hyphen.New(p, h.MinBefore, h.MinAfter)
	w.PatternFile = file
}

// checkTypography reports the typography keys a words file must give.
func checkTypography(dec *yamlconf.Decoder, root *yaml.Node, diags *diag.List) {
	key := yamlconf.Find(root, "typography")
	if key == nil {
		diags.Add(dec.Pos(nil), `missing "typography": how this language sets quotes, apostrophes and spaces (see en.yaml)`)
		return
	}
	typo := yamlconf.Value(root, "typography")
	if typo.Kind != yaml.MappingNode {
		return // reported by the decoder
	}
	for _, k := range []string{"quotes", "single-quotes", "apostrophe", "title-separator"} {
		if yamlconf.Find(typo, k) == nil {
			diags.Add(dec.Pos(key), "typography: missing %q", k)
		}
	}
	if q := yamlconf.Value(typo, "quotes"); q != nil && q.Kind == yaml.SequenceNode && len(q.Content) == 0 {
		diags.Add(dec.Pos(q), "quotes: give the opening and the closing mark")
	}
	if s := yamlconf.Value(typo, "title-separator"); s != nil && s.Kind == yaml.ScalarNode && s.Value == "" {
		diags.Add(dec.Pos(s), "title-separator: give the text between a title and its subtitle")
	}
	units, unitSpace := yamlconf.Value(typo, "units"), yamlconf.Find(typo, "unit-space")
	switch {
	case units != nil && unitSpace == nil:
		diags.Add(dec.Pos(units), "units: give the unit-space too, the space set between a number and its unit")
	case units == nil && unitSpace != nil:
		diags.Add(dec.Pos(unitSpace), "unit-space: give the units it goes before too (units: [km, kg, …])")
	case units != nil && units.Kind == yaml.SequenceNode:
		for _, u := range units.Content {
			if u.Kind != yaml.ScalarNode || u.Value == "" || strings.ContainsFunc(u.Value, unicode.IsSpace) || strings.ContainsFunc(u.Value, unicode.IsDigit) {
				diags.Add(dec.Pos(u), "units: %s is not a unit symbol (km, °C, €: no digits or spaces)", describeNode(u))
			}
		}
	}
	before, ifTyped := yamlconf.Value(typo, "space-before"), yamlconf.Value(typo, "space-before-if-typed")
	if before != nil && ifTyped != nil && before.Kind == yaml.MappingNode && ifTyped.Kind == yaml.MappingNode {
		for i := 0; i < len(ifTyped.Content); i += 2 {
			if k := ifTyped.Content[i]; yamlconf.Find(before, k.Value) != nil {
				diags.Add(dec.Pos(k), "space-before-if-typed: %s is also in space-before; give it in one of them", describeNode(k))
			}
		}
	}
}

// FormatDate writes a YYYY-MM-DD date in the words' language: "1 May 2019", "1er mai 2019".
func (w *Words) FormatDate(date string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(date, "%d-%d-%d", &y, &m, &d); err != nil || m < 1 || m > 12 || len(w.Months) != 12 {
		return date
	}
	day := strconv.Itoa(d)
	if d == 1 && w.FirstDay != "" {
		day = w.FirstDay
	}
	return strings.NewReplacer("{day}", day, "{month}", w.Months[m-1], "{year}", strconv.Itoa(y)).Replace(w.DateFormat)
}
