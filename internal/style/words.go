package style

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/csl"
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/hyphen"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/safefile"
	"github.com/folio-pub/folio/internal/yamlconf"
	"go.yaml.in/yaml/v3"
)

// Words are the words the pipeline generates, in one language, and how that
// language sets quotes and spaces (its typography).
type Words struct {
	Lang     string `yaml:"-"`
	File     string `yaml:"-"`
	Contents string `yaml:"contents"`
	Box      string `yaml:"box"`
	Notes    string `yaml:"notes"`
	// Note (optional) names one note where a link to it is described to a
	// screen reader ("Note 3"); the number alone when absent.
	Note       string `yaml:"note"`
	Cover      string `yaml:"cover"`
	Published  string `yaml:"published"`
	Rights     string `yaml:"rights"`
	Publisher  string `yaml:"publisher"`
	Authors    string `yaml:"authors"`
	Identifier string `yaml:"identifier"`
	// Lists (optional) head the EPUB navigation's lists of figures, tables
	// and boxes (a layout's contents: lists); the numbering words when absent.
	Lists struct {
		Figures string `yaml:"figures"`
		Tables  string `yaml:"tables"`
		Boxes   string `yaml:"boxes"`
	} `yaml:"lists"`
	// Imprint names the EPUB's colophon, the back page's details (optional: Publisher when absent).
	Imprint string `yaml:"imprint"`
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
	A11ySummary    string `yaml:"accessibility-summary"`
	A11yFigures    string `yaml:"accessibility-figures"`
	A11yNotes      string `yaml:"accessibility-notes"`
	A11yTables     string `yaml:"accessibility-tables"`
	A11yOrder      string `yaml:"accessibility-order"`
	A11yOrderMoved string `yaml:"accessibility-order-moved"`
	// A11yOrderMovedOne (optional) is A11yOrderMoved for one page ("page
	// {pages}"); without it, A11yOrderMoved whatever the number of pages.
	A11yOrderMovedOne string `yaml:"accessibility-order-moved-one"`
	A11yPages         string `yaml:"accessibility-pages"`
	A11yConformance   string `yaml:"accessibility-conformance"`
	// References (optional) is the heading of the bibliography folio adds
	// when the text cites: "References" where a words file gives none.
	References string `yaml:"references"`
	// locales reads the CSL locales citations are formatted with in this
	// language (Locales), once, on first use.
	locales         func() ([]*csl.Locale, error)
	A11yUnevaluated string `yaml:"accessibility-unevaluated"`
	// Typography is read by langrules, which applies it to every edition.
	Typography Typography `yaml:"typography"`
	// Termbase (optional) is how the translation checks match a termbase's
	// forms in this language: plurals, elisions, possessives.
	Termbase TermRules `yaml:"termbase"`
	// Numbering (optional) names the numbered kinds in this language, for
	// captions ("Figure 1: …") and cross-references ("Figure 1"; French
	// "figure 1" in a sentence).
	Numbering Numbering `yaml:"numbering"`
	// Web (optional) are the labels of the web edition's pages; a words file
	// without them takes the built-in file's of its language, else English.
	Web WebWords `yaml:"web"`
	// Hyphenator breaks this language's words, from the pattern file that
	// typography's hyphenation names; nil when it names none.
	Hyphenator *hyphen.Hyphenator `yaml:"-"`
	// PatternFile is that pattern file, empty when none.
	PatternFile string `yaml:"-"`
}

// Numbering is what a language calls the numbered kinds: the word of each,
// capitalised as at the start of a sentence and in a caption.
type Numbering struct {
	Figure  string `yaml:"figure"`
	Table   string `yaml:"table"`
	Box     string `yaml:"box"`
	Section string `yaml:"section"`
	// Lowercase: in a sentence the word is set with a lowercase first letter
	// (French "voir la figure 1"); at its start and in captions as given.
	Lowercase bool `yaml:"lowercase-in-text"`
	// Separator goes between a caption's number and its text (": ",
	// French "\u00a0: ").
	Separator string `yaml:"caption-separator"`
	// Page is the word before a page number in a printed reference ("p.":
	// "Box 2, p. 7").
	Page string `yaml:"page"`
}

