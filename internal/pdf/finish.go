package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/folio-pub/folio/internal/lend"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/recent"
	"github.com/folio-pub/folio/internal/style"
)

// The sRGB profile: the ICC's sRGB v2 profile, which the ICC lets anyone
// copy and embed (icc/LICENSE.color.org). It is the digital edition's PDF/A
// output intent, the print edition's on the sRGB condition, and, on a CMYK
// condition, what the pages' RGB (images) is (DefaultRGB): PDF/X-4 admits
// colour-managed RGB, which the printer's RIP converts to the condition.
//
//go:embed icc/sRGB2014.icc
var srgbProfile []byte

// srgbDeflated is srgbProfile as the PDFs embed it, deflated beforehand
// (TestProfilesDeflated checks it; -update writes it).
//
//go:embed icc/sRGB2014.icc.zlib
var srgbDeflated []byte

const (
	outputCondition = "sRGB IEC61966-2.1"
	// room for crop marks outside the bleed, and where they start
	marksRoom   = 8 * style.MM
	marksOffset = 1 * style.MM // past the bleed
	marksLength = 5 * style.MM
)

// edition is what tells the two finished files apart.
type edition struct {
	print bool
	off   float64 // from the media box's corner to the trimmed page's
}

func (ed edition) name() string {
	if ed.print {
		return "print"
	}
	return "digital"
}

// WriteDigital writes the digital edition: the trimmed page, tagged.
func (dr *Drawn) WriteDigital(w io.Writer) error {
	return dr.finish(w, edition{})
}

// WritePrint writes the print edition: the page with its bleed (and crop marks
// when the layout asks), TrimBox and BleedBox on every page, PDF/X-4's output
// intent and identification.
func (dr *Drawn) WritePrint(w io.Writer) error {
	off := dr.doc.Bleed
	if dr.doc.CropMarks {
		off += marksRoom
	}
	return dr.finish(w, edition{print: true, off: off})
}

// rgbGroup is the transparency group fpdf gives a page when the document
// has an image with an alpha channel.
const rgbGroup = "/Group <</Type /Group /S /Transparency /CS /DeviceRGB>>"

var (
	mediaBoxRe = regexp.MustCompile(`/MediaBox \[[^\]]*\]`)
	kidsRe     = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	contentsRe = regexp.MustCompile(`/Contents (\d+) 0 R`)
	destRe     = regexp.MustCompile(`/Dest \[(\d+) 0 R /XYZ 0 ([-0-9.]+) null\]`)
	emptyNames = regexp.MustCompile(`/Names <<\s*/EmbeddedFiles << /Names \[\s*\] >>\s*>>\s*`)
	infoDateRe = regexp.MustCompile(`(/(?:CreationDate|ModDate) \(D:\d{14})\)`)
)

