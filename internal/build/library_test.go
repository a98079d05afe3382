package build

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	folio "github.com/folio-pub/folio"
	"github.com/folio-pub/folio/internal/bibtex"
	"github.com/folio-pub/folio/internal/csl"
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/source"
	"github.com/folio-pub/folio/internal/style"
)

var updateLibrary = flag.Bool("update-library", false, "rewrite testdata/library's golden files")

// TestLibrary is the "done when", as a named case: a small Zotero
// library (testdata/library/source/library: a book, a chapter in an edited
// book, a journal article with a DOI, a report by an organisation, a web
// page with an access date, a French book, two works by one author in one
// year), written as CSL-JSON and as the BibLaTeX Zotero exports, which must
// give the same items; cited in English and French with every citation form
// (narrative, with a locator, a prefix and several works, [-@key], in a
// footnote, a table cell and a box), and resolved with each shipped Chicago
// style (the default, notes 18th edition; author-date 18th; their 17th
// editions, named by the layouts in testdata/library/layouts). The text,
// notes and bibliography of each edition are compared with
// testdata/library/<style>.<lang>.golden (go test -run TestLibrary
// -update-library rewrites them; read them against the Chicago Manual of
// Style's examples).
func TestLibrary(t *testing.T) {
	t.Parallel()
	dir := "testdata/library/source/library"
	jsonData, err := os.ReadFile(filepath.Join(dir, "references.json"))
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := csl.ParseJSON(jsonData)
	if err != nil {
		t.Fatal(err)
	}
	bibData, err := os.ReadFile(filepath.Join(dir, "references.bib"))
	if err != nil {
		t.Fatal(err)
	}
	fromBib, err := bibtex.Parse(bibData)
	if err != nil {
		t.Fatal(err)
	}
	if len(fromJSON) != len(fromBib) {
		t.Fatalf("%d items in references.json, %d in references.bib", len(fromJSON), len(fromBib))
	}
	for i := range fromJSON {
		a, b := fromJSON[i], fromBib[i]
		a.Line, b.Line, a.Col, b.Col = 0, 0, 0, 0 // where each is in its file
		if p, ok := a.Vars["page"]; ok {
			a.Vars["page"] = strings.ReplaceAll(p, "-", "–") // BibTeX's "--"
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("item %d: CSL-JSON and BibTeX differ:\n json %+v\n bib  %+v", i, a, b)
		}
	}

	layouts := overlay.New("testdata/library/layouts", folio.Layouts(), "layouts")
	for _, name := range []string{"backgrounder", "chicago-author-date", "chicago-fullnote-bibliography", "chicago-author-date-17th-edition"} {
		l, err := style.LoadLayout(layouts, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "fr"} {
			t.Run(l.Citations.Style+"/"+lang, func(t *testing.T) {
				t.Parallel()
				var diags diag.List
				pub := source.NewReader("testdata/library/source").Read("library", []string{lang}, &diags)
				if diags.HasErrors() {
					t.Fatal(diags.Error())
				}
				words, err := style.LoadWords(layouts, lang)
				if err != nil {
					t.Fatal(err)
				}
				r := resolve.Resolve(pub.Editions[0], l, words)
				checkEntriesPlaced(t, r)
				got := dumpEdition(r)
				// the same publication citing the BibTeX file reads the same
				bibPub := source.NewReader("testdata/library/source").Read("library", []string{lang}, &diags)
				bibPub.References = fromBib
				if fromBibText := dumpEdition(resolve.Resolve(bibPub.Editions[0], l, words)); fromBibText != got {
					t.Errorf("from references.bib:\n%s\nfrom references.json:\n%s", fromBibText, got)
				}
				golden := filepath.Join("testdata", "library", l.Citations.Style+"."+lang+".golden")
				if *updateLibrary {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if got != string(want) {
					t.Errorf("differs from %s:\n%s", golden, got)
				}
			})
		}
	}
}

// dumpEdition writes an edition's text as plain lines: _italics_, a
// note's mark as [n], each table row and box on a line of its own, the
// notes after the text, a bibliography entry's hanging as "(hanging)".
func dumpEdition(r *resolve.Edition) string {
	var b strings.Builder
	var blocks func(bs []doc.Block, indent string)
	blocks = func(bs []doc.Block, indent string) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *doc.Heading:
				fmt.Fprintf(&b, "%s%s %s\n", indent, strings.Repeat("#", bl.Level), inlineText(bl.Content))
			case *doc.Paragraph:
				mark := ""
				if bl.Entry && r.Entries.Hang {
					mark = "(hanging) "
				}
				fmt.Fprintf(&b, "%s%s%s\n", indent, mark, inlineText(bl.Content))
			case *doc.Table:
				for _, row := range append([][][]doc.Inline{bl.Header}, bl.Rows...) {
					var cells []string
					for _, c := range row {
						cells = append(cells, inlineText(c))
					}
					fmt.Fprintf(&b, "%s| %s |\n", indent, strings.Join(cells, " | "))
				}
			case *doc.Box:
				fmt.Fprintf(&b, "%s[box] %s\n", indent, inlineText(bl.Title))
				blocks(bl.Blocks, indent+"  ")
			case *doc.List, *doc.Quote, *doc.CodeBlock, *doc.Rule, *doc.PullQuote, *doc.Figure:
				fmt.Fprintf(&b, "%s(%T)\n", indent, bl) // not in this publication
			}
		}
	}
	for _, s := range r.Doc.Sections {
		blocks(s.Blocks, "")
	}
	for _, n := range r.Doc.Notes {
		var sb strings.Builder
		for _, bl := range n.Blocks {
			if p, ok := bl.(*doc.Paragraph); ok {
				sb.WriteString(inlineText(p.Content))
			}
		}
		fmt.Fprintf(&b, "[%d] %s\n", n.Number, sb.String())
	}
	return b.String()
}

