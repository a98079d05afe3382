package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/pdf/pdftest"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/testtool"
)

// TestCitations builds two publications that cite one library in English
// and French (testdata/cite): one in the default notes style (Chicago notes
// and bibliography, 18th edition: no place of publication, no ibid) from CSL-JSON, one in the author-date style (Chicago
// author-date, named by its layout) from the same library as BibTeX. Every
// citation form (narrative @key, [@key, p. 12], [see @a; @b, pp. 1-2], a
// repeated one, ibid, [-@key]), in the text, a footnote, a table cell and
// a box; the bibliography sorted by author, with its heading in the
// edition's language, its entries hanging in the EPUB's stylesheet (the
// PDF's: TestHangingIndent); the French editions in the styles' French versions
// (chicago-…-fr.csl: "dir.", "sous la direction de", a space before ":"); each citation links to its entry; EPUBCheck. Also
// Pandoc's H~2~O and 2^10^, a subscript and a superscript in the EPUB.
func TestCitations(t *testing.T) {
	t.Parallel()
	out, res := sharedBuild(t, "cite")
	for _, d := range res.Diags.Items() {
		if !strings.Contains(d.Msg, "no good line break") {
			t.Errorf("unexpected diagnostic: %s", d.Error())
		}
		if d.Pos.File == "" || d.Pos.Line == 0 {
			t.Errorf("a diagnostic no author can act on (no line of a file): %s", d.Error())
		}
	}
	tests := []struct {
		pub, lang string
		text      []string // in order, spaces of any kind as one
		links     int      // citation links to entries
	}{
		{"notes", "en", []string{
			"Zadie Grant and Michael J. Ng1 explain", "matter2. See the index3. Again4, and once more5.",
			"Procurement7", "Reading is a practice8.",
			"References", "Dupont, Claire, Luc Martin, Anne Bernard, and Jean Petit. “Open",
			"Grant, Zadie, and Michael J. Ng. Reading Policy: A Practical Guide. University of Chicago Press, 2019.",
			"López, María.", "OECD.",
			"1 Zadie Grant and Michael J. Ng, Reading Policy: A Practical Guide (University of Chicago Press, 2019).",
			"2 Claire Dupont et al., “Open Standards in Public Procurement,” Journal of Public Policy 41, no. 3 (2021): 460, https://doi.org/10.1017/S0143814X20000100.",
			"3 See OECD,", "104–6.", "4 Grant and Ng, Reading Policy: A Practical Guide, 12.", "5 Grant and Ng, Reading Policy: A Practical Guide, 12.",
			"6 As the index shows OECD, Digital Government Index: 2019 Results.",
			"7 Dupont et al., “Open Standards in Public Procurement.”", "8 Reading Policy: A Practical Guide, 3.",
		}, 10},
		{"notes", "fr", []string{
			"Zadie Grant et Michael J. Ng1 expliquent", "comptent2. Voir l’indice3.",
			"Bibliographie", "Dupont, Claire, Luc Martin, Anne Bernard, et Jean Petit. « Open standards in public procurement ».",
			"sous la direction de Anna Smith et Karl Weber",
			"1 Zadie Grant et Michael J. Ng, Reading Policy: A Practical Guide (Chicago : University of Chicago Press, 2019).",
			"2 Claire Dupont et al., « Open standards in public procurement », Journal of Public Policy 41, nᵒ 3 (septembre 2021) : 460.",
			"3 Voir OECD, « Digital Government Index: 2019 Results » (Paris : OECD Publishing, 5 mars 2020), consulté le 15 janvier 2024.", "dir. Anna Smith et Karl Weber", "5 Grant et Ng, 12.",
		}, 10},
		{"authordate", "en", []string{
			"Grant and Ng (2019) explain", "matter (Dupont et al. 2021, 460). See the index (see OECD 2020; López 2018, 104–6). Again (Grant and Ng 2019, 12)",
			"Procurement (Dupont et al. 2021)", "Reading is a practice (2019, 3).",
			"References", "Dupont, Claire, Luc Martin, Anne Bernard, and Jean Petit. 2021. “Open Standards in Public Procurement.” Journal of Public Policy 41 (3): 455–78.",
			"Grant, Zadie, and Michael J. Ng. 2019.", "López, María. 2018.", "OECD. 2020.",
			"1 As the index shows (OECD 2020).",
		}, 10},
		{"authordate", "fr", []string{
			"Grant et Ng (2019) expliquent", "(voir OECD 2020; López 2018, 104-6)", // the locale's non-breaking hyphen, drawn as a hyphen
			"Bibliographie", "« Open standards in public procurement ».", "Sous la direction de Anna Smith et Karl Weber",
			"1 Comme le montre l’indice (OECD 2020).",
		}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.pub+"/"+tt.lang, func(t *testing.T) {
			t.Parallel()
			base := filepath.Join(out, tt.pub, tt.pub+"."+tt.lang)
			t.Run("PDF", func(t *testing.T) {
				text := pdfText(t, base+".pdf", 0)
				inOrder(t, text, tt.text)
				// each citation links to the page of the bibliography
				refs := 0
				for _, l := range pdftest.Read(t, base+".pdf").Links() {
					if l.Page == 0 || strings.Contains(l.Text, "section") || strings.Contains(l.Text, "References") || strings.Contains(l.Text, "Bibliographie") {
						continue // a DOI or URL, out of the document, or the contents
					}
					if page := pdfText(t, base+".pdf", l.Page); strings.Contains(page, "Grant, Zadie, and Michael J. Ng") || strings.Contains(page, "Grant, Zadie, et Michael J. Ng") {
						refs++
					}
				}
				if refs < tt.links { // a link over two lines is two annotations
					t.Errorf("%d links lead to the bibliography's page, want %d or more", refs, tt.links)
				}
			})
			t.Run("EPUB", func(t *testing.T) {
				data, err := os.ReadFile(base + ".epub")
				if err != nil {
					t.Fatal(err)
				}
				files := testtool.ZipFiles(t, data)
				link := regexp.MustCompile(`<a href="([^"#]*)#(ref-[^"]+)">`)
				n := 0
				for name, body := range files {
					if !strings.HasSuffix(name, ".xhtml") {
						continue
					}
					for _, m := range link.FindAllStringSubmatch(body, -1) {
						n++
						target := files["EPUB/"+m[1]]
						if m[1] == "" {
							target = body
						}
						if !strings.Contains(target, `<p id="`+m[2]+`" class="entry">`) {
							t.Errorf("%s: a citation leads to %s#%s, which holds no such entry", name, m[1], m[2])
						}
					}
				}
				if n != tt.links {
					t.Errorf("%d citation links, want %d", n, tt.links)
				}
				all := strings.Join(mapValues(files), "")
				// a DOI wraps where Chicago lets it, as in the PDF
				if !strings.Contains(all, "https://<wbr/>doi<wbr/>.org<wbr/>/10<wbr/>.1017<wbr/>/S0143814X20000100") {
					t.Error("no <wbr/> in the DOI's address")
				}
				// the entries hang (hanging-indent="true"), with no room
				// between them in the 17th-edition French styles
				// (entry-spacing="0"), a line in the 18th's (CSL's default),
				// ragged right (no citations.align in the layouts)
				hang := regexp.MustCompile(`p\.entry \{\n  margin: 0 0 ([0-9.]+)(?:em)? 0;\n  text-align: left;\n  padding-left: ([0-9.]+em);\n  text-indent: -([0-9.]+em);`).FindStringSubmatch(all)
				if hang == nil || hang[2] != hang[3] {
					t.Errorf("the stylesheet hangs no entry: %v", hang)
				} else if zero := tt.lang == "fr"; (hang[1] == "0") != zero {
					t.Errorf("entries %s apart, want none between them: %v", hang[1], zero)
				}
				if !strings.Contains(all, `href="https://doi.org/10.1017/S0143814X20000100"`) {
					t.Error("the DOI is no link")
				}
				if tt.lang == "en" && (!strings.Contains(all, "H<sub>2</sub>O") || !strings.Contains(all, "2<sup>10</sup>")) {
					t.Error("H~2~O and 2^10^ are not a subscript and a superscript")
				}
				report, err := testtool.EPUBCheck(t, base+".epub")
				if err != nil || !strings.Contains(report, "No errors or warnings detected") {
					t.Errorf("EPUBCheck: %v\n%s", err, report)
				}
			})
		})
	}
}

