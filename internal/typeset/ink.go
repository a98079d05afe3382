package typeset

import (
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// richBlackMin is the least width and height of an area whose black the
// layout's rich black replaces: text, rules and small areas keep black ink
// alone, which needs no registration.
const richBlackMin = 10 * MM

// inks finishes the colours of the pages for the press, when the print
// edition is in CMYK: the layout's rich black in large black areas, and a
// warning for each page with an area over the layout's total ink limit.
func (t *typesetter) inks(d *page.Document) {
	if d.OutputIntent == nil || d.OutputIntent.Components != 4 {
		return
	}
	pr := t.l.Print
	at := diag.Pos{File: t.l.Files[len(t.l.Files)-1], Line: 1, Col: 1}
	for _, p := range d.Pages {
		warned := map[style.Color]bool{}
		for i, it := range p.Items {
			var c style.Color
			switch it := it.(type) {
			case page.Rect:
				if pr.RichBlack.Given() && it.Fill.Black() && it.W >= richBlackMin && it.H >= richBlackMin {
					it.Fill.CMYK = pr.RichBlack.CMYK
					p.Items[i] = it
				}
				c = it.Fill
			case page.Text:
				c = it.Color
			case page.Line:
				c = it.Color
			default:
				continue // images keep their sRGB (the RIP converts them within the profile's limit); links draw nothing
			}
			if ink := c.Ink(); ink > pr.InkLimit && !warned[c] {
				warned[c] = true
				t.diags.Warn(at, "page %d: an area of %g %% ink (%s) is over the print condition's limit of %g %% (print: ink-limit): the press cannot dry it; lighten the colour in the layout",
					p.Number, ink, c.CMYKString(), pr.InkLimit)
			}
		}
	}
}
