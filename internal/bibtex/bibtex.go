// Package bibtex reads BibTeX and BibLaTeX files, as Zotero and reference
// managers export them, into CSL items (package csl): entries with braced
// or quoted fields, @string abbreviations and # concatenation, TeX accents
// and escapes, names joined by "and", and dates (BibLaTeX's date, or year
// and month).
package bibtex

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/folio-pub/folio/internal/csl"
)

// Error is a problem in a file, at a line and column.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Parse reads a BibTeX or BibLaTeX file into CSL items, in the file's order.
func Parse(src []byte) ([]csl.Item, error) {
	p := &parser{s: string(src), strings: map[string]string{
		"jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
		"jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12"}}
	var items []csl.Item
	seen := map[string]int{}
	for {
		at := strings.IndexByte(p.s[p.i:], '@')
		if at < 0 {
			return items, nil
		}
		p.i += at + 1
		start := p.i - 1
		kind := strings.ToLower(p.ident())
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '{' && p.s[p.i] != '(' {
			return nil, p.errAt(start, "@%s: an entry opens with { after its type", kind)
		}
		closer := byte('}')
		if p.s[p.i] == '(' {
			closer = ')'
		}
		p.i++
		switch kind {
		case "comment":
			if err := p.skipBalanced(start); err != nil {
				return nil, err
			}
			continue
		case "preamble":
			if _, err := p.value(); err != nil {
				return nil, err
			}
			p.space()
			p.i++ // the closer
			continue
		case "string":
			fields, err := p.fields(closer)
			if err != nil {
				return nil, err
			}
			for k, v := range fields {
				p.strings[k] = v.text
			}
			continue
		}
		p.space()
		keyStart := p.i
		for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != closer && !unicode.IsSpace(rune(p.s[p.i])) {
			p.i++
		}
		key := p.s[keyStart:p.i]
		if key == "" {
			return nil, p.errAt(start, "@%s: an entry needs a citation key", kind)
		}
		line, col := p.lineCol(start)
		if prev, ok := seen[key]; ok {
			return nil, p.errAt(start, "entry %q is given twice (first on line %d)", key, prev)
		}
		seen[key] = line
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		}
		fields, err := p.fields(closer)
		if err != nil {
			return nil, err
		}
		it := item(kind, key, fields)
		it.Line, it.Col = line, col
		items = append(items, it)
	}
}

type parser struct {
	s       string
	i       int
	strings map[string]string
}

type field struct {
	text string
	at   int
}

func (p *parser) lineCol(off int) (int, int) {
	line := 1 + strings.Count(p.s[:off], "\n")
	col := off - strings.LastIndexByte(p.s[:off], '\n')
	return line, col
}

func (p *parser) errAt(off int, format string, args ...any) error {
	l, c := p.lineCol(min(off, len(p.s)))
	return &Error{Line: l, Col: c, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) space() {
	for p.i < len(p.s) && unicode.IsSpace(rune(p.s[p.i])) {
		p.i++
	}
}

func (p *parser) ident() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if !(c == '_' || c == '-' || c == ':' || c == '.' || c == '+' || c == '/' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))) {
			break
		}
		p.i++
	}
	return p.s[start:p.i]
}

func (p *parser) skipBalanced(start int) error {
	depth := 1
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '{', '(':
			depth++
		case '}', ')':
			depth--
		}
		p.i++
		if depth == 0 {
			return nil
		}
	}
	return p.errAt(start, "this entry is never closed")
}

// fields reads name = value pairs up to the entry's closer.
func (p *parser) fields(closer byte) (map[string]field, error) {
	out := map[string]field{}
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errAt(p.i, "the file ends inside an entry: a closing %c is missing", closer)
		}
		if p.s[p.i] == closer {
			p.i++
			return out, nil
		}
		at := p.i
		name := strings.ToLower(p.ident())
		if name == "" {
			return nil, p.errAt(at, "a field name is expected here, not %q", p.s[p.i:p.i+1])
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '=' {
			return nil, p.errAt(p.i, "field %s: = is expected after its name", name)
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out[name] = field{text: v, at: at}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		}
	}
}

// skipTo moves past TeX text, its braces balanced and a backslash escaping
// the next character, to the first stop outside braces; false when the
// text ends first.
func (p *parser) skipTo(stop byte) bool {
	depth := 0
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == stop && depth == 0 {
			return true
		}
		switch c {
		case '\\':
			p.i++
		case '{':
			depth++
		case '}':
			depth--
		}
		p.i++
	}
	return false
}

// value reads a field's value: braced or quoted parts, numbers and @string
// names, joined by #.
func (p *parser) value() (string, error) {
	var b strings.Builder
	for {
		p.space()
		if p.i >= len(p.s) {
			return "", p.errAt(p.i, "the file ends where a value is expected")
		}
		switch c := p.s[p.i]; {
		case c == '{' || c == '"':
			start := p.i
			p.i++
			stop := byte('}')
			if c == '"' {
				stop = '"'
			}
			if !p.skipTo(stop) {
				if c == '"' {
					return "", p.errAt(start, "this quote is never closed")
				}
				return "", p.errAt(start, "this brace is never closed")
			}
			b.WriteString(p.s[start+1 : p.i])
			p.i++
		case c >= '0' && c <= '9':
			start := p.i
			for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
				p.i++
			}
			b.WriteString(p.s[start:p.i])
		default:
			start := p.i
			name := strings.ToLower(p.ident())
			v, ok := p.strings[name]
			if !ok {
				return "", p.errAt(start, "unknown abbreviation %q: define it with @string{%s = {…}} or put the value in braces", name, name)
			}
			b.WriteString(v)
		}
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '#' {
			p.i++
			continue
		}
		return b.String(), nil
	}
}

