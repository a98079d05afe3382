package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
)

// TestLanguageSpans: a passage marked [text]{lang=xx} is a span with lang
// and xml:lang in the EPUB, and a Span structure element with its /Lang in
// the digital PDF.
func TestLanguageSpans(t *testing.T) {
	t.Parallel()
	out, _ := sharedBuild(t, "plain")
	for _, tc := range []struct{ lang, other, text string }{
		{"en", "fr", "la lecture à voix haute"},
		{"fr", "en", "screen reader"},
	} {
		base := filepath.Join(out, "plain", "plain."+tc.lang)
		sec := testtool.ZipFile(t, base+".epub")["EPUB/section-01.xhtml"]
		if want := `<span lang="` + tc.other + `" xml:lang="` + tc.other + `">` + tc.text + `</span>`; !strings.Contains(sec, want) {
			t.Errorf("%s: the EPUB lacks %s", tc.lang, want)
		}
		qdf := filepath.Join(t.TempDir(), "q.pdf")
		if msg, err := exec.Command(testtool.Need(t, "qpdf"), "--qdf", "--object-streams=disable", base+".pdf", qdf).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v\n%s", err, msg)
		}
		data, err := os.ReadFile(qdf)
		if err != nil {
			t.Fatal(err)
		}
		pdf := string(data)
		span := regexp.MustCompile(`(?s)<<\s*/K [^>]*?/Lang \(` + tc.other + `\)\s*/P \d+ 0 R\s*/Pg \d+ 0 R\s*/S /Span`)
		if !span.MatchString(pdf) {
			t.Errorf("%s: no Span structure element with /Lang (%s) in the PDF", tc.lang, tc.other)
		}
	}
}
