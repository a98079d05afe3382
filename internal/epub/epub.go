// Package epub writes an edition of the document model as an EPUB 3 file:
// one XHTML file per section, a navigation document, and the layout's CSS and fonts.
package epub

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/style"
)

// Paths inside the container. Everything but mimetype and META-INF lives under contentDir.
const (
	contentDir = "EPUB/"
	opfName    = "package.opf"
	coverName  = "cover.xhtml"
	navName    = "nav.xhtml"
	cssName    = "css/style.css"
)

// Write writes ed as an EPUB 3 to w. ctx is checked between sections.
func Write(ctx context.Context, w io.Writer, ed *doc.Edition, l *style.Layout, words *style.Words, set *fonts.Set) error {
	b, err := newBook(ed, l, words, set)
	if err != nil {
		return err
	}
	var entries []entry
	entries = append(entries,
		entry{name: "META-INF/container.xml", data: []byte(containerXML)},
		entry{name: contentDir + opfName, data: b.packageDoc()},
		entry{name: contentDir + coverName, data: b.coverPage()},
		entry{name: contentDir + navName, data: b.navDoc()},
	)
	for _, f := range b.files {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("epub: %w", err)
		}
		entries = append(entries, entry{name: contentDir + f.name, data: b.sectionPage(f)})
	}
	entries = append(entries, entry{name: contentDir + cssName, data: b.stylesheet()})
	// Fonts carry only the glyphs the book's documents use.
	used := usedRunes(entries)
	for _, ff := range b.fontFiles {
		data, err := ff.face.Subset(used)
		if err != nil {
			return fmt.Errorf("epub: subsetting %s: %w", ff.face.Name, err)
		}
		entries = append(entries, entry{name: contentDir + ff.href, data: data})
	}
	for _, im := range b.images {
		entries = append(entries, entry{name: contentDir + im.href, data: im.data})
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("epub: %w", err)
	}
	return writeZip(w, entries, b.zipTime)
}