// Hyphenation is how a language's words are hyphenated: the Liang (TeX)
// pattern file, relative to the words file, the fewest letters left before
// and carried after a break (TeX's lefthyphenmin and righthyphenmin), the
// fewest letters of a word that is broken (MinWord, 6 when absent: no break
// in a word of 5 letters or fewer), and the language's exceptions, each
// written with a hyphen where it may break, a proper name whole.
type Hyphenation struct {
	Patterns   string   `yaml:"patterns"`
	MinBefore  int      `yaml:"min-before"`
	MinAfter   int      `yaml:"min-after"`
	MinWord    int      `yaml:"min-word"`
	Exceptions []string `yaml:"exceptions"`
}

// defaultMinWord is the fewest letters of a word hyphenation breaks when the
// words file does not say.
const defaultMinWord = 6

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
	// DashSpace replaces a space typed before a dash (– or —, or -- and ---
	// typed); zero leaves it.
	DashSpace Space `yaml:"space-before-dash"`
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
// lacks it, built in; a tag with a region or script that has no file of its
// own falls back along the tag, as BCP 47 lookup does (fr-CH: fr.yaml,
// zh-Hant-TW: zh-Hant.yaml, then zh.yaml), the words keeping the full tag
// (Lang) for the outputs' metadata. Every word is required, and so is
// the typography mapping with its quotes, single-quotes, apostrophe and
// title-separator: a language whose file left them out would otherwise be set
// silently with another language's quotes.
func LoadWords(dir *overlay.Dir, lang string) (*Words, error) {
	name := "i18n/" + lang + ".yaml"
	if tag, ok := alongTag(lang, func(tag string) bool { _, ok := dir.Find("i18n/" + tag + ".yaml"); return ok }); ok {
		name = "i18n/" + tag + ".yaml"
	}
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
	builtin := &builtinFiles{dir: dir, dec: dec, parsed: map[string]*yaml.Node{}}
	builtin.fromBuiltin(root, "termbase", &w.Termbase, name)
	builtin.fromBuiltin(root, "numbering", &w.Numbering, name)
	builtin.fromBuiltin(root, "web", &w.Web, name, "i18n/en.yaml") // else the English labels
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
	if w.References == "" {
		w.References = "References"
	}
	w.locales = sync.OnceValues(func() ([]*csl.Locale, error) {
		var diags diag.List
		l := loadCSLLocales(dir, lang, &diags)
		return l, diags.Err()
	})
	return w, diags.Err()
}

// Locales returns the CSL locales citations are formatted with in the
// language, the language's first and en-US last (csl/locales-*.xml). The
// first call reads them (a build of publications without a bibliography
// reads none): the error lists their problems, with their positions.
func (w *Words) Locales() ([]*csl.Locale, error) {
	if w.locales == nil {
		return nil, nil
	}
	return w.locales()
}

