package csl

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// names renders a names element: each variable's list with its label,
// editor and translator once when they are the same people, or the
// substitute when every list is empty.
func (c *ctx) names(e *elem) *node {
	vars := words(e.get("variable"))
	nameEl, etAl, labelEl := e.child("name"), e.child("et-al"), e.child("label")
	labelFirst := false
	if labelEl != nil && nameEl != nil {
		for _, k := range e.kids {
			if k == labelEl {
				labelFirst = true
				break
			}
			if k == nameEl {
				break
			}
		}
	}
	c.called++
	var parts []*node
	count := 0
	skip := map[string]bool{}
	for _, v := range vars {
		if skip[v] || c.suppressed[v] {
			continue
		}
		list := c.item.Names[v]
		if len(list) == 0 {
			continue
		}
		labelVar := v
		if (v == "editor" || v == "translator") && contains(vars, "editor") && contains(vars, "translator") &&
			sameNames(c.item.Names["editor"], c.item.Names["translator"]) {
			labelVar = "editortranslator"
			skip["editor"], skip["translator"] = true, true
		}
		n, shown := c.nameList(nameEl, etAl, list)
		count += shown
		c.track(v)
		if labelEl != nil {
			l := c.label(labelEl, labelVar, len(list))
			if labelFirst {
				n = group(l, n)
			} else {
				n = group(n, l)
			}
		}
		parts = append(parts, n)
	}
	var out *node
	if len(parts) == 0 {
		if s := e.child("substitute"); s != nil {
			out = c.substitute(e, s)
			if out != nil {
				c.rendered++
			}
			return out
		}
		return nil
	}
	c.rendered++
	if nameEl != nil && nameEl.get("form") == "count" || c.opt(nameEl, "form", "name-form") == "count" && nameEl != nil {
		out = c.decorate(e, leaf(strconv.Itoa(count)))
	} else {
		out = c.decorate(e, join(parts, c.opt(e, "delimiter", "names-delimiter")))
	}
	return c.authorSlot(out)
}

// authorSlot records the first names rendered, and leaves it out when the
// author is suppressed.
func (c *ctx) authorSlot(n *node) *node {
	if c.firstNames != nil || n == nil {
		return n
	}
	c.firstNames = n
	if c.suppressAuthor {
		return &node{}
	}
	return n
}