// usedRunes returns every character of the documents, and printable ASCII, sorted.
func usedRunes(entries []entry) []rune {
	seen := map[rune]bool{}
	for r := rune(0x20); r < 0x7f; r++ {
		seen[r] = true
	}
	for _, e := range entries {
		if strings.HasSuffix(e.name, ".xhtml") {
			for _, r := range string(e.data) {
				seen[r] = true
			}
		}
	}
	out := make([]rune, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
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
func writeZip(w io.Writer, entries []entry, mod time.Time) error {
	zw := zip.NewWriter(w)
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
		fh := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mod}
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

// msDosTime encodes t (from 1980 on) as MS-DOS date and time fields.
func msDosTime(t time.Time) (date, tm uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

// book is everything Write needs, planned before any file is rendered.
type book struct {
	ed    *doc.Edition
	pub   *doc.Publication
	l     *style.Layout
	words *style.Words
	lang  string
	date  string    // YYYY-MM-DD, or empty
	mod   time.Time // dcterms:modified
	// zipTime is the modification time of every zip entry (mod, or 1980-01-01 when earlier).
	zipTime time.Time

	files     []*file
	fileOf    map[*doc.Section]*file
	targets   map[string]target // source id → where it ended up (first one wins)
	ids       map[any]string    // *doc.Heading, *doc.Box, *doc.Figure, *doc.Note → its id in the XHTML
	titleIDs  map[*doc.Box]string
	refIDs    map[*doc.NoteRef]string
	backlink  map[*doc.Note]target // the first reference to each note
	noteFile  map[*doc.Note]*file
	images    []*imageFile
	imageOf   map[string]*imageFile // by cleaned path on disk
	fontFiles []*fontFile
	faces     []faceRule

	hasFigures bool
	allAlt     bool // every figure has alt text
}

// file is one section's XHTML file.
type file struct {
	name    string // e.g. section-01.xhtml, relative to contentDir
	id      string // manifest id
	index   int
	sec     *doc.Section
	notes   []*doc.Note
	notesID string // id of the notes heading
	used    map[string]bool
}

type target struct {
	file *file
	id   string
}

// href is the link to the target from any content document.
func (t target) href() string { return t.file.name + "#" + t.id }

type imageFile struct {
	href      string // images/name.ext
	mediaType string
	data      []byte
}

func newBook(ed *doc.Edition, l *style.Layout, words *style.Words, set *fonts.Set) (*book, error) {
	switch {
	case ed == nil:
		return nil, errors.New("epub: no edition")
	case l == nil:
		return nil, errors.New("epub: no layout")
	case words == nil:
		return nil, errors.New("epub: no generated words")
	case strings.TrimSpace(ed.Lang) == "":
		return nil, errors.New("epub: the edition has no language")
	case strings.TrimSpace(ed.Title) == "":
		return nil, errors.New("epub: the edition has no title")
	case strings.TrimSpace(ed.Identifier) == "":
		return nil, errors.New("epub: the edition has no identifier")
	case len(ed.Sections) == 0:
		return nil, errors.New("epub: the edition has no sections")
	}
	pub := ed.Pub
	if pub == nil {
		pub = &doc.Publication{}
	}
	b := &book{
		ed: ed, pub: pub, l: l, words: words, lang: ed.Lang, date: pub.Date,
		fileOf:   map[*doc.Section]*file{},
		targets:  map[string]target{},
		ids:      map[any]string{},
		titleIDs: map[*doc.Box]string{},
		refIDs:   map[*doc.NoteRef]string{},
		backlink: map[*doc.Note]target{},
		noteFile: map[*doc.Note]*file{},
		imageOf:  map[string]*imageFile{},
		allAlt:   true,
	}
	b.mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	if b.date != "" {
		t, err := time.Parse("2006-01-02", b.date)
		if err != nil {
			return nil, fmt.Errorf("epub: publication date %q is not YYYY-MM-DD: %w", b.date, err)
		}
		b.mod = t
	}
	b.zipTime = b.mod
	if b.zipTime.Year() < 1980 {
		b.zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if err := b.planFiles(); err != nil {
		return nil, err
	}
	if err := b.loadImages(); err != nil {
		return nil, err
	}
	if err := b.planFonts(set); err != nil {
		return nil, err
	}
	return b, nil
}

// planFiles names the section files, places the notes and settles every id,
// so that links and back links can be written in any order.
func (b *book) planFiles() error {
	for i, s := range b.ed.Sections {
		if s == nil {
			return fmt.Errorf("epub: section %d is missing", i+1)
		}
		f := &file{
			name: fmt.Sprintf("section-%02d.xhtml", i+1), id: fmt.Sprintf("section-%02d", i+1),
			index: i, sec: s, used: map[string]bool{},
		}
		b.files = append(b.files, f)
		b.fileOf[s] = f
	}

	// The ids the source gave, body first, then the notes.
	var refOrder []*doc.Note
	firstRefFile := map[*doc.Note]*file{}
	for _, f := range b.files {
		walkBlocks(f.sec.Blocks, func(bl doc.Block) { b.claimSource(f, bl) }, func(in doc.Inline) {
			if r, ok := in.(*doc.NoteRef); ok && r.Note != nil {
				if _, seen := firstRefFile[r.Note]; !seen {
					firstRefFile[r.Note] = f
					refOrder = append(refOrder, r.Note)
				}
			}
		})
	}
	place := func(n *doc.Note, f *file) {
		if _, done := b.noteFile[n]; done {
			return
		}
		b.noteFile[n] = f
		f.notes = append(f.notes, n)
	}
	for _, n := range b.ed.Notes {
		if n == nil {
			continue
		}
		f := b.fileOf[n.Section]
		if f == nil {
			f = firstRefFile[n]
		}
		if f == nil {
			f = b.files[len(b.files)-1]
		}
		place(n, f)
	}
	for _, n := range refOrder { // referenced but not listed in ed.Notes
		place(n, firstRefFile[n])
	}
	for _, f := range b.files {
		for _, n := range f.notes {
			id := cleanID(n.ID)
			if id == "" {
				id = fmt.Sprintf("fn%d", n.Number)
			}
			b.ids[n] = b.claim(f, n.ID, id)
			walkBlocks(n.Blocks, func(bl doc.Block) { b.claimSource(f, bl) }, nil)
		}
	}

	// Then the ids folio makes up: untitled headings, box titles, note references.
	for _, f := range b.files {
		hn, bn := 0, 0
		gen := func(bl doc.Block) {
			switch x := bl.(type) {
			case *doc.Heading:
				hn++
				if _, ok := b.ids[x]; !ok {
					b.ids[x] = uniq(f, fmt.Sprintf("heading-%d", hn))
				}
			case *doc.Box:
				bn++
				base, ok := b.ids[x]
				if !ok {
					base = uniq(f, fmt.Sprintf("box-%d", bn))
					b.ids[x] = base
				}
				if len(x.Title) > 0 {
					b.titleIDs[x] = uniq(f, base+"-title")
				}
			}
		}
		ref := func(in doc.Inline) {
			r, ok := in.(*doc.NoteRef)
			if !ok || r.Note == nil {
				return
			}
			id := uniq(f, fmt.Sprintf("fnref%d", r.Note.Number))
			b.refIDs[r] = id
			if _, ok := b.backlink[r.Note]; !ok {
				b.backlink[r.Note] = target{f, id}
			}
		}
		walkBlocks(f.sec.Blocks, gen, ref)
		for _, n := range f.notes {
			walkBlocks(n.Blocks, gen, ref)
		}
		if len(f.notes) > 0 {
			f.notesID = uniq(f, "notes")
		}
	}
	return nil
}

// claimSource records the source id of a heading, box or figure.
func (b *book) claimSource(f *file, bl doc.Block) {
	switch x := bl.(type) {
	case *doc.Heading:
		if id := cleanID(x.ID); id != "" {
			b.ids[x] = b.claim(f, x.ID, id)
		}
	case *doc.Box:
		if id := cleanID(x.ID); id != "" {
			b.ids[x] = b.claim(f, x.ID, id)
		}
	case *doc.Figure:
		b.hasFigures = true
		if strings.TrimSpace(x.Alt) == "" {
			b.allAlt = false
		}
		if id := cleanID(x.ID); id != "" {
			b.ids[x] = b.claim(f, x.ID, id)
		}
	}
}

// claim makes id unique in f and records where the source id src went.
func (b *book) claim(f *file, src, id string) string {
	id = uniq(f, id)
	if _, ok := b.targets[src]; !ok && src != "" {
		b.targets[src] = target{f, id}
	}
	return id
}

// uniq returns id, or id-2, id-3… when id is taken in f, and marks it taken.
func uniq(f *file, id string) string {
	cand := id
	for n := 2; f.used[cand]; n++ {
		cand = fmt.Sprintf("%s-%d", id, n)
	}
	f.used[cand] = true
	return cand
}

// cleanID makes s safe as an id and a URL fragment: letters, digits, '-', '_',
// '.' and ':' stay, runs of anything else become one '-'. Source ids (lowercase
// ASCII slugs) come through unchanged, so anchors match the other renderings.
func cleanID(s string) string {
	return strings.TrimSuffix(sanitize(s, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' || r == ':'
	}), "-")
}

// sanitize keeps the runes of s that keep accepts and turns every run of others
// after the first kept rune into one dash.
func sanitize(s string, keep func(rune) bool) string {
	var sb strings.Builder
	dash := false
	for _, r := range s {
		if keep(r) {
			sb.WriteRune(r)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
	}
	return sb.String()
}

// walkBlocks visits every block and inline under blocks, in document order.
// Either function may be nil.
func walkBlocks(blocks []doc.Block, fb func(doc.Block), fi func(doc.Inline)) {
	doc.WalkBlocks(blocks, func(bl doc.Block) {
		if fb != nil {
			fb(bl)
		}
		if fi != nil {
			for _, run := range doc.Runs(bl) {
				doc.WalkInlineTree(run, fi)
			}
		}
	})
}

// loadImages reads every figure's file once, in reading order.
func (b *book) loadImages() error {
	usedNames := map[string]bool{}
	var err error
	visit := func(bl doc.Block) {
		fig, ok := bl.(*doc.Figure)
		if !ok || err != nil {
			return
		}
		if fig.Path == "" {
			err = fmt.Errorf("epub: figure %q has no file", fig.Src)
			return
		}
		key := filepath.Clean(fig.Path)
		if _, ok := b.imageOf[key]; ok {
			return
		}
		ext := strings.ToLower(filepath.Ext(key))
		mt := imageType(ext)
		if mt == "" {
			err = fmt.Errorf("epub: figure %s: unsupported image type %q (use png, jpg, gif or svg)", fig.Path, ext)
			return
		}
		data, rerr := os.ReadFile(fig.Path)
		if rerr != nil {
			err = fmt.Errorf("epub: reading figure: %w", rerr)
			return
		}
		stem := safeName(strings.TrimSuffix(filepath.Base(key), filepath.Ext(key)))
		if stem == "" {
			stem = "image"
		}
		name := stem + ext
		for n := 2; usedNames[name]; n++ {
			name = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		usedNames[name] = true
		im := &imageFile{href: path.Join("images", name), mediaType: mt, data: data}
		b.images = append(b.images, im)
		b.imageOf[key] = im
	}
	for _, f := range b.files {
		walkBlocks(f.sec.Blocks, visit, nil)
		for _, n := range f.notes {
			walkBlocks(n.Blocks, visit, nil)
		}
	}
	return err
}

// imageType is the media type of an image file extension (EPUB core media types), or "".
func imageType(ext string) string {
	switch ext {
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".svg":
		return "image/svg+xml"
	}
	return ""
}

// safeName keeps ASCII letters, digits, '-', '_' and '.', replacing runs of anything else by '-'.
func safeName(s string) string {
	return strings.Trim(sanitize(s, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
	}), "-.")
}

// imageOfFigure returns the image of a figure, planned by loadImages.
func (b *book) imageOfFigure(fig *doc.Figure) *imageFile {
	return b.imageOf[filepath.Clean(fig.Path)]
}
