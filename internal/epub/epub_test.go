package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"html"
	"image"
	"image/color"
	"image/png"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/testtool"
	"github.com/folio-pub/folio/internal/typeset"
)

// writePNG writes a tiny PNG into dir and returns its path.
func writePNG(t *testing.T, dir string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for y := 0; y < 6; y++ {
		for x := 0; x < 8; x++ {
			img.Set(x, y, color.RGBA{0, uint8(40 * y), 125, 255})
		}
	}
	p := filepath.Join(dir, "rôles figure.png") // a name that needs cleaning
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func txt(s string) *doc.Text { return &doc.Text{Text: s} }

func para(in ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: in} }

// testEdition builds a small but complete French edition.
func testEdition(t *testing.T) *doc.Edition {
	t.Helper()
	dir := t.TempDir()
	pngPath := writePNG(t, dir)
	pub := &doc.Publication{
		Dir: dir, ID: "civil-society", Layout: "backgrounder", Languages: []string{"fr"}, Date: "2019-05-01",
		Authors: []doc.Author{{Name: "Équipe « RSS » & Co"}}, Publisher: "Fondation <DCAF>", Series: "SSR Backgrounder",
		Rights: "CC BY-NC-ND 4.0",
	}
	ed := &doc.Edition{
		Pub: pub, Lang: "fr", Title: "La société civile", Subtitle: "Rôles et responsabilités dans la bonne GSS",
		Description: "Ce document d’information répond aux questions suivantes\u202f?",
		Identifier:  "urn:uuid:2a7a3f9c-3b1e-5c0e-9d6e-0c4b8f5a1e21",
		Keywords:    []string{"société civile", "RSS"}, Series: "Document d’information sur la RSS",
	}
	pub.Editions = []*doc.Edition{ed}

	about := &doc.Section{Number: 0, Slug: "about", Role: "about", Title: "À propos de ce document", ID: "a-propos"}
	about.Blocks = []doc.Block{
		&doc.Heading{Level: 1, ID: "a-propos", Content: []doc.Inline{txt("À propos de ce document")}},
		para(txt("Ce document d’information répond aux questions suivantes\u202f:")),
		&doc.List{Items: [][]doc.Block{
			{para(txt("Qu’est-ce que la société civile\u202f?"))},
			{para(txt("Comment la société civile peut-elle contribuer à la GSS\u202f?"))},
		}},
	}

	sec := &doc.Section{Number: 1, Slug: "what-is-civil-society", Title: "Qu’est-ce que la société civile\u202f?", ID: "1-societe-civile"}
	n1 := &doc.Note{Number: 1, ID: "fn1", Section: sec}
	n2 := &doc.Note{Number: 2, ID: "fn2", Section: sec}
	n1.Blocks = []doc.Block{para(txt("Voir le « Guide » de 2015, p.\u00a012."))}
	n2.Blocks = []doc.Block{para(txt("Source\u202f: "), &doc.Link{URL: "https://www.dcaf.ch/?a=1&b=2", Content: []doc.Inline{txt("DCAF")}})}
	sec.Blocks = []doc.Block{
		&doc.Heading{Level: 1, ID: "1-societe-civile", Content: []doc.Inline{txt("Qu’est-ce que la société civile\u202f?")}},
		para(
			txt("La société civile « organisée » comprend "),
			&doc.Emph{Content: []doc.Inline{txt("les ONG")}}, txt(", "),
			&doc.Strong{Content: []doc.Inline{txt("les médias")}}, txt(" et "),
			&doc.Code{Text: "<code> & co"}, txt(". Voir "),
			&doc.Link{URL: "https://www.dcaf.ch/", Content: []doc.Inline{txt("le site")}},
			txt(", la "), &doc.Link{URL: "#a-propos", Content: []doc.Inline{txt("présentation")}},
			txt(" et l’"), &doc.Link{URL: "#encadre-acteurs", Content: []doc.Inline{txt("encadré")}},
			&doc.NoteRef{Note: n1}, txt(".\u202f»"), &doc.LineBreak{}, txt("Fin."),
		),
		&doc.Heading{Level: 2, ID: "acteurs", Content: []doc.Inline{txt("Les acteurs")}},
		&doc.List{Ordered: true, Start: 3, Items: [][]doc.Block{
			{para(txt("Organisations non gouvernementales"), &doc.NoteRef{Note: n2})},
			{para(txt("Médias"))},
		}},
		&doc.Table{
			Align:  []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignCenter},
			Header: [][]doc.Inline{{txt("Acteur")}, {txt("Nombre")}, {txt("Rôle")}},
			Rows: [][][]doc.Inline{
				{{txt("ONG")}, {txt("12")}, {&doc.Emph{Content: []doc.Inline{txt("veille")}}}},
				{{txt("Médias")}, {txt("3")}, {txt("information")}},
			},
		},
		&doc.Box{ID: "encadre-acteurs", Title: []doc.Inline{txt("Qui contrôle\u202f?")}, Blocks: []doc.Block{
			para(txt("Le parlement, la justice et la société civile.")),
			&doc.Quote{Blocks: []doc.Block{para(txt("« Une citation. »"))}},
		}},
		&doc.Figure{Src: "images/roles.png", Path: pngPath, Alt: "Cinq cercles numérotés autour du secteur de la sécurité",
			Caption: "Figure 1\u202f: les acteurs de la société civile", ID: "figure-roles", Format: "png", Width: 8, Height: 6},
		&doc.Heading{Level: 2, ID: "2-defis", Content: []doc.Inline{txt("Défis")}},
		&doc.CodeBlock{Text: "if a < b && c > d {\n\treturn\n}\n"},
		&doc.Rule{},
		para(txt("Dernier paragraphe.")),
	}
	ed.Sections = []*doc.Section{about, sec}
	ed.Notes = []*doc.Note{n1, n2}
	return ed
}