// inlineText is the text of inlines, italics marked _so_.
func inlineText(in []doc.Inline) string {
	var b strings.Builder
	var walk func([]doc.Inline)
	walk = func(in []doc.Inline) {
		for _, n := range in {
			switch n := n.(type) {
			case *doc.Text:
				b.WriteString(n.Text)
			case *doc.Code:
				b.WriteString(n.Text)
			case *doc.Emph:
				b.WriteString("_")
				walk(n.Content)
				b.WriteString("_")
			case *doc.Strong:
				walk(n.Content)
			case *doc.Link:
				walk(n.Content)
			case *doc.Span:
				walk(n.Content)
			case *doc.Cite:
				walk(n.Content)
			case *doc.Super:
				b.WriteString(n.Text)
			case *doc.NoteRef:
				fmt.Fprintf(&b, "[%d]", n.Note.Number)
			case *doc.LineBreak, *doc.InlineImage:
				b.WriteString(" ")
			}
		}
	}
	walk(in)
	return b.String()
}

// checkEntriesPlaced checks that every character of a bibliography entry
// is placed at the entry's start in references.json, where an author can
// act on a message about it (a loose line), that each note is at a line of
// the Markdown and each contents entry at its heading (the References' in
// the words file).
func checkEntriesPlaced(t *testing.T, r *resolve.Edition) {
	t.Helper()
	entries := 0
	placedAt := func(what string, in []doc.Inline, want diag.Pos) {
		doc.WalkInlineTree(in, func(n doc.Inline) {
			tx, ok := n.(*doc.Text)
			if !ok {
				return
			}
			for off := range tx.Text {
				if got := tx.PosAt(off); got != want {
					t.Errorf("%s: %q at %s (character %d), want %s", what, tx.Text, got, off, want)
					return
				}
			}
		})
	}
	for _, s := range r.Doc.Sections {
		doc.WalkBlocks(s.Blocks, func(b doc.Block) {
			p, ok := b.(*doc.Paragraph)
			if !ok || !p.Entry {
				return
			}
			entries++
			key := strings.TrimPrefix(p.ID, "ref-")
			if p.Pos.Line == 0 || filepath.Base(p.Pos.File) != "references.json" {
				t.Errorf("entry %s at %s, want a line of references.json", key, p.Pos)
			}
			if want := r.Pub.ReferencePos[key]; p.Pos != want {
				t.Errorf("entry %s at %s, want %s", key, p.Pos, want)
			}
			placedAt("entry "+key, p.Content, p.Pos)
		})
	}
	if entries == 0 {
		t.Error("no bibliography entries")
	}
	// a contents entry at its heading, the References' in the words file
	for _, e := range r.Contents {
		if e.Pos.File == "" || e.Section.Doc.Role != "bibliography" && e.Pos.Line == 0 {
			t.Errorf("contents entry %q at %s, want its heading's line", e.Title, e.Pos)
		}
	}
	for _, n := range r.Doc.Notes {
		if filepath.Ext(n.Pos.File) != ".md" || n.Pos.Line == 0 {
			t.Errorf("note %d at %s, want a line of the Markdown", n.Number, n.Pos)
		}
	}
}
