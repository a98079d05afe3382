package style

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	_ "image/png" // logos
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/folio-pub/folio/internal/csl"
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/icc"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/safefile"
	"github.com/folio-pub/folio/internal/yamlconf"
	"go.yaml.in/yaml/v3"
)

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
	// References (optional) sets cross-references on the page.
	References References `yaml:"references"`
	// Citations (optional) is how citations of the bibliography are set.
	Citations Citations `yaml:"citations"`
	Print     Print     `yaml:"print"`
	Digital   Digital   `yaml:"digital"`
	Pages     Pages     `yaml:"pages"`
}

// Digital sets the standards the digital edition follows beyond PDF/UA-1.
type Digital struct {
	// PDFA: the file is also PDF/A-2a, for archives (its identification,
	// an sRGB output intent, appearance streams on its links); base.yaml
	// sets it true.
	PDFA bool `yaml:"pdfa"`
}

// Pages are the rules pages are made by, beyond keeping headings with their
// text and avoiding widows and orphans.
type Pages struct {
	// Signature: the page count is made a multiple of it with blank pages
	// before the back page (2 for a PDF read on screen, 4 for a
	// saddle-stitched booklet); 2 when absent.
	Signature int `yaml:"signature"`
	// HeadingSpace: a heading starts the next page when less than this
	// share of the text block is left below it; no such rule when absent or
	// 0 (HeadingLines is the rule).
	HeadingSpace float64 `yaml:"heading-space"`
	// Floats: a figure (with its caption) or a box short enough for a page
	// that does not fit in the room left on its page goes to the top of the
	// next page, and the text after it fills the page, as LaTeX's floats;
	// false: it starts the next page and leaves the room empty. base.yaml
	// sets it true.
	Floats bool `yaml:"floats"`
	// FloatBarrier: a float waiting for a later page never goes past the
	// next heading of its own section's level or above (0, when absent);
	// n from 1 to 6 lets it past headings below level n (1: only a
	// section's title stops it).
	FloatBarrier int `yaml:"float-barrier"`
	// HeadingLines: a heading starts the next page when there is no room
	// below it for this many lines of body text; 3 when absent or 0.
	HeadingLines int `yaml:"heading-lines"`
	// Stretch: on a page whose text goes on to the next, the space between
	// blocks may grow by this share of itself at most so that the last line
	// stands at the foot of the text block (vertical justification); 0, when
	// absent: the page ends where its text does.
	Stretch float64 `yaml:"stretch"`
	// Shrink: the space between blocks may shrink by this share of itself
	// at most, so that a page takes a line or a heading more; 0 when absent.
	Shrink float64 `yaml:"shrink"`
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
	// Logo (optional) is a PNG in the layouts folder set on the cover (at
	// its foot, on the right) and on the back page (above the publisher's
	// details), LogoHeight mm high (12 when absent); a file named as it with
	// a language tag before its extension (logo.fr.png) is the logo of the
	// editions in that language.
	Logo       Logo    `yaml:"logo"`
	LogoHeight float64 `yaml:"logo-height"`
}

// Logo is the logo a layout names and, once the layout is loaded, the
// files: the logo's, and those of each language that has its own.
type Logo struct {
	Path   string
	Pos    diag.Pos
	Data   []byte
	ByLang map[string][]byte
}

// UnmarshalYAMLAt reads the logo's file name.
func (g *Logo) UnmarshalYAMLAt(n *yaml.Node, pos diag.Pos) error {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		return fmt.Errorf("expected the file name of a PNG image")
	}
	g.Path, g.Pos = n.Value, pos
	return nil
}

// For returns the logo of the editions in lang (a tag: fr-CH takes fr's
// when it has none of its own), nil when the layout has none.
func (g *Logo) For(lang string) []byte { return byTag(g.ByLang, lang, g.Data) }

// byTag returns the value of m for lang, found along the tag as BCP 47
// lookup does (fr-CH, then fr), else def.
func byTag[T any](m map[string]T, lang string, def T) T {
	if tag, ok := alongTag(lang, func(tag string) bool { _, ok := m[tag]; return ok }); ok {
		return m[tag]
	}
	return def
}

