// Package epub packages a resolved edition as an EPUB 3 file: the content
// documents package xhtml writes, the package document, fonts and images.
package epub

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"strings"
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
	// Shared, when set, lends each EPUB written the compressor an earlier
	// one finished with, and keeps the entries deflated in a session
	// (NewShared, KeepEntries); nil: a new compressor each, nothing kept.
	Shared *Shared
}

// Write writes ed as an EPUB 3 to w. ctx is checked between sections.
func Write(ctx context.Context, w io.Writer, ed *resolve.Edition, opt Options) error {
	b, err := newBook(ed, opt)
	if err != nil {
		return err
	}
	var entries []entry
	entries = append(entries,
		b.entry("META-INF/container.xml", []byte(containerXML)),
		b.entry("META-INF/com.apple.ibooks.display-options.xml", []byte(displayOptions)),
		b.entry(contentDir+opfName, b.packageDoc()),
		b.entry(contentDir+coverName, b.xw.Cover(b.coverFile)),
		b.entry(contentDir+titleName, b.xw.TitlePage()),
		b.entry(contentDir+navName, b.xw.Nav(coverName, titleName, navName)),
	)
	for _, s := range ed.Sections {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		data, err := b.xw.Section(s)
		if err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		entries = append(entries, b.entry(contentDir+xhtml.FileName(s), data))
	}
	if b.xw.HasColophon() {
		entries = append(entries, b.entry(contentDir+xhtml.ColophonFile, b.xw.Colophon()))
	}
	entries = append(entries, b.entry(contentDir+cssName, b.xw.Stylesheet()))
	// Fonts carry only the glyphs the book's documents use, and those a reading system adds.
	var texts []entry
	for _, e := range entries {
		if strings.HasSuffix(e.name, ".xhtml") {
			texts = append(texts, e)
		}
	}
	used := opt.Shared.usedRunes(texts)
	for _, ff := range b.fontFiles {
		sub, err := ff.Face.SubsetUnhinted(used)
		if err != nil {
			return fmt.Errorf("epub: subsetting %s: %w", ff.Face.Name, err)
		}
		entries = append(entries, b.entry(contentDir+ff.Href, sub.Data))
	}
	for _, im := range ed.Images {
		if im.Data == nil {
			return fmt.Errorf("epub: the figure %s could not be read", im.Path)
		}
		entries = append(entries, b.entry(contentDir+imageDir+im.Name, im.Data))
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
	entries = append(entries, b.entry(contentDir+b.coverFile, cover))
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	return writeZip(w, entries, b.zipTime, opt.Shared)
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
	// sum is the digest of data when the container keeps what it deflates
	// (Shared.KeepEntries) and data is to be deflated; zero otherwise
	sum [sha256.Size]byte
}

// entry returns the file of the container named name that holds data,
// with the digest of its bytes if they are to be deflated and the book's
// EPUBs keep what they deflate.
func (b *book) entry(name string, data []byte) entry {
	e := entry{name: name, data: data}
	if b.shared.keeps() && !compressed(name) {
		e.sum = sha256.Sum256(data)
	}
	return e
}

// writeZip writes the OCF container: mimetype first, stored, then every
// entry, deflated (or stored when compressed already), all with the same
// modification time. Each entry is written with its sizes and CRC-32 in
// its local header, and no extra field nor data descriptor (OCF forbids
// them on mimetype, and the others follow it): so an entry whose deflated
// bytes an earlier EPUB of shared kept is written from them, and the
// container is the same bytes whether any was kept or none.
func writeZip(w io.Writer, entries []entry, mod time.Time, shared *Shared) error {
	zw := zip.NewWriter(w)
	d := &deflater{shared: shared}
	defer d.done()
	date, tm := msDosTime(mod)
	mime := []byte("application/epub+zip")
	if err := writeRaw(zw, "mimetype", zip.Store, mime, packed{data: mime, crc: crc32.ChecksumIEEE(mime)}, date, tm); err != nil {
		return err
	}
	for _, e := range entries {
		method, p := zip.Store, packed{data: e.data}
		if compressed(e.name) {
			// deflating it again would cost time and gain nothing
			p.crc = crc32.ChecksumIEEE(e.data)
		} else {
			var err error
			if p, err = d.deflate(e); err != nil {
				return fmt.Errorf("epub: deflating %s: %w", e.name, err)
			}
			method = zip.Deflate
		}
		if err := writeRaw(zw, e.name, method, e.data, p, date, tm); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: finishing the container: %w", err)
	}
	return nil
}

// writeRaw writes the entry name of the container: data, as p holds it
// (compressed by method, or as it is when stored), at the MS-DOS date and
// time given.
func writeRaw(zw *zip.Writer, name string, method uint16, data []byte, p packed, date, tm uint16) error {
	fh := &zip.FileHeader{
		Name:               name,
		Method:             method,
		CRC32:              p.crc,
		CompressedSize64:   uint64(len(p.data)),
		UncompressedSize64: uint64(len(data)),
		//lint:ignore SA1019 CreateRaw writes these, not Modified (whose extended timestamp is an extra field, which OCF forbids on mimetype)
		ModifiedDate: date,
		//lint:ignore SA1019 as above
		ModifiedTime: tm,
	}
	fh.SetMode(0o644)
	fh.CreatorVersion |= 20 // as CreateHeader sets them: version 2.0
	fh.ReaderVersion = 20
	if utf8Name(name) {
		fh.Flags |= 0x800 // as CreateHeader marks a name that CP-437 would misread
	}
	// CreateRaw writes the sizes in the local header: no data descriptor, no extra field.
	fw, err := zw.CreateRaw(fh)
	if err != nil {
		return fmt.Errorf("epub: writing %s: %w", name, err)
	}
	if _, err := fw.Write(p.data); err != nil {
		return fmt.Errorf("epub: writing %s: %w", name, err)
	}
	return nil
}

// utf8Name reports whether name needs zip's UTF-8 flag: whether it has a
// character that CP-437, the format's default, or a reader's local encoding
// may read otherwise (as archive/zip decides for CreateHeader).
func utf8Name(name string) bool {
	for _, r := range name {
		if r < 0x20 || r > 0x7d || r == 0x5c {
			return true
		}
	}
	return false
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
	pageSource           string  // the print edition the page-list follows
	shared               *Shared // what the build's EPUBs share (Options.Shared)
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
	b := &book{ed: ed, mod: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), fonts: opt.Fonts, pageSource: strings.TrimSpace(opt.PageSource), shared: opt.Shared}
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
