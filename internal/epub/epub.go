// Package epub packages a resolved edition as an EPUB 3 file: the content
// documents package xhtml writes, the package document, fonts and images.
package epub

import (
	"archive/zip"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"strings"
	"sync"
	"time"

	coverimg "github.com/folio-pub/folio/internal/cover"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/xhtml"
)

// Paths inside the container. Everything but mimetype and META-INF lives under contentDir.
const (
	contentDir = "EPUB/"
	opfName    = "package.opf"
	coverName  = "cover.xhtml"
	titleName  = "titlepage.xhtml"
	navName    = "nav.xhtml"
	cssName    = "css/style.css"
	imageDir   = "images/" // beside the content documents, as package xhtml links them
)

// Options are what an EPUB takes besides the edition.
type Options struct {
	Fonts *fonts.Set // the fonts to embed; none when nil
	// PageBreaks are where the print edition's pages begin (page.Document's):
	// the EPUB marks them and lists them in a page-list; PageSource names that
	// edition, the digital PDF, by its identifier. Without them the EPUB has no page-list.
	PageBreaks []page.PageBreak
	PageSource string
	// Printed is the typeset edition (the page model the PDFs draw), whose
	// first page, the cover, is drawn as the cover image where the
	// publication gives none: the cover is designed once; the accessibility
	// summary says where its floats leave the reading order.
	Printed *page.Document
	// Covers, when set, keeps the cover images drawn, so that a cover
	// drawn before is not drawn again (cover.Memo).
	Covers *coverimg.Memo
	// Compressors, when set, lends each EPUB written the compressor an
	// earlier one finished with (NewCompressors); nil: a new one each.
	Compressors *Compressors
}

// Compressors are the deflate compressors of a build's EPUBs, kept from
// one EPUB to the next: a compressor is some 1.2 MB, which, made anew for
// each EPUB, is memory the system gives the process page by page. A
// compressor belongs to one writeZip from get to put, and to the list
// between EPUBs. Safe for concurrent use.
type Compressors struct {
	mu   sync.Mutex
	free []*flate.Writer
}

// NewCompressors returns an empty list.
func NewCompressors() *Compressors { return &Compressors{} }

// get takes a compressor from the list, nil when it is empty (or c is nil).
func (c *Compressors) get() *flate.Writer {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := len(c.free)
	if n == 0 {
		return nil
	}
	fw := c.free[n-1]
	c.free = c.free[:n-1]
	return fw
}

// put gives fw back to the list, for the next EPUB.
func (c *Compressors) put(fw *flate.Writer) {
	if c == nil || fw == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.free = append(c.free, fw)
}

// Write writes ed as an EPUB 3 to w. ctx is checked between sections.
func Write(ctx context.Context, w io.Writer, ed *resolve.Edition, opt Options) error {
	b, err := newBook(ed, opt)
	if err != nil {
		return err
	}
	var entries []entry
	entries = append(entries,
		entry{name: "META-INF/container.xml", data: []byte(containerXML)},
		entry{name: "META-INF/com.apple.ibooks.display-options.xml", data: []byte(displayOptions)},
		entry{name: contentDir + opfName, data: b.packageDoc()},
		entry{name: contentDir + coverName, data: b.xw.Cover(b.coverFile)},
		entry{name: contentDir + titleName, data: b.xw.TitlePage()},
		entry{name: contentDir + navName, data: b.xw.Nav(coverName, titleName, navName)},
	)
	for _, s := range ed.Sections {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		data, err := b.xw.Section(s)
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		entries = append(entries, entry{name: contentDir + xhtml.FileName(s), data: data})
	}
	if b.xw.HasColophon() {
		entries = append(entries, entry{name: contentDir + xhtml.ColophonFile, data: b.xw.Colophon()})
	}
	entries = append(entries, entry{name: contentDir + cssName, data: b.xw.Stylesheet()})
	// Fonts carry only the glyphs the book's documents use, and those a reading system adds.
	var texts [][]byte
	for _, e := range entries {
		if strings.HasSuffix(e.name, ".xhtml") {
			texts = append(texts, e.data)
		}
	}
	used := xhtml.UsedRunes(texts...)
	for _, ff := range b.fontFiles {
		sub, err := ff.Face.SubsetUnhinted(used)
		if err != nil {
			return fmt.Errorf("epub: subsetting %s: %w", ff.Face.Name, err)
		}
		entries = append(entries, entry{name: contentDir + ff.Href, data: sub.Data})
	}
	for _, im := range ed.Images {
		if im.Data == nil {
			return fmt.Errorf("epub: the figure %s could not be read", im.Path)
		}
		entries = append(entries, entry{name: contentDir + imageDir + im.Name, data: im.Data})
	}
	var cover []byte
	if ed.Cover != nil {
		// the publication's own
		if cover = ed.Cover.Data; cover == nil {
			return fmt.Errorf("epub: the cover %s could not be read", ed.Cover.Path)
		}
	} else if cover, err = opt.Covers.PNG(opt.Printed, opt.Printed.Pages[0]); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	entries = append(entries, entry{name: contentDir + b.coverFile, data: cover})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	return writeZip(w, entries, b.zipTime, opt.Compressors)
}

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="` + contentDir + opfName + `" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

// entry is one file of the container.
type entry struct {
	name string
	data []byte
}

