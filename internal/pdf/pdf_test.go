package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/pdf/pdftest"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/testtool"
)

func testDocument(t *testing.T) *page.Document {
	t.Helper()
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	serif, _ := set.Face("serif", style.Regular)
	sans, _ := set.Face("sans", style.Bold)
	img := filepath.Join(t.TempDir(), "x.png")
	m := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for i := range m.Pix {
		m.Pix[i] = 200
	}
	m.Set(1, 1, color.Black)
	var buf bytes.Buffer
	png.Encode(&buf, m)
	os.WriteFile(img, buf.Bytes(), 0o644)
	ink := style.Color{R: 20, G: 20, B: 20, CMYK: [4]float64{0, 0, 0, 1}}
	d := &page.Document{Width: 595, Height: 842, Anchors: map[string]page.Dest{"two": {Page: 2, Y: 100}}}
	root := &page.Elem{Role: page.RoleDocument}
	kid := func(parent *page.Elem, r page.Role) *page.Elem {
		e := &page.Elem{Role: r, Parent: parent}
		parent.Kids = append(parent.Kids, e)
		return e
	}
	sect := kid(root, page.RoleSect)
	h1 := kid(sect, page.Heading(1))
	p := kid(sect, page.RoleP)
	link := kid(p, page.RoleLink)
	link.Alt = "page two"
	web := kid(p, page.RoleLink)
	web.Alt = "example.org"
	fig := kid(sect, page.RoleFigure)
	fig.Alt = "A grey rectangle"
	p2 := kid(sect, page.RoleP)
	d.Structure = root
	d.Pages = []*page.Page{
		{Number: 1, Label: "", Items: []page.Item{
			page.Rect{X: -9, Y: -9, W: 613, H: 200, Fill: style.Color{B: 120, CMYK: [4]float64{1, 1, 0, 0.3}}},
			page.Text{X: 72, Y: 260, Text: "Qu’est-ce que la société civile\u202f?", Face: sans, Size: 18, Color: ink, Elem: h1},
			page.Text{X: 72, Y: 300, Text: "See ", Face: serif, Size: 11, Color: ink, Elem: p},
			page.Text{X: 92, Y: 300, Text: "page two", Face: serif, Size: 11, Color: ink, Elem: link},
			page.Text{X: 140, Y: 300, Text: ".", Face: serif, Size: 11, Color: ink, Elem: p},
			page.Link{X: 92, Y: 290, W: 48, H: 12, Anchor: "two", Elem: link},
			page.Text{X: 72, Y: 320, Text: "example.org", Face: serif, Size: 11, Color: ink, Elem: web},
			page.Link{X: 72, Y: 310, W: 60, H: 12, URL: "https://example.org/", Elem: web},
			page.Line{X1: 72, Y1: 330, X2: 300, Y2: 330, Width: 0.5, Color: ink},
			page.Image{X: 72, Y: 340, W: 200, H: 100, Path: img, Data: buf.Bytes(), Format: "png", Alt: "grey", Elem: fig},
		}},
		{Number: 2, Label: "2", Items: []page.Item{
			page.Text{X: 72, Y: 110, Text: "Page two, « guillemets ».", Face: serif, Size: 11, Color: ink, Elem: p2},
			page.Text{X: 500, Y: 800, Text: "2", Face: serif, Size: 8, Color: ink}, // the folio, an artifact
		}},
	}
	d.Outline = []page.Bookmark{{Title: "Société", Level: 0, Dest: page.Dest{Page: 1, Y: 240}}, {Title: "Deux", Level: 1, Dest: page.Dest{Page: 2, Y: 100}}}
	d.Info = page.Info{Title: "Titre\u00a0: Sous-titre", Author: "A", Lang: "fr", Date: time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)}
	return d
}

