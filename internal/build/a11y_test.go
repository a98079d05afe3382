package build

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
)

// TestAccessibilityClaimsAreTrue: each book's accessibility summary says it
// has footnotes, tables, described figures and a page-list exactly when its
// documents have them, and says where the print edition sets floats out of
// the reading order (those pages print a figure or a box) or that it
// follows it; no book claims MathML. The sample has every feature, the plain
// publication none of notes, tables and figures, the German one notes only.
func TestAccessibilityClaimsAreTrue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, build, id string // build: its shared build (sharedBuilds)
		langs           []string
		moved           bool // the print edition moves a float
	}{
		{"sample", "sample", "civil-society", []string{"en", "fr"}, true},
		{"German", "de", "zivilgesellschaft", []string{"de"}, false},
		{"plain", "plain", "plain", []string{"en", "fr"}, false},
	}
	summary := regexp.MustCompile(`<meta property="schema:accessibilitySummary">([^<]*)</meta>`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, _ := sharedBuild(t, tc.build)
			for _, lang := range tc.langs {
				ws := builtinWords(t, lang)
				base := filepath.Join(out, tc.id, tc.id+"."+lang)
				files := testtool.ZipFile(t, base+".epub")
				var text strings.Builder
				for name, body := range files {
					if strings.HasSuffix(name, ".xhtml") {
						text.WriteString(body)
					}
				}
				all := text.String()
				opf := files["EPUB/package.opf"]
				m := summary.FindStringSubmatch(opf)
				if m == nil {
					t.Fatalf("%s: no summary", lang)
				}
				said := func(sentence string) bool {
					// the summary has had the language's rules applied: compare its words
					apos := strings.NewReplacer("’", "'")
					return strings.Contains(apos.Replace(strings.Join(words(m[1]), " ")), apos.Replace(strings.Join(words(sentence), " ")))
				}
				for _, c := range []struct {
					what     string
					sentence string
					has      bool
				}{
					{"footnotes", ws.A11yNotes, strings.Contains(all, `epub:type="footnote"`)},
					{"tables", ws.A11yTables, strings.Contains(all, "<table")},
					{"described figures", ws.A11yFigures, strings.Contains(all, "<figure") && !strings.Contains(all, `alt=""`)},
					{"a page-list", ws.A11yPages, strings.Contains(files["EPUB/nav.xhtml"], `epub:type="page-list"`)},
					{"the print edition's order", ws.A11yOrder, !tc.moved},
				} {
					if said(c.sentence) != c.has {
						t.Errorf("%s: the summary says %s: %v; the book has it: %v\n%s", lang, c.what, said(c.sentence), c.has, m[1])
					}
				}
				if strings.Contains(opf, "MathML") {
					t.Errorf("%s: claims MathML", lang)
				}
				moved := regexp.MustCompile(`\((?:pages?|Seiten?)[ \x{a0}]([0-9, \x{a0}]+)\)`).FindStringSubmatch(m[1])
				if (moved != nil) != tc.moved {
					t.Fatalf("%s: floats moved: %v, want %v: %s", lang, moved, tc.moved, m[1])
				}
				if moved == nil {
					continue
				}
				pdftotext := testtool.Need(t, "pdftotext")
				for _, p := range strings.Split(strings.ReplaceAll(moved[1], "\u00a0", ""), ", ") {
					page, err := exec.Command(pdftotext, "-f", p, "-l", p, base+".pdf", "-").Output()
					if err != nil {
						t.Fatal(err)
					}
					if pw := strings.Join(words(string(page)), " "); !strings.Contains(pw, strings.ToLower(ws.Numbering.Figure)) && !strings.Contains(pw, strings.ToLower(ws.Numbering.Box)) {
						t.Errorf("%s: page %s is said to hold a moved float, but prints no figure or box", lang, p)
					}
				}
			}
		})
	}
}
