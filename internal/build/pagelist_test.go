package build

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/testtool"
)

// words returns the words of s, markup removed, lower-cased, every kind of space a separator.
func words(s string) []string {
	s = html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " "))
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return unicode.IsSpace(r) || r == '\u202f' })
}

var pageLink = regexp.MustCompile(`<li><a href="([^"#]+)#([^"]+)">([^<]+)</a></li>`)

// TestPageListFollowsThePDF: the page-list has an entry for every page of
// the digital PDF, the cover's included, each leading to a marker the text
// after which is the first text of that page (above its running footer,
// below its running head): the cover's on the title page, the printed
// contents' before the navigation's contents, the back page's in the
// colophon; a blank page leads where the next page does. Building the EPUB
// alone gives the same page-list.
func TestPageListFollowsThePDF(t *testing.T) {
	t.Parallel()
	pdftotext := testtool.Need(t, "pdftotext")
	tests := []struct {
		name, build, id string // build: its shared builds, every format and the EPUB alone (sharedBuilds)
		langs           []string
	}{
		{"sample", "sample", "civil-society", []string{"en", "fr"}},
		{"German", "de", "zivilgesellschaft", []string{"de"}},
		{"plain", "plain", "plain", []string{"en", "fr"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, _ := sharedBuild(t, tc.build)
			epubOnly, _ := sharedBuild(t, tc.build+"-epub")
			for _, lang := range tc.langs {
				ws := builtinWords(t, lang)
				base := filepath.Join(out, tc.id, tc.id+"."+lang)
				files := testtool.ZipFile(t, base+".epub")
				nav := files["EPUB/nav.xhtml"]
				alone := testtool.ZipFile(t, filepath.Join(epubOnly, tc.id, tc.id+"."+lang+".epub"))
				if alone["EPUB/nav.xhtml"] != nav || alone["EPUB/package.opf"] != files["EPUB/package.opf"] {
					t.Errorf("%s: the EPUB built alone has another navigation or package document", lang)
				}
				// the page source is the digital PDF, by the identifier its XMP gives
				src := regexp.MustCompile(`<dc:source id="page-source">([^<]+)</dc:source>`).FindStringSubmatch(files["EPUB/package.opf"])
				if pdf, err := os.ReadFile(base + ".pdf"); err != nil || src == nil || !strings.HasPrefix(src[1], "urn:uuid:") || !strings.Contains(string(pdf), "<dc:identifier>"+src[1]+"</dc:identifier>") {
					t.Errorf("%s: the EPUB's page source %v is not the digital PDF's identifier (%v)", lang, src, err)
				}
				_, list, ok := strings.Cut(nav, `epub:type="page-list"`)
				if !ok {
					t.Fatalf("%s: no page-list", lang)
				}
				entries := pageLink.FindAllStringSubmatch(list, -1)
				spine := spineOf(t, files)
				info, err := exec.Command(testtool.Need(t, "pdfinfo"), base+".pdf").Output()
				if err != nil {
					t.Fatal(err)
				}
				pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(info))
				if pages == nil || strconv.Itoa(len(entries)) != strings.TrimSpace(pages[1]) {
					t.Fatalf("%s: %d page-list entries; the PDF has %v pages", lang, len(entries), pages)
				}
				last := len(entries)
				for i, e := range entries {
					// every page, in order
					file, id, label := e[1], e[2], e[3]
					page := i + 1
					if label != strings.TrimPrefix(id, "page-") || label != strconv.Itoa(page) {
						t.Errorf("%s: entry %d is %q → %s, want page %d", lang, i+1, label, id, page)
					}
					body := files["EPUB/"+file]
					marker := `<span epub:type="pagebreak" role="doc-pagebreak" id="` + id + `" aria-label="` + label + `"></span>`
					before, after, ok := strings.Cut(body, marker)
					if !ok {
						t.Errorf("%s: page %s: no marker %s in %s", lang, label, id, file)
						continue
					}
					if page == 1 && file != "titlepage.xhtml" || page == last && file != "colophon.xhtml" {
						t.Errorf("%s: page %s leads to %s", lang, label, file)
					}
					epubWords := words(after + spine.after(files, file))
					// a blank page: the next page with text
					var pdfWords []string
					for p := page; p <= last && len(pdfWords) == 0; p++ {
						pdfWords = pageWords(t, pdftotext, base+".pdf", p, p == 1 || p == last)
					}
					if file == "nav.xhtml" {
						// the printed contents: the navigation's lists entries
						// the printed one leaves out, and no page numbers; its
						// title begins both, or the entry the page begins with
						n := len(words(ws.Contents))
						if strings.HasSuffix(before, "\">") {
							n = min(2, len(epubWords)) // in an entry's link
						}
						if len(pdfWords) < n || strings.Join(epubWords[:n], " ") != strings.Join(pdfWords[:n], " ") {
							t.Errorf("%s: page %s: the contents' marker is before %q, the PDF page begins %q", lang, label, epubWords[:n], pdfWords[:min(8, len(pdfWords))])
						}
						continue
					}
					if head := goingOnHead(before); head != nil {
						// a page that goes on with a table begins with its
						// header repeated (an artifact): the text goes on after it
						if n := len(head); len(pdfWords) < n || strings.Join(pdfWords[:n], " ") != strings.Join(head, " ") {
							t.Errorf("%s: page %s goes on with a table but does not repeat its header %q: it begins %q", lang, label, head, pdfWords[:min(8, len(pdfWords))])
						} else {
							pdfWords = pdfWords[n:]
						}
					}
					n := min(4, len(epubWords), len(pdfWords))
					if k := afterFloats(spine.before(files, file)+before, pdfWords, epubWords[:n]); k > 0 {
						// a page that begins with floats (a figure, a box)
						// set before its text in reading order: the text
						// begins below them
						pdfWords = pdfWords[k:]
						n = min(n, len(pdfWords))
					}
					// compared without the spaces: text extraction may join a
					// note's number to the word it follows ("rwanda.7")
					e, p := strings.Join(epubWords[:n], ""), strings.Join(pdfWords[:n], "")
					if n == 0 || !strings.HasPrefix(e, p) && !strings.HasPrefix(p, e) {
						t.Errorf("%s: page %s: the EPUB's marker is before %q, the PDF page begins %q", lang, label, epubWords[:min(8, len(epubWords))], pdfWords[:min(8, len(pdfWords))])
					}
				}
			}
		})
	}
}