// types maps BibTeX and BibLaTeX entry types to CSL types.
var types = map[string]string{
	"article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter", "incollection": "chapter",
	"inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book",
	"collection": "book", "mvcollection": "book", "report": "report", "techreport": "report",
	"thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis", "online": "webpage", "electronic": "webpage",
	"www": "webpage", "manual": "report", "misc": "document", "unpublished": "manuscript", "booklet": "pamphlet",
	"patent": "patent", "dataset": "dataset", "software": "software", "periodical": "periodical",
}

// item makes a CSL item of an entry's fields.
func item(kind, key string, f map[string]field) csl.Item {
	it := csl.Item{ID: key, Type: types[kind], Vars: map[string]string{}, Names: map[string][]csl.Name{}, Dates: map[string]csl.Date{}}
	if it.Type == "" {
		it.Type = "document"
	}
	get := func(name string) string { return latex(f[name].text) }
	set := func(v, name string) {
		if s := get(name); s != "" && it.Vars[v] == "" {
			it.Vars[v] = s
		}
	}
	names := make([]string, 0, len(f))
	for k := range f {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := f[k].text
		switch k {
		case "author", "editor", "translator":
			it.Names[k] = Names(v)
		}
	}
	container := "container-title"
	switch kind {
	case "article":
		set(container, "journaltitle")
		set(container, "journal")
		set("container-title-short", "shortjournal")
	case "inbook", "incollection", "inproceedings":
		set(container, "booktitle")
	case "thesis", "phdthesis", "mastersthesis":
		set("publisher", "school")
		set("publisher", "institution")
		if kind == "phdthesis" {
			it.Vars["genre"] = "PhD thesis"
		}
		if kind == "mastersthesis" {
			it.Vars["genre"] = "Master’s thesis"
		}
	case "report", "techreport", "manual":
		set("publisher", "institution")
	case "online", "electronic", "www":
		// the site's name, which Zotero's Better BibLaTeX writes there
		set(container, "organization")
	}
	set("title", "title")
	if sub := get("subtitle"); sub != "" && it.Vars["title"] != "" {
		it.Vars["title"] += ": " + sub
	}
	set("title-short", "shorttitle")
	set("publisher", "publisher")
	set("publisher-place", "location")
	set("publisher-place", "address")
	set("volume", "volume")
	set("issue", "number")
	set("issue", "issue")
	set("page", "pages")
	set("edition", "edition")
	set("collection-title", "series")
	set("DOI", "doi")
	set("URL", "url")
	set("ISBN", "isbn")
	set("ISSN", "issn")
	set("note", "note")
	set("abstract", "abstract")
	if l := get("langid"); l != "" {
		it.Vars["language"] = langTag(l)
	}
	set("language", "language")
	set("genre", "type")
	set("number", "reportnumber")
	if it.Vars["issue"] != "" && (kind == "report" || kind == "techreport") {
		it.Vars["number"], it.Vars["issue"] = it.Vars["issue"], ""
		delete(it.Vars, "issue")
	}
	it.Vars["page"] = strings.ReplaceAll(it.Vars["page"], "--", "–")
	if it.Vars["page"] == "" {
		delete(it.Vars, "page")
	}
	if d := get("date"); d != "" {
		it.Dates["issued"] = csl.ParseDate(d)
	} else if y := get("year"); y != "" {
		d := csl.ParseDate(y)
		if m, err := strconv.Atoi(get("month")); err == nil && len(d.Parts) == 1 {
			d.Parts[0][1] = m
		} else if m := monthOf(get("month")); m > 0 && len(d.Parts) == 1 {
			d.Parts[0][1] = m
		}
		it.Dates["issued"] = d
	}
	if d := get("urldate"); d != "" {
		it.Dates["accessed"] = csl.ParseDate(d)
	}
	return it
}

func monthOf(s string) int {
	s = strings.ToLower(s)
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	return 0
}

// langTags are the babel and polyglossia names biblatex's langid takes
// (Zotero's Better BibLaTeX writes them), as BCP 47 tags, as Pandoc reads
// them.
var langTags = map[string]string{
	"english": "en", "american": "en-US", "usenglish": "en-US", "british": "en-GB", "ukenglish": "en-GB",
	"canadian": "en-CA", "australian": "en-AU", "newzealand": "en-NZ",
	"french": "fr", "francais": "fr", "canadien": "fr-CA", "acadian": "fr-CA", "swissfrench": "fr-CH",
	"german": "de", "ngerman": "de", "austrian": "de-AT", "naustrian": "de-AT", "swissgerman": "de-CH", "nswissgerman": "de-CH",
	"spanish": "es", "italian": "it", "portuguese": "pt", "portuges": "pt", "brazil": "pt-BR", "brazilian": "pt-BR",
	"dutch": "nl", "danish": "da", "swedish": "sv", "norsk": "nb", "nynorsk": "nn", "finnish": "fi", "polish": "pl",
	"czech": "cs", "russian": "ru", "ukrainian": "uk", "greek": "el", "turkish": "tr", "catalan": "ca", "latin": "la",
	"arabic": "ar", "hebrew": "he", "japanese": "ja", "chinese": "zh", "korean": "ko",
}

// langTag is the BCP 47 tag of a langid ("ngerman" → "de"); a value that
// is not a known name (a tag already: "fr-CA") is kept as it is.
func langTag(langid string) string {
	if t, ok := langTags[strings.ToLower(strings.TrimSpace(langid))]; ok {
		return t
	}
	return langid
}
