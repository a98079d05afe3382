package markdown

import (
	"strings"
	"unicode"

	"github.com/folio-pub/folio/internal/doc"
)

// cleanText checks the characters of a run of text: a control character is
// an error at its column, and so is right-to-left script, which folio cannot
// set yet; a tab becomes a space.
func (c *converter) cleanText(t *doc.Text) *doc.Text {
	for i, r := range t.Text {
		switch {
		case r == '\t' || r == '\n':
		case unicode.IsControl(r) || r == '\uFFFE' || r == '\uFFFF':
			c.diags.Add(t.PosAt(i), "control character U+%04X in the text: delete it", r)
		case unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko):
			c.diags.Add(t.PosAt(i), "right-to-left text (%q) is not supported yet: folio would set it in the wrong order", r)
			t.Text = strings.ReplaceAll(t.Text, "\t", " ")
			return t
		}
	}
	t.Text = strings.ReplaceAll(t.Text, "\t", " ")
	return t
}