// inOrder checks that text holds each of want, in order.
func inOrder(t *testing.T, text string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("lacks %q after %q:\n%s", w, text[max(0, at-60):at], text)
			return
		}
		at += i + len(w)
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// TestCSLReadWhenCited: the CSL style and locales are read only for a
// publication with a bibliography: with a damaged style and a damaged
// locale file in the layouts folder, a publication without one builds
// cleanly, and one with one reports both files, at their paths, and
// writes nothing.
func TestCSLReadWhenCited(t *testing.T) {
	t.Parallel()
	layouts := t.TempDir()
	os.MkdirAll(filepath.Join(layouts, "csl"), 0o755)
	for _, f := range []string{style.DefaultCitationStyle + ".csl", "locales-en-US.xml"} {
		os.WriteFile(filepath.Join(layouts, "csl", f), []byte("<damaged"), 0o644)
	}
	out := t.TempDir()
	res, err := Run(context.Background(), Config{Source: "testdata/plain/source", Layouts: layouts, Fonts: "../../fonts", Out: out, Formats: []Format{"epub"}}, nil)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("without a bibliography: %v %v", err, res.Diags.Error())
	}
	out = t.TempDir()
	res, err = Run(context.Background(), Config{Source: "testdata/cite/source", Layouts: layouts, Fonts: "../../fonts", Out: out, Formats: []Format{"epub"}, Langs: []string{"en"}}, []string{"notes"})
	if err != nil {
		t.Fatal(err)
	}
	msg := res.Diags.Error()
	for _, f := range []string{style.DefaultCitationStyle + ".csl: error: citations: ", "locales-en-US.xml: error: "} {
		if !strings.Contains(msg, filepath.Join(layouts, "csl", f)) {
			t.Errorf("no error at %s:\n%s", f, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "notes")); err == nil {
		t.Error("the publication with the damaged style was written")
	}
}
