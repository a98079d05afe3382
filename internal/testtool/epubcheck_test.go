package testtool

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeEPUB zips testdata/minimal-epub, each file's text through edit, into path.
func writeEPUB(t *testing.T, path string, edit func(name, text string) string) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	// the mimetype first and stored, as EPUB requires
	for _, name := range []string{"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "minimal-epub", name))
		if err != nil {
			t.Fatal(err)
		}
		method := zip.Deflate
		if name == "mimetype" {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(edit(name, string(data)))); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// messages returns the lines of an EPUBCheck report that are findings.
func messages(report string) []string {
	var m []string
	for _, line := range strings.Split(report, "\n") {
		if strings.HasPrefix(line, "ERROR(") || strings.HasPrefix(line, "WARNING(") || strings.HasPrefix(line, "FATAL(") {
			m = append(m, line)
		}
	}
	return m
}

// TestEPUBCheck: EPUBCheck passes a good book and fails a bad one with its
// messages, the two checked side by side (by two JVMs, on a machine of two
// cores or more); a book's bytes are checked once, whatever its name.
func TestEPUBCheck(t *testing.T) {
	t.Parallel()
	NeedEPUBCheck(t)
	dir := t.TempDir()
	good := writeEPUB(t, filepath.Join(dir, "good.epub"), func(_, s string) string { return s })
	bad := writeEPUB(t, filepath.Join(dir, "bad.epub"), func(_, s string) string {
		return strings.Replace(s, "<dc:title>A minimal book</dc:title>", "", 1)
	})

	var badReport string
	t.Run("side by side", func(t *testing.T) {
		t.Run("good", func(t *testing.T) {
			t.Parallel()
			report, err := EPUBCheck(t, good)
			if err != nil || !strings.Contains(report, "No errors or warnings detected") {
				t.Errorf("the good book: %v\n%s", err, report)
			}
		})
		t.Run("bad", func(t *testing.T) {
			t.Parallel()
			var err error
			badReport, err = EPUBCheck(t, bad)
			if err == nil || len(messages(badReport)) == 0 || !strings.Contains(badReport, "bad.epub") {
				t.Errorf("the bad book: %v, want a failure with messages that name it\n%s", err, badReport)
			}
		})
	})

	// the same bytes under another name: the report of the first check
	data, _ := os.ReadFile(bad)
	copied := filepath.Join(dir, "copy.epub")
	if err := os.WriteFile(copied, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if again, err := EPUBCheck(t, copied); err == nil || again != badReport {
		t.Errorf("the bad book's copy was checked again: %v\n%s", err, again)
	}

}

// accessible is the package document's metadata that DAISY Ace asks of a book.
const accessible = `<meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">A book of text only.</meta>
  </metadata>`

// TestAce: one node process checks several books, each with its report in
// the order given: a book with its accessibility metadata passes, one
// without it and with no language on its page fails with Ace's violations,
// and a path that is no book gets an error of its own without stopping the others.
func TestAce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := writeEPUB(t, filepath.Join(dir, "good.epub"), func(_, s string) string {
		s = strings.Replace(s, `<nav epub:type="toc">`, `<nav epub:type="toc" role="doc-toc">`, 1)
		return strings.Replace(s, "</metadata>", accessible, 1)
	})
	bad := writeEPUB(t, filepath.Join(dir, "bad.epub"), func(_, s string) string {
		return strings.Replace(s, ` xml:lang="en" lang="en">`, ">", 1)
	})
	reports := Ace(t, bad, filepath.Join(dir, "none.epub"), good)
	if len(reports) != 3 {
		t.Fatalf("%d reports for 3 books", len(reports))
	}
	outcome := func(r AceReport) string {
		var rep struct {
			Result struct {
				Outcome string `json:"earl:outcome"`
			} `json:"earl:result"`
		}
		if err := json.Unmarshal(r.JSON, &rep); err != nil {
			t.Fatalf("%s: %v\n%s", r.Book, err, r.JSON)
		}
		return rep.Result.Outcome
	}
	if r := reports[0]; r.Book != bad || r.Err != nil || outcome(r) != "fail" || !strings.Contains(string(r.JSON), "metadata") {
		t.Errorf("the bad book: %v, want Ace's outcome fail, with its missing metadata\n%s", r.Err, r.JSON)
	}
	if r := reports[1]; r.Err == nil {
		t.Errorf("no book: no error")
	}
	if r := reports[2]; r.Book != good || r.Err != nil || outcome(r) != "pass" {
		t.Errorf("the good book: %v, want Ace's outcome pass\n%s", r.Err, r.JSON)
	}
}