// substitute renders the first child of a substitute that renders
// something; a names element in it takes the parent's name options. The
// variables it rendered are suppressed in the rest of the layout.
func (c *ctx) substitute(parent, s *elem) *node {
	for _, k := range s.kids {
		var n *node
		vars := []string{k.get("variable")}
		if k.name == "names" {
			inherit := &elem{name: "names", attr: map[string]string{}, kids: k.kids}
			for a, v := range parent.attr {
				inherit.attr[a] = v
			}
			for a, v := range k.attr {
				inherit.attr[a] = v
			}
			if len(k.kids) == 0 {
				for _, pk := range parent.kids {
					if pk.name != "substitute" {
						inherit.kids = append(inherit.kids, pk)
					}
				}
			}
			vars = words(k.get("variable"))
			before := c.firstNames
			n = c.names(inherit)
			if before == nil && c.firstNames != nil && n != nil {
				return n // names: recorded (and suppressed) there
			}
		} else {
			// a text, group or choose: the variables it renders, through
			// macros too, are suppressed after it
			outer := c.tracked
			c.tracked = map[string]bool{}
			n = c.el(k)
			for v := range c.tracked {
				vars = append(vars, v)
				if outer != nil {
					outer[v] = true
				}
			}
			c.tracked = outer
		}
		if !n.empty() {
			if c.suppressed == nil {
				c.suppressed = map[string]bool{}
			}
			for _, v := range vars {
				c.suppressed[v] = true
			}
			if k.name != "names" {
				return c.authorSlot(n)
			}
			return n
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sameNames(a, b []Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// nameList renders a list of names with et al.; shown is how many it shows.
func (c *ctx) nameList(e, etAl *elem, list []Name) (*node, int) {
	if e == nil {
		e = &elem{name: "name", attr: map[string]string{}}
	}
	min, first, useLast := c.etAlLimits(e)
	shown := list
	truncated := false
	if min > 0 && len(list) >= min && first > 0 && first < len(list) {
		shown, truncated = list[:first], true
	}
	form := c.opt(e, "form", "name-form")
	if form == "count" {
		return leaf(strconv.Itoa(len(shown))), len(shown)
	}
	delim := c.nameDelimiter(e)
	sortOrder := c.opt(e, "name-as-sort-order", "")
	if c.sort {
		sortOrder = "all"
	}
	var ns []*node
	for i, n := range shown {
		inverted := sortOrder == "all" || sortOrder == "first" && i == 0
		f, full := form, c.givenFull
		switch c.givenLevelOf(n, i) {
		case givenInitials:
			f = "long"
		case givenInFull:
			f, c.givenFull = "long", true
		}
		ns = append(ns, c.name(e, n, inverted, f))
		c.givenFull = full
	}
	parts := c.joinNames(e, ns, delim, sortOrder, truncated)
	if truncated {
		if useLast && len(list) > len(shown)+1 {
			parts = append(parts, leaf(delim+"… "), c.name(e, list[len(list)-1], sortOrder == "all", form))
		} else {
			parts = append(parts, c.etAlTerm(e, etAl, len(ns), delim, sortOrder)...)
		}
	}
	return c.decorate(e, &node{kids: parts}), len(shown)
}

// etAlLimits reads the et-al-min, et-al-use-first and et-al-use-last
// options, with the subsequent-cite variants, a sort key's names-min,
// names-use-first and names-use-last, and disambiguation's added names.
func (c *ctx) etAlLimits(e *elem) (min, first int, useLast bool) {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	min, first = atoi(c.opt(e, "et-al-min", "")), atoi(c.opt(e, "et-al-use-first", ""))
	if c.pos != posFirst && c.mode == c.p.style.citation {
		if v := c.opt(e, "et-al-subsequent-min", ""); v != "" {
			min = atoi(v)
		}
		if v := c.opt(e, "et-al-subsequent-use-first", ""); v != "" {
			first = atoi(v)
		}
	}
	useLast = c.opt(e, "et-al-use-last", "") == "true"
	if c.sort {
		if v, ok := c.keyNames["names-min"]; ok {
			min = atoi(v)
		}
		if v, ok := c.keyNames["names-use-first"]; ok {
			first = atoi(v)
		}
		if v, ok := c.keyNames["names-use-last"]; ok {
			useLast = v == "true"
		}
	}
	if c.addNames > 0 {
		first += c.addNames
	}
	return min, first, useLast
}

// nameDelimiter is the delimiter between names: the name element's, the
// mode's or the style's name-delimiter, ", " when none sets one.
func (c *ctx) nameDelimiter(e *elem) string {
	delim := c.opt(e, "delimiter", "name-delimiter")
	if !e.has("delimiter") && !c.mode.has("name-delimiter") && !c.p.style.root.has("name-delimiter") {
		delim = ", "
	}
	return delim
}

// joinNames joins the rendered names with delim, and the last one (when the
// list is not truncated) with the "and" term or symbol, after
// delimiter-precedes-last's delimiter or a space.
func (c *ctx) joinNames(e *elem, ns []*node, delim, sortOrder string, truncated bool) []*node {
	and := ""
	switch c.opt(e, "and", "") {
	case "text":
		and = c.p.loc.term("and", "", false)
	case "symbol":
		and = "&"
	}
	var parts []*node
	for i, n := range ns {
		if i > 0 {
			last := i == len(ns)-1 && !truncated
			if last && and != "" {
				if precedes(c.opt(e, "delimiter-precedes-last", ""), len(ns), sortOrder, i-1, true) {
					parts = append(parts, leaf(delim))
				} else {
					parts = append(parts, leaf(" "))
				}
				parts = append(parts, leaf(and+" "))
			} else {
				parts = append(parts, leaf(delim))
			}
		}
		parts = append(parts, n)
	}
	return parts
}

// etAlTerm renders the et-al term (or et-al element's term, formatted as
// it says) after n shown names, preceded by delim or a space as
// delimiter-precedes-et-al decides; nothing when the locale has no term.
func (c *ctx) etAlTerm(e, etAl *elem, n int, delim, sortOrder string) []*node {
	termName, etAlFmt := "et-al", &elem{attr: map[string]string{}}
	if etAl != nil {
		if t := etAl.get("term"); t != "" {
			termName = t
		}
		etAlFmt = etAl
	}
	t := c.p.loc.term(termName, "", false)
	if t == "" {
		return nil
	}
	var parts []*node
	if precedes(c.opt(e, "delimiter-precedes-et-al", ""), n, sortOrder, n-1, false) {
		parts = append(parts, leaf(delim))
	} else {
		parts = append(parts, leaf(" "))
	}
	return append(parts, c.decorate(etAlFmt, leaf(t)))
}

// precedes decides delimiter-precedes-last and -et-al: contextual (the
// default) is with three names or more for "and", two or more for et al.
func precedes(rule string, n int, sortOrder string, prev int, last bool) bool {
	switch rule {
	case "always":
		return true
	case "never":
		return false
	case "after-inverted-name":
		return sortOrder == "all" || sortOrder == "first" && prev == 0
	}
	if last {
		return n >= 3
	}
	return n >= 2
}

// name renders one name.
func (c *ctx) name(e *elem, n Name, inverted bool, form string) *node {
	if literalName(n) {
		lit := n.Literal
		if lit == "" {
			lit = n.Family
		}
		return c.namePart(e, "family", leaf(lit))
	}
	given := c.givenName(e, n.Given)
	family := leaf(n.Family)
	ndp := n.NonDroppingParticle
	familyPart := c.namePart(e, "family", withParticle(ndp, family))
	if form == "short" {
		return c.namePart(e, "family", withParticle(ndp, family))
	}
	if !isLatin(n.Family+n.Given) && !n.StaticOrdering {
		// Chinese, Japanese, Korean: family then given, no space
		return group(c.namePart(e, "family", family), c.namePart(e, "given", leaf(given)))
	}
	if n.StaticOrdering {
		return join([]*node{familyPart, c.namePart(e, "given", leaf(given))}, " ")
	}
	if !inverted {
		givenPart := c.namePart(e, "given", joinStr(given, n.DroppingParticle))
		out := join([]*node{givenPart, familyPart}, " ")
		if n.Suffix != "" {
			sep := " "
			if n.CommaSuffix {
				sep = ", "
			}
			out = group(out, leaf(sep+n.Suffix))
		}
		return out
	}
	return c.invertedName(e, n, given, family, familyPart)
}

// literalName tells whether a name is set as it is: a literal, or a lone
// family name in a script other than Latin, Greek or Cyrillic.
func literalName(n Name) bool {
	return n.Literal != "" || n.Given == "" && n.Family != "" && n.NonDroppingParticle == "" && n.DroppingParticle == "" && n.Suffix == "" && !isLatin(n.Family)
}

// givenName is the given name, turned into initials when initialize-with
// is set (unless the given name is wanted in full or initialize is false).
func (c *ctx) givenName(e *elem, given string) string {
	if init := c.opt(e, "initialize-with", ""); e.has("initialize-with") || c.mode.has("initialize-with") || c.p.style.root.has("initialize-with") {
		if !c.givenFull && c.opt(e, "initialize", "") != "false" {
			given = initials(given, init, c.p.style.root.get("initialize-with-hyphen") != "false")
		}
	}
	return given
}

// withParticle puts the non-dropping particle ndp before family, with a
// space unless the particle ends in an apostrophe or a hyphen.
func withParticle(ndp string, family *node) *node {
	if ndp == "" {
		return family
	}
	sep := " "
	if strings.HasSuffix(ndp, "'") || strings.HasSuffix(ndp, "’") || strings.HasSuffix(ndp, "-") {
		sep = ""
	}
	return group(leaf(ndp+sep), family)
}

// invertedName renders a name family first (name-as-sort-order, and sort
// keys), the particles placed as demote-non-dropping-particle says, with
// the sort-separator before the given names and the suffix.
func (c *ctx) invertedName(e *elem, n Name, given string, family, familyPart *node) *node {
	demote := c.p.style.root.get("demote-non-dropping-particle")
	if demote == "" {
		demote = "display-and-sort"
	}
	ndp := n.NonDroppingParticle
	sortSep := c.opt(e, "sort-separator", "")
	if !e.has("sort-separator") && !c.mode.has("sort-separator") && !c.p.style.root.has("sort-separator") {
		sortSep = ", "
	}
	var head, tail *node
	if demote == "never" {
		head = familyPart
		tail = c.namePart(e, "given", joinStr(given, n.DroppingParticle))
	} else {
		head = c.namePart(e, "family", family)
		tail = c.namePart(e, "given", joinStr(given, n.DroppingParticle, ndp))
	}
	if c.sort {
		// sort keys: particles after the family name, given names last
		head = leaf(n.Family)
		tail = joinStr(given, n.DroppingParticle, ndp)
	}
	parts := []*node{head}
	if !tail.empty() {
		parts = append(parts, leaf(sortSep), tail)
	}
	if n.Suffix != "" {
		parts = append(parts, leaf(sortSep+n.Suffix))
	}
	return group(parts...)
}

func joinStr(ss ...string) *node {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return leaf(strings.Join(out, " "))
}

// namePart applies a name-part element's formatting to the family or given part.
func (c *ctx) namePart(e *elem, part string, n *node) *node {
	for _, k := range e.kids {
		if k.name == "name-part" && k.get("name") == part {
			if tc := k.get("text-case"); tc != "" {
				textCase(n, tc, true)
			}
			return group(leaf(k.get("prefix")), &node{kids: []*node{n}, fmt: fmtOf(k)}, leaf(k.get("suffix")))
		}
	}
	return n
}

// initials turns given names into initials: "John Ronald" → "J. R." with
// ". "; a hyphenated name keeps its hyphen ("Jean-Paul" → "J.-P.") unless
// hyphen is false; a lower-case particle ("de") stays as it is.
func initials(given, with string, hyphen bool) string {
	mark := strings.TrimRight(with, " ")
	space := with[len(mark):]
	var b strings.Builder
	for _, word := range strings.Fields(given) {
		if r, _ := utf8.DecodeRuneInString(word); unicode.IsLower(r) && !strings.ContainsAny(word, ".-") {
			b.WriteString(word + " ")
			continue
		}
		for j, p := range strings.Split(word, "-") {
			if j > 0 && hyphen {
				b.WriteString("-")
			}
			for _, seg := range strings.Split(p, ".") {
				if r, _ := utf8.DecodeRuneInString(seg); r != utf8.RuneError {
					b.WriteRune(unicode.ToUpper(r))
					b.WriteString(mark)
				}
			}
		}
		b.WriteString(space)
	}
	return strings.TrimRight(b.String(), " ")
}

func isLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) {
			return false
		}
	}
	return true
}