// finish rewrites fpdf's file as edition ed: a pure function of the drawing.
func (dr *Drawn) finish(w io.Writer, ed edition) error {
	f := dr.file.clone()
	d := dr.doc
	f.version = "1.7" // PDF/UA-1 is ISO 32000-1
	if ed.print {
		f.version = "1.6" // PDF/X-4 is PDF 1.6 at most
	}
	mw, mh := d.Width+2*ed.off, d.Height+2*ed.off

	pages, err := pageObjects(f)
	if err != nil {
		return err
	}
	if len(pages) != len(dr.pages) {
		return fmt.Errorf("pdf: %d pages drawn, %d in the file", len(dr.pages), len(pages))
	}
	if ed.print {
		for n, b := range dr.printContent {
			f.objs[n] = b // the content in the condition's CMYK
		}
		pagesDict, _ := f.dict(1)
		f.set(1, mediaBoxRe.ReplaceAllString(pagesDict, fmt.Sprintf("/MediaBox [0 0 %s %s]", num(mw), num(mh))))
		dr.shiftOutline(f, pages, ed.off)
	}

	st := newStructure(f, pages)
	var appearance int // the links' appearance: PDF/A wants one, and a link shows nothing
	if !ed.print && d.PDFA {
		appearance = f.add(stream0("/Type /XObject /Subtype /Form /BBox [0 0 1 1]"))
	}
	var marksCS int
	if ed.print && d.CropMarks {
		marksCS = f.add("[/Separation /All /DeviceCMYK <</FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1>>]")
		// fpdf's resource dictionary has a /ColorSpace dictionary, empty without spot colours
		res, ok := f.dict(2)
		if !ok || !strings.Contains(res, "/ColorSpace <<") {
			return fmt.Errorf("pdf: object 2 is not the resource dictionary")
		}
		f.set(2, strings.Replace(res, "/ColorSpace <<", fmt.Sprintf("/ColorSpace <<\n/FolioAll %d 0 R", marksCS), 1))
	}
	// the print edition's page content: fpdf's, moved by the media box's
	// margin, then the marks; the same two streams for every page
	var pre, post int
	if ed.print {
		pre = f.add(stream(fmt.Sprintf("q 1 0 0 1 %s %s cm\n", num(ed.off), num(ed.off))))
		marks := "Q\n"
		if d.CropMarks {
			marks += dr.cropMarks(ed.off)
		}
		post = f.add(stream(marks))
	}
	for i, pg := range dr.pages {
		pn := pages[i]
		var extra strings.Builder
		fmt.Fprintf(&extra, "/StructParents %d /Tabs /S", i)
		var annots []string
		for _, a := range pg.links {
			if ed.print {
				break // PDF/X: no annotations on the printed page; links are for screens
			}
			annots = append(annots, fmt.Sprintf("%d 0 R", dr.writeAnnot(f, st, pages, i, a, ed.off, appearance)))
		}
		if len(annots) > 0 {
			fmt.Fprintf(&extra, " /Annots [%s]", strings.Join(annots, " "))
		}
		st.page(i, pg.marked)
		if err := f.extend(pn, extra.String()); err != nil {
			return err
		}
		if ed.print {
			if err := dr.printPage(f, pn, i, pre, post, ed.off); err != nil {
				return err
			}
		}
	}
	treeRoot := st.write(d.Structure)

	// document information and catalog
	info := " /Trapped /False"
	if ed.print {
		info += " /GTS_PDFXVersion (PDF/X-4)"
	}
	if err := f.extend(f.info, info); err != nil {
		return err
	}
	infoDict, _ := f.dict(f.info)
	f.set(f.info, infoDateRe.ReplaceAllString(infoDict, "${1}Z)"))
	meta := f.add(metadataStream(xmpMeta{info: d.Info, producer: producer, docID: dr.ids[0].String(), instID: dr.ids[1+btoi(ed.print)].String(), print: ed.print, pdfa: !ed.print && d.PDFA}.bytes()))
	var cat strings.Builder
	fmt.Fprintf(&cat, "/Metadata %d 0 R /MarkInfo <</Marked true>> /ViewerPreferences <</DisplayDocTitle true>>", meta)
	if treeRoot != 0 {
		fmt.Fprintf(&cat, " /StructTreeRoot %d 0 R", treeRoot)
	}
	cat.WriteString(" /PageLabels " + pageLabels(d.Pages))
	if ed.print {
		oi, err := dr.outputIntent(f)
		if err != nil {
			return err
		}
		cat.WriteString(" /OutputIntents [" + oi + "]")
	} else if d.PDFA {
		// PDF/A: the pages' device RGB is sRGB
		c := pdfString(outputCondition)
		fmt.Fprintf(&cat, " /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier %s /OutputCondition %s /Info %s /RegistryName (http://www.color.org) /DestOutputProfile %d 0 R>>]",
			c, c, c, f.add(dr.profile("/N 3 /Alternate /DeviceRGB", srgbProfile, srgbDeflated)))
	}
	// fpdf names an empty list of embedded files; PDF/X has none, so none is named
	if c, ok := f.dict(f.root); ok {
		f.set(f.root, emptyNames.ReplaceAllString(c, ""))
	}
	if err := f.extend(f.root, cat.String()); err != nil {
		return err
	}
	return f.writeTo(w, dr.ids[1+btoi(ed.print)]) // the instance's, as the XMP says
}

