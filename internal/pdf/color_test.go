package pdf

import (
	"bytes"
	"context"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/tiff"

	"github.com/folio-pub/folio/internal/style"

	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/pdf/pdftest"
	"github.com/folio-pub/folio/internal/testtool"
)

// fogra39Desc is the built-in profile's description (its desc tag).
const fogra39Desc = "Coated FOGRA39 (ISO 12647-2:2004/Amd 1), 300% TAC, from FOGRA39L.ti3"

// fogra39Document is the test document for the built-in FOGRA39 condition.
func fogra39Document(t *testing.T) *page.Document {
	t.Helper()
	prof, err := os.ReadFile("../../layouts/profiles/FOGRA39.icc")
	if err != nil {
		t.Fatal(err)
	}
	d := testDocument(t)
	d.Bleed = 8.5
	d.OutputIntent = &page.OutputIntent{Condition: "FOGRA39", Profile: prof, Components: 4, Desc: fogra39Desc}
	return d
}

var rgbOpRe = regexp.MustCompile(`(?m)(^|\s)(rg|RG)(\s|$)`)

// TestPrintCMYK: on a CMYK condition the print edition's pages set every
// colour in CMYK, black text as 0 0 0 1 k; the output intent's profile is a
// CMYK one that names the condition; the digital edition keeps sRGB.
func TestPrintCMYK(t *testing.T) {
	t.Parallel()
	d := fogra39Document(t)
	dr, err := Draw(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	dg, pr := finished(t, dr)
	f := writeFile(t, "print.pdf", pr)
	if out, err := exec.Command(testtool.Need(t, "qpdf"), "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	q := pdftest.Read(t, f)
	content := strings.Join(q.PageContents(), "\n")
	if m := rgbOpRe.FindString(content); m != "" {
		t.Errorf("the print edition's content sets RGB: %q", m)
	}
	if n := strings.Count(content, "0 0 0 1 k\n"); n < 2 {
		t.Errorf("black text set with 0 0 0 1 k %d times, want once a page:\n%s", n, content)
	}
	if !strings.Contains(content, "0 0 0 1 K\n") {
		t.Error("the black rule is not stroked with 0 0 0 1 K")
	}
	if strings.Contains(content, "%folio:color") {
		t.Error("a colour token is left in the content")
	}
	cat := q.Catalog()
	oi := cat["/OutputIntents"].([]any)[0].(map[string]any)
	prof := q.Data(oi["/DestOutputProfile"].(string))
	if len(prof) < 128 || prof[16:20] != "CMYK" || prof[12:16] != "prtr" || !strings.Contains(prof, "FOGRA39") {
		t.Errorf("the output intent's profile is not a CMYK output profile naming FOGRA39 (%d bytes)", len(prof))
	}
	if info, _ := oi["/Info"].(string); info != "u:"+fogra39Desc || oi["/OutputConditionIdentifier"] != "u:FOGRA39" {
		t.Errorf("output intent %v", oi)
	}
	dq := pdftest.Read(t, writeFile(t, "digital.pdf", dg))
	if dc := strings.Join(dq.PageContents(), "\n"); !strings.Contains(dc, "0.078 g\n") || strings.Contains(dc, " k\n") {
		t.Errorf("the digital edition's text is not in sRGB:\n%s", dc)
	}
}

// TestSeparations: Ghostscript's separations of the print edition, as a
// printer makes its plates: the text page's ink is on the black plate alone;
// the cover's blue band is on cyan, magenta and black.
func TestSeparations(t *testing.T) {
	t.Parallel()
	gs := testtool.Need(t, "gs")
	var pr bytes.Buffer
	if err := WritePrint(context.Background(), &pr, fogra39Document(t)); err != nil {
		t.Fatal(err)
	}
	f := writeFile(t, "print.pdf", pr.Bytes())
	for _, tc := range []struct {
		page  string
		inked map[string]bool // plate: whether it carries ink
	}{
		{"2", map[string]bool{"Cyan": false, "Magenta": false, "Yellow": false, "Black": true}},
		{"1", map[string]bool{"Cyan": true, "Magenta": true, "Black": true}},
	} {
		dir := t.TempDir()
		out := filepath.Join(dir, "sep.tif")
		if b, err := exec.Command(gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep", "-r72",
			"-dFirstPage="+tc.page, "-dLastPage="+tc.page, "-sOutputFile="+out, f).CombinedOutput(); err != nil {
			t.Fatalf("gs: %v\n%s", err, b)
		}
		for plate, want := range tc.inked {
			if got := inked(t, filepath.Join(dir, "sep("+plate+").tif")); (got > 0) != want {
				t.Errorf("page %s: %d pixels inked on the %s plate; want ink: %v", tc.page, got, plate, want)
			}
		}
	}
}

// inked counts the pixels of a separation that carry ink (tiffsep writes a
// plate as gray, 255 for no ink).
func inked(t *testing.T, file string) int {
	t.Helper()
	img := readImage(t, file, tiff.Decode)
	g, ok := img.(*image.Gray)
	if !ok {
		t.Fatalf("%s: a %T, want gray", file, img)
	}
	n := 0
	for _, v := range g.Pix {
		if v < 250 {
			n++
		}
	}
	return n
}

// TestDigitalArchive: the digital edition is PDF/A-2a and PDF/UA-1: both
// identifications in its XMP (with the extension schema PDF/A asks for
// pdfuaid), an sRGB GTS_PDFA1 output intent, an ID tree, and links that
// print, have an appearance and say where they go.
func TestDigitalArchive(t *testing.T) {
	t.Parallel()
	for _, pdfa := range []bool{true, false} {
		d := testDocument(t)
		d.PDFA = pdfa
		d.Structure.Kids[0].Kids[0].ID = "societe" // the heading
		for _, p := range d.Pages {
			for i, it := range p.Items {
				if l, ok := it.(page.Link); ok && l.URL != "" {
					l.Desc = "example.org"
					p.Items[i] = l
				}
			}
		}
		var b bytes.Buffer
		if err := Write(context.Background(), &b, d); err != nil {
			t.Fatal(err)
		}
		f := writeFile(t, "digital.pdf", b.Bytes())
		if out, err := exec.Command(testtool.Need(t, "qpdf"), "--check", f).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, out)
		}
		q := pdftest.Read(t, f)
		cat := q.Catalog()
		x := q.Data(cat["/Metadata"].(string))
		for _, want := range []string{"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>",
			"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>", "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"} {
			if strings.Contains(x, want) != pdfa {
				t.Errorf("PDF/A %v: XMP has %q: %v", pdfa, want, !pdfa)
			}
		}
		if !strings.Contains(x, "<pdfuaid:part>1</pdfuaid:part>") {
			t.Errorf("XMP lacks the PDF/UA identification:\n%s", x)
		}
		intents, _ := cat["/OutputIntents"].([]any)
		if pdfa != (len(intents) == 1) {
			t.Fatalf("PDF/A %v: output intents %v", pdfa, intents)
		}
		if pdfa {
			oi := intents[0].(map[string]any)
			prof := q.Data(oi["/DestOutputProfile"].(string))
			if oi["/S"] != "/GTS_PDFA1" || prof != string(srgbProfile) {
				t.Errorf("output intent %v (%d bytes of profile), want GTS_PDFA1 with sRGB", oi, len(prof))
			}
		}
		root := q.Dict(cat["/StructTreeRoot"].(string))
		tree := q.Dict(root["/IDTree"].(string))
		names, _ := tree["/Names"].([]any)
		if len(names) != 2 || names[0] != "u:societe" || q.Dict(names[1].(string))["/S"] != "/H1" {
			t.Errorf("ID tree %v, want societe to the heading", tree)
		}
		descs := map[string]bool{}
		for _, pg := range q.Pages() {
			annots, _ := q.Dict(pg)["/Annots"].([]any)
			for _, a := range annots {
				ad := q.Dict(a.(string))
				descs[strings.TrimPrefix(ad["/Contents"].(string), "u:")] = true
				if ad["/F"] != float64(4) {
					t.Errorf("annotation %v does not print", ad)
				}
				if _, ok := ad["/AP"]; ok != pdfa {
					t.Errorf("PDF/A %v: an appearance: %v", pdfa, ok)
				}
			}
		}
		if !descs["example.org"] || !descs["page two"] || len(descs) != 2 {
			t.Errorf("link descriptions %v, want example.org and page two", descs)
		}
	}
}

