package csl

import (
	"fmt"
	"strings"
)

// Locale is a CSL locale: the terms, date formats and options of a language.
type Locale struct {
	Lang  string
	terms map[string][]term // by name and form: "page/short"
	dates map[string]*elem  // "text", "numeric"
	opts  map[string]string // style-options
}

type term struct {
	single, multiple string
	gender           string // of the noun: "masculine", "feminine"
	genderForm       string // of an ordinal: which gender it is for
	match            string // of an ordinal: last-digit, last-two-digits, whole-number
}

// ParseLocale reads a locale file (locales-fr-FR.xml).
func ParseLocale(data []byte) (*Locale, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, fmt.Errorf("CSL locale: %w", err)
	}
	if root.name != "locale" {
		return nil, fmt.Errorf("CSL locale: the root element is <%s>, not <locale>", root.name)
	}
	return localeOf(root), nil
}

// localeOf reads a <locale> element, of a locale file or of a style.
func localeOf(e *elem) *Locale {
	l := &Locale{Lang: e.get("lang"), terms: map[string][]term{}, dates: map[string]*elem{}, opts: map[string]string{}}
	for _, k := range e.kids {
		switch k.name {
		case "terms":
			for _, t := range k.kids {
				if t.name != "term" {
					continue
				}
				form := t.get("form")
				if form == "" {
					form = "long"
				}
				tm := term{gender: t.get("gender"), genderForm: t.get("gender-form"), match: t.get("match")}
				if s := t.child("single"); s != nil {
					tm.single, tm.multiple = s.text, t.child("multiple").textOr(s.text)
				} else {
					tm.single, tm.multiple = t.text, t.text
				}
				key := t.get("name") + "/" + form
				l.terms[key] = append(l.terms[key], tm)
			}
		case "date":
			l.dates[k.get("form")] = k
		case "style-options":
			for a, v := range k.attr {
				l.opts[a] = v
			}
		}
	}
	return l
}

func (e *elem) textOr(s string) string {
	if e == nil {
		return s
	}
	return e.text
}

// locales is the chain a style's terms are looked up in, first to last:
// the style's own locale elements for the language, then the locale files.
type locales []*Locale

// forms lists the forms a term falls back through (CSL 1.0.2, "Terms").
var formFallback = map[string][]string{
	"long":       {"long"},
	"short":      {"short", "long"},
	"verb":       {"verb", "long"},
	"verb-short": {"verb-short", "verb", "long"},
	"symbol":     {"symbol", "short", "long"},
}

// lookup finds a term; ok is false when no locale has it.
func (ls locales) lookup(name, form string) (term, bool) {
	if form == "" {
		form = "long"
	}
	for _, f := range formFallback[form] {
		for _, l := range ls {
			if ts := l.terms[name+"/"+f]; len(ts) > 0 {
				return ts[0], true
			}
		}
	}
	return term{}, false
}

// term returns a term's text, plural or not.
func (ls locales) term(name, form string, plural bool) string {
	t, ok := ls.lookup(name, form)
	if !ok {
		return ""
	}
	if plural {
		return t.multiple
	}
	return t.single
}

// date returns the locale's date format ("text" or "numeric").
func (ls locales) date(form string) *elem {
	for _, l := range ls {
		if d := l.dates[form]; d != nil {
			return d
		}
	}
	return nil
}

// opt returns a style option of the locales.
func (ls locales) opt(name string) string {
	for _, l := range ls {
		if v, ok := l.opts[name]; ok {
			return v
		}
	}
	return ""
}

// ordinal returns the ordinal suffix of n for a gender ("" for neuter).
func (ls locales) ordinal(n int, gender string) string {
	find := func(name string, ok func(term) bool) (term, bool) {
		for _, l := range ls {
			ts := l.terms[name+"/long"]
			for _, g := range []string{gender, ""} {
				for _, t := range ts {
					if t.genderForm == g && ok(t) {
						return t, true
					}
				}
			}
			if len(ts) > 0 {
				// a locale that has the term decides it
				for _, t := range ts {
					if ok(t) {
						return t, true
					}
				}
				return term{}, false
			}
		}
		return term{}, false
	}
	{
		two := n % 100
		if t, ok := find(fmt.Sprintf("ordinal-%02d", two), func(t term) bool {
			switch t.match {
			case "whole-number":
				return n == two
			case "last-digit":
				return false
			}
			return two >= 10
		}); ok {
			return t.single
		}
		one := n % 10
		if t, ok := find(fmt.Sprintf("ordinal-%02d", one), func(t term) bool {
			switch t.match {
			case "whole-number":
				return n == one
			case "last-two-digits":
				return n%100 == one
			}
			return true
		}); ok {
			return t.single
		}
	}
	if t, ok := find("ordinal", func(term) bool { return true }); ok {
		return t.single
	}
	return ""
}

// longOrdinal returns the word for n from 1 to 10, or "" past those.
func (ls locales) longOrdinal(n int, gender string) string {
	if n < 1 || n > 10 {
		return ""
	}
	name := fmt.Sprintf("long-ordinal-%02d", n)
	for _, l := range ls {
		ts := l.terms[name+"/long"]
		for _, g := range []string{gender, ""} {
			for _, t := range ts {
				if t.genderForm == g {
					return t.single
				}
			}
		}
		if len(ts) > 0 {
			return ts[0].single
		}
	}
	return ""
}

// genderOf returns the gender of a term's noun ("page": feminine in French).
func (ls locales) genderOf(name string) string {
	t, _ := ls.lookup(name, "long")
	return t.gender
}

// baseLang is a language tag without its region: fr-FR → fr.
func baseLang(tag string) string {
	if i := strings.IndexByte(tag, '-'); i > 0 {
		return tag[:i]
	}
	return tag
}