// writeZip writes the OCF container: mimetype first, stored, without extra field;
// then every entry, deflated, all with the same modification time.
// Its compressor comes from c, and goes back to it when the container is written.
func writeZip(w io.Writer, entries []entry, mod time.Time, c *Compressors) error {
	zw := zip.NewWriter(w)
	// one compressor for every entry, at best speed: the entries are small
	// text files and fonts, which a slower level makes only a few percent smaller
	fw := c.get()
	defer func() { c.put(fw) }()
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(out, flate.BestSpeed)
			return fw, err
		}
		fw.Reset(out)
		return fw, nil
	})
	mime := []byte("application/epub+zip")
	date, tm := msDosTime(mod)
	mh := &zip.FileHeader{
		Name:               "mimetype",
		Method:             zip.Store,
		CRC32:              crc32.ChecksumIEEE(mime),
		CompressedSize64:   uint64(len(mime)),
		UncompressedSize64: uint64(len(mime)),
		//lint:ignore SA1019 the Modified field would add an extra field, which OCF forbids on mimetype
		ModifiedDate: date,
		//lint:ignore SA1019 as above
		ModifiedTime: tm,
	}
	mh.SetMode(0o644)
	mh.CreatorVersion |= 20 // as CreateHeader sets them: version 2.0
	mh.ReaderVersion = 20
	// CreateRaw writes the sizes in the local header: no data descriptor, no extra field.
	mw, err := zw.CreateRaw(mh)
	if err != nil {
		return fmt.Errorf("epub: writing mimetype: %w", err)
	}
	if _, err := mw.Write(mime); err != nil {
		return fmt.Errorf("epub: writing mimetype: %w", err)
	}
	for _, e := range entries {
		method := zip.Deflate
		if compressed(e.name) {
			method = zip.Store // deflating it again would cost time and gain nothing
		}
		fh := &zip.FileHeader{Name: e.name, Method: method, Modified: mod}
		fh.SetMode(0o644)
		fw, err := zw.CreateHeader(fh)
		if err != nil {
			return fmt.Errorf("epub: writing %s: %w", e.name, err)
		}
		if _, err := fw.Write(e.data); err != nil {
			return fmt.Errorf("epub: writing %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: finishing the container: %w", err)
	}
	return nil
}

// compressed reports whether a file of the container is compressed already
// (PNG, JPEG and GIF images).
func compressed(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif":
		return true
	}
	return false
}

// msDosTime encodes t (from 1980 on) as MS-DOS date and time fields.
func msDosTime(t time.Time) (date, tm uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

// book is everything Write needs besides the edition, planned before any file is written.
type book struct {
	ed *resolve.Edition
	xw *xhtml.Writer
	// mod is dcterms:modified: the publication date, or 1980-01-01 without one;
	// zipTime is the modification time of every zip entry (mod, or 1980-01-01 when earlier).
	mod, zipTime time.Time
	fontFiles    []*xhtml.FontFile
	fonts        *fonts.Set
	// coverFile and coverType name the cover image and its media type: the
	// publication's, or cover.png that package cover draws
	coverFile, coverType string
	pageSource           string // the print edition the page-list follows
	// movedPages are the folios of the print edition's pages that set a
	// float out of the reading order, each once
	movedPages []string
}

func newBook(ed *resolve.Edition, opt Options) (*book, error) {
	switch {
	case ed == nil || ed.Doc == nil:
		return nil, errors.New("epub: no edition")
	case ed.Layout == nil:
		return nil, errors.New("epub: no layout")
	case ed.Words == nil:
		return nil, errors.New("epub: no generated words")
	case strings.TrimSpace(ed.Lang) == "":
		return nil, errors.New("epub: the edition has no language")
	case strings.TrimSpace(ed.Title) == "":
		return nil, errors.New("epub: the edition has no title")
	case opt.Fonts == nil:
		return nil, errors.New("epub: no fonts")
	case strings.TrimSpace(ed.Identifier) == "":
		return nil, errors.New("epub: the edition has no identifier")
	case len(ed.Sections) == 0:
		return nil, errors.New("epub: the edition has no sections")
	case ed.Cover == nil && (opt.Printed == nil || len(opt.Printed.Pages) == 0):
		return nil, errors.New("epub: no cover: the publication gives no cover image and no typeset edition is given to draw its cover page")
	}
	b := &book{ed: ed, mod: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), fonts: opt.Fonts, pageSource: strings.TrimSpace(opt.PageSource)}
	if b.pageSource == "" {
		b.pageSource = ed.FullTitle
	}
	if !ed.Date.IsZero() {
		b.mod = ed.Date
	}
	b.zipTime = b.mod
	if opt.Printed != nil {
		for _, m := range opt.Printed.Moved {
			if n := len(b.movedPages); n == 0 || b.movedPages[n-1] != m.Label {
				b.movedPages = append(b.movedPages, m.Label)
			}
		}
	}
	b.coverFile, b.coverType = "cover.png", "image/png"
	if ed.Cover != nil {
		b.coverFile, b.coverType = ed.Cover.Name, ed.Cover.MediaType
	}
	if b.zipTime.Year() < 1980 {
		b.zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	faces, err := b.planFonts(opt.Fonts)
	if err != nil {
		return nil, err
	}
	b.xw = xhtml.New(ed, xhtml.Options{Stylesheet: cssName, Fonts: faces, PageBreaks: opt.PageBreaks})
	return b, nil
}
