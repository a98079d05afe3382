package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/pdf/pdftest"
	"github.com/folio-pub/folio/internal/testtool"
)

// TestCrossReferences builds a publication that numbers a figure, a table, a
// box and headings and refers to each (@fig-…, [@tbl-…], [see @box-…],
// @sec-…, @Fig-…), and links to a heading whose id starts with a digit
// ({#2030-goals}), in English and French, and checks what the references
// read in the PDF and the EPUB, and that each leads to its target: the page
// of the PDF's link destination shows it, the EPUB's href names a document
// that holds its id.
func TestCrossReferences(t *testing.T) {
	t.Parallel()
	out, res := sharedBuild(t, "xref")
	for _, d := range res.Diags.Items() {
		if !strings.Contains(d.Msg, "ppi") { // the swatch is small
			t.Errorf("unexpected diagnostic: %s", d.Error())
		}
	}
	tests := []struct {
		lang string
		text []string // in the text, spaces of any kind as one
		// targets maps what a reference reads to what its target shows
		targets map[string]string
	}{
		{"en", []string{
			"Figure 1 shows a chart, Table 1 lists the data, see Box 1 for a note, and Section 2.1 is the next part. Write to a@b.org.",
			"Figure 1: The chart", "Table 1: The data", "Box 1: A note",
			"Back to Figure 1, Table 1, Box 1 and Section 1.",
			"Figure 2: Another chart", "Figure 2 is the second, after Figure 1, Figure 2.",
		}, map[string]string{"Figure 1": "Figure 1: The chart", "Table 1": "Table 1: The data", "Box 1": "Box 1: A note",
			"Section 2.1": "Later part", "Section 1": "First section", "Figure 2": "Figure 2: Another chart", "goals for 2030": "2030 goals"}},
		{"fr", []string{
			"La figure 1 montre un graphique, le tableau 1 donne les données, voir l’encadré 1 pour une note, et la section 2.1 est la partie suivante. Écrire à a@b.org.",
			"Figure 1 : Le graphique", "Tableau 1 : Les données", "Encadré 1 : Une note",
			"Retour à la figure 1, au tableau 1, à l’encadré 1 et à la section 1.",
			"Figure 2 : Un autre graphique", "Figure 2 est la deuxième, après figure 1, figure 2.",
		}, map[string]string{"figure 1": "Figure 1 : Le graphique", "tableau 1": "Tableau 1 : Les données", "encadré 1": "Encadré 1 : Une note",
			"section 2.1": "Partie suivante", "section 1": "Première section", "Figure 2": "Figure 2 : Un autre graphique", "figure 2": "Figure 2 : Un autre graphique", "objectifs pour 2030": "Objectifs 2030"}},
	}
	const refs = 12 // the references each edition makes, and the link to #2030-goals
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			base := filepath.Join(out, "xref", "xref."+tt.lang)
			t.Run("PDF", func(t *testing.T) {
				text := pdfText(t, base+".pdf", 0)
				for _, want := range tt.text {
					if !strings.Contains(text, want) {
						t.Errorf("the PDF lacks %q:\n%s", want, text)
					}
				}
				n := 0
				for _, l := range pdftest.Read(t, base+".pdf").Links() {
					label := oneSpace(l.Text)
					target, ok := tt.targets[label]
					if !ok {
						continue // a link of the contents
					}
					n++
					if l.Page == 0 {
						t.Errorf("the link %q leads nowhere in the document", label)
					} else if page := pdfText(t, base+".pdf", l.Page); !strings.Contains(page, target) {
						t.Errorf("the link %q leads to page %d, which does not show %q:\n%s", label, l.Page, target, page)
					}
				}
				if n != refs {
					t.Errorf("%d links of references, want %d", n, refs)
				}
			})
			t.Run("EPUB", func(t *testing.T) {
				data, err := os.ReadFile(base + ".epub")
				if err != nil {
					t.Fatal(err)
				}
				files := testtool.ZipFiles(t, data)
				var all strings.Builder
				n := 0
				anchor := regexp.MustCompile(`<a href="([^"#]*)#([^"]+)">([^<]*)</a>`)
				for name, body := range files {
					if !strings.HasSuffix(name, ".xhtml") || strings.HasSuffix(name, "nav.xhtml") {
						continue
					}
					all.WriteString(body)
					for _, m := range anchor.FindAllStringSubmatch(body, -1) {
						label := oneSpace(m[3])
						target, ok := tt.targets[label]
						if !ok {
							continue
						}
						n++
						doc, found := files["EPUB/"+m[1]]
						if !found {
							t.Errorf("%s: the reference %q leads to %s, not in the EPUB", name, label, m[1])
							continue
						}
						i := strings.Index(doc, ` id="`+m[2]+`"`)
						if i < 0 || !strings.Contains(oneSpace(doc[i:]), target) {
							t.Errorf("%s: the reference %q leads to %s#%s, which is not %q", name, label, m[1], m[2], target)
						}
					}
				}
				text := oneSpace(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(all.String(), ""))
				for _, want := range tt.text {
					if !strings.Contains(text, want) {
						t.Errorf("the EPUB lacks %q", want)
					}
				}
				if strings.Contains(all.String(), "mailto:a@b.org") || strings.Contains(all.String(), "#b.org") {
					t.Error("an e-mail address became a link")
				}
				if n != refs {
					t.Errorf("%d links of references, want %d", n, refs)
				}
				// {#2030-goals} is id-2030-goals in the markup and every link to it
				if m := regexp.MustCompile(`(id="|#)[^a-zA-Z"]`).FindString(all.String()); m != "" || !strings.Contains(all.String(), `id="id-2030-goals"`) {
					t.Errorf("an id that starts with no letter (%q), or no id-2030-goals", m)
				}
				report, err := testtool.EPUBCheck(t, base+".epub")
				if err != nil || !strings.Contains(report, "No errors or warnings detected") {
					t.Errorf("EPUBCheck: %v\n%s", err, report)
				}
			})
		})
	}
}

// pdfText is the text of a PDF, or of its page page (from 1; 0 for all),
// every run of spaces as one.
func pdfText(t *testing.T, file string, page int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if page > 0 {
		args = append(args, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page))
	}
	out, err := exec.Command(testtool.Need(t, "pdftotext"), append(args, file, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return oneSpace(string(out))
}

// oneSpace makes every run of spaces (no-break ones too) one space.
func oneSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\f' || r == '\u00a0' || r == '\u202f'
	}), " ")
}
