package markdown

import (
	"strings"
	"unicode"
)

// cleanText checks the characters of a run of text that starts at byte
// offset off: a control character is an error at its column, and so is
// right-to-left script, which folio cannot set yet; a tab becomes a space.
func (c *converter) cleanText(s string, off int) string {
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case unicode.IsControl(r) || r == '\uFFFE' || r == '\uFFFF':
			c.diags.Add(c.pos(off+i), "control character U+%04X in the text: delete it", r)
		case unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko):
			c.diags.Add(c.pos(off+i), "right-to-left text (%q) is not supported yet: folio would set it in the wrong order", r)
			return strings.ReplaceAll(s, "\t", " ")
		}
	}
	return strings.ReplaceAll(s, "\t", " ")
}
