package xhtml

import (
	"fmt"
	"strings"
)

// WebStylesheet is the web edition's stylesheet: the EPUB's rules from the
// layout (Stylesheet), then what a web page adds, which a reading system
// would otherwise give: the text and background colours, light and dark as
// the reader's system prefers, the site's header, the publication page and
// the series index, and a print stylesheet.
func (w *Writer) WebStylesheet() []byte {
	l := w.ed.Layout
	var sb strings.Builder
	sb.Write(w.Stylesheet())
	accent := markColor(w.ed.Screen.Accent)
	muted := markColor(w.ed.Screen.Muted)
	sans := w.cssFamily(l.Text.Heading(1).Font.Name)
	sb.WriteString("\n/* The web edition. */\n")
	fmt.Fprintf(&sb, ":root {\n  color-scheme: light dark;\n}\nhtml {\n  background-color: #ffffff;\n  color: %s;\n}\n", l.Colors.Text.Hex())
	// the night scheme: black, as the reading systems' night themes, on
	// which the layout's colours read at 4.5:1 (themed)
	sb.WriteString("@media (prefers-color-scheme: dark) {\n  html {\n    background-color: #000000;\n    color: #e8e8e8;\n  }\n}\n")
	// the page's colours are its own: headings in the accent, made to read
	// at 4.5:1 on white and, in the night scheme, on black (boxes keep the
	// text's colour for theirs)
	fmt.Fprintf(&sb, "h1, h2 {\n  color: %s;\n}\n@media (prefers-color-scheme: dark) {\n  h1, h2 {\n    color: %s;\n  }\n}\n", w.ed.Screen.AccentOnWhite.Hex(), w.ed.Screen.AccentOnBlack.Hex())
	sb.WriteString("body {\n  padding-bottom: 2em;\n}\n")
	sb.WriteString("img {\n  max-width: 100%;\n  height: auto;\n}\n")
	// the skip link shows when it has the focus
	fmt.Fprintf(&sb, ".skip {\n  position: absolute;\n  left: -100em;\n}\n.skip:focus {\n  position: static;\n  display: inline-block;\n  padding: 0.5em;\n  color: %s;\n}\n", accent)
	fmt.Fprintf(&sb, "header.site {\n  font-family: %s;\n  font-size: 0.85em;\n  display: flex;\n  flex-wrap: wrap;\n  justify-content: space-between;\n  gap: 0.5em 1.5em;\n  padding: 0.75em 0;\n  border-bottom: 0.5pt solid %s;\n  margin-bottom: 1.5em;\n  text-align: left;\n}\n", sans, markColor(w.ed.Screen.Rule))
	sb.WriteString("header.site ul {\n  list-style: none;\n  margin: 0;\n  padding: 0;\n  display: flex;\n  flex-wrap: wrap;\n  gap: 0.25em 1em;\n}\n")
	sb.WriteString("header.site a[aria-current] {\n  font-weight: bold;\n  text-decoration: none;\n  color: inherit;\n}\n")
	fmt.Fprintf(&sb, ".meta, .muted {\n  color: %s;\n}\n", muted)
	sb.WriteString("@media (prefers-color-scheme: dark) {\n  .meta, .muted {\n    color: #b8b8b8;\n  }\n}\n")
	fmt.Fprintf(&sb, "footer.site {\n  font-family: %s;\n  font-size: 0.85em;\n  margin-top: 3em;\n  padding-top: 0.75em;\n  border-top: 0.5pt solid %s;\n  text-align: left;\n}\n", sans, markColor(w.ed.Screen.Rule))
	sb.WriteString("footer.site p {\n  margin: 0 0 0.5em 0;\n}\n")
	// the reading edition: its title page and contents at the head of the text
	sb.WriteString(".titlepage {\n  margin-bottom: 2em;\n}\n.titlepage .footer {\n  margin-top: 1em;\n}\nnav#toc {\n  margin: 2em 0 3em 0;\n}\n")
	sb.WriteString("main > section {\n  margin-top: 3em;\n}\n")
	// the publication page and the series index: wider, the cover beside the text
	sb.WriteString("@media (min-width: 48em) {\n  body.wide {\n    max-width: 56em;\n  }\n}\n")
	sb.WriteString(".publication {\n  display: grid;\n  gap: 1.5em;\n  grid-template-columns: minmax(0, 1fr);\n}\n")
	sb.WriteString("@media (min-width: 40em) {\n  .publication {\n    grid-template-columns: 14em minmax(0, 1fr);\n  }\n}\n")
	sb.WriteString(".cover-image img {\n  display: block;\n  width: 100%;\n  max-width: 20em;\n  box-shadow: 0 0.1em 0.5em rgba(0, 0, 0, 0.3);\n}\n")
	sb.WriteString(".publication .title {\n  margin-top: 0;\n}\n.publication .details {\n  text-align: left;\n}\n@media (max-width: 40em) {\n  .cover-image img {\n    max-width: 12em;\n  }\n}\n")
	fmt.Fprintf(&sb, ".downloads {\n  list-style: none;\n  padding: 0;\n  font-family: %s;\n}\n.downloads li {\n  margin: 0 0 0.5em 0;\n}\n", sans)
	fmt.Fprintf(&sb, ".button {\n  display: inline-block;\n  padding: 0.4em 0.9em;\n  border: 1pt solid %s;\n  border-radius: 0.25em;\n  font-family: %s;\n  font-weight: bold;\n  text-decoration: none;\n}\n", accent, sans)
	sb.WriteString(".cite {\n  font-size: 0.9em;\n  overflow-wrap: anywhere;\n}\n")
	sb.WriteString(".publications {\n  list-style: none;\n  padding: 0;\n}\n.publications > li {\n  margin: 0 0 2.5em 0;\n}\n")
	// printed from the browser: the text, without the site around it
	sb.WriteString("@media print {\n  html {\n    background: none;\n    color: #000000;\n  }\n  body, body.wide {\n    max-width: none;\n    margin: 0;\n    padding: 0;\n  }\n")
	sb.WriteString("  .skip, header.site, .downloads, .button {\n    display: none;\n  }\n  a {\n    color: inherit;\n    text-decoration: none;\n  }\n")
	sb.WriteString("  main > section {\n    break-before: page;\n  }\n  h1, h2, h3, h4 {\n    break-after: avoid;\n  }\n  figure, table, aside.box {\n    break-inside: avoid;\n  }\n}\n")
	return []byte(sb.String())
}