// builtinWords returns the built-in words of a language.
func builtinWords(t *testing.T, lang string) *style.Words {
	t.Helper()
	ws, err := style.LoadWords(overlay.Folder("../../layouts"), lang)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// spine is the content documents of an EPUB in reading order (their paths in the zip).
type spine []string

// spineOf reads the reading order from the package document of an EPUB's files.
func spineOf(t *testing.T, files map[string]string) spine {
	t.Helper()
	opf := files["EPUB/package.opf"]
	href := map[string]string{}
	for _, m := range regexp.MustCompile(`<item id="([^"]+)" href="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		href[m[1]] = "EPUB/" + m[2]
	}
	var s spine
	for _, m := range regexp.MustCompile(`<itemref idref="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		s = append(s, href[m[1]])
	}
	if len(s) == 0 {
		t.Fatal("no spine in the package document")
	}
	return s
}

// after returns the content documents that come after file in reading order, one after the other.
func (s spine) after(files map[string]string, file string) string {
	var b strings.Builder
	seen := false
	for _, f := range s {
		if seen {
			b.WriteString(files[f])
		}
		seen = seen || f == "EPUB/"+file
	}
	return b.String()
}

// before returns the content documents that come before file (its name in
// the EPUB folder) in reading order, one after the other.
func (s spine) before(files map[string]string, file string) string {
	var b strings.Builder
	for _, f := range s {
		if f == "EPUB/"+file {
			break
		}
		b.WriteString(files[f])
	}
	return b.String()
}

// float is the opening tag of a figure or a box in a content document.
var float = regexp.MustCompile(`<figure[ >]|<aside class="box"`)

// afterFloats returns where text begins in the words of a PDF page (0: at
// once) when the page begins with a float that the EPUB sets before the
// page's marker (before: its text up to the marker), and the text follows it
// on the page.
func afterFloats(before string, page, text []string) int {
	if len(text) == 0 || len(page) < len(text) || strings.Join(page[:len(text)], " ") == strings.Join(text, " ") {
		return 0
	}
	starts := false
	for _, at := range float.FindAllStringIndex(before, -1) {
		fw := words(before[at[0]:])
		n := min(3, len(fw))
		if n > 0 && strings.Join(fw[:n], " ") == strings.Join(page[:min(n, len(page))], " ") {
			starts = true
		}
	}
	if !starts {
		return 0
	}
	for k := 1; k+len(text) <= len(page); k++ {
		if strings.Join(page[k:k+len(text)], " ") == strings.Join(text, " ") {
			return k
		}
	}
	return 0
}

// goingOnHead returns the words of the header of the table a page break
// falls in, given the content document before the break; nil when the break
// is not inside a table's body.
func goingOnHead(before string) []string {
	i := strings.LastIndex(before, "<table")
	if i < 0 || strings.Contains(before[i:], "</table>") || !strings.Contains(before[i:], "<tbody>") {
		return nil
	}
	head, _, _ := strings.Cut(before[i:], "</thead>")
	_, head, _ = strings.Cut(head, "<thead>")
	return words(head)
}

// pageWords returns the words of page n of a PDF's text block, below the
// running head and above the folio (the whole page when whole: the cover, the
// back page), without list bullets.
func pageWords(t *testing.T, pdftotext, pdf string, n int, whole bool) []string {
	t.Helper()
	page := strconv.Itoa(n)
	args := []string{"-f", page, "-l", page, "-x", "0", "-y", "50", "-W", "600", "-H", "740", pdf, "-"}
	if whole {
		args = append(args[:4], pdf, "-")
	}
	text, err := exec.Command(pdftotext, args...).Output()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range words(string(text)) {
		if w != "•" {
			out = append(out, w)
		}
	}
	return out
}

// TestNoConformanceClaimUndeclared: an edition whose publication.yaml declares
// no accessibility block claims no conformance, names no certifier and says
// its hazards are unknown; the sample declares its hazards and no more.
func TestNoConformanceClaimUndeclared(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, build, epub, hazard string // build: the shared build of the EPUB alone (sharedBuilds)
	}{
		{"no accessibility block", "de-epub", "zivilgesellschaft/zivilgesellschaft.de.epub", "unknown"},
		{"hazards only", "sample-epub", "civil-society/civil-society.en.epub", "none"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, _ := sharedBuild(t, tc.build)
			opf := testtool.ZipFile(t, filepath.Join(out, tc.epub))["EPUB/package.opf"]
			for _, no := range []string{"conformsTo", "certifiedBy", "certifierCredential"} {
				if strings.Contains(opf, no) {
					t.Errorf("the package document has %s", no)
				}
			}
			if !strings.Contains(opf, `<meta property="schema:accessibilityHazard">`+tc.hazard+`</meta>`) {
				t.Errorf("no accessibilityHazard %s", tc.hazard)
			}
			if !strings.Contains(opf, `<meta property="schema:accessibilityFeature">printPageNumbers</meta>`) {
				t.Error("no printPageNumbers feature, though the EPUB has a page-list")
			}
		})
	}
}
