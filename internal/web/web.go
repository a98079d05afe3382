// Package web writes the web edition of a resolved edition, from the content
// markup of package xhtml: the reading edition (the whole text on one page)
// and the publication page (title, abstract, questions, cover, downloads,
// languages, citation, and the metadata search engines and citation managers
// read), with the files they use (stylesheet, subset fonts, cover image,
// figures); and, from the publication pages of a whole series, its index,
// Atom feed and sitemap (series.go).
package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"path"
	"strings"

	coverimg "github.com/folio-pub/folio/internal/cover"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/xhtml"
)

// Options are what the web edition takes besides the resolved edition.
type Options struct {
	Fonts *fonts.Set // the fonts, subset to the pages' characters
	// Printed is the typeset edition, whose first page is drawn as the cover
	// image where the publication gives none, as for the EPUB.
	Printed *page.Document
	// Downloads are the edition's other files of this build, offered on the
	// publication page, in this order.
	Downloads []Download
	// Covers, when set, keeps the cover images drawn: the EPUB's of the
	// same edition is not drawn again (cover.Memo).
	Covers *coverimg.Memo
}

// Download is a file of the edition to download.
type Download struct {
	Format string // pdf, print or epub
	File   string // its name, in the publication's folder
	Bytes  int
	Pages  int // 0 for a reflowable format
}

// File is a file of the web edition, its name relative to the publication's
// output folder, slash-separated.
type File struct {
	Name string
	Data []byte
}

// Names of an edition's web files, in the publication's output folder.

// ReadingName is the reading edition's file: <id>.<lang>.html.
func ReadingName(id, lang string) string { return id + "." + lang + ".html" }

// PageName is the publication page's file: index.<lang>.html.
func PageName(lang string) string { return "index." + lang + ".html" }

func cssName(id, lang string) string { return id + "." + lang + ".css" }

// site is one edition's web pages being made.
type site struct {
	ed      *resolve.Edition
	opt     Options
	id      string
	base    string // the publication's folder as published (absolute), or ""
	reading *xhtml.Writer
	onPage  *xhtml.Writer // the about text on the publication page: links lead to the reading edition
	cover   File
	coverW  int
	coverH  int
}

// Edition writes the web edition of ed: the reading edition, the publication
// page and the files they use, in a fixed order.
func Edition(ctx context.Context, ed *resolve.Edition, opt Options) ([]File, error) {
	switch {
	case ed == nil || ed.Doc == nil || ed.Pub == nil:
		return nil, errors.New("web: no edition")
	case ed.Layout == nil || ed.Words == nil:
		return nil, errors.New("web: no layout or words")
	case len(ed.Sections) == 0:
		return nil, errors.New("web: the edition has no sections")
	case ed.Cover == nil && (opt.Printed == nil || len(opt.Printed.Pages) == 0):
		return nil, errors.New("web: no cover: the publication gives no cover image and no typeset edition is given to draw its cover page")
	}
	s := &site{ed: ed, opt: opt, id: ed.Pub.ID}
	if ed.Pub.URL != "" {
		s.base = ed.Pub.URL + s.id + "/"
	}
	faces, fontFiles, err := xhtml.PlanFonts(ed, opt.Fonts, func(stem string) string { return "fonts/" + stem + "." + ed.Lang + ".ttf" }, "")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	images := "images/" + ed.Lang + "/" // images of one name may differ by language
	xo := xhtml.Options{Stylesheet: cssName(s.id, ed.Lang), Fonts: faces, Web: true, Images: images}
	s.reading = xhtml.New(ed, xo)
	xo.Page = ReadingName(s.id, ed.Lang)
	s.onPage = xhtml.New(ed, xo)
	if err := s.drawCover(); err != nil {
		return nil, err
	}
	reading, err := s.readingEdition(ctx)
	if err != nil {
		return nil, err
	}
	pubPage, err := s.publicationPage()
	if err != nil {
		return nil, err
	}
	css := s.reading.WebStylesheet()
	files := []File{
		{Name: ReadingName(s.id, ed.Lang), Data: reading},
		{Name: PageName(ed.Lang), Data: pubPage},
		{Name: cssName(s.id, ed.Lang), Data: css},
		s.cover,
	}
	used := xhtml.UsedRunes(reading, pubPage)
	for _, ff := range fontFiles {
		sub, err := ff.Face.SubsetUnhinted(used)
		if err != nil {
			return nil, fmt.Errorf("web: subsetting %s: %w", ff.Face.Name, err)
		}
		files = append(files, File{Name: ff.Href, Data: sub.Data})
	}
	for _, im := range ed.Images {
		if im.Data == nil {
			return nil, fmt.Errorf("web: the figure %s could not be read", im.Path)
		}
		files = append(files, File{Name: images + im.Name, Data: im.Data})
	}
	return files, nil
}

// drawCover makes the cover image: the publication's own, or its typeset
// cover page drawn as a PNG (package cover), as the EPUB's.
func (s *site) drawCover() error {
	ed := s.ed
	stem := s.id + "." + ed.Lang + ".cover"
	if ed.Cover != nil {
		if ed.Cover.Data == nil {
			return fmt.Errorf("web: the cover %s could not be read", ed.Cover.Path)
		}
		s.cover = File{Name: stem + path.Ext(ed.Cover.Name), Data: ed.Cover.Data}
		s.coverW, s.coverH = ed.Cover.Width, ed.Cover.Height
		return nil
	}
	data, err := s.opt.Covers.PNG(s.opt.Printed, s.opt.Printed.Pages[0])
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("web: the cover image: %w", err)
	}
	s.cover = File{Name: stem + ".png", Data: data}
	s.coverW, s.coverH = cfg.Width, cfg.Height
	return nil
}

// about is the about section, nil when the edition has none.
func (s *site) about() *resolve.Section {
	for _, sec := range s.ed.Sections {
		if sec.Role.Role == "about" {
			return sec
		}
	}
	return nil
}

// abstract is the about section's text before its list of questions, without
// the paragraph that leads into the list, as plain text; else the edition's
// description.
func (s *site) abstract() string {
	sec := s.about()
	if sec == nil {
		return strings.TrimSpace(s.ed.Description)
	}
	var paras []string
	for _, b := range sec.Doc.Blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			paras = append(paras, strings.TrimSpace(doc.PlainText(b.Content)))
		case *doc.List:
			if n := len(paras); n > 0 && strings.HasSuffix(strings.TrimSpace(paras[n-1]), ":") {
				paras = paras[:n-1]
			}
			return strings.Join(paras, "\n\n")
		case *doc.Heading, *doc.Box, *doc.CodeBlock, *doc.Figure, *doc.PullQuote, *doc.Quote, *doc.Rule, *doc.Table:
			// not running text of the abstract
		}
	}
	if len(paras) == 0 {
		return strings.TrimSpace(s.ed.Description)
	}
	return strings.Join(paras, "\n\n")
}

// description is the page's short description: the edition's, else the abstract.
func (s *site) description() string {
	if d := strings.TrimSpace(s.ed.Description); d != "" {
		return d
	}
	return s.abstract()
}

// esc escapes text for HTML text and attribute values.
func esc(t string) string { return xhtml.Escape(t) }
