package csl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Processor formats the citations of one document in one language. It
// keeps the citations made so far (for positions such as ibid), so one
// Processor serves one document, its citations given in reading order.
type Processor struct {
	style  *Style
	loc    locales
	lang   string
	items  map[string]*Item
	order  []string       // the items in the order they were given (first cited first)
	number map[string]int // citation-number: place in the bibliography
	// year suffixes and the disambiguate condition, decided once
	suffix   map[string]string
	disamb   map[string]bool
	addNames map[string]int
	// given names shown to disambiguate (givenname.go): by person, by cite
	givenPerson map[string]int
	givenCite   map[string]int
	// rendersYearSuffix: the style renders year-suffix itself
	rendersYearSuffix bool
	coll              *collate.Collator
	// history
	last      []Cite // the previous citation's cites
	lastNote  map[string]int
	firstNote map[string]int
}

// New makes a processor for a style in a language (a BCP 47 tag: "fr-FR"),
// its locale files given in the order they are looked up in (the
// language's first, en-US last), and the items a document cites, in the
// order it first cites them. An item id given twice is an error.
func New(s *Style, lang string, files []*Locale, items []Item) (*Processor, error) {
	p := &Processor{style: s, lang: lang, loc: s.chain(lang, files), items: map[string]*Item{},
		number: map[string]int{}, suffix: map[string]string{}, disamb: map[string]bool{}, addNames: map[string]int{},
		givenPerson: map[string]int{}, givenCite: map[string]int{},
		lastNote: map[string]int{}, firstNote: map[string]int{}}
	for i := range items {
		it := &items[i]
		if _, dup := p.items[it.ID]; dup {
			return nil, fmt.Errorf("item %q is given twice", it.ID)
		}
		p.items[it.ID] = it
		p.order = append(p.order, it.ID)
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	p.coll = collate.New(tag, collate.IgnoreCase, collate.IgnoreDiacritics)
	p.rendersYearSuffix = p.usesVariable(s.root, "year-suffix")
	for i, id := range p.order {
		p.number[id] = i + 1
	}
	if s.HasBibliography() {
		for i, id := range p.sorted(s.bibliography, p.order) {
			p.number[id] = i + 1
		}
	}
	p.disambiguate()
	return p, nil
}

func (p *Processor) usesVariable(e *elem, v string) bool {
	if e.get("variable") == v {
		return true
	}
	for _, k := range e.kids {
		if p.usesVariable(k, v) {
			return true
		}
	}
	return false
}

// Has reports whether the processor knows an item.
func (p *Processor) Has(id string) bool { return p.items[id] != nil }

func (p *Processor) newCtx(mode *elem, it *Item) *ctx {
	return &ctx{p: p, item: it, mode: mode, yearSuffix: p.suffix[it.ID], disamb: p.disamb[it.ID], addNames: p.addNames[it.ID]}
}

// rendered is a cite as rendered, and what collapsing reads of it.
type rendered struct {
	cite   Cite
	n      *node
	author string
	bare   *node // without its author, for collapsing
}

// Citation formats one citation: its cites in the order given (sorted if
// the style sorts citations), each item's text marked with its id. note is
// the number of the footnote the citation is in (0 in the text), for
// positions in note styles.
func (p *Processor) Citation(cites []Cite, note int) (Text, error) {
	for _, ct := range cites {
		if p.items[ct.ID] == nil {
			return nil, fmt.Errorf("no item %q", ct.ID)
		}
	}
	mode := p.style.citation
	layout := mode.child("layout")
	// positions, in the order written
	var rs []rendered
	for i, ct := range cites {
		it := p.items[ct.ID]
		c := p.newCtx(mode, it)
		c.cite = ct
		c.pos, c.near = p.position(cites, i, note)
		r := rendered{cite: ct}
		if ct.AuthorOnly {
			c.children(layout, "")
			r.n = c.firstNames
			if r.n == nil {
				r.n = &node{}
			}
		} else {
			c.suppressAuthor = ct.SuppressAuthor
			r.n = c.children(layout, "")
			if c.firstNames != nil {
				r.author = c.firstNames.plain()
			}
			if mode.has("collapse") {
				c2 := p.newCtx(mode, it)
				c2.cite, c2.pos, c2.near, c2.suppressAuthor = ct, c.pos, c.near, true
				r.bare = c2.children(layout, "")
			}
		}
		r.n = group(leaf(ct.Prefix), r.n, leaf(ct.Suffix))
		r.n.item = ct.ID
		if ct.Prefix != "" {
			// the prefix is the citation's own text, not the item's
			r.n = &node{kids: []*node{leaf(ct.Prefix), {kids: r.n.kids[1:], item: ct.ID}}}
		}
		rs = append(rs, r)
	}
	authorOnly := true
	for _, ct := range cites {
		authorOnly = authorOnly && ct.AuthorOnly
	}
	if !authorOnly {
		// an author named in the text is no citation: positions are the notes'
		for _, ct := range cites {
			if p.firstNote[ct.ID] == 0 && note > 0 {
				p.firstNote[ct.ID] = note
			}
			p.lastNote[ct.ID] = note
		}
		p.last = cites
	}
	if s := mode.child("sort"); s != nil && len(rs) > 1 {
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.cite.ID
		}
		keys := p.sortKeys(mode, ids)
		sort.SliceStable(rs, func(a, b int) bool {
			return p.less(s, keys[rs[a].cite.ID], keys[rs[b].cite.ID])
		})
	}
	parts := p.joinCites(mode, layout.get("delimiter"), rs)
	body := group(parts...)
	if body.empty() {
		return nil, nil
	}
	if authorOnly {
		// the author in the text: no parentheses or final full stop
		return flatten(body, p.punctInQuote()), nil
	}
	out := &node{kids: group(leaf(layout.get("prefix")), body, leaf(layout.get("suffix"))).kids, fmt: fmtOf(layout)}
	return flatten(out, p.punctInQuote()), nil
}