// printPage makes page i, object pn, a page of the print edition: its boxes,
// its content between pre and post (moved by off, then the marks), and its
// transparency blended in the condition's CMYK.
func (dr *Drawn) printPage(f *file, pn, i, pre, post int, off float64) error {
	d := dr.doc
	b := d.Bleed
	body, _ := f.dict(pn)
	m := contentsRe.FindStringSubmatch(body)
	if m == nil {
		return fmt.Errorf("pdf: page %d has no content stream", i+1)
	}
	body = strings.Replace(body, m[0], fmt.Sprintf("/Contents [%d 0 R %s 0 R %d 0 R]", pre, m[1], post), 1)
	if dr.printContent != nil {
		// fpdf blends a page with transparency (an image's alpha) in RGB,
		// which would turn black text into four inks
		body = strings.Replace(body, rgbGroup, "/Group <</Type /Group /S /Transparency /CS /DeviceCMYK>>", 1)
	}
	f.set(pn, body)
	return f.extend(pn, fmt.Sprintf(" /TrimBox [%s %s %s %s] /BleedBox [%s %s %s %s]",
		num(off), num(off), num(off+d.Width), num(off+d.Height),
		num(off-b), num(off-b), num(off+d.Width+b), num(off+d.Height+b)))
}

// outputIntent writes the print edition's output intent: the layout's printing
// condition and profile, or sRGB. Under a gray or CMYK condition the pages'
// RGB colours are sRGB, said once for all in the resources (DefaultRGB), so
// that they stay colour-managed as PDF/X-4 requires.
func (dr *Drawn) outputIntent(f *file) (string, error) {
	srgb := func() int { return f.add(dr.profile("/N 3 /Alternate /DeviceRGB", srgbProfile, srgbDeflated)) }
	oi := dr.doc.OutputIntent
	if oi == nil {
		c := pdfString(outputCondition)
		return fmt.Sprintf("<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier %s /OutputCondition %s /Info %s /RegistryName (http://www.color.org) /DestOutputProfile %d 0 R>>",
			c, c, c, srgb()), nil
	}
	alt := map[int]string{1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}[oi.Components]
	if alt == "" {
		return "", fmt.Errorf("pdf: an output profile of %d components", oi.Components)
	}
	profile := f.add(dr.profile(fmt.Sprintf("/N %d /Alternate %s", oi.Components, alt), oi.Profile, oi.Deflated))
	if oi.Components != 3 {
		res, ok := f.dict(2)
		if !ok || !strings.Contains(res, "/ColorSpace <<") {
			return "", fmt.Errorf("pdf: object 2 is not the resource dictionary")
		}
		f.set(2, strings.Replace(res, "/ColorSpace <<", fmt.Sprintf("/ColorSpace <<\n/DefaultRGB [/ICCBased %d 0 R]", srgb()), 1))
	}
	c, info := pdfString(oi.Condition), pdfString(oi.Condition)
	if oi.Desc != "" {
		info = pdfString(oi.Desc) // the condition as its profile describes it
	}
	return fmt.Sprintf("<</Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier %s /OutputCondition %s /Info %s /RegistryName (http://www.color.org) /DestOutputProfile %d 0 R>>",
		c, c, info, profile), nil
}

// shiftOutline moves the bookmarks' destinations with the page's content.
func (dr *Drawn) shiftOutline(f *file, pages []int, off float64) {
	isPage := map[string]bool{}
	for _, p := range pages {
		isPage[strconv.Itoa(p)] = true
	}
	for n := 1; n < len(f.objs); n++ {
		d, ok := f.dict(n)
		if !ok || !strings.Contains(d, "/Dest [") {
			continue
		}
		f.set(n, destRe.ReplaceAllStringFunc(d, func(s string) string {
			m := destRe.FindStringSubmatch(s)
			y, err := strconv.ParseFloat(m[2], 64)
			if err != nil || !isPage[m[1]] {
				return s
			}
			return fmt.Sprintf("/Dest [%s 0 R /XYZ 0 %s null]", m[1], num(y+off))
		}))
	}
}

