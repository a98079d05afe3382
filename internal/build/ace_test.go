package build

import (
	"encoding/json"
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
// German test publication, of the cross-references', of the plain one or of the citations' (notes and author-date, en and fr).
// The books are the shared builds' (an EPUB is the same bytes built alone
// or with the other formats); one node process and one browser check them
// all (testtool.Ace).
func TestAce(t *testing.T) {
	t.Parallel()
	testtool.Need(t, "ace-cli") // before the builds: go test -short skips here
	var books []string
	for _, name := range []string{"sample", "de", "compat", "kinds-epub", "xref", "plain", "cite"} {
		out, _ := sharedBuild(t, name)
		found, _ := filepath.Glob(filepath.Join(out, "*", "*.epub"))
		books = append(books, found...)
	}
	if len(books) != 13 {
		t.Fatalf("%d EPUBs, want 13", len(books))
	}
	for _, r := range testtool.Ace(t, books...) {
		t.Run(filepath.Base(r.Book), func(t *testing.T) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			var rep aceReport
			if err := json.Unmarshal(r.JSON, &rep); err != nil {
				t.Fatal(err)
			}
			for _, doc := range rep.Assertions {
				for _, a := range doc.Assertions {
					if a.Result.Outcome != "pass" {
						t.Errorf("%s: %s: %s", doc.Subject.URL, a.Test.Title, a.Result.Description)
					}
				}
			}
			if rep.Result.Outcome != "pass" {
				t.Errorf("Ace's outcome: %q", rep.Result.Outcome)
			}
		})
	}
}
