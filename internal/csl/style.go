package csl

import (
	"fmt"
	"strconv"
)

// Style is a parsed CSL style.
type Style struct {
	root         *elem
	macros       map[string]*elem
	citation     *elem
	bibliography *elem
	locales      []*Locale // the style's own <locale> elements, in order
	// Title is the style's title, from its info.
	Title string
}

// ParseStyle reads a CSL style (an independent style: a dependent one,
// which only names its parent, is an error).
func ParseStyle(data []byte) (*Style, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, fmt.Errorf("CSL style: %w", err)
	}
	if root.name != "style" {
		return nil, fmt.Errorf("CSL style: the root element is <%s>, not <style>", root.name)
	}
	s := &Style{root: root, macros: map[string]*elem{}}
	for _, k := range root.kids {
		switch k.name {
		case "info":
			if t := k.child("title"); t != nil {
				s.Title = t.text
			}
		case "macro":
			s.macros[k.get("name")] = k
		case "citation":
			s.citation = k
		case "bibliography":
			s.bibliography = k
		case "locale":
			s.locales = append(s.locales, localeOf(k))
		}
	}
	if s.citation == nil || s.citation.child("layout") == nil {
		return nil, fmt.Errorf("CSL style: no <citation> with a <layout> (a dependent style? use its parent)")
	}
	return s, nil
}

// Notes reports whether the style's citations are notes (class="note"),
// not text in the line (class="in-text").
func (s *Style) Notes() bool { return s.root.get("class") == "note" }

// HasBibliography reports whether the style formats a bibliography.
func (s *Style) HasBibliography() bool {
	return s.bibliography != nil && s.bibliography.child("layout") != nil
}

// DefaultLocale is the style's default-locale attribute ("" when unset).
func (s *Style) DefaultLocale() string { return s.root.get("default-locale") }

// HangingIndent reports whether bibliography entries hang.
func (s *Style) HangingIndent() bool {
	return s.bibliography != nil && s.bibliography.get("hanging-indent") == "true"
}

// EntrySpacing is the space between bibliography entries, in lines
// (entry-spacing: 1 when the style gives none, as CSL says; a value that
// is not a number from 0 to 4 is taken as 1).
func (s *Style) EntrySpacing() float64 {
	if s.bibliography == nil {
		return 1
	}
	v, err := strconv.ParseFloat(s.bibliography.get("entry-spacing"), 64)
	if err != nil || v < 0 || v > 4 {
		return 1
	}
	return v
}

// chain is the locale chain for a language: the style's locale elements
// for the full tag, then for its base language, then those without a
// language; then the files given, in order (the caller puts the language's
// file first and en-US last).
func (s *Style) chain(lang string, files []*Locale) locales {
	var ls locales
	for _, want := range []string{lang, baseLang(lang), ""} {
		for _, l := range s.locales {
			if l.Lang == want {
				ls = append(ls, l)
			}
		}
	}
	return append(ls, files...)
}
