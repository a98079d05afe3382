package parity

import (
	"fmt"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
)

// unit is the finest piece of text the checks compare: a heading, a
// paragraph, a list item, a table cell, a caption, a box title.
type unit struct {
	class string // what it may be paired with: h1…h6, text, cell, figure, box
	pos   diag.Pos
	text  string // its words, code left out
	links []link
	group bool // it starts a group: a heading, a box title, a footnote
}

// link is the target of a link: "#id" or a URL.
type link struct {
	target string
	pos    diag.Pos
}

// sectionText is a section as the checks read it.
type sectionText struct {
	sec   *doc.Section
	lang  string
	units []unit
	// structure lists, for each kind of element the structure check counts,
	// where each one is, in order.
	structure map[string][]diag.Pos
	sum       []byte // the digest of all this, for the memo; nil until asked (digest)
}

// structureKinds are what the structure check counts, in the order it reports them.
var structureKinds = []string{"level-2 headings", "level-3 headings", "level-4 headings", "level-5 headings", "level-6 headings",
	"boxes", "pull quotes", "figures", "tables", "table rows", "list items", "footnotes"}

// start is where the section starts: its first block, else its file.
func (st *sectionText) start() diag.Pos {
	if len(st.units) > 0 {
		return st.units[0].pos
	}
	if len(st.sec.Blocks) > 0 {
		return st.sec.Blocks[0].Position()
	}
	return diag.Pos{File: st.sec.File, Line: 1, Col: 1}
}

// read reads section s of ed, with its notes (those of ed.Notes that are s's).
func read(ed *doc.Edition, s *doc.Section) *sectionText {
	st := &sectionText{sec: s, lang: ed.Lang, structure: map[string][]diag.Pos{}}
	if s.Lang != "" {
		st.lang = s.Lang
	}
	st.blocks(s.Blocks)
	for _, n := range ed.Notes {
		if n.Section != s {
			continue
		}
		st.structure["footnotes"] = append(st.structure["footnotes"], n.Pos)
		first := len(st.units)
		st.blocks(n.Blocks)
		if first < len(st.units) {
			st.units[first].group = true
		} else {
			st.units = append(st.units, unit{class: "text", pos: n.Pos, group: true})
		}
	}
	return st
}

func (st *sectionText) add(class string, pos diag.Pos, in []doc.Inline, group bool) {
	u := unit{class: class, pos: pos, group: group}
	var b strings.Builder
	inlineText(in, &b, &u, st.lang)
	u.text = b.String()
	st.units = append(st.units, u)
}

func (st *sectionText) count(kind string, pos diag.Pos) {
	st.structure[kind] = append(st.structure[kind], pos)
}

// blocks reads bs.
func (st *sectionText) blocks(bs []doc.Block) {
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.Heading:
			if b.Level > 1 {
				st.count(fmt.Sprintf("level-%d headings", b.Level), b.Pos)
			}
			st.add(fmt.Sprintf("h%d", b.Level), b.Pos, b.Content, true)
		case *doc.Paragraph:
			st.add("text", b.Pos, b.Content, false)
		case *doc.List:
			for _, item := range b.Items {
				pos := b.Pos
				if len(item) > 0 {
					pos = item[0].Position()
				}
				st.count("list items", pos)
				// an item's text is one unit, whatever blocks it holds
				sub := &sectionText{sec: st.sec, lang: st.lang, structure: st.structure}
				sub.blocks(item)
				u := unit{class: "text", pos: pos}
				var texts []string
				for _, v := range sub.units {
					texts = append(texts, v.text)
					u.links = append(u.links, v.links...)
				}
				u.text = strings.Join(texts, " ")
				st.units = append(st.units, u)
			}
		case *doc.Table:
			st.count("tables", b.Pos)
			row := func(i int, cells [][]doc.Inline) {
				// a pipe table has a row a line, after its header and delimiter rows
				pos := b.Pos
				if i > 0 {
					pos = diag.Pos{File: b.Pos.File, Line: b.Pos.Line + i + 1, Col: b.Pos.Col}
				}
				st.count("table rows", pos)
				for _, c := range cells {
					st.add("cell", pos, c, false)
				}
			}
			row(0, b.Header)
			for i, r := range b.Rows {
				row(i+1, r)
			}
		case *doc.Figure:
			st.count("figures", b.Pos)
			st.units = append(st.units, unit{class: "figure", pos: b.Pos, text: b.Caption + " " + b.Alt})
		case *doc.Box:
			st.count("boxes", b.Pos)
			st.add("box", b.Pos, b.Title, true)
			st.blocks(b.Blocks)
		case *doc.Quote:
			st.blocks(b.Blocks)
		case *doc.PullQuote:
			st.count("pull quotes", b.Pos)
			st.add("pullquote", b.Pos, b.Content, false)
		case *doc.CodeBlock, *doc.Rule:
			// code is not translated; a rule holds no text
		default:
			panic(fmt.Sprintf("parity: no case for %T", b))
		}
	}
}

