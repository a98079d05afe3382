package csl

import (
	"strconv"
	"strings"
)

// The positions of a cite (CSL's position condition).
const (
	posFirst = iota
	posSubsequent
	posIbid
	posIbidLocator
)

// ctx is what rendering one item reads and records.
type ctx struct {
	p      *Processor
	item   *Item
	cite   Cite
	mode   *elem // the citation or bibliography element
	sort   bool  // rendering a sort key
	pos    int
	near   bool // near-note
	disamb bool // the disambiguate condition
	// suppressed are variables a substitute already rendered.
	suppressed map[string]bool
	// tracked records the variables rendered while a substitute's text,
	// group or choose renders (nil otherwise).
	tracked  map[string]bool
	called   int // variables the layout tried to render
	rendered int // of those, the ones that rendered something
	quotes   int // depth of quotes
	// firstNames is the output of the first names element rendered, for
	// subsequent-author-substitute, collapsing and author-only citations.
	firstNames *node
	// suppressAuthor leaves the first names element out.
	suppressAuthor bool
	// addNames raises et-al-use-first (add-names disambiguation).
	addNames int
	// givenFull sets initialized given names in full (add-givenname).
	givenFull      bool
	yearSuffix     string
	yearSuffixDone bool
	keyNames       map[string]string // sort key attributes names-min, names-use-first, names-use-last
}

// track records that variable v rendered something, for a substitute.
func (c *ctx) track(v string) {
	if c.tracked != nil {
		c.tracked[v] = true
	}
}

// children renders the children of e and joins them with delim; the
// elements of a choose's branch are children for the delimiter, as
// citeproc-js reads them (a group's delimiter falls between them).
func (c *ctx) children(e *elem, delim string) *node {
	return join(c.renderAll(e.kids), delim)
}

// renderAll renders elements, each choose as its branch's elements.
func (c *ctx) renderAll(kids []*elem) []*node {
	var ns []*node
	for _, k := range kids {
		if k.name != "choose" {
			ns = append(ns, c.el(k))
			continue
		}
		for _, b := range k.kids {
			if b.name == "else" || c.test(b) {
				ns = append(ns, c.renderAll(b.kids)...)
				break
			}
		}
	}
	return ns
}

// el renders one rendering element.
func (c *ctx) el(e *elem) *node {
	switch e.name {
	case "text":
		return c.text(e)
	case "number":
		return c.number(e)
	case "label":
		return c.label(e, e.get("variable"), 0)
	case "names":
		return c.names(e)
	case "date":
		return c.date(e)
	case "group":
		return c.group(e)
	case "choose":
		return c.choose(e)
	}
	return nil
}

// decorate applies an element's affixes, formatting, quotes, text case,
// period stripping and display to its content.
func (c *ctx) decorate(e *elem, n *node) *node {
	if n.empty() {
		return nil
	}
	if e.get("strip-periods") == "true" {
		n.walk(func(l *node) { l.text = strings.ReplaceAll(l.text, ".", "") })
	}
	if tc := e.get("text-case"); tc != "" {
		textCase(n, tc, c.titleCaseOK())
	}
	inner := &node{kids: []*node{n}, fmt: fmtOf(e)}
	if e.get("quotes") == "true" && !c.sort { // a sort key has no quotes (“Who…” sorts under W)
		open, close := "open-quote", "close-quote"
		if c.quotes%2 == 1 {
			open, close = "open-inner-quote", "close-inner-quote"
		}
		inner = &node{kids: []*node{{text: c.p.loc.term(open, "", false), quote: 1}, inner, {text: c.p.loc.term(close, "", false), quote: 2}}}
	}
	if e.has("prefix") || e.has("suffix") {
		return group(leaf(e.get("prefix")), inner, leaf(e.get("suffix")))
	}
	return inner
}

