package csl

import (
	"fmt"
	"strconv"
	"strings"
)

// date renders a date element: localized (form="text" or "numeric", from
// the locale, its parts' attributes overridden by the element's) or as the
// style writes it.
func (c *ctx) date(e *elem) *node {
	v := e.get("variable")
	c.called++
	d, ok := c.item.Dates[v]
	if !ok || d.empty() || c.suppressed[v] {
		return nil
	}
	c.rendered++
	c.track(v)
	if d.Literal != "" && len(d.Parts) == 0 {
		return c.decorate(e, leaf(d.Literal))
	}
	parts, delim := e.kids, e.get("delimiter")
	if form := e.get("form"); form != "" {
		base := c.p.loc.date(form)
		if base == nil {
			return nil
		}
		want := e.get("date-parts")
		if want == "" {
			want = "year-month-day"
		}
		keep := map[string]bool{"year": true, "month": want != "year", "day": want == "year-month-day"}
		parts = nil
		for _, bp := range base.kids {
			if bp.name != "date-part" || !keep[bp.get("name")] {
				continue
			}
			merged := &elem{name: "date-part", attr: map[string]string{}}
			for a, val := range bp.attr {
				merged.attr[a] = val
			}
			for _, sp := range e.kids {
				if sp.get("name") == bp.get("name") {
					for a, val := range sp.attr {
						if a != "prefix" && a != "suffix" {
							merged.attr[a] = val
						}
					}
				}
			}
			parts = append(parts, merged)
		}
		delim = base.get("delimiter")
		// the locale's affixes and formatting wrap the date as well as the element's
		if base.has("prefix") || base.has("suffix") {
			inner := c.dateParts(parts, delim, d)
			return c.decorate(e, group(leaf(base.get("prefix")), inner, leaf(base.get("suffix"))))
		}
	}
	return c.decorate(e, c.dateParts(parts, delim, d))
}

// dateParts renders the parts of a date or of a range.
func (c *ctx) dateParts(parts []*elem, delim string, d Date) *node {
	index := map[string]int{"year": 0, "month": 1, "day": 2}
	first := d.Parts[0]
	if d.Season > 0 && first[1] == 0 {
		first[1] = 12 + d.Season
	}
	if len(d.Parts) < 2 || d.Parts[1] == first || d.Parts[1][0] == 0 {
		return c.partsOf(parts, delim, first, -1, -1)
	}
	second := d.Parts[1]
	// the largest unit that differs, and the parts from it down
	diff := ""
	for _, u := range []string{"year", "month", "day"} {
		if first[index[u]] != second[index[u]] {
			diff = u
			break
		}
	}
	var inRange []int
	for i, p := range parts {
		if index[p.get("name")] >= index[diff] {
			inRange = append(inRange, i)
		}
	}
	rangeDelim := "–"
	for _, p := range parts {
		if p.get("name") == diff && p.has("range-delimiter") {
			rangeDelim = p.get("range-delimiter")
		}
	}
	if diff == "year" || len(inRange) == 0 {
		return group(c.partsOf(parts, delim, first, -1, -1), leaf(rangeDelim), c.partsOf(parts, delim, second, -1, -1))
	}
	lo, hi := inRange[0], inRange[len(inRange)-1]
	var out []*node
	if lo > 0 {
		out = append(out, c.partsOf(parts[:lo], delim, first, -1, -1), leaf(delim))
	}
	out = append(out, c.partsOf(parts[lo:hi+1], delim, first, -1, hi-lo), leaf(rangeDelim), c.partsOf(parts[lo:hi+1], delim, second, 0, -1))
	if hi < len(parts)-1 {
		out = append(out, leaf(delim), c.partsOf(parts[hi+1:], delim, first, -1, -1))
	}
	return group(out...)
}

// partsOf renders date parts of one date; noPrefix and noSuffix name a
// part whose affix is left out (at a range's join), -1 for none.
func (c *ctx) partsOf(parts []*elem, delim string, d [3]int, noPrefix, noSuffix int) *node {
	var ns []*node
	for i, p := range parts {
		n := c.datePart(p, d)
		if n.empty() {
			continue
		}
		e := p
		if i == noPrefix || i == noSuffix {
			e = &elem{name: p.name, attr: map[string]string{}}
			for a, v := range p.attr {
				e.attr[a] = v
			}
			if i == noPrefix {
				delete(e.attr, "prefix")
			}
			if i == noSuffix {
				delete(e.attr, "suffix")
			}
		}
		ns = append(ns, c.decorate(e, n))
	}
	return join(ns, delim)
}

func (c *ctx) datePart(p *elem, d [3]int) *node {
	form := p.get("form")
	switch p.get("name") {
	case "year":
		y := d[0]
		if y == 0 {
			return nil
		}
		s := ""
		switch {
		case y < 0:
			s = strconv.Itoa(-y) + c.p.loc.term("bc", "", false)
		case y < 1000:
			s = strconv.Itoa(y) + c.p.loc.term("ad", "", false)
		case form == "short":
			s = fmt.Sprintf("%02d", y%100)
		default:
			s = strconv.Itoa(y)
		}
		return group(leaf(s), leaf(c.yearSuffixOnce()))
	case "month":
		m := d[1]
		if m == 0 {
			return nil
		}
		if m > 12 {
			return leaf(c.p.loc.term(fmt.Sprintf("season-%02d", m-12), "", false))
		}
		switch form {
		case "numeric":
			return leaf(strconv.Itoa(m))
		case "numeric-leading-zeros":
			return leaf(fmt.Sprintf("%02d", m))
		case "short":
			return leaf(c.p.loc.term(fmt.Sprintf("month-%02d", m), "short", false))
		}
		return leaf(c.p.loc.term(fmt.Sprintf("month-%02d", m), "", false))
	case "day":
		day := d[2]
		if day == 0 {
			return nil
		}
		switch form {
		case "numeric-leading-zeros":
			return leaf(fmt.Sprintf("%02d", day))
		case "ordinal":
			if day != 1 && c.p.loc.opt("limit-day-ordinals-to-day-1") == "true" {
				return leaf(strconv.Itoa(day))
			}
			g := c.p.loc.genderOf(fmt.Sprintf("month-%02d", d[1]))
			return leaf(strconv.Itoa(day) + c.p.loc.ordinal(day, g))
		}
		return leaf(strconv.Itoa(day))
	}
	return nil
}

// yearSuffixOnce: a style that does not render year-suffix itself gets it
// after the first year of the item's first date.
func (c *ctx) yearSuffixOnce() string {
	if c.yearSuffix == "" || c.p.rendersYearSuffix || c.yearSuffixDone {
		return ""
	}
	c.yearSuffixDone = true
	return c.yearSuffix
}

// dateKey is a date as a sort key: YYYYYMMDD, a range by its start then end.
func dateKey(d Date) string {
	if len(d.Parts) == 0 {
		return ""
	}
	var b strings.Builder
	for _, p := range d.Parts {
		fmt.Fprintf(&b, "%05d%02d%02d", p[0]+10000, p[1], p[2])
	}
	return b.String()
}