func (p *Processor) punctInQuote() bool { return p.loc.opt("punctuation-in-quote") == "true" }

// position decides the position of cites[i] in a citation in note note.
func (p *Processor) position(cites []Cite, i, note int) (int, bool) {
	ct := cites[i]
	seen := p.lastNote[ct.ID] != 0 || p.firstNote[ct.ID] != 0 || p.citedBefore(ct.ID, cites[:i])
	if !seen {
		return posFirst, false
	}
	near := false
	if last, ok := p.lastNote[ct.ID]; ok && note > 0 {
		dist := 5
		if v, err := strconv.Atoi(p.style.citation.get("near-note-distance")); err == nil {
			dist = v
		}
		near = note-last <= dist
	}
	var prev *Cite
	switch {
	case i > 0:
		prev = &cites[i-1]
	case len(p.last) == 1:
		prev = &p.last[0]
	}
	if prev != nil && prev.ID == ct.ID {
		switch {
		case ct.Locator == "" && prev.Locator == "":
			return posIbid, near
		case ct.Locator == "":
			return posSubsequent, near
		case ct.Locator == prev.Locator && ct.Label == prev.Label:
			return posIbid, near
		default:
			return posIbidLocator, near
		}
	}
	return posSubsequent, near
}

func (p *Processor) citedBefore(id string, cites []Cite) bool {
	for _, c := range cites {
		if c.ID == id {
			return true
		}
	}
	_, ok := p.lastNote[id]
	return ok
}

// Bibliography formats the entries of every item given to New, sorted as
// the style says (in the order given, when it does not sort). An entry
// whose author repeats the one before it is substituted when the style
// says so. Nil when the style has no bibliography.
func (p *Processor) Bibliography() []Entry {
	s := p.style
	if !s.HasBibliography() {
		return nil
	}
	mode := s.bibliography
	var out []Entry
	var prevAuthor string
	sub, hasSub := mode.attr["subsequent-author-substitute"]
	for _, id := range p.sorted(mode, p.order) {
		c := p.newCtx(mode, p.items[id])
		n := c.children(mode.child("layout"), "")
		if hasSub && c.firstNames != nil {
			a := c.firstNames.plain()
			if a == prevAuthor && a != "" {
				c.firstNames.kids, c.firstNames.text = []*node{leaf(sub)}, ""
				if sub == "" {
					c.firstNames.kids = nil
				}
			}
			prevAuthor = a
		} else {
			prevAuthor = ""
		}
		layout := mode.child("layout")
		n = group(leaf(layout.get("prefix")), &node{kids: []*node{n}, fmt: fmtOf(layout)}, leaf(layout.get("suffix")))
		out = append(out, Entry{ID: id, Text: flatten(n, p.punctInQuote())})
	}
	return out
}

// sortKey is one item's values for the keys of a sort.
type sortKey []string

