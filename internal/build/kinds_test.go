package build

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/epub"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/parity"
	"github.com/folio-pub/folio/internal/pdf"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/source"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/testtool"
	"github.com/folio-pub/folio/internal/typeset"
)

// modelKinds reads the document model's source and returns the names of the
// types that implement marker, the unexported method of Block or Inline.
func modelKinds(t *testing.T, marker string) []string {
	t.Helper()
	files, err := filepath.Glob("../doc/*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var kinds []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != marker {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				t.Fatalf("%s has a value receiver", marker)
			}
			kinds = append(kinds, star.X.(*ast.Ident).Name)
		}
	}
	sort.Strings(kinds)
	if len(kinds) == 0 {
		t.Fatalf("no type implements %s", marker)
	}
	return kinds
}

func typeName(v any) string { return reflect.TypeOf(v).Elem().Name() }

// TestEveryKindIsRendered feeds a publication holding every block and inline
// kind of the document model through the translation checks, typesetting,
// the PDF and the EPUB. It
// fails when the model gains a kind the publication lacks (add it to
// testdata/every-kind) and when a stage has no case for one (their type
// switches report unknown kinds).
func TestEveryKindIsRendered(t *testing.T) {
	t.Parallel()
	var diags diag.List
	pub := source.NewReader("testdata/every-kind").Read("kinds", nil, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	ed := pub.Editions[0]
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), pub.Layout)
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// The publication holds one of each kind, once the language rules made
	// theirs (the French edition's ordinals); every edition goes through
	// typesetting, the PDF and the EPUB.
	seen := map[string]bool{}
	var red *resolve.Edition
	for _, e := range pub.Editions {
		words, err := style.LoadWords(overlay.Folder("../../layouts"), e.Lang)
		if err != nil {
			t.Fatal(err)
		}
		re := resolve.Resolve(e, l, words)
		if e == ed {
			red = re
		}
		doc.Walk(e, func(b doc.Block) {
			seen[typeName(b)] = true
			for _, run := range doc.Runs(b) {
				doc.WalkInlineTree(run, func(in doc.Inline) { seen[typeName(in)] = true })
			}
		})
		if e == ed {
			continue // below, with its checks
		}
		other, err := typeset.Typeset(ctx, re, typeset.Options{Fonts: set}, &diags)
		if err != nil || diags.HasErrors() {
			t.Fatalf("typeset %s: %v %s", e.Lang, err, diags.Error())
		}
		if err := pdf.Write(ctx, io.Discard, other); err != nil {
			t.Errorf("pdf %s: %v", e.Lang, err)
		}
		var buf bytes.Buffer
		if err := epub.Write(ctx, &buf, re, epub.Options{Fonts: set, PageBreaks: other.PageBreaks, Printed: other}); err != nil {
			t.Fatalf("epub %s: %v", e.Lang, err)
		}
		b := testtool.ZipFiles(t, buf.Bytes())["EPUB/section-01.xhtml"]
		if want := "Le 1<sup>er</sup> mai, la 2<sup>e</sup> fois, au XIX<sup>e</sup> siècle\u202f; mais pas 1ere ni la de 10e3."; !strings.Contains(b, want) {
			t.Errorf("%s: the section lacks %q:\n%s", e.Lang, want, b)
		}
	}
	for _, k := range append(modelKinds(t, "isBlock"), modelKinds(t, "isInline")...) {
		if !seen[k] {
			t.Errorf("testdata/every-kind has no doc.%s: add one", k)
		}
	}

	// The translation checks read every kind too (their switch panics on
	// one it does not know): the original, compared with itself as a
	// translation, is found true to itself.
	same := *ed
	same.Lang = "xx"
	var found diag.List
	parity.Check(ed, []*doc.Edition{ed, &same}, parity.Options{Broken: func(string) bool { return false }}, &found)
	if len(found.Items()) > 0 {
		t.Errorf("parity, the original against itself: %s", found.Error())
	}

	td, err := typeset.Typeset(ctx, red, typeset.Options{Fonts: set}, &diags)
	if err != nil || diags.HasErrors() {
		t.Fatalf("typeset: %v %s", err, diags.Error())
	}

	// Every note is set, wherever it is called from (a table cell among them).
	for _, n := range ed.Notes {
		if _, ok := td.Anchors[n.ID]; !ok {
			t.Errorf("note %d is not set on any page", n.Number)
		}
	}

	// Typesetting makes every kind of item.
	items := map[string]bool{}
	for _, p := range td.Pages {
		for _, it := range p.Items {
			items[reflect.TypeOf(it).Name()] = true
		}
	}
	for _, k := range []string{"Text", "Rect", "Line", "Image", "Link"} {
		if !items[k] {
			t.Errorf("no typeset.%s on any page", k)
		}
	}

	if err := pdf.Write(ctx, io.Discard, td); err != nil {
		t.Errorf("pdf: %v", err)
	}

	// Every kind has its place in the tagged PDF's structure.
	roles := map[page.Role]bool{}
	var walk func(e *page.Elem)
	walk = func(e *page.Elem) {
		roles[e.Role] = true
		for _, k := range e.Kids {
			walk(k)
		}
	}
	walk(td.Structure)
	for kind, role := range map[string]page.Role{
		"Heading": "H2", "Paragraph": page.RoleP, "List": page.RoleL, "Table": page.RoleTable,
		"Figure": page.RoleFigure, "Box": page.RoleAside, "Quote": page.RoleQuote, "PullQuote": page.RolePullQuote,
		"Link": page.RoleLink, "NoteRef": page.RoleReference, "Span": page.RoleSpan,
	} {
		if !roles[role] {
			t.Errorf("doc.%s: no %s element in the PDF's structure", kind, role)
		}
	}

	// an image in the text is a Figure with its alt text in its paragraph
	inline := false
	walk = func(e *page.Elem) {
		if e.Role == page.RoleFigure && e.Alt == "a small swatch" && e.Parent.Role == page.RoleP {
			inline = true
		}
		for _, k := range e.Kids {
			walk(k)
		}
	}
	walk(td.Structure)
	if !inline {
		t.Error("doc.InlineImage: no Figure with its alt text in a P of the PDF's structure")
	}

	var buf bytes.Buffer
	if err := epub.Write(ctx, &buf, red, epub.Options{Fonts: set, PageBreaks: td.PageBreaks, Printed: td}); err != nil {
		t.Fatalf("epub: %v", err)
	}
	section := testtool.ZipFiles(t, buf.Bytes())["EPUB/section-01.xhtml"]
	for kind, markup := range map[string]string{
		"Heading": `<h2 id="a-list">`, "Paragraph": "<p>A paragraph", "List": "<ol>", "Table": "<table>",
		"Figure": `<img src="images/swatch.png"`, "Box": `<aside class="box" id="box-one"`, "Quote": "<blockquote>", "PullQuote": `<aside class="pullquote" epub:type="pullquote" role="doc-pullquote"><p>A passage set apart, <em>larger</em>.</p></aside>`,
		"CodeBlock": "<pre><code>code block", "Rule": "<hr/>",
		"Text": "a hard", "Emph": "<em>emphasis</em>", "Strong": "<strong>strong text</strong>", "Code": "<code>code</code>",
		"Link": `<a href="https://example.org/">link</a>`, "NoteRef": `epub:type="noteref"`, "LineBreak": "<br/>",
		"InlineImage": `<img class="inline" src="images/swatch.png" alt="a small swatch"/>`,
		"Cite":        "(<a href=\"section-01.xhtml#box-one\">Box\u00a01</a>)",
		"Span":        `<span lang="fr" xml:lang="fr">la <em>société civile</em></span>`,
	} {
		if !strings.Contains(section, markup) {
			t.Errorf("doc.%s: the EPUB section lacks %q", kind, markup)
		}
	}
	// a table's caption, in both formats
	if !strings.Contains(section, "<table>\n<caption>A table caption with <em>emphasis</em></caption>") {
		t.Error("the EPUB table has no caption")
	}
	if !strings.Contains(section, `<th scope="row" class="align-left"><strong>a</strong></th>`) {
		t.Error("the EPUB table has no row header")
	}
	var texts []string
	for _, p := range td.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(page.Text); ok {
				texts = append(texts, tx.Text)
			}
		}
	}
	if !strings.Contains(strings.Join(texts, ""), "A table caption with emphasis") { // words carry their space
		t.Error("the typeset table has no caption")
	}
}