// titleCaseOK: title case applies to English items only.
func (c *ctx) titleCaseOK() bool {
	lang := c.item.Vars["language"]
	if lang == "" {
		return strings.HasPrefix(c.p.lang, "en")
	}
	return strings.HasPrefix(strings.ToLower(lang), "en")
}

func (c *ctx) text(e *elem) *node {
	switch {
	case e.has("macro"):
		m := c.p.style.macros[e.get("macro")]
		if m == nil {
			return nil
		}
		quoted := e.get("quotes") == "true"
		if quoted {
			c.quotes++
		}
		n := c.children(m, "")
		if quoted {
			c.quotes--
		}
		return c.decorate(e, n)
	case e.has("term"):
		plural := e.get("plural") == "true"
		return c.decorate(e, leaf(c.p.loc.term(e.get("term"), e.get("form"), plural)))
	case e.has("value"):
		depth := c.quotes
		if e.get("quotes") == "true" {
			depth++
		}
		return c.decorate(e, c.smartQuotes(c.leafRich(e.get("value")), depth))
	case e.has("variable"):
		v := e.get("variable")
		if v != "year-suffix" {
			// an empty year-suffix does not empty its group (citeproc-js:
			// the styles' "n.d." beside it)
			c.called++
		}
		n := c.variable(v, e.get("form"))
		if n.empty() {
			return nil
		}
		c.rendered++
		c.track(v)
		if !c.sort && v != "URL" && v != "DOI" {
			depth := c.quotes
			if e.get("quotes") == "true" {
				depth++
			}
			n = c.smartQuotes(n, depth)
		}
		return c.decorate(e, n)
	}
	return nil
}

// variable renders an ordinary or number variable as text.
func (c *ctx) variable(v, form string) *node {
	if c.suppressed[v] {
		return nil
	}
	switch v {
	case "locator":
		format := ""
		if c.cite.labelOr() == "page" {
			format = c.p.style.root.get("page-range-format")
		}
		return c.leafRich(pageRange(c.cite.Locator, format, c.rangeDelimiter()))
	case "citation-number":
		return leaf(strconv.Itoa(c.p.number[c.item.ID]))
	case "year-suffix":
		return leaf(c.yearSuffix)
	case "first-reference-note-number":
		if n := c.p.firstNote[c.item.ID]; n > 0 && c.pos != posFirst {
			return leaf(strconv.Itoa(n))
		}
		return nil
	case "page":
		s := c.item.Vars[v]
		return c.leafRich(pageRange(s, c.p.style.root.get("page-range-format"), c.rangeDelimiter()))
	case "page-first":
		s := c.item.Vars[v]
		if s == "" {
			s = pageFirst(c.item.Vars["page"])
		}
		if s == "" {
			return nil
		}
		return c.leafRich(s)
	case "URL":
		s := c.item.Vars[v]
		if s == "" {
			return nil
		}
		return &node{kids: []*node{leaf(s)}, link: s}
	case "DOI":
		s := c.item.Vars[v]
		if s == "" {
			return nil
		}
		return &node{kids: []*node{leaf(s)}, link: doiLink(s)}
	}
	s := c.item.Vars[v]
	if form == "short" {
		if short := c.item.Vars[v+"-short"]; short != "" {
			s = short
		} else if v == "container-title" && c.item.Vars["journalAbbreviation"] != "" {
			s = c.item.Vars["journalAbbreviation"]
		}
	}
	if s == "" {
		return nil
	}
	return c.leafRich(s)
}

// rangeDelimiter is what joins the ends of a page range: the locale's
// page-range-delimiter, an en dash where it has none.
func (c *ctx) rangeDelimiter() string {
	if d := c.p.loc.term("page-range-delimiter", "", false); d != "" {
		return d
	}
	return "–"
}

// doiLink is the web address of a DOI.
func doiLink(doi string) string {
	if strings.HasPrefix(doi, "http://") || strings.HasPrefix(doi, "https://") {
		return doi
	}
	return "https://doi.org/" + doi
}