// alongTag tries lang, then lang less its last subtag, and so on (fr-CH,
// fr), and returns the first tag found says yes to.
func alongTag(lang string, found func(tag string) bool) (string, bool) {
	for tag := lang; ; {
		if found(tag) {
			return tag, true
		}
		i := strings.LastIndexByte(tag, '-')
		if i < 0 {
			return "", false
		}
		tag = tag[:i]
	}
}

// load reads the logo and its languages' files, each a PNG.
func (g *Logo) load(dir *overlay.Dir, diags *diag.List) {
	if g.Path == "" {
		return
	}
	if !filepath.IsLocal(filepath.FromSlash(g.Path)) || !strings.EqualFold(path.Ext(g.Path), ".png") {
		diags.Add(g.Pos, "cover: logo: %s: give a PNG file in the layouts folder (SVG is not supported: export the logo as PNG)", g.Path)
		return
	}
	read := func(name string) []byte {
		_, data, err := dir.ReadFile(name, limits.Image)
		if err != nil {
			diags.Add(g.Pos, "cover: logo: cannot read %s: %v (%s)", name, errors.Unwrap(err), dir.Missing())
			return nil
		}
		if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || format != "png" {
			diags.Add(g.Pos, "cover: logo: %s is not a PNG image", name)
			return nil
		}
		return data
	}
	name := path.Clean(g.Path)
	g.Data = read(name)
	stem := strings.TrimSuffix(name, path.Ext(name)) + "."
	files, _ := dir.Files(path.Dir(name), path.Ext(name))
	for _, f := range files {
		if tag, ok := strings.CutPrefix(strings.TrimSuffix(f.Name, path.Ext(name)), stem); ok && tag != "" {
			if d := read(f.Name); d != nil {
				if g.ByLang == nil {
					g.ByLang = map[string][]byte{}
				}
				g.ByLang[tag] = d
			}
		}
	}
}

// Print sets what the print edition adds to the page: the bleed is always
// there (page.bleed); crop marks only when asked, as many printers impose pages
// themselves and want none. The printing condition is the registered name
// of the one the printer prints to with its ICC output profile (base.yaml:
// FOGRA39 and the profile built in), or sRGB, with no profile, for a digital
// press that takes RGB.
type Print struct {
	Marks     bool    `yaml:"marks"`     // crop marks outside the bleed
	Condition string  `yaml:"condition"` // the printing condition's registered name, e.g. FOGRA39
	Profile   Profile `yaml:"profile"`   // its ICC output profile, a file in the layouts folder
	// InkLimit is the most ink (per cent, C + M + Y + K) any colour may
	// lay down; typesetting warns of an area over it, with its page. 300
	// when absent.
	InkLimit float64 `yaml:"ink-limit"`
	// RichBlack, when given, replaces black (K 100 alone) in large areas (a
	// band or background of 10 mm or more each way), never in text or rules.
	RichBlack Color        `yaml:"rich-black"`
	cmyk      *icc.Profile // the condition's profile when it is a CMYK one, to derive colours
}

// SRGB is the condition name of an RGB print edition.
const SRGB = "sRGB"

// Given reports whether the layout gives the colour.
func (c Color) Given() bool { return c.rgb || c.cmyk }

// Profile is an ICC profile the layout points to: where it is named, and,
// once the layout is loaded, its data.
type Profile struct {
	Path       string
	Pos        diag.Pos
	Data       []byte
	Components int    // 1 gray, 3 RGB, 4 CMYK
	Desc       string // its description (desc tag); empty when it has none or folio cannot read the profile's tables
	// Deflated is Data as a zlib stream, made beforehand: the file
	// <Path>.zlib beside it when that inflates to exactly Data (the built-in
	// profile's, which make profiles writes); nil otherwise, and the PDF
	// writer deflates Data itself.
	Deflated []byte
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
	p.Deflated = deflatedForm(dir, path.Clean(p.Path)+".zlib", data)
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
	// Lists: the EPUB's navigation also lists the figures, tables and boxes
	// (false when absent)
	Lists bool `yaml:"lists"`
}

// References sets cross-references (@fig-x) in the paged editions.
type References struct {
	// Page: each reference is followed by the page its target is on, "Box
	// 2, p. 7" (the PDFs; the EPUB has no pages).
	Page bool `yaml:"page"`
}