// writeAnnot writes the link annotation a of page i and ties it to its Link element;
// appearance is the object of its appearance stream, 0 for none. Its
// /Contents says where it goes: the page model's description, or the
// link's text.
func (dr *Drawn) writeAnnot(f *file, st *structure, pages []int, i int, a annot, off float64, appearance int) int {
	d := dr.doc
	l := a.link
	x1, y1 := off+l.X, off+d.Height-l.Y-l.H
	x2, y2 := x1+l.W, y1+l.H
	var b strings.Builder
	fmt.Fprintf(&b, "<</Type /Annot /Subtype /Link /Rect [%s %s %s %s] /Border [0 0 0] /F 4 /P %d 0 R",
		num(x1), num(y1), num(x2), num(y2), pages[i])
	desc := l.Desc
	if desc == "" && l.Elem != nil {
		desc = l.Elem.Alt
	}
	if desc != "" {
		fmt.Fprintf(&b, " /Contents %s", pdfString(desc))
	}
	if appearance != 0 {
		fmt.Fprintf(&b, " /AP <</N %d 0 R>>", appearance)
	}
	switch {
	case l.URL != "":
		fmt.Fprintf(&b, " /A <</S /URI /URI %s>>", pdfString(l.URL))
	default:
		dest, ok := d.Anchors[l.Anchor]
		if ok && dest.Page >= 1 && dest.Page <= len(pages) {
			fmt.Fprintf(&b, " /Dest [%d 0 R /XYZ 0 %s null]", pages[dest.Page-1], num(off+d.Height-dest.Y))
		}
	}
	n := f.reserve()
	if l.Elem != nil {
		fmt.Fprintf(&b, " /StructParent %d", st.annot(l.Elem, n, i, a.seq))
	}
	b.WriteString(">>")
	f.set(n, b.String())
	return n
}

// cropMarks draws the crop marks of a page whose media box is off larger than
// the trimmed page on every side: at each corner, two short lines on the trim
// lines' extensions, outside the bleed, in the registration colour.
func (dr *Drawn) cropMarks(off float64) string {
	d := dr.doc
	var b strings.Builder
	b.WriteString("/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\nq /FolioAll CS 1 SCN 0.25 w\n")
	start := d.Bleed + marksOffset
	for _, x := range []float64{off, off + d.Width} {
		for _, y := range []float64{off, off + d.Height} {
			dx, dy := -1.0, -1.0
			if x > off {
				dx = 1
			}
			if y > off {
				dy = 1
			}
			// horizontal mark on the line y, vertical mark on the line x
			fmt.Fprintf(&b, "%s %s m %s %s l S\n", num(x+dx*start), num(y), num(x+dx*(start+marksLength)), num(y))
			fmt.Fprintf(&b, "%s %s m %s %s l S\n", num(x), num(y+dy*start), num(x), num(y+dy*(start+marksLength)))
		}
	}
	b.WriteString("Q\nEMC\n")
	return b.String()
}

// pageLabels numbers the pages as their folios say; a page without a folio
// (the cover) has an empty label.
func pageLabels(pages []*page.Page) string {
	var b strings.Builder
	b.WriteString("<</Nums [")
	prev := -1 // the number the previous page's label had, -1 when none
	for i, p := range pages {
		n, err := strconv.Atoi(p.Label)
		switch {
		case p.Label == "":
			if i == 0 || prev != -1 {
				fmt.Fprintf(&b, "%d <<>> ", i)
			}
			prev = -1
		case err == nil && n > 0:
			if prev == -1 || n != prev+1 {
				fmt.Fprintf(&b, "%d <</S /D /St %d>> ", i, n)
			}
			prev = n
		default:
			fmt.Fprintf(&b, "%d <</P %s>> ", i, pdfString(p.Label))
			prev = -1
		}
	}
	b.WriteString("]>>")
	return b.String()
}