// edgeEdition is an English edition full of awkward cases: an unknown link
// target, a note referenced from another section and from inside a link, an
// untitled section and box, a figure without alt text, two images with the same
// base name, no date, publisher or subtitle. Its ids are unique, as the source
// reader makes them.
func edgeEdition(t *testing.T) *doc.Edition {
	t.Helper()
	dir := t.TempDir()
	png1 := writePNG(t, dir)
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	png2 := writePNG(t, sub)
	pub := &doc.Publication{Dir: dir, ID: "edge", Languages: []string{"en"}}
	ed := &doc.Edition{Pub: pub, Lang: "en", Title: "Edge <cases> & more", Identifier: "edge-en"}
	pub.Editions = []*doc.Edition{ed}
	s1 := &doc.Section{Number: 1, Slug: "one", ID: "one"} // no title
	s2 := &doc.Section{Number: 2, Slug: "two", Title: "Two", ID: "section-2"}
	n1 := &doc.Note{Number: 1, ID: "fn1", Section: s2, Blocks: []doc.Block{&doc.List{Items: [][]doc.Block{{para(txt("a list first"))}}}}}
	n2 := &doc.Note{Number: 2, ID: "fn2", Section: s1} // no blocks
	n3 := &doc.Note{Number: 3, ID: "fn3", Section: nil, Blocks: []doc.Block{para(txt("orphan note"))}}
	s1.Blocks = []doc.Block{
		&doc.Heading{Level: 1, ID: "one", Content: []doc.Inline{txt("One")}},
		&doc.Heading{Level: 2, ID: "dup", Content: []doc.Inline{txt("First dup")}},
		&doc.Heading{Level: 2, ID: "dup-2", Content: []doc.Inline{txt("Second dup")}},
		&doc.Heading{Level: 7, ID: "deep", Content: []doc.Inline{txt("Too deep")}},
		para(&doc.Link{URL: "#nowhere", Content: []doc.Inline{txt("broken")}}, txt(" "),
			&doc.Link{URL: "#dup", Content: []doc.Inline{txt("dup"), &doc.NoteRef{Note: n1}, &doc.Link{URL: "https://example.org/", Content: []doc.Inline{txt("nested")}}}},
			&doc.NoteRef{Note: n2}, &doc.NoteRef{Note: n2}, &doc.NoteRef{Note: n3}, txt("bad \x00 \x0b char")),
		&doc.Box{ID: "box", Blocks: []doc.Block{para(txt("untitled box"))}},
		&doc.Figure{Path: png1, Format: "png", Caption: "no alt", ID: "figure"},
		&doc.Figure{Path: png2, Format: "png", Alt: "same name", ID: "1-fig-x"},
		&doc.Figure{Path: png1, Format: "png", Alt: "same file again", ID: "figure-2"},
		&doc.Table{Rows: [][][]doc.Inline{{{txt("no header")}, {txt("row")}}}},
		&doc.List{Ordered: true, Start: 0, Items: [][]doc.Block{{}, {para(txt("x"))}}},
	}
	s2.Blocks = []doc.Block{
		para(txt("No heading at all."), &doc.NoteRef{Note: n1}, &doc.Link{URL: "#1-fig-x", Content: []doc.Inline{txt("figure")}}),
		&doc.Box{ID: "b", Title: []doc.Inline{txt("Titled")}, Blocks: []doc.Block{&doc.Heading{Level: 2, ID: "in-a-box", Content: []doc.Inline{txt("In a box")}}}},
	}
	ed.Sections = []*doc.Section{s1, s2}
	ed.Notes = []*doc.Note{n1, n2, n3}
	return ed
}