// Citations names the CSL style citations and the bibliography are
// formatted with: a file csl/<style>.csl beside the layouts, or built in.
type Citations struct {
	Style string `yaml:"style"`
	// Align is how the bibliography's entries are aligned: left (ragged
	// right, as bibliographies in Chicago-style books are set: long URLs
	// and titles make loose lines when justified), the default, or justify.
	Align Align `yaml:"align"`
	// styles reads the style and its versions for a language, once, on
	// first use: a build of publications without a bibliography reads no
	// CSL file. Nil when there is no style to cite with.
	styles func() (cslStyles, error)
}

// cslStyles are a layout's CSL style and its versions for a language,
// csl/<style>-<lang>.csl (chicago-author-date-fr.csl: "dir.", "sous la dir.
// de"), by tag.
type cslStyles struct {
	main   *csl.Style
	byLang map[string]*csl.Style
}

// For returns the style of the editions in lang: its own version where
// there is one (found along the tag: fr-CH takes fr's), else the style;
// nil when the layout has none. The first call reads the style's files:
// the error lists their problems, with their positions.
func (c *Citations) For(lang string) (*csl.Style, error) {
	if c.styles == nil {
		return nil, nil
	}
	s, err := c.styles()
	if err != nil {
		return nil, err
	}
	return byTag(s.byLang, lang, s.main), nil
}

// langSuffix is what follows a style's name in the name of its version
// for a language: a language tag.
var langSuffix = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// DefaultCitationStyle is the style of a layout that names none: Chicago
// notes and bibliography, 18th edition (citations become footnotes); the
// 17th edition's is chicago-fullnote-bibliography.
const DefaultCitationStyle = "chicago-notes-bibliography"

// load finds the layout's CSL style, to be read on first use (For).
func (c *Citations) load(dir *overlay.Dir, at diag.Pos, diags *diag.List) {
	named := c.Style != ""
	if !named {
		c.Style = DefaultCitationStyle
	}
	name := "csl/" + c.Style + ".csl"
	if !fs.ValidPath(name) {
		diags.Add(at, "citations: style %q: give the name of a CSL style (a file name without .csl)", c.Style)
		return
	}
	if _, ok := dir.Find(name); !ok {
		if named {
			diags.Add(at, "citations: style %q not found: %s (built in: chicago-notes-bibliography, chicago-author-date, chicago-fullnote-bibliography, chicago-author-date-17th-edition)", c.Style, dir.Missing())
		}
		return // unnamed: a layouts folder without the built-in files, nothing to cite with
	}
	style := c.Style
	c.styles = sync.OnceValues(func() (cslStyles, error) { return readStyles(dir, style, name) })
}

// readStyles reads CSL style file name and the versions of style for a
// language beside it.
func readStyles(dir *overlay.Dir, style, name string) (cslStyles, error) {
	var diags diag.List
	var out cslStyles
	file, data, err := dir.ReadFile(name, limits.Bibliography)
	if err != nil {
		diags.Add(diag.Pos{File: file}, "citations: %v", err)
		return out, &diags
	}
	if out.main, err = csl.ParseStyle(data); err != nil {
		diags.Add(diag.Pos{File: file}, "citations: %v", err)
		return out, &diags
	}
	files, _ := dir.Files("csl", ".csl")
	for _, f := range files {
		tag, ok := strings.CutPrefix(strings.TrimSuffix(path.Base(f.Name), ".csl"), style+"-")
		if !ok || !langSuffix.MatchString(tag) {
			continue
		}
		file, data, err := dir.ReadFile(f.Name, limits.Bibliography)
		var s *csl.Style
		if err == nil {
			s, err = csl.ParseStyle(data)
		}
		if err != nil {
			diags.Add(diag.Pos{File: file}, "citations: %v", err)
			continue
		}
		if out.byLang == nil {
			out.byLang = map[string]*csl.Style{}
		}
		out.byLang[tag] = s
	}
	return out, diags.Err()
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
	checkMargins(l, k, at, &diags)
	settleStyles(l, k, at, &diags)
	settleSettings(l, at, &diags)
	l.Print.loadProfile(dir, at, &diags)
	l.settleColors(at, &diags)
	l.Cover.Logo.load(dir, &diags)
	if l.Cover.LogoHeight == 0 {
		l.Cover.LogoHeight = 12
	}
	if h := l.Cover.LogoHeight; h < 0 || h > 40 {
		diags.Add(k.at("cover.logo-height", at), "cover: logo-height %s mm: give 1 to 40 mm", number(h))
	}
	l.Citations.load(dir, k.at("citations.style", at), &diags)
	switch l.Citations.Align {
	case "":
		l.Citations.Align = Left
	case Left, Justify:
	default:
		diags.Add(k.at("citations.align", at), "citations: align %q: give left (ragged right, the default) or justify", l.Citations.Align)
	}
	return l, diags.Err()
}

