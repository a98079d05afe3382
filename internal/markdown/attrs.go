package markdown

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
)

// attrs are Pandoc's attributes, {#id .class key=value}: on a fenced div, an
// HTML div and an image.
type attrs struct {
	id      string
	classes []string
	keys    []attr // in source order
}

type attr struct{ key, value string }

// attrToken matches one attribute: #id, .class, key=value (the value bare or
// quoted), or a bare word, read as a class ("::: box").
var attrToken = regexp.MustCompile(`^\s*(?:#([^\s#.{}"'=]+)|\.([^\s#.{}"'=]+)|([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+))|([A-Za-z][\w-]*))`)

// parseAttrs reads the attributes of s (without its braces); false when s
// is not a list of attributes. bare tells whether a bare word is a class,
// as on a fence ("::: box"), or makes s no attributes, as after an image.
func parseAttrs(s string, bare bool) (attrs, bool) {
	var a attrs
	for strings.TrimSpace(s) != "" {
		m := attrToken.FindStringSubmatch(s)
		if m == nil {
			return attrs{}, false
		}
		switch {
		case m[1] != "":
			a.id = m[1]
		case m[2] != "":
			a.classes = append(a.classes, m[2])
		case m[3] != "":
			a.keys = append(a.keys, attr{m[3], m[4] + m[5] + m[6]})
		case bare:
			a.classes = append(a.classes, m[7])
		default:
			return attrs{}, false
		}
		s = s[len(m[0]):]
	}
	return a, true
}

// has reports whether class is one of the classes.
func (a attrs) has(class string) bool {
	for _, c := range a.classes {
		if c == class {
			return true
		}
	}
	return false
}

// String writes the attributes as Pandoc does, in braces.
func (a attrs) String() string {
	var parts []string
	if a.id != "" {
		parts = append(parts, "#"+a.id)
	}
	for _, c := range a.classes {
		parts = append(parts, "."+c)
	}
	for _, k := range a.keys {
		parts = append(parts, k.key+"="+strconv.Quote(k.value))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

var lengthPattern = regexp.MustCompile(`^([0-9]*\.?[0-9]+)\s*(em|pt|px|mm|cm|in|%)?$`)

// parseLength reads a length of an image's width or height: a number and a
// unit (em, pt, px, mm, cm, in, %); a number alone is pixels, as in Pandoc.
func parseLength(s string) (doc.Length, error) {
	m := lengthPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return doc.Length{}, fmt.Errorf("%q is not a length: write a number and one of em, pt, px, mm, cm, in, %%", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil || v <= 0 {
		return doc.Length{}, fmt.Errorf("%q is not a length greater than zero", s)
	}
	unit := m[2]
	if unit == "" {
		unit = "px"
	}
	return doc.Length{Value: v, Unit: unit}, nil
}