type fixture struct {
	ed    *doc.Edition
	l     *style.Layout
	words *style.Words
	set   *fonts.Set
}

func load(t *testing.T) fixture {
	t.Helper()
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	words, err := style.LoadWords(overlay.Folder("../../layouts"), "fr")
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	return fixture{testEdition(t), l, words, set}
}

// resolved resolves the fixture's edition and typesets it: the edition and
// the options that draw its cover from the typeset cover page.
func (fx fixture) resolved(t *testing.T) (*resolve.Edition, Options) {
	t.Helper()
	re := resolve.Resolve(fx.ed, fx.l, fx.words)
	var diags diag.List
	d, err := typeset.Typeset(context.Background(), re, typeset.Options{Fonts: fx.set}, &diags)
	if err != nil || d == nil {
		t.Fatalf("typeset: %v %s", err, diags.Error())
	}
	return re, Options{Fonts: fx.set, Printed: d}
}

func (fx fixture) write(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	re, opt := fx.resolved(t)
	if err := Write(context.Background(), &buf, re, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func unzip(t *testing.T, data []byte) (*zip.Reader, map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
	}
	return zr, files
}

func TestEPUBCheck(t *testing.T) {
	t.Parallel()
	testtool.NeedEPUBCheck(t)
	tests := []struct {
		name    string
		edition func(*testing.T) *doc.Edition
		words   string
	}{
		{"complete French edition", testEdition, "fr"},
		{"edge cases", edgeEdition, "en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fx := load(t)
			fx.ed = tc.edition(t)
			words, err := style.LoadWords(overlay.Folder("../../layouts"), tc.words)
			if err != nil {
				t.Fatal(err)
			}
			fx.words = words
			book := filepath.Join(t.TempDir(), "book.epub")
			if err := os.WriteFile(book, fx.write(t), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := testtool.EPUBCheck(t, book)
			t.Logf("EPUBCheck:\n%s", s)
			if err != nil {
				t.Fatalf("EPUBCheck failed: %v", err)
			}
			if strings.Contains(s, "No errors or warnings detected") {
				return
			}
			m := regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`).FindStringSubmatch(s)
			if m == nil || m[1] != "0" || m[2] != "0" || m[3] != "0" {
				t.Fatalf("EPUBCheck reported problems")
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	fx := load(t)
	a := fx.write(t)
	b := fx.write(t)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same edition differ")
	}
}

// TestCompressorsLent: EPUBs written with a compressor lent from one to the
// next (Shared) are the bytes of those written with their own, and the
// compressor is back in the list after each.
func TestCompressorsLent(t *testing.T) {
	t.Parallel()
	fx := load(t)
	want := fx.write(t)
	c := NewShared()
	for i := range 3 {
		var buf bytes.Buffer
		re, opt := fx.resolved(t)
		opt.Shared = c
		if err := Write(context.Background(), &buf, re, opt); err != nil {
			t.Fatalf("Write %d: %v", i, err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("EPUB %d with a lent compressor differs from one with its own", i)
		}
		if c.free.Len() != 1 {
			t.Fatalf("after EPUB %d: %d compressors in the list, want 1", i, c.free.Len())
		}
	}
}

// TestKeptEntries: EPUBs that keep their entries (Shared.KeepEntries) are
// the bytes of those that keep none; an entry whose bytes an EPUB of this
// round or the last deflated is not deflated again, nor a content
// document's characters read again, and what no EPUB of two rounds used
// is let go.
func TestKeptEntries(t *testing.T) {
	t.Parallel()
	fx := load(t)
	write := func(s *Shared) []byte {
		t.Helper()
		var buf bytes.Buffer
		re, opt := fx.resolved(t)
		opt.Shared = s
		if err := Write(context.Background(), &buf, re, opt); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	// the bytes of the entries an EPUB deflates, and those of its content documents
	contents := func(data []byte) (deflated, documents map[string]bool) {
		_, files := unzip(t, data)
		deflated, documents = map[string]bool{}, map[string]bool{}
		for name, b := range files {
			if name != "mimetype" && !compressed(name) {
				deflated[b] = true
			}
			if strings.HasSuffix(name, ".xhtml") {
				documents[b] = true
			}
		}
		return deflated, documents
	}
	s := NewShared()
	s.KeepEntries()
	var seen, last, lastDocs map[string]bool // the bytes deflated so far; the last round's, and its documents'
	for i, step := range []struct {
		name string
		edit func() // what changes in the edition before this round
	}{
		{"first", nil},
		{"again", nil},
		// a character the book did not have: the fonts' subsets change too
		{"a paragraph edited", func() {
			last := fx.ed.Sections[1].Blocks[len(fx.ed.Sections[1].Blocks)-1].(*doc.Paragraph)
			last.Content[0].(*doc.Text).Text = "Dernier paragraphe, ÿ."
		}},
		{"the edited book again", nil},
	} {
		if step.edit != nil {
			step.edit()
		}
		if i > 0 {
			s.NextRound()
		}
		cold := write(nil)
		before := s.deflations.Load()
		if got := write(s); !bytes.Equal(got, cold) {
			t.Fatalf("%s: the EPUB written with kept entries differs from one written cold", step.name)
		}
		deflated, documents := contents(cold)
		var fresh int64 // deflated bytes no round before had
		for b := range deflated {
			if !seen[b] {
				fresh++
			}
		}
		if got := s.deflations.Load() - before; got != fresh {
			t.Errorf("%s: %d entries deflated, want %d (those whose bytes are new)", step.name, got, fresh)
		}
		if step.edit != nil && fresh == 0 {
			t.Errorf("%s: nothing new to deflate: the edit changed no entry", step.name)
		}
		// kept: what this round and the last used; the edited book's second
		// round lets go of what only the unedited book had
		if want, wantDocs := len(union(last, deflated)), len(union(lastDocs, documents)); s.entries.Len() != want || s.runes.Len() != wantDocs {
			t.Errorf("%s: %d entries and %d documents' characters kept, want %d and %d", step.name, s.entries.Len(), s.runes.Len(), want, wantDocs)
		}
		seen, last, lastDocs = union(seen, deflated), deflated, documents
		t.Logf("%s: %d deflated, %d kept", step.name, fresh, s.entries.Len())
	}
}

// union returns the keys of a and b.
func union(a, b map[string]bool) map[string]bool {
	u := maps.Clone(a)
	if u == nil {
		u = map[string]bool{}
	}
	maps.Copy(u, b)
	return u
}

func TestContainer(t *testing.T) {
	t.Parallel()
	fx := load(t)
	data := fx.write(t)
	zr, files := unzip(t, data)
	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
		t.Errorf("first entry: %q method %d extra %d bytes, want mimetype stored without extra field", first.Name, first.Method, len(first.Extra))
	}
	if files["mimetype"] != "application/epub+zip" {
		t.Errorf("mimetype = %q", files["mimetype"])
	}
	if got := string(data[30:38]); got != "mimetype" {
		t.Errorf("bytes 30..38 = %q, want mimetype", got)
	}
	if got := string(data[38:58]); got != "application/epub+zip" {
		t.Errorf("bytes 38..58 = %q", got)
	}
	// One modification time for every entry: midnight of the publication
	// date, in the MS-DOS fields alone; every entry is written as mimetype
	// must be, its sizes in its header: no extra field, no data descriptor.
	for _, f := range zr.File {
		if got := f.Modified.UTC().Format("2006-01-02 15:04:05"); got != "2019-05-01 00:00:00" {
			t.Errorf("%s modified %s, want 2019-05-01 00:00:00", f.Name, got)
		}
		if len(f.Extra) != 0 || f.Flags&0x8 != 0 {
			t.Errorf("%s: extra field %d bytes, flags %#x, want none and no data descriptor (0x8)", f.Name, len(f.Extra), f.Flags)
		}
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	wantPrefix := []string{"mimetype", "META-INF/container.xml", "META-INF/com.apple.ibooks.display-options.xml", "EPUB/package.opf", "EPUB/cover.xhtml", "EPUB/titlepage.xhtml", "EPUB/nav.xhtml", "EPUB/section-01.xhtml", "EPUB/section-02.xhtml", "EPUB/colophon.xhtml", "EPUB/css/style.css"}
	if len(names) < len(wantPrefix) || strings.Join(names[:len(wantPrefix)], " ") != strings.Join(wantPrefix, " ") {
		t.Errorf("entries = %v", names)
	}
	if _, ok := files["EPUB/images/r-les-figure.png"]; !ok {
		t.Errorf("image not copied under a clean name: %v", names)
	}
}

func TestContent(t *testing.T) {
	t.Parallel()
	fx := load(t)
	fx.l.Contents.Depth = 2 // the nav lists level-2 headings too
	_, files := unzip(t, fx.write(t))
	opf := files["EPUB/package.opf"]
	nav := files["EPUB/nav.xhtml"]
	sec1 := files["EPUB/section-01.xhtml"]
	sec2 := files["EPUB/section-02.xhtml"]
	cover := files["EPUB/cover.xhtml"]
	title := files["EPUB/titlepage.xhtml"]
	colophon := files["EPUB/colophon.xhtml"]
	css := files["EPUB/css/style.css"]

	htmlTag := regexp.MustCompile(`<html [^>]*>`)
	for name, body := range files {
		if !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		tag := htmlTag.FindString(body)
		if !strings.Contains(tag, ` lang="fr"`) || !strings.Contains(tag, ` xml:lang="fr"`) {
			t.Errorf("%s: html tag %q lacks lang/xml:lang fr", name, tag)
		}
		if !strings.Contains(body, `<link rel="stylesheet" type="text/css" href="css/style.css"/>`) {
			t.Errorf("%s: no stylesheet", name)
		}
	}

	tests := []struct {
		name, in, want string
	}{
		{"nav heading in French", nav, `<h1 id="toc-title">Table des matières</h1>`},
		{"nav lists a level-2 heading", nav, `<a href="section-02.xhtml#acteurs">Les acteurs</a>`},
		{"landmarks bodymatter", nav, `<a epub:type="bodymatter" href="section-02.xhtml">`},
		{"landmarks cover", nav, `<a epub:type="cover" href="cover.xhtml">Couverture</a>`},
		{"modified from the date", opf, `<meta property="dcterms:modified">2019-05-01T00:00:00Z</meta>`},
		{"language", opf, `<dc:language>fr</dc:language>`},
		{"identifier", opf, `<dc:identifier id="pub-id">urn:uuid:2a7a3f9c-3b1e-5c0e-9d6e-0c4b8f5a1e21</dc:identifier>`},
		{"escaped publisher", opf, `<dc:publisher>Fondation &lt;DCAF&gt;</dc:publisher>`},
		{"access mode visual", opf, `<meta property="schema:accessMode">visual</meta>`},
		{"alternative text", opf, `<meta property="schema:accessibilityFeature">alternativeText</meta>`},
		{"title page after the cover, the contents after the about section, as printed; the colophon last", opf, "<itemref idref=\"cover\"/>\n<itemref idref=\"titlepage\"/>\n<itemref idref=\"section-01\"/>\n<itemref idref=\"nav\"/>\n<itemref idref=\"section-02\"/>\n<itemref idref=\"colophon\"/>\n</spine>"},
		{"colophon: the imprint", colophon, "<dt>Éditeur</dt>\n<dd>Fondation &lt;DCAF&gt;</dd>"},
		{"colophon landmark", nav, `<li><a epub:type="colophon" href="colophon.xhtml">`},
		{"cover image", opf, `<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>`},
		{"cover for EPUB 2 readers", opf, `<meta name="cover" content="cover-image"/>`},
		{"cover document", cover, `<img role="doc-cover" src="cover.png" alt="Document d’information sur la RSS. La société civile`},
		{"font media type", opf, `media-type="font/ttf"`},
		{"about is a preface", sec1, `<section epub:type="preface" role="doc-preface" aria-labelledby="a-propos">`},
		{"chapter", sec2, `<section epub:type="chapter" role="doc-chapter" aria-labelledby="id-1-societe-civile">`},
		{"noteref", sec2, `<sup><a epub:type="noteref" role="doc-noteref" href="#fn1" id="fnref1">1</a></sup>`},
		{"footnote", sec2, `<aside epub:type="footnote" role="doc-footnote" class="footnote" id="fn1">`},
		{"back link", sec2, "<a class=\"note-number\" role=\"doc-backlink\" href=\"#fnref1\">1</a> Voir le «\u202fGuide\u202f»"},
		{"notes heading", sec2, `<section epub:type="footnotes" class="footnotes" aria-labelledby="notes">` + "\n" + `<h2 class="notes-title" id="notes">Notes</h2>`},
		{"internal link to another file", sec2, `<a href="section-01.xhtml#a-propos">présentation</a>`},
		{"internal link in the same file", sec2, `<a href="section-02.xhtml#encadre-acteurs">encadré</a>`},
		{"external link escaped", sec2, `<a href="https://www.dcaf.ch/?a=1&amp;b=2">DCAF</a>`},
		{"inline code escaped", sec2, `<code>&lt;code&gt; &amp; co</code>`},
		{"emphasis", sec2, `<em>les ONG</em>, <strong>les médias</strong>`},
		{"line break", sec2, `<br/>Fin.`},
		{"narrow no-break space kept", sec2, "société civile\u202f?</h1>"},
		{"ordered list start", sec2, `<ol start="3">`},
		{"table header", sec2, `<th scope="col" class="align-right">Nombre</th>`},
		{"table cell", sec2, `<td class="align-center"><em>veille</em></td>`},
		{"box", sec2, `<aside class="box" id="encadre-acteurs" aria-labelledby="encadre-acteurs-title">` + "\n" + `<h3 class="box-title" id="encadre-acteurs-title">Qui contrôle` + "\u202f?</h3>"},
		{"figure", sec2, `<figure id="figure-roles">` + "\n" + `<img src="images/r-les-figure.png" alt="Cinq cercles numérotés autour du secteur de la sécurité" width="8" height="6"/>`},
		{"caption", sec2, "<figcaption>Figure\u00a01\u00a0: les acteurs de la société civile</figcaption>"},
		{"quote", sec2, "<blockquote>\n<p>«\u202fUne citation.\u202f»</p>\n</blockquote>"},
		{"code block", sec2, "<pre><code>if a &lt; b &amp;&amp; c &gt; d {\n\treturn\n}</code></pre>"},
		{"rule", sec2, `<hr/>`},
		{"title page date", title, `<time datetime="2019-05-01">1<sup>er</sup> mai 2019</time>`},
		{"title page series", title, `<p class="series">Document d’information sur la RSS</p>`},
		{"title page subtitle", title, `<p class="subtitle">Rôles et responsabilités dans la bonne GSS</p>`},
		{"font face: by the font's own family name", css, `font-family: "Liberation Serif";`},
		{"body family", css, `font-family: "Liberation Serif", serif;`},
		{"links in the reader's text colour, underlined: no colour reads on every theme", css, "a {\n  color: inherit;\n  text-decoration: underline;\n}"},
		{"a dark colour scheme keeps figures on white", css, "@media (prefers-color-scheme: dark) {\n  figure img {\n    background-color: #fff;"},
		{"box background: a translucent accent", css, `background-color: rgba(0, 87, 125, 0.091);`},
	}
	for _, tc := range tests {
		if !strings.Contains(tc.in, tc.want) {
			t.Errorf("%s: missing %q", tc.name, tc.want)
		}
	}
	if strings.Contains(title, "urn:uuid") {
		t.Error("the title page shows a raw urn:uuid")
	}
	if img, err := png.Decode(strings.NewReader(files["EPUB/cover.png"])); err != nil || img.Bounds().Dx() != 1600 {
		t.Errorf("the cover image: %v", err)
	}
	if strings.Contains(sec1, "footnotes") {
		t.Error("the about section has no notes, but got a notes section")
	}
	// Every @font-face file is in the container and the manifest.
	for _, m := range regexp.MustCompile(`url\("\.\./(fonts/[^"]+)"\)`).FindAllStringSubmatch(css, -1) {
		if _, ok := files["EPUB/"+m[1]]; !ok {
			t.Errorf("%s not in the container", m[1])
		}
		if !strings.Contains(opf, `href="`+m[1]+`"`) {
			t.Errorf("%s not in the manifest", m[1])
		}
	}
}

func TestAccessibilityClaims(t *testing.T) {
	t.Parallel()
	claim := &doc.Accessibility{Hazards: []string{"none"}, ConformsTo: "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
		CertifiedBy: "Fondation <DCAF>", CertifierCredential: "Évaluateur agréé"}
	pages := []page.PageBreak{{Page: 1, Label: "1", Where: page.BeforeText}, {Page: 2, Label: "2", Where: page.AfterText}}
	tests := []struct {
		name      string
		alt       string
		figure    bool
		declared  *doc.Accessibility
		pages     []page.PageBreak
		want, not []string
	}{
		{"no figures, nothing declared", "", false, nil, nil,
			[]string{`accessModeSufficient">textual<`, `accessibilityHazard">unknown<`, `personne ne l’a évaluée`},
			[]string{`accessMode">visual`, `alternativeText`, `conformsTo`, `certifiedBy`, `printPageNumbers`, `dc:source`, `conforme à`}},
		{"figure without alt", "", true, nil, nil,
			[]string{`accessMode">visual`, `accessModeSufficient">textual,visual<`},
			[]string{`accessModeSufficient">textual<`, `alternativeText`, `conformsTo`, `certifiedBy`}},
		{"figure with alt, nothing declared", "Un schéma", true, nil, nil,
			[]string{`accessMode">visual`, `accessModeSufficient">textual<`, `alternativeText`, `Chaque figure`},
			[]string{`conformsTo`, `certifiedBy`}},
		{"declared claim", "Un schéma", true, claim, nil,
			[]string{`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`,
				`<meta property="a11y:certifiedBy" id="certifier">Fondation &lt;DCAF&gt;</meta>`,
				`<meta property="a11y:certifierCredential" refines="#certifier">Évaluateur agréé</meta>`,
				`accessibilityHazard">none<`, `Fondation &lt;DCAF&gt; l’a évaluée et déclare qu’elle est conforme à EPUB`},
			[]string{`accessibilityHazard">unknown<`, `personne`}},
		{"print pages", "Un schéma", true, nil, pages,
			[]string{`accessibilityFeature">printPageNumbers<`, `accessibilityFeature">pageNavigation<`,
				`<dc:source id="page-source">La société civile`, `<meta refines="#page-source" property="source-of">pagination</meta>`,
				`Les numéros de page de l’édition imprimée`},
			[]string{`conformsTo`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fx := load(t)
			fx.ed.Pub.Accessibility = tc.declared
			sec := fx.ed.Sections[1]
			var blocks []doc.Block
			for _, b := range sec.Blocks {
				if fig, ok := b.(*doc.Figure); ok {
					if !tc.figure {
						continue
					}
					fig.Alt = tc.alt
				}
				blocks = append(blocks, b)
			}
			sec.Blocks = blocks
			var buf bytes.Buffer
			re, opt := fx.resolved(t)
			opt.PageBreaks = tc.pages
			if err := Write(context.Background(), &buf, re, opt); err != nil {
				t.Fatal(err)
			}
			_, files := unzip(t, buf.Bytes())
			opf := files["EPUB/package.opf"]
			for _, w := range tc.want {
				if !strings.Contains(opf, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(opf, w) {
					t.Errorf("unexpected %q", w)
				}
			}
			if list := strings.Contains(files["EPUB/nav.xhtml"], `epub:type="page-list"`); list != (tc.pages != nil) {
				t.Errorf("page-list in the navigation: %v", list)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	t.Run("missing image", func(t *testing.T) {
		fx := load(t)
		for _, b := range fx.ed.Sections[1].Blocks {
			if fig, ok := b.(*doc.Figure); ok {
				fig.Path = filepath.Join(fx.ed.Pub.Dir, "nope.png")
			}
		}
		re, opt := fx.resolved(t)
		err := Write(context.Background(), io.Discard, re, opt)
		if err == nil || !strings.Contains(err.Error(), "nope.png could not be read") {
			t.Fatalf("err = %v, want the figure that could not be read", err)
		}
	})
	t.Run("no cover", func(t *testing.T) {
		fx := load(t)
		re, opt := fx.resolved(t)
		opt.Printed = nil
		if err := Write(context.Background(), io.Discard, re, opt); err == nil || !strings.Contains(err.Error(), "no cover") {
			t.Fatalf("err = %v, want no cover", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		fx := load(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		re, opt := fx.resolved(t)
		err := Write(ctx, io.Discard, re, opt)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
}

func TestNoDate(t *testing.T) {
	t.Parallel()
	fx := load(t)
	fx.ed.Pub.Date = ""
	zr, files := unzip(t, fx.write(t))
	if !strings.Contains(files["EPUB/package.opf"], `<meta property="dcterms:modified">1980-01-01T00:00:00Z</meta>`) {
		t.Error("dcterms:modified is not 1980-01-01 without a date")
	}
	for _, f := range zr.File {
		if f.Modified.Year() != 1980 || f.Modified.Month() != 1 || f.Modified.Day() != 1 {
			t.Errorf("%s modified %v, want 1980-01-01", f.Name, f.Modified)
		}
	}
}

// TestFontsDrawEveryCharacter: every embedded face has a glyph with an outline
// for every character of the book's documents and for the hyphen a reading
// system adds when it hyphenates; faces no text uses are not embedded.
func TestFontsDrawEveryCharacter(t *testing.T) {
	t.Parallel()
	fx := load(t)
	_, files := unzip(t, fx.write(t))
	text := map[rune]bool{'\u2010': true, '-': true}
	tag := regexp.MustCompile(`<[^>]*>`)
	for name, body := range files {
		if strings.HasSuffix(name, ".xhtml") {
			for _, r := range html.UnescapeString(tag.ReplaceAllString(body, "")) {
				if !unicode.IsSpace(r) && r != '\u00ad' {
					text[r] = true
				}
			}
		}
	}
	var embedded []string
	for name, data := range files {
		if !strings.HasPrefix(name, "EPUB/fonts/") {
			continue
		}
		embedded = append(embedded, strings.TrimPrefix(name, "EPUB/fonts/"))
		f, err := sfnt.Parse([]byte(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var buf sfnt.Buffer
		for r := range text {
			gi, err := f.GlyphIndex(&buf, r)
			if err != nil || gi == 0 {
				t.Errorf("%s: no glyph for %q (%U)", name, r, r)
				continue
			}
			segs, err := f.LoadGlyph(&buf, gi, fixed.I(12), nil)
			if err != nil || len(segs) == 0 {
				t.Errorf("%s: the glyph of %q (%U) has no outline", name, r, r)
			}
		}
		if n := f.NumGlyphs(); n > len(text)+80 {
			t.Errorf("%s: %d glyphs for %d characters: not a subset", name, n, len(text))
		}
	}
	sort.Strings(embedded)
	// The test edition's text is set in serif (body, emphasis, notes), sans
	// (headings, boxes, tables, captions) and mono (code); it has no bold italic.
	want := "LiberationMono.ttf LiberationSans-Bold.ttf LiberationSans-Italic.ttf LiberationSans.ttf LiberationSerif-Bold.ttf LiberationSerif-Italic.ttf LiberationSerif.ttf"
	if got := strings.Join(embedded, " "); got != want {
		t.Errorf("embedded fonts:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(files["META-INF/com.apple.ibooks.display-options.xml"], `<option name="specified-fonts">true</option>`) {
		t.Error("no Apple Books display options asking for the embedded fonts")
	}
}

// TestOwnCover: the cover image publication.yaml names is the EPUB's, as it is.
func TestOwnCover(t *testing.T) {
	t.Parallel()
	fx := load(t)
	file := writePNG(t, fx.ed.Pub.Dir)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fx.ed.Pub.Cover = &doc.Image{Src: "c.png", Path: file, Format: "png", Width: 8, Height: 6}
	_, files := unzip(t, fx.write(t))
	if files["EPUB/cover.png"] != string(data) {
		t.Error("the cover is not the publication's image")
	}
	if !strings.Contains(files["EPUB/package.opf"], `<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>`) {
		t.Error("no cover-image item")
	}
}

// TestFloatLists: with the layout's contents: lists, the navigation lists
// the figures (loi) and the boxes (folio:boxes, its prefix declared), each
// leading to it; without it, none.
func TestFloatLists(t *testing.T) {
	t.Parallel()
	for _, lists := range []bool{false, true} {
		fx := load(t)
		fx.l.Contents.Lists = lists
		_, files := unzip(t, fx.write(t))
		nav := files["EPUB/nav.xhtml"]
		for _, want := range []string{
			`<nav epub:type="loi" id="loi" aria-labelledby="loi-title">`,
			`<li><a href="section-02.xhtml#figure-roles">Figure`,
			`<nav epub:type="folio:boxes" id="lob"`,
			`<li><a href="section-02.xhtml#encadre-acteurs">`,
			` epub:prefix="folio: `,
		} {
			if strings.Contains(nav, want) != lists {
				t.Errorf("lists %v: the navigation has %q: %v", lists, want, !lists)
			}
		}
	}
}