// checkMargins reports margins that leave no room for text.
func checkMargins(l *Layout, k keys, at diag.Pos, diags *diag.List) {
	m := l.Page.Margin
	if m.Inner+m.Outer >= l.Page.Width*0.9 {
		diags.Add(k.at("page.margin", at), "page: the margins leave no room for text: inner and outer (%s mm) take 90%% of the width (%s mm) or more", number(m.Inner+m.Outer), number(l.Page.Width))
	} else if m.Top+m.Bottom >= l.Page.Height*0.9 {
		diags.Add(k.at("page.margin", at), "page: the margins leave no room for text: top and bottom (%s mm) take 90%% of the height (%s mm) or more", number(m.Top+m.Bottom), number(l.Page.Height))
	}
}

// settleStyles checks every text style and gives what it leaves out its
// default: the leading 1.2 times the size, regular, aligned left.
func settleStyles(l *Layout, k keys, at diag.Pos, diags *diag.List) {
	m := l.Page.Margin
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
}

// settleSettings checks the settings that take one of a few values or a
// share, and gives those left out their defaults.
func settleSettings(l *Layout, at diag.Pos, diags *diag.List) {
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
	if l.Pages.HeadingLines == 0 {
		l.Pages.HeadingLines = 3
	}
	if q := l.Pages.HeadingSpace; q < 0 || q >= 1 {
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
}

// deflatedForm returns file name in dir when it is a zlib stream of data
// (checked by inflating it: a series' own profile laid over the built-in
// one has no such file of its own, and the built-in one's does not match),
// else nil.
func deflatedForm(dir *overlay.Dir, name string, data []byte) []byte {
	_, z, err := dir.ReadFile(name, limits.Profile)
	if err != nil {
		return nil
	}
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil
	}
	got := make([]byte, len(data)+1) // one more: a longer stream does not match
	if n, err := io.ReadFull(r, got); err != io.ErrUnexpectedEOF || !bytes.Equal(got[:n], data) {
		return nil
	}
	return z
}

// loadProfile reads the printer's profile the print settings name, which
// needs the condition it characterises, and the other way round; the sRGB
// condition needs none, and drops one a layout it extends names.
func (pr *Print) loadProfile(dir *overlay.Dir, at diag.Pos, diags *diag.List) {
	if pr.Condition == SRGB {
		pr.Profile = Profile{}
		return
	}
	if pr.Profile.Path != "" {
		pr.Profile.load(dir, diags)
		if pr.Condition == "" {
			diags.Add(pr.Profile.Pos, "print: a profile needs the condition it characterises (condition: FOGRA39, say)")
		}
	} else if pr.Condition != "" {
		diags.Add(at, "print: condition %q needs its profile (profile: the printer's ICC output profile)", pr.Condition)
	}
}

// settleColors derives each palette colour's form the layout left out,
// through the printing condition's profile, and checks the ink settings.
func (l *Layout) settleColors(at diag.Pos, diags *diag.List) {
	pr := &l.Print
	cmyk, desc, err := conditionProfile(pr.Profile.Data)
	pr.Profile.Desc = desc
	if err != nil {
		diags.Warn(pr.Profile.Pos, "print: profile: %s: %v; the colours the layout gives in one form only get the other from a naive formula (give both: {rgb: \"#rrggbb\", cmyk: [c, m, y, k]})", pr.Profile.Path, err)
	}
	pr.cmyk = cmyk
	for _, c := range l.Colors.palette() {
		*c = l.derive(*c)
	}
	if pr.RichBlack.Given() {
		pr.RichBlack = l.derive(pr.RichBlack)
	}
	if pr.InkLimit == 0 {
		pr.InkLimit = 300
	} else if pr.InkLimit < 100 || pr.InkLimit > 400 {
		diags.Add(at, "print: ink-limit is the most ink a colour may lay down, in per cent from 100 to 400 (300 for coated offset), not %g", pr.InkLimit)
	}
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