// TestCloneEveryKind: doc.CloneSection copies every kind of the model (the
// publication holding each one), equal to the original and sharing no
// pointer or slice with it, its notes pointing at the copy of their section.
func TestCloneEveryKind(t *testing.T) {
	t.Parallel()
	var diags diag.List
	pub := source.NewReader("testdata/every-kind").Read("kinds", nil, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, ed := range pub.Editions {
		for _, s := range ed.Sections {
			var notes []*doc.Note
			for _, n := range ed.Notes {
				if n.Section == s {
					notes = append(notes, n)
				}
			}
			c, cn := doc.CloneSection(s, notes)
			if !reflect.DeepEqual(c, s) || !reflect.DeepEqual(cn, notes) {
				t.Errorf("%s: the copy differs from the section", s.File)
			}
			orig := addresses(reflect.ValueOf([]any{s, notes}), map[uintptr]bool{})
			for a := range addresses(reflect.ValueOf([]any{c, cn}), map[uintptr]bool{}) {
				if orig[a] {
					t.Errorf("%s: the copy shares memory with the section", s.File)
					break
				}
			}
			for _, n := range cn {
				if n.Section != c {
					t.Errorf("%s: a note of the copy points at another section", s.File)
				}
			}
		}
	}
}

// addresses collects the addresses of the pointers and slices v holds,
// strings left out (they cannot change), into seen.
func addresses(v reflect.Value, seen map[uintptr]bool) map[uintptr]bool {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || v.Type().Elem().Size() == 0 || seen[v.Pointer()] { // all empty values share one address
			return seen
		}
		seen[v.Pointer()] = true
		addresses(v.Elem(), seen)
	case reflect.Interface:
		addresses(v.Elem(), seen)
	case reflect.Slice:
		if v.Cap() > 0 {
			seen[v.Pointer()] = true
		}
		for i := range v.Len() {
			addresses(v.Index(i), seen)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			addresses(v.Field(i), seen)
		}
	case reflect.Map:
		if !v.IsNil() {
			seen[v.Pointer()] = true
			for it := v.MapRange(); it.Next(); {
				addresses(it.Value(), seen)
			}
		}
	}
	return seen
}
