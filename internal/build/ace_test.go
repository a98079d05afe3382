package build

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
)

// aceReport is what the test reads of DAISY Ace's report.json.
type aceReport struct {
	Result struct {
		Outcome string `json:"earl:outcome"`
	} `json:"earl:result"`
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Title string `json:"dct:title"`
			} `json:"earl:test"`
			Result struct {
				Outcome     string `json:"earl:outcome"`
				Description string `json:"dct:description"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
}

// TestAce: DAISY Ace finds no violation in any EPUB of the sample, of the
// every-kind publication (every block and inline kind), of the compat one, of the
// German test publication, of the cross-references', of the plain one or of the citations' (notes and author-date, en and fr). Ace takes one book per call; the books are checked
// in parallel.
func TestAce(t *testing.T) {
	t.Parallel()
	ace := testtool.Need(t, "ace-cli")
	chromium := testtool.Need(t, "chromium")
	out := t.TempDir()
	for _, src := range []string{"../../source", "testdata/de/source", "testdata/compat/source", "testdata/every-kind", "testdata/xref/source", "testdata/plain/source", "testdata/cite/source"} {
		var langs []string
		if src == "testdata/every-kind" {
			langs = []string{"en"} // its French is no translation: only the kinds
		}
		layouts := "../../layouts"
		if src == "testdata/cite/source" {
			layouts = "testdata/cite/layouts" // citations in notes and author-date
		}
		res, err := Run(context.Background(), Config{Source: src, Layouts: layouts, Fonts: "../../fonts", Out: out, Formats: []Format{"epub"}, Langs: langs}, nil)
		if err != nil || res.Diags.HasErrors() {
			t.Fatal(err, res.Diags.Error())
		}
	}
	books, _ := filepath.Glob(filepath.Join(out, "*", "*.epub"))
	if len(books) != 13 {
		t.Fatalf("%d EPUBs, want 13", len(books))
	}
	for _, book := range books {
		t.Run(filepath.Base(book), func(t *testing.T) {
			t.Parallel() // each book's Ace and browser of its own
			dir := t.TempDir()
			cmd := exec.Command(ace, "-o", dir, "-f", book)
			cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("ace: %v\n%s", err, msg)
			}
			data, err := os.ReadFile(filepath.Join(dir, "report.json"))
			if err != nil {
				t.Fatal(err)
			}
			var r aceReport
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatal(err)
			}
			for _, doc := range r.Assertions {
				for _, a := range doc.Assertions {
					if a.Result.Outcome != "pass" {
						t.Errorf("%s: %s: %s", doc.Subject.URL, a.Test.Title, a.Result.Description)
					}
				}
			}
			if r.Result.Outcome != "pass" {
				t.Errorf("Ace's outcome: %q", r.Result.Outcome)
			}
		})
	}
}