// inlineText writes the words of in to b, code and spans in another
// language than lang left out (a term kept in the original's language is no
// translation to check), and collects its links into u.
func inlineText(in []doc.Inline, b *strings.Builder, u *unit, lang string) {
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Text:
			b.WriteString(n.Text)
		case *doc.Super:
			if n.Text != "" && n.Text[0] >= '0' && n.Text[0] <= '9' {
				b.WriteByte(' ') // 2^10^ holds the numbers 2 and 10
			}
			b.WriteString(n.Text)
		case *doc.InlineImage:
			b.WriteString(n.Alt) // translated as text is
		case *doc.Emph:
			inlineText(n.Content, b, u, lang)
		case *doc.Strong:
			inlineText(n.Content, b, u, lang)
		case *doc.Link:
			pos := n.Pos
			if pos.File == "" {
				pos = u.pos
			}
			u.links = append(u.links, link{target: n.URL, pos: pos})
			inlineText(n.Content, b, u, lang)
		case *doc.Cite:
			// a reference's words are made in each language: what is compared
			// is what it refers to (a citation too, once folio reads them)
			b.WriteByte(' ')
			for _, it := range n.Items {
				pos := it.Pos
				if pos.File == "" {
					pos = u.pos
				}
				u.links = append(u.links, link{target: "@" + it.Key, pos: pos})
			}
		case *doc.Span:
			if doc.SameLanguage(n.Lang, lang) {
				inlineText(n.Content, b, u, lang)
				continue
			}
			var other strings.Builder
			inlineText(n.Content, &other, u, n.Lang) // its links are still compared
			b.WriteByte(' ')
		case *doc.Code:
			b.WriteByte(' ') // code is not translated: its numbers and words are not compared
		case *doc.LineBreak:
			b.WriteByte(' ')
		case *doc.NoteRef:
			// a note mark is not text
		default:
			panic(fmt.Sprintf("parity: no case for %T", n))
		}
	}
}

// pair is what is compared: units of the original and of the translation
// whose text says the same, and where the translation's is.
type pair struct {
	orig, tr []unit
}

func (p pair) origPos() diag.Pos { return p.orig[0].pos }
func (p pair) trPos() diag.Pos   { return p.tr[0].pos }

func joined(us []unit) string {
	var texts []string
	for _, u := range us {
		texts = append(texts, u.text)
	}
	return strings.Join(texts, " ")
}

// align pairs the text of two sections at the finest level their structure
// allows: unit by unit where both have the same units (a paragraph may stand
// for a list item); else group by group (a heading, a box title or a footnote
// and what follows it) where both have the same groups, each group unit by
// unit where it can be; else the whole sections.
func align(o, t *sectionText) []pair {
	if len(o.units) == 0 || len(t.units) == 0 {
		if len(o.units) > 0 || len(t.units) > 0 {
			return []pair{{orig: orDefault(o), tr: orDefault(t)}}
		}
		return nil
	}
	og, tg := groups(o.units), groups(t.units)
	if !sameGroups(og, tg) {
		return []pair{{orig: o.units, tr: t.units}}
	}
	var out []pair
	for i := range og {
		if sameClasses(og[i], tg[i]) {
			for j := range og[i] {
				out = append(out, pair{orig: og[i][j : j+1], tr: tg[i][j : j+1]})
			}
		} else {
			out = append(out, pair{orig: og[i], tr: tg[i]})
		}
	}
	return out
}

// orDefault returns the units of st, or one empty unit where it starts.
func orDefault(st *sectionText) []unit {
	if len(st.units) > 0 {
		return st.units
	}
	return []unit{{class: "text", pos: st.start()}}
}

// groups cuts units where a group starts.
func groups(us []unit) [][]unit {
	var out [][]unit
	for i, u := range us {
		if i == 0 || u.group {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], u)
	}
	return out
}

func sameGroups(a, b [][]unit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i][0].class != b[i][0].class || a[i][0].group != b[i][0].group {
			return false
		}
	}
	return true
}

func sameClasses(a, b []unit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].class != b[i].class {
			return false
		}
	}
	return true
}
