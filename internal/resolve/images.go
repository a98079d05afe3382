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

// loadImages settles every image, figures' and those set in the text, one
// per file on disk, in reading order, each with a file name unique in the
// edition.
func (r *Edition) loadImages() {
	r.AllFiguresDescribed = true
	byPath := map[string]*Image{}
	names := map[string]bool{}
	use := func(alt, path, format string, width, height int) *Image {
		r.HasFigures = true
		if strings.TrimSpace(alt) == "" {
			r.AllFiguresDescribed = false
		}
		mt, ext, ok := imageFormat(format)
		if path == "" || !ok {
			return nil // the markdown reader reported it
		}
		key := filepath.Clean(path)
		im := byPath[key]
		if im == nil {
			stem := doc.SafeFileName(strings.TrimSuffix(filepath.Base(key), filepath.Ext(key)))
			if stem == "" {
				stem = "image"
			}
			name := doc.Unique(stem, ext, func(n string) bool { return names[n] })
			names[name] = true
			im = &Image{Path: path, Format: format, MediaType: mt, Width: width, Height: height, Name: name}
			im.Data, _ = readPrintable(r.Pub.Dir, path, format)
			byPath[key] = im
			r.Images = append(r.Images, im)
		}
		return im
	}
	figure := func(fig *doc.Figure) {
		if im := use(fig.Alt, fig.Path, fig.Format, fig.Width, fig.Height); im != nil {
			r.images[fig] = im
		}
	}
	inline := func(ii *doc.InlineImage) {
		if im := use(ii.Alt, ii.Path, ii.Format, ii.Width, ii.Height); im != nil {
			r.inlineImages[ii] = im
		}
	}
	for _, s := range r.Sections {
		doc.WalkImages(s.Doc.Blocks, figure, inline)
		for _, n := range s.Notes {
			doc.WalkImages(n.Blocks, figure, inline)
		}
	}
}