// TestRecolor: each colour token in a content stream becomes its colour's
// operators, its length follows, and what only looks like a token stays.
func TestRecolor(t *testing.T) {
	t.Parallel()
	dr := &Drawn{palette: []style.Color{{R: 255, G: 0, B: 0}, {R: 51, G: 51, B: 51}}}
	for _, tt := range []struct{ content, want string }{
		{"", ""},
		{"BT %folio:color 0 f (a) Tj ET", "BT 1.000 0.000 0.000 rg (a) Tj ET"},
		{"%folio:color 1 s\n%folio:color 1 f%folio:color 0 s", "0.200 G\n0.200 g1.000 0.000 0.000 RG"},
		{"%folio:color x f %folio:color 0 %folio:color 0 q %folio:color ", "%folio:color x f %folio:color 0 %folio:color 0 q %folio:color "},
		{"%folio:color %folio:color 1 f", "%folio:color 0.200 g"},
	} {
		obj := []byte("<</Length " + strconv.Itoa(len(tt.content)) + ">>\nstream\n" + tt.content + "\nendstream")
		want := "<</Length " + strconv.Itoa(len(tt.want)) + ">>\nstream\n" + tt.want + "\nendstream"
		if got := string(dr.recolor(obj, rgbOps)); got != want {
			t.Errorf("recolor(%q) = %q, want %q", tt.content, got, want)
		}
	}
}

