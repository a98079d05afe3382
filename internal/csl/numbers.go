package csl

import (
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/lazyre"
)

var numericRE = lazyre.New(`^\s*[A-Za-z]*\d+[A-Za-z]*(\s*(?:[-–,&]|and)\s*[A-Za-z]*\d+[A-Za-z]*)*\s*$`)

// isNumeric is CSL's is-numeric: numbers, with letters before or after
// each, joined by hyphens, commas or ampersands.
func isNumeric(s string) bool { return numericRE().MatchString(s) }

// plural reports whether a number variable holds more than one number.
func plural(s string) bool {
	if !isNumeric(s) {
		return false
	}
	return strings.ContainsAny(s, "-–,&") || strings.Contains(s, " and ")
}

var numberRE = lazyre.New(`\d+`)

// how a number variable's separators are written: a dash without spaces, a
// comma and an ampersand with the spaces they take
var (
	dashRE      = lazyre.New(`\s*[-–]\s*`)
	commaRE     = lazyre.New(`\s*,\s*`)
	ampersandRE = lazyre.New(`\s*&\s*`)
)

// number renders a number element: each number in the form asked
// (numeric, ordinal, long-ordinal, roman), what is between them kept; a
// value that is not numeric is set as text.
func (c *ctx) number(e *elem) *node {
	v := e.get("variable")
	c.called++
	s := c.item.Vars[v]
	if v == "locator" {
		s = c.cite.Locator
	}
	if s == "" || c.suppressed[v] {
		return nil
	}
	c.rendered++
	c.track(v)
	if !isNumeric(s) {
		return c.decorate(e, c.leafRich(s))
	}
	form := e.get("form")
	gender := c.p.loc.genderOf(v)
	if v == "locator" {
		gender = c.p.loc.genderOf(c.cite.labelOr())
	}
	s = dashRE().ReplaceAllString(s, "-")
	s = commaRE().ReplaceAllString(s, ", ")
	s = ampersandRE().ReplaceAllString(s, " & ")
	out := numberRE().ReplaceAllStringFunc(s, func(d string) string {
		n, _ := strconv.Atoi(d)
		switch form {
		case "ordinal":
			return d + c.p.loc.ordinal(n, gender)
		case "long-ordinal":
			if w := c.p.loc.longOrdinal(n, gender); w != "" {
				return w
			}
			return d + c.p.loc.ordinal(n, gender)
		case "roman":
			return roman(n)
		}
		return d
	})
	out = strings.ReplaceAll(out, "-", "–")
	return c.decorate(e, leaf(out))
}

func (ci Cite) labelOr() string {
	if ci.Label == "" {
		return "page"
	}
	return ci.Label
}

// roman writes n in lower-case Roman numerals (up to 3999).
func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// label renders a label element: the term of the variable (or of the
// locator's label), singular or plural; count is the number of names for
// a label in names, 0 otherwise.
func (c *ctx) label(e *elem, v string, count int) *node {
	termName, value := v, ""
	switch v {
	case "locator":
		if c.cite.Locator == "" {
			return nil
		}
		termName, value = c.cite.labelOr(), c.cite.Locator
	case "":
		return nil
	default:
		if count == 0 {
			value = c.item.Vars[v]
			if value == "" {
				return nil
			}
		}
	}
	if termName == "number-of-pages" {
		termName = "page"
	}
	if termName == "number-of-volumes" {
		termName = "volume"
	}
	isPlural := false
	switch e.get("plural") {
	case "always":
		isPlural = true
	case "never":
	default:
		switch {
		case count > 0:
			isPlural = count > 1
		case v == "number-of-pages" || v == "number-of-volumes":
			n, _ := strconv.Atoi(value)
			isPlural = n > 1
		default:
			isPlural = plural(value)
		}
	}
	t := c.p.loc.term(termName, e.get("form"), isPlural)
	if t == "" {
		return nil
	}
	return c.decorate(e, leaf(t))
}

// pageRangeRE is a range of pages, each with an optional prefix of
// letters (after digits: "8n11564", "N110"), as citeproc-js reads them;
// romanRangeRE a range of Roman numerals.
var (
	pageRangeRE  = lazyre.New(`([0-9]*[A-Za-z]+0*)?([0-9]+)\s*([-–]+)\s*([0-9]*[A-Za-z]+0*)?([0-9]+)`)
	romanRangeRE = lazyre.New(`(?i)\b([ivxlcdm]+)\s*[-–]\s*([ivxlcdm]+)\b`)
)

// pageRange formats the page ranges of s per the style's
// page-range-format (expanded, minimal, minimal-two, chicago…), joined by
// delim (the locale's page-range-delimiter: an en dash, a non-breaking
// hyphen in French). Both ends with the same prefix (none, or "n") are a
// range: its end is shortened (without the prefix) or, expanded, written
// whole with it; ends with different prefixes are left as they are, the
// spaces around their hyphen taken out ("N110-P5"). A range of Roman
// numerals is joined by delim.
func pageRange(s, format, delim string) string {
	if s == "" {
		return ""
	}
	out := pageRangeRE().ReplaceAllStringFunc(s, func(m string) string {
		sub := pageRangeRE().FindStringSubmatch(m)
		pa, a, dash, pb, b := sub[1], sub[2], sub[3], sub[4], sub[5]
		if pa != pb {
			return pa + a + dash + pb + b
		}
		full := b
		if len(b) < len(a) {
			full = a[:len(a)-len(b)] + b
		}
		na, _ := strconv.Atoi(a)
		nb, _ := strconv.Atoi(full)
		switch {
		case format == "" || nb <= na || len(b) > len(a):
			b = pb + b
		case format == "expanded":
			b = pb + full
		default:
			b = shortenRange(a, full, format)
		}
		return pa + a + delim + b
	})
	return romanRangeRE().ReplaceAllString(out, "${1}"+delim+"${2}")
}

// pageFirst is the first page of a page variable ("22-45" → "22").
func pageFirst(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "-–‑,&"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// shortenRange writes the end of a range a–b as format asks.
func shortenRange(a, b, format string) string {
	minimal := func(keep int) string {
		i := 0
		for i < len(a) && a[i] == b[i] && len(b)-i > keep {
			i++
		}
		return b[i:]
	}
	switch format {
	case "expanded":
		return b
	case "minimal":
		return minimal(1)
	case "minimal-two":
		return minimal(2)
	case "chicago", "chicago-15", "chicago-16":
		na, _ := strconv.Atoi(a)
		switch {
		case na < 100 || na%100 == 0:
			return b
		case na%100 < 10:
			return minimal(1)
		case len(a) == 4 && format != "chicago-16" && minimal(1) != b[len(b)-1:] && len(minimal(2)) > 2:
			return b
		}
		return minimal(2)
	}
	return b
}