// contentIDs returns the UUIDs that name f (version 5 layout, from a digest
// of its bytes): the document's, and the digital and the print edition's
// instances (the digest salted with their names), from one pass over f.
func contentIDs(f *file) [3]uuid {
	h := sha1.New()
	f.writeTo(h, uuid{})
	sum := h.Sum(nil)
	var ids [3]uuid
	for i, salt := range [3]string{"", edition{}.name(), edition{print: true}.name()} {
		s := sha1.Sum(append([]byte(salt), sum...))
		s[6] = s[6]&0x0f | 0x50
		s[8] = s[8]&0x3f | 0x80
		copy(ids[i][:], s[:16])
	}
	return ids
}

// uuid is a UUID's 16 bytes.
type uuid [16]byte

// String is the UUID's usual text: 8-4-4-4-12 hexadecimal digits.
func (u uuid) String() string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// stream0 is an empty stream object with the given dictionary entries.
func stream0(entries string) string {
	return fmt.Sprintf("<<%s /Length 0>>\nstream\n\nendstream", entries)
}

// stream is a content stream object, short enough to leave uncompressed.
func stream(content string) string {
	return fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(content), content)
}

// deflateBest deflates data at the best compression, in a zlib stream.
func deflateBest(data []byte) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(data)
	zw.Close()
	return z.Bytes()
}

// deflatedStream is a stream object of deflated bytes z with the given dictionary entries.
func deflatedStream(entries string, z []byte) string {
	return fmt.Sprintf("<<%s /Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream", entries, len(z), z)
}

// profile is the stream object of an ICC profile, deflated once for all
// the PDFs that share dr's Shared, or given deflated (z, when not nil).
func (dr *Drawn) profile(entries string, data, z []byte) string {
	if z == nil {
		z = dr.shared.deflate(data)
	}
	return deflatedStream(entries, z)
}

// Shared holds what the PDFs of a build have in common, made once for them
// all: the ICC profiles they embed, deflated (the FOGRA39 profile at the
// best compression costs some 20 ms, as much as drawing a short edition),
// and the compressors of their streams, which one drawing hands on to the
// next (a compressor is 1 MB of memory; a sync.Pool would drop it at the
// collections between two editions). It is safe for concurrent use; a nil
// *Shared shares nothing.
type Shared struct {
	mu        sync.Mutex
	deflated  map[string][]byte                         // by the data deflated
	deflaters lend.List[*deflater]                      // done with, one for each drawing at once
	streams   *recent.Map[[sha256.Size]byte, []byte]    // deflated stream objects by the digest of the object; nil unless KeepStreams
	pages     *recent.Map[[sha256.Size]byte, recolored] // pages' contents with their colours set, by a digest of content and colours; nil unless KeepStreams
}

// deflater returns a compressor for a drawing's streams: one an earlier
// drawing is done with, else a new one.
func (s *Shared) deflater() *deflater {
	if s == nil {
		return &deflater{}
	}
	if z := s.deflaters.Get(); z != nil {
		return z
	}
	return &deflater{kept: s.streams}
}

// done takes back a compressor deflater gave, for the next drawing.
func (s *Shared) done(z *deflater) {
	if s != nil {
		s.deflaters.Put(z)
	}
}

// NewShared returns an empty Shared.
func NewShared() *Shared { return &Shared{deflated: map[string][]byte{}} }

// deflate returns data deflated at the best compression, deflating it on
// first use.
func (s *Shared) deflate(data []byte) []byte {
	if s == nil {
		return deflateBest(data)
	}
	s.mu.Lock()
	z, ok := s.deflated[string(data)]
	s.mu.Unlock()
	if !ok {
		z = deflateBest(data) // two editions may both deflate it first: the same bytes
		s.mu.Lock()
		s.deflated[string(data)] = z
		s.mu.Unlock()
	}
	return z
}

// metadataStream is an uncompressed metadata stream of an XMP packet.
func metadataStream(x []byte) string {
	return fmt.Sprintf("<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n%s\nendstream", len(x), x)
}