// leafRich reads the HTML-like markup CSL-JSON fields may hold (<i>, <b>,
// <sup>, <sub>, <span style="font-variant:small-caps;">, <span
// class="nocase">).
func (c *ctx) leafRich(s string) *node {
	if !strings.Contains(s, "<") {
		return leaf(s)
	}
	return richText(s)
}

func (c *ctx) group(e *elem) *node {
	called, rendered := c.called, c.rendered
	c.called, c.rendered = 0, 0
	n := c.children(e, e.get("delimiter"))
	groupCalled, groupRendered := c.called, c.rendered
	c.called, c.rendered = called+groupCalled, rendered+groupRendered
	if groupCalled > 0 && groupRendered == 0 {
		return nil
	}
	if n.empty() {
		return nil
	}
	return c.decorate(e, n)
}

func (c *ctx) choose(e *elem) *node {
	for _, k := range e.kids {
		if k.name == "else" || c.test(k) {
			return c.children(k, "")
		}
	}
	return nil
}

// test evaluates the conditions of an if or else-if.
func (c *ctx) test(e *elem) bool {
	var results []bool
	for _, a := range []string{"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate"} {
		if !e.has(a) {
			continue
		}
		for _, v := range words(e.get(a)) {
			results = append(results, c.cond(a, v))
		}
	}
	switch e.get("match") {
	case "any":
		for _, r := range results {
			if r {
				return true
			}
		}
		return false
	case "none":
		for _, r := range results {
			if r {
				return false
			}
		}
		return true
	}
	for _, r := range results {
		if !r {
			return false
		}
	}
	return len(results) > 0
}

func (c *ctx) cond(a, v string) bool {
	it := c.item
	switch a {
	case "type":
		return it.Type == v
	case "variable":
		return c.has(v)
	case "is-numeric":
		s := it.Vars[v]
		if v == "locator" {
			s = c.cite.Locator
		}
		return s != "" && isNumeric(s)
	case "is-uncertain-date":
		return it.Dates[v].Circa
	case "locator":
		label := c.cite.Label
		if label == "" && c.cite.Locator != "" {
			label = "page"
		}
		if v == "sub-verbo" {
			v = "sub verbo"
		}
		return label == v
	case "position":
		if c.mode != c.p.style.citation {
			return false
		}
		switch v {
		case "first":
			return c.pos == posFirst
		case "subsequent":
			return c.pos != posFirst
		case "ibid":
			return c.pos == posIbid || c.pos == posIbidLocator
		case "ibid-with-locator":
			return c.pos == posIbidLocator
		case "near-note":
			return c.pos != posFirst && c.near
		}
	case "disambiguate":
		return (v == "true") == c.disamb
	}
	return false
}

// has reports whether the item has a variable.
func (c *ctx) has(v string) bool {
	it := c.item
	switch v {
	case "locator":
		return c.cite.Locator != ""
	case "citation-number":
		return true
	case "year-suffix":
		return c.yearSuffix != ""
	case "first-reference-note-number":
		return c.pos != posFirst && c.p.firstNote[it.ID] > 0
	case "page-first":
		if it.Vars[v] == "" && it.Vars["page"] != "" {
			return !c.suppressed["page"]
		}
	}
	if c.suppressed[v] {
		return false
	}
	if len(it.Names[v]) > 0 {
		return true
	}
	if !it.Dates[v].empty() {
		return true
	}
	return it.Vars[v] != ""
}

// opt reads an inheritable option: on the element, then on the citation
// or bibliography, then on the style.
func (c *ctx) opt(e *elem, name, inherited string) string {
	if e != nil {
		if v, ok := e.attr[name]; ok {
			return v
		}
	}
	if inherited == "" {
		inherited = name
	}
	if v, ok := c.mode.attr[inherited]; ok {
		return v
	}
	return c.p.style.root.attr[inherited]
}
