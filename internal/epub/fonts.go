package epub

import (
	"fmt"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/xhtml"
)

// fontMediaType is the EPUB 3.2 core media type of TrueType fonts, which EPUBCheck 4.2 accepts.
const fontMediaType = "font/ttf"

// planFonts collects the faces the documents draw text with
// (xhtml.PlanFonts): a face no text uses is not embedded.
func (b *book) planFonts(set *fonts.Set) ([]xhtml.FontFace, error) {
	faces, files, err := xhtml.PlanFonts(b.ed, set, func(stem string) string { return "fonts/" + stem + ".ttf" }, "../")
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	b.fontFiles = files
	return faces, nil
}

// displayOptions tells Apple Books to use the embedded fonts.
const displayOptions = `<?xml version="1.0" encoding="UTF-8"?>
<display_options>
  <platform name="*">
    <option name="specified-fonts">true</option>
  </platform>
</display_options>
`
