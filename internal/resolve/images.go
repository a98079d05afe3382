package resolve

import (
	"path/filepath"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
)

// imageFormats maps the formats the markdown reader accepts to their media
// type and file extension.
func imageFormat(format string) (mediaType, ext string, ok bool) {
	switch format {
	case "png":
		return "image/png", ".png", true
	case "jpeg":
		return "image/jpeg", ".jpg", true
	case "gif":
		return "image/gif", ".gif", true
	}
	return "", "", false
}

// loadImages settles every figure's image, one per file on disk, in reading
// order, each with a file name unique in the edition.
func (r *Edition) loadImages() {
	r.AllFiguresDescribed = true
	byPath := map[string]*Image{}
	names := map[string]bool{}
	visit := func(b doc.Block) {
		fig, ok := b.(*doc.Figure)
		if !ok {
			return
		}
		r.HasFigures = true
		if strings.TrimSpace(fig.Alt) == "" {
			r.AllFiguresDescribed = false
		}
		mt, ext, ok := imageFormat(fig.Format)
		if fig.Path == "" || !ok {
			return // the markdown reader reported it
		}
		key := filepath.Clean(fig.Path)
		im := byPath[key]
		if im == nil {
			stem := SafeFileName(strings.TrimSuffix(filepath.Base(key), filepath.Ext(key)))
			if stem == "" {
				stem = "image"
			}
			name := doc.Unique(stem, ext, func(n string) bool { return names[n] })
			names[name] = true
			im = &Image{Path: fig.Path, Format: fig.Format, MediaType: mt, Width: fig.Width, Height: fig.Height, Name: name}
			im.Data, _ = readPrintable(r.Pub.Dir, fig.Path, fig.Format)
			byPath[key] = im
			r.Images = append(r.Images, im)
		}
		r.images[fig] = im
	}
	for _, s := range r.Sections {
		doc.WalkBlocks(s.Doc.Blocks, visit)
		for _, n := range s.Notes {
			doc.WalkBlocks(n.Blocks, visit)
		}
	}
}

// SafeFileName keeps the ASCII letters, digits, '-', '_' and '.' of s and
// turns every run of other characters into one '-'.
func SafeFileName(s string) string {
	return strings.Trim(doc.Sanitize(s, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
	}), "-.")
}