// TestKeptPages: a session's drawings take each page's content with its
// colours set from the drawing before when the page and its colours are
// the same, and set them anew when a colour changed (the content, which
// names colours by their place in the palette, may be the same): every
// drawing's bytes are those of one with nothing kept.
func TestKeptPages(t *testing.T) {
	t.Parallel()
	d := fogra39Document(t)
	s := NewShared()
	s.KeepStreams()
	for _, tc := range []struct {
		name  string
		edit  func()
		kept  int // pages taken from the drawing before
		after int // pages kept after
	}{
		{"first drawn", func() {}, 0, 2},
		{"drawn again", func() {}, 2, 2},
		{"a colour changed", func() {
			r := d.Pages[0].Items[0].(page.Rect)
			r.Fill = style.Color{R: 200, CMYK: [4]float64{0, 1, 1, 0}}
			d.Pages[0].Items[0] = r
		}, 0, 4},
	} {
		s.NextRound()
		tc.edit()
		before := s.pages.Len()
		dr, err := DrawShared(context.Background(), d, s)
		if err != nil {
			t.Fatal(err)
		}
		digital, print := finished(t, dr)
		alone, err := DrawShared(context.Background(), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		wantDigital, wantPrint := finished(t, alone)
		if !bytes.Equal(digital, wantDigital) || !bytes.Equal(print, wantPrint) {
			t.Errorf("%s: other bytes than drawn with nothing kept (digital %v, print %v)", tc.name, bytes.Equal(digital, wantDigital), bytes.Equal(print, wantPrint))
		}
		if added := s.pages.Len() - before; len(d.Pages)-added != tc.kept || s.pages.Len() != tc.after {
			t.Errorf("%s: %d pages taken from before (want %d), %d kept after (want %d)", tc.name, len(d.Pages)-added, tc.kept, s.pages.Len(), tc.after)
		}
	}
}