// loadCSLLocales reads the CSL locale files of a language: the file for
// its tag (locales-fr-CA.xml) or, when there is none, for its language's
// main region (locales-fr-FR.xml for fr and fr-CH), then en-US's, every
// term's last resort.
func loadCSLLocales(dir *overlay.Dir, lang string, diags *diag.List) []*csl.Locale {
	base, _, _ := strings.Cut(lang, "-")
	main := map[string]string{"en": "en-US", "el": "el-GR", "ja": "ja-JP", "zh": "zh-CN", "ko": "ko-KR", "sv": "sv-SE", "da": "da-DK", "cs": "cs-CZ", "uk": "uk-UA"}[base]
	if main == "" {
		main = base + "-" + strings.ToUpper(base)
	}
	read := func(tag string) *csl.Locale {
		name := "csl/locales-" + tag + ".xml"
		if !fs.ValidPath(name) {
			return nil
		}
		file, data, err := dir.ReadFile(name, limits.Bibliography)
		if err != nil {
			return nil // none for this tag
		}
		l, err := csl.ParseLocale(data)
		if err != nil {
			diags.Add(diag.Pos{File: file}, "%v", err)
			return nil
		}
		return l
	}
	var out []*csl.Locale
	for _, t := range []string{lang, main} {
		if l := read(t); l != nil {
			out = append(out, l)
			break
		}
	}
	if len(out) == 0 || out[0].Lang != "en-US" {
		if l := read("en-US"); l != nil {
			out = append(out, l)
		}
	}
	return out
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
	if h.MinWord < 0 {
		diags.Add(pos, "hyphenation: min-word, the fewest letters of a word that is broken, is 1 or more")
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
	p, err := hyphen.ParsePatterns(data)
	if err != nil {
		diags.Add(pos, "hyphenation: %s: %v", file, err)
		return
	}
	if h.MinWord == 0 {
		h.MinWord = defaultMinWord
	}
	hy := hyphen.New(p, hyphen.Minima{Before: h.MinBefore, After: h.MinAfter, Word: h.MinWord})
	list := yamlconf.Value(key, "exceptions")
	for i, ex := range h.Exceptions {
		next, err := hy.WithExceptions([]string{ex})
		if err != nil {
			at := pos
			if list != nil && i < len(list.Content) {
				at = dec.Pos(list.Content[i])
			}
			diags.Add(at, "hyphenation: exceptions: %v", err)
			continue
		}
		hy = next
	}
	w.Hyphenator = hy
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

// The spaces a words file may ask for around punctuation: both never break a
// line, so a mark is never set at the start of a line.
const (
	NoBreakSpace       = '\u00a0'
	NarrowNoBreakSpace = '\u202f'
)

// WebWords are the labels of the web edition's pages.
type WebWords struct {
	Download     string `yaml:"download"`     // the heading of the downloads
	Read         string `yaml:"read"`         // the link to the reading edition
	Cite         string `yaml:"cite"`         // the heading of the citation
	Languages    string `yaml:"languages"`    // the label of the language switch
	Pages        string `yaml:"pages"`        // "{n} pages"
	Size         string `yaml:"size"`         // "{n} KB"
	Publications string `yaml:"publications"` // the link to the series index, and its heading
	Skip         string `yaml:"skip"`         // the link to the text, for keyboards and screen readers
	PDF          string `yaml:"pdf"`          // the digital PDF
	PrintPDF     string `yaml:"print-pdf"`    // the print PDF
	EPUB         string `yaml:"epub"`         // the EPUB
	Feed         string `yaml:"feed"`         // the link to the Atom feed
	Publication  string `yaml:"publication"`  // the link to the publication page
}

// builtinFiles reads the built-in words files a words file falls back on,
// each parsed once.
type builtinFiles struct {
	dir    *overlay.Dir
	dec    *yamlconf.Decoder
	parsed map[string]*yaml.Node
}

func (b *builtinFiles) root(name string) *yaml.Node {
	if n, ok := b.parsed[name]; ok {
		return n
	}
	var n *yaml.Node
	if data, err := b.dir.Builtin(name); err == nil {
		n = b.dec.Parse(data)
	}
	b.parsed[name] = n
	return n
}

// fromBuiltin gives a words file that has no key named key (a local one
// copied before the key existed) the value of the first of the built-in
// files names that has it, decoded into v: its termbase matches, its
// numbering and web labels read as they did. Nothing when none has it.
func (b *builtinFiles) fromBuiltin(root *yaml.Node, key string, v any, names ...string) {
	if yamlconf.Value(root, key) != nil {
		return
	}
	for _, name := range names {
		if broot := b.root(name); broot != nil {
			if n := yamlconf.Value(broot, key); n != nil {
				b.dec.DecodeNode(n, v)
				return
			}
		}
	}
}