func TestWrite(t *testing.T) {
	t.Parallel()
	d := testDocument(t)
	var a, b bytes.Buffer
	if err := Write(context.Background(), &a, d); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), &b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same document differ")
	}
	f := filepath.Join(t.TempDir(), "t.pdf")
	os.WriteFile(f, a.Bytes(), 0o644)
	if out, err := exec.Command(testtool.Need(t, "qpdf"), "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	info, _ := exec.Command(testtool.Need(t, "pdfinfo"), f).CombinedOutput()
	for _, want := range []string{"Title:           Titre\u00a0: Sous-titre", "Pages:           2", "CreationDate:    Wed May  1 00:00:00 2019"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	text, _ := exec.Command(testtool.Need(t, "pdftotext"), f, "-").CombinedOutput()
	for _, want := range []string{"Qu’est-ce que la société civile", "« guillemets »"} {
		if !strings.Contains(strings.ReplaceAll(string(text), "\u202f", " "), want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestCancelled(t *testing.T) {
	t.Parallel()
	d := testDocument(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, &bytes.Buffer{}, d); err == nil {
		t.Error("no error from a cancelled write")
	}
}

func TestMissingImage(t *testing.T) {
	t.Parallel()
	d := testDocument(t)
	d.Pages[0].Items = append(d.Pages[0].Items, page.Image{X: 1, Y: 1, W: 1, H: 1, Path: "/nonexistent/y.png", Format: "png"})
	if err := Write(context.Background(), &bytes.Buffer{}, d); err == nil || !strings.Contains(err.Error(), "y.png") {
		t.Errorf("err = %v", err)
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestPrint(t *testing.T) {
	t.Parallel()
	cmyk := make([]byte, 132) // the header of a CMYK output profile
	copy(cmyk[12:], "prtrCMYKLab ")
	copy(cmyk[36:], "acsp")
	for _, tc := range []struct {
		name   string
		marks  bool
		off    float64 // media box corner to trim box corner
		intent *page.OutputIntent
	}{
		{"bleed", false, 8.5, nil},
		{"marks", true, 8.5 + marksRoom, nil},
		{"FOGRA39", true, 8.5 + marksRoom, &page.OutputIntent{Condition: "FOGRA39", Profile: cmyk, Components: 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := testDocument(t)
			d.Bleed = 8.5
			d.CropMarks = tc.marks
			d.OutputIntent = tc.intent
			var a, b bytes.Buffer
			if err := WritePrint(context.Background(), &a, d); err != nil {
				t.Fatal(err)
			}
			if err := WritePrint(context.Background(), &b, d); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two writes of the same document differ")
			}
			f := writeFile(t, "print.pdf", a.Bytes())
			if out, err := exec.Command(testtool.Need(t, "qpdf"), "--check", f).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
			// every page: the boxes, to the hundredth of a point
			info, _ := exec.Command(testtool.Need(t, "pdfinfo"), "-box", "-f", "1", "-l", "2", f).CombinedOutput()
			box := func(x0, y0, x1, y1 float64) string {
				return fmt.Sprintf("%8.2f %8.2f %8.2f %8.2f", x0, y0, x1, y1)
			}
			W, H, off, bl := d.Width, d.Height, tc.off, d.Bleed
			for _, page := range []int{1, 2} {
				for name, want := range map[string]string{
					"MediaBox": box(0, 0, W+2*off, H+2*off),
					"TrimBox":  box(off, off, off+W, off+H),
					"BleedBox": box(off-bl, off-bl, off+W+bl, off+H+bl),
				} {
					re := regexp.MustCompile(fmt.Sprintf(`(?m)^Page +%d %s: +(.*)$`, page, name))
					m := re.FindStringSubmatch(string(info))
					if m == nil || strings.Join(strings.Fields(m[1]), " ") != strings.Join(strings.Fields(want), " ") {
						t.Errorf("page %d %s = %v, want %s\n%s", page, name, m, want, info)
					}
				}
			}
			// fonts embedded and subset, with a tag
			fonts, _ := exec.Command(testtool.Need(t, "pdffonts"), f).CombinedOutput()
			lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")[2:]
			if len(lines) != 2 {
				t.Errorf("want 2 fonts:\n%s", fonts)
			}
			for _, l := range lines {
				fs := strings.Fields(l)
				if !regexp.MustCompile(`^[A-Z]{6}\+Liberation`).MatchString(fs[0]) || fs[len(fs)-5] != "yes" || fs[len(fs)-4] != "yes" {
					t.Errorf("font not embedded as a tagged subset: %s", l)
				}
			}
			// output intent, XMP, /Trapped, /ID
			q := pdftest.Read(t, f)
			trailer := q.Dict("trailer")
			id, _ := trailer["/ID"].([]any)
			if len(id) != 2 || id[0] != id[1] || len(id[0].(string)) != 2+32 {
				t.Errorf("trailer /ID = %v, want two equal digests", trailer["/ID"])
			}
			if in := q.Dict(trailer["/Info"].(string)); in["/Trapped"] != "/False" || in["/GTS_PDFXVersion"] != "u:PDF/X-4" || in["/CreationDate"] != "u:D:20190501000000Z" {
				t.Errorf("document information: %v", in)
			}
			cat := q.Dict(trailer["/Root"].(string))
			intents, _ := cat["/OutputIntents"].([]any)
			if len(intents) != 1 {
				t.Fatalf("output intents: %v", cat["/OutputIntents"])
			}
			oi := intents[0].(map[string]any)
			condition, profile, n := outputCondition, srgbProfile, 3
			if tc.intent != nil {
				condition, profile, n = tc.intent.Condition, tc.intent.Profile, 4
			}
			if oi["/S"] != "/GTS_PDFX" || oi["/OutputConditionIdentifier"] != "u:"+condition {
				t.Errorf("output intent: %v", oi)
			}
			ref := oi["/DestOutputProfile"].(string)
			if prof := q.Data(ref); prof != string(profile) || q.Dict(ref)["/N"] != float64(n) {
				t.Errorf("the output intent's profile is not the %s profile (%d bytes, /N %v)", condition, len(prof), q.Dict(ref)["/N"])
			}
			// under a CMYK condition, the pages' RGB is sRGB, colour-managed
			cs, _ := q.Dict("2 0 R")["/ColorSpace"].(map[string]any)
			if _, ok := cs["/DefaultRGB"]; ok != (tc.intent != nil) {
				t.Errorf("DefaultRGB in the resources: %v, want %v", ok, tc.intent != nil)
			}
			x := q.Data(cat["/Metadata"].(string))
			for _, want := range []string{"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>", ">Titre\u00a0: Sous-titre</rdf:li>",
				"<rdf:li>fr</rdf:li>", "<pdf:Trapped>False</pdf:Trapped>", "<xmp:CreateDate>2019-05-01T00:00:00Z</xmp:CreateDate>"} {
				if !strings.Contains(x, want) {
					t.Errorf("XMP lacks %q:\n%s", want, x)
				}
			}
			// look: the cover's band reaches into the bleed; the marks are drawn
			png := filepath.Join(t.TempDir(), "p")
			if out, err := exec.Command(testtool.Need(t, "pdftoppm"), "-png", "-r", "144", "-f", "1", "-l", "1", "-singlefile", f, png).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
			img := readPNG(t, png+".png")
			px := func(x, y float64) color.Color { return img.At(int(x*2), int(y*2)) }
			// in the bleed, left of the trim edge, under the band
			if r, g, b, _ := px(off-bl/2, off+50).RGBA(); b>>8 < 100 || r>>8 > 40 || g>>8 > 40 {
				t.Errorf("the band does not reach into the bleed: %v", px(off-bl/2, off+50))
			}
			// the top-left crop mark: on the trim line y = off, left of the bleed,
			// and nothing between it and the corner of the trimmed page
			if tc.marks {
				if r, _, _, _ := px(off-bl-marksOffset-marksLength/2, off).RGBA(); r>>8 > 160 {
					t.Errorf("no crop mark: %v", px(off-bl-marksOffset-marksLength/2, off))
				}
				if r, _, _, _ := px(off-bl-marksOffset/2, off).RGBA(); r>>8 < 250 {
					t.Errorf("the crop mark reaches into the bleed: %v", px(off-bl-marksOffset/2, off))
				}
			}
		})
	}
}

func readPNG(t *testing.T, file string) image.Image {
	t.Helper()
	return readImage(t, file, png.Decode)
}

// readImage decodes the image file with decode, or stops the test.
func readImage(t *testing.T, file string, decode func(io.Reader) (image.Image, error)) image.Image {
	t.Helper()
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := decode(fh)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return img
}

func TestTagged(t *testing.T) {
	t.Parallel()
	d := testDocument(t)
	d.Bleed = 8.5
	for _, ed := range []struct {
		name   string
		write  func(context.Context, io.Writer, *page.Document) error
		annots int // link annotations: none on the printed page (PDF/X)
	}{{"digital", Write, 2}, {"print", WritePrint, 0}} {
		t.Run(ed.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := ed.write(context.Background(), &buf, d); err != nil {
				t.Fatal(err)
			}
			f := writeFile(t, "t.pdf", buf.Bytes())
			info, _ := exec.Command(testtool.Need(t, "pdfinfo"), f).CombinedOutput()
			if !strings.Contains(string(info), "Tagged:          yes") {
				t.Errorf("not tagged:\n%s", info)
			}
			// the structure, in reading order, with the text of its content
			st, err := exec.Command(testtool.Need(t, "pdfinfo"), "-struct-text", f).CombinedOutput()
			if err != nil {
				t.Fatalf("pdfinfo -struct-text: %v\n%s", err, st)
			}
			want := []string{"Document", "Sect", "H1", "Qu’est-ce que la société civile\u202f?", "P", `"See "`, "Link", `"page two"`, `"."`,
				"Link", `"example.org"`, "Figure", "P", "Page two, « guillemets »."}
			rest := string(st)
			for _, w := range want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("-struct-text lacks %q after what came before:\n%s", w, st)
				}
				rest = rest[i+len(w):]
			}
			if strings.Contains(string(st), `"2"`) {
				t.Errorf("the folio is in the structure:\n%s", st)
			}
			q := pdftest.Read(t, f)
			// no page content outside marked content
			for i, c := range q.PageContents() {
				if ops, err := pdftest.Unmarked(c); err != nil || len(ops) > 0 {
					t.Errorf("page %d: %v outside marked content (%v):\n%s", i+1, ops, err, c)
				}
			}
			cat := q.Dict(q.Dict("trailer")["/Root"].(string))
			if mi, _ := cat["/MarkInfo"].(map[string]any); mi["/Marked"] != true {
				t.Errorf("/MarkInfo = %v", cat["/MarkInfo"])
			}
			if _, ok := cat["/Names"]; ok {
				t.Errorf("the catalog names %v: an empty list of embedded files", cat["/Names"])
			}
			if vp, _ := cat["/ViewerPreferences"].(map[string]any); vp["/DisplayDocTitle"] != true {
				t.Errorf("/ViewerPreferences = %v", cat["/ViewerPreferences"])
			}
			if cat["/Lang"] != "u:fr" {
				t.Errorf("/Lang = %v", cat["/Lang"])
			}
			labels := fmt.Sprint(cat["/PageLabels"])
			if labels != "map[/Nums:[0 map[] 1 map[/S:/D /St:2]]]" {
				t.Errorf("/PageLabels = %s, want none on the cover, then 2", labels)
			}
			var figures, annots int
			for key, o := range q {
				d, _ := o.Value.(map[string]any)
				if d["/S"] == "/Figure" {
					figures++
					if d["/Alt"] != "u:A grey rectangle" {
						t.Errorf("%s: the figure's /Alt = %v", key, d["/Alt"])
					}
				}
				if d["/Subtype"] == "/Link" {
					annots++
					if _, ok := d["/StructParent"]; !ok || d["/Contents"] == nil {
						t.Errorf("%s: a link annotation without /StructParent or /Contents: %v", key, d)
					}
				}
				if d["/Type"] == "/Page" && d["/Tabs"] != "/S" {
					t.Errorf("%s: page without /Tabs /S", key)
				}
			}
			if figures != 1 || annots != ed.annots {
				t.Errorf("%d figures and %d link annotations, want 1 and %d", figures, annots, ed.annots)
			}
		})
	}
}

// TestKerning: a word with kerned pairs is drawn in pieces closer than their
// advances, and the PDF's text still reads as the whole words; letters
// narrowed are drawn with horizontal scaling, set back for the text after
// them; the font and colour are set once, not for every piece.
func TestKerning(t *testing.T) {
	t.Parallel()
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	serif, _ := set.Face("serif", style.Regular)
	const text = "AVATAR Towards Yellow"
	if serif.Kern('A', 'V') == 0 || serif.Kern('T', 'o') == 0 {
		t.Fatalf("%q has no kerned pairs", text)
	}
	d := &page.Document{Width: 595, Height: 842, Anchors: map[string]page.Dest{},
		Pages: []*page.Page{{Number: 1, Items: []page.Item{
			page.Text{X: 72, Y: 100, Text: text, Face: serif, Size: 20},
			page.Text{X: 72, Y: 200, Text: text, Face: serif, Size: 20, Scale: 0.98},
			page.Text{X: 72, Y: 300, Text: text, Face: serif, Size: 20},
		}}}}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, d); err != nil {
		t.Fatal(err)
	}
	f := writeFile(t, "kern.pdf", buf.Bytes())
	out, err := exec.Command(testtool.Need(t, "pdftotext"), f, "-").CombinedOutput()
	if err != nil {
		t.Fatal(err, string(out))
	}
	if got := strings.Fields(string(out)); strings.Join(got, " ") != text+" "+text+" "+text {
		t.Errorf("pdftotext = %q, want %q three times (kerned, then kerned and narrowed, then kerned)", got, text)
	}
	// the text ends where typeset measured it: the font's widths and the
	// kerning in the file are the ones it used
	bbox, err := exec.Command(testtool.Need(t, "pdftotext"), "-bbox", f, "-").CombinedOutput()
	if err != nil {
		t.Fatal(err, string(bbox))
	}
	m := regexp.MustCompile(`xMax="([0-9.]+)"[^>]*>Yellow<`).FindSubmatch(bbox)
	if m == nil {
		t.Fatalf("no Yellow in pdftotext -bbox:\n%s", bbox)
	}
	if got, want := atof(t, string(m[1])), 72+serif.Width(text, 20); math.Abs(got-want) > 0.01 {
		t.Errorf("the text ends at %.3f pt, typeset measured %.3f", got, want)
	}
	c := strings.Join(pdftest.Read(t, f).PageContents(), "\n")
	if !strings.Contains(c, "] TJ") {
		t.Error("no kerned text (TJ)")
	}
	narrow, back := strings.Index(c, "98.00 Tz"), strings.LastIndex(c, "100.00 Tz")
	if narrow < 0 || back < narrow {
		t.Error("the narrowed text is not drawn with horizontal scaling (Tz), set back after it")
	}
	if n := strings.Count(c, " Tf"); n != 1 {
		t.Errorf("the font is set %d times, want once", n)
	}
	if n := strings.Count(c, " g\n") + strings.Count(c, " rg\n"); n > 2 {
		t.Errorf("the colour is set %d times, want once (text and fill)", n)
	}
}

// TestCodes: every character comes back out of the file as it went in,
// whatever byte its code is: the codes of the 10th, 13th, 40th, 41st and 92nd
// characters are the bytes of the line ends, the parentheses and the
// backslash, which a literal string escapes.
func TestCodes(t *testing.T) {
	t.Parallel()
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	serif, _ := set.Face("serif", style.Regular)
	var chars []rune
	for c := rune('!'); c <= '~'; c++ {
		chars = append(chars, c)
	}
	chars = append(chars, []rune("éèàçœ«»’…–—")...)
	d := &page.Document{Width: 595, Height: 842, Anchors: map[string]page.Dest{}, Pages: []*page.Page{{Number: 1}}}
	var want []string
	for i := 0; i < len(chars); i += 20 {
		line := string(chars[i:min(i+20, len(chars))])
		want = append(want, line)
		d.Pages[0].Items = append(d.Pages[0].Items, page.Text{X: 72, Y: 100 + float64(i), Text: line, Face: serif, Size: 12})
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, d); err != nil {
		t.Fatal(err)
	}
	f := writeFile(t, "codes.pdf", buf.Bytes())
	if out, err := exec.Command(testtool.Need(t, "qpdf"), "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command(testtool.Need(t, "pdftotext"), f, "-").CombinedOutput()
	if err != nil {
		t.Fatal(err, string(out))
	}
	if got := strings.Fields(string(out)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pdftotext =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// the characters are numbered from 1 in order, from "!": codes 10 and 13
	// are "*" and "-", 40 and 41 "H" and "I", 92 "|"
	c := strings.Join(pdftest.Read(t, f).PageContents(), "\n")
	for _, esc := range []string{`\n`, `\r`, `\(`, `\)`, `\\`} {
		if !strings.Contains(c, `\000`+esc) && !strings.Contains(c, "\x00"+esc) {
			t.Errorf("no code escaped as %s in the page:\n%q", esc, c)
		}
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