// sortKeys renders the sort keys of a mode's sort for each item.
func (p *Processor) sortKeys(mode *elem, ids []string) map[string]sortKey {
	s := mode.child("sort")
	keys := map[string]sortKey{}
	for _, id := range ids {
		it := p.items[id]
		var k sortKey
		for _, key := range s.kids {
			c := p.newCtx(mode, it)
			c.sort = true
			c.keyNames = key.attr
			var v string
			switch {
			case key.has("macro"):
				if m := p.style.macros[key.get("macro")]; m != nil {
					v = c.children(m, "").plain()
				}
			case key.get("variable") == "citation-number":
				v = fmt.Sprintf("%08d", indexOf(p.order, id))
			case dateVars[key.get("variable")]:
				v = dateKey(it.Dates[key.get("variable")])
			case nameVars[key.get("variable")]:
				nm := &elem{name: "names", attr: map[string]string{"variable": key.get("variable")}, kids: []*elem{{name: "name", attr: map[string]string{}}}}
				v = c.names(nm).plain()
			default:
				v = it.Vars[key.get("variable")]
				if isNumeric(v) && !strings.ContainsAny(v, "-–,&") {
					if n, err := strconv.Atoi(strings.TrimFunc(v, func(r rune) bool { return r < '0' || r > '9' })); err == nil {
						v = fmt.Sprintf("%012d", n)
					}
				}
			}
			k = append(k, v)
		}
		keys[id] = k
	}
	return keys
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// less compares two items' sort keys: an empty value goes last, whatever
// the direction.
func (p *Processor) less(s *elem, a, b sortKey) bool {
	for i, key := range s.kids {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if x == "" || y == "" {
			return y == ""
		}
		c := p.coll.CompareString(noPunct(x), noPunct(y))
		if c == 0 {
			c = strings.Compare(x, y)
		}
		if key.get("sort") == "descending" {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
	}
	return false
}

// noPunct is a sort key without its punctuation, which sorting ignores
// ("Title, here A" before "Title here B", “Quoted” under Q).
func noPunct(s string) string {
	if !strings.ContainsFunc(s, unicode.IsPunct) {
		return s
	}
	return strings.Join(strings.FieldsFunc(strings.Map(func(r rune) rune {
		if unicode.IsPunct(r) {
			return ' '
		}
		return r
	}, s), unicode.IsSpace), " ")
}

// sorted returns ids in a mode's sort order (stable: as given on ties).
func (p *Processor) sorted(mode *elem, ids []string) []string {
	out := append([]string(nil), ids...)
	s := mode.child("sort")
	if s == nil {
		return out
	}
	keys := p.sortKeys(mode, out)
	sort.SliceStable(out, func(i, j int) bool { return p.less(s, keys[out[i]], keys[out[j]]) })
	return out
}

// disambiguate decides, once for all items, what tells apart items whose
// first citations read the same: more names (disambiguate-add-names),
// full given names (add-givenname), a year suffix (add-year-suffix, in
// bibliography order), and else the disambiguate condition.
func (p *Processor) disambiguate() {
	mode := p.style.citation
	render := func(id string) string {
		c := p.newCtx(mode, p.items[id])
		return c.children(mode.child("layout"), "").plain()
	}
	groups := func() [][]string {
		by := map[string][]string{}
		var order []string
		for _, id := range p.order {
			s := render(id)
			if by[s] == nil {
				order = append(order, s)
			}
			by[s] = append(by[s], id)
		}
		var gs [][]string
		for _, s := range order {
			if len(by[s]) > 1 {
				gs = append(gs, by[s])
			}
		}
		return gs
	}
	addGiven := mode.get("disambiguate-add-givenname") == "true"
	global, primary, initialsOnly := givenRule(mode)
	if addGiven && global {
		p.givenGlobal(primary, initialsOnly)
	}
	gs := groups()
	if len(gs) == 0 {
		return
	}
	if mode.get("disambiguate-add-names") == "true" {
		for _, g := range gs {
			for step := 1; step < 20; step++ {
				seen := map[string]int{}
				for _, id := range g {
					p.addNames[id] = step
					seen[render(id)]++
				}
				if len(seen) == len(g) {
					break
				}
				more := false
				for _, id := range g {
					if len(p.items[id].Names["author"]) > step {
						more = true
					}
				}
				if !more {
					for _, id := range g {
						delete(p.addNames, id)
					}
					break
				}
			}
		}
		gs = groups()
	}
	if addGiven {
		for _, g := range gs {
			p.givenByCite(g, initialsOnly, mode.get("disambiguate-add-year-suffix") == "true", render)
		}
		gs = groups()
	}
	if mode.get("disambiguate-add-year-suffix") == "true" {
		bib := p.order
		if p.style.HasBibliography() {
			bib = p.sorted(p.style.bibliography, p.order)
		}
		for _, g := range gs {
			in := map[string]bool{}
			for _, id := range g {
				in[id] = true
			}
			n := 0
			for _, id := range bib {
				if in[id] {
					p.suffix[id] = yearSuffix(n)
					n++
				}
			}
		}
		return
	}
	for _, g := range gs {
		for _, id := range g {
			p.disamb[id] = true
		}
	}
}

// yearSuffix is a, b, … z, aa, ab…
func yearSuffix(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n = n/26 - 1
		if n < 0 {
			return s
		}
	}
}

// joinCites joins a citation's rendered cites with the layout's delimiter,
// collapsing the cites of one author (collapse="year": "Doe 2000, 2001").
func (p *Processor) joinCites(mode *elem, delim string, rs []rendered) []*node {
	collapse := mode.get("collapse")
	if collapse != "year" && collapse != "year-suffix" && collapse != "year-suffix-ranged" {
		var parts []*node
		for i, r := range rs {
			if i > 0 {
				parts = append(parts, leaf(delim))
			}
			parts = append(parts, r.n)
		}
		return parts
	}
	groupDelim := ", "
	if mode.has("cite-group-delimiter") {
		groupDelim = mode.get("cite-group-delimiter")
	}
	after := delim
	if mode.has("after-collapse-delimiter") {
		after = mode.get("after-collapse-delimiter")
	}
	// after a group of more than one cite, the after-collapse delimiter
	var parts []*node
	collapsed := false
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j].author != "" && rs[j].author == rs[i].author && rs[j].bare != nil && rs[j].cite.Prefix == "" && !rs[j].cite.SuppressAuthor {
			j++
		}
		if len(parts) > 0 {
			d := delim
			if collapsed {
				d = after
			}
			parts = append(parts, leaf(d))
		}
		parts = append(parts, group(p.citeGroup(mode, collapse, rs[i:j], groupDelim, after, delim)...))
		collapsed = j-i > 1
		i = j
	}
	return parts
}

// citeGroup joins the cites of one author: the first whole, the others
// without the author, by the cite-group delimiter (the after-collapse one
// after a cite with a locator, as citeproc-js does: "Wong 1999, 328; 2000,
// 475"); with year-suffix collapsing, a cite of the same year as the one
// before, neither with a locator, is its year-suffix alone ("2000a, b"), and
// ranged, three or more suffixes in a row are a range ("2000a–c").
func (p *Processor) citeGroup(mode *elem, collapse string, rs []rendered, groupDelim, after, delim string) []*node {
	suffixDelim := delim
	if mode.has("year-suffix-delimiter") {
		suffixDelim = mode.get("year-suffix-delimiter")
	}
	onlySuffix := func(k int) bool {
		if collapse == "year" || k == 0 {
			return false
		}
		a, b := rs[k-1], rs[k]
		return a.cite.Locator == "" && b.cite.Locator == "" && a.cite.Suffix == "" && p.suffix[a.cite.ID] != "" && p.suffix[b.cite.ID] != "" &&
			p.year(a.cite.ID) != "" && p.year(a.cite.ID) == p.year(b.cite.ID)
	}
	g := []*node{rs[0].n}
	for k := 1; k < len(rs); k++ {
		if onlySuffix(k) {
			// a run of suffixes: a, b, c… or, ranged, a–c
			end := k
			for end+1 < len(rs) && onlySuffix(end+1) {
				end++
			}
			// the suffixes from the cite before, which is set whole
			var sfx []string
			for m := k - 1; m <= end; m++ {
				sfx = append(sfx, p.suffix[rs[m].cite.ID])
			}
			for a := 0; a < len(sfx); {
				b := a
				for collapse == "year-suffix-ranged" && b+1 < len(sfx) && nextLetter(sfx[b], sfx[b+1]) {
					b++
				}
				var text string
				switch {
				case b-a >= 2 && a == 0:
					text = "–" + sfx[b]
				case b-a >= 2:
					text = suffixDelim + sfx[a] + "–" + sfx[b]
				case a == 0:
					b = 0 // set with its year
				default:
					b = a
					text = suffixDelim + sfx[a]
				}
				if text != "" {
					n := leaf(text)
					n.item = rs[k-1+b].cite.ID
					g = append(g, n)
				}
				a = b + 1
			}
			k = end
			continue
		}
		d := groupDelim
		if rs[k-1].cite.Locator != "" {
			d = after
		}
		b := group(rs[k].bare, leaf(rs[k].cite.Suffix))
		b.item = rs[k].cite.ID
		g = append(g, leaf(d), b)
	}
	return g
}

// year is the year of an item's issued date, or "".
func (p *Processor) year(id string) string {
	d := p.items[id].Dates["issued"]
	if len(d.Parts) == 0 || d.Parts[0][0] == 0 {
		return ""
	}
	return strconv.Itoa(d.Parts[0][0])
}

// nextLetter reports whether suffix b follows a ("a" then "b").
func nextLetter(a, b string) bool {
	return len(a) == 1 && len(b) == 1 && b[0] == a[0]+1
}
