package testtool

import (
	"archive/zip"
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

// TestEPUBCheck: the one JVM passes a good book and fails a bad one with
// EPUBCheck's messages; a book's bytes are checked once, whatever its name.
func TestEPUBCheck(t *testing.T) {
	NeedEPUBCheck(t)
	dir := t.TempDir()
	good := writeEPUB(t, filepath.Join(dir, "good.epub"), func(_, s string) string { return s })
	bad := writeEPUB(t, filepath.Join(dir, "bad.epub"), func(_, s string) string {
		return strings.Replace(s, "<dc:title>A minimal book</dc:title>", "", 1)
	})

	report, err := EPUBCheck(t, good)
	if err != nil || !strings.Contains(report, "No errors or warnings detected") {
		t.Errorf("the good book: %v\n%s", err, report)
	}
	badReport, err := EPUBCheck(t, bad)
	if err == nil || len(messages(badReport)) == 0 || !strings.Contains(badReport, "bad.epub") {
		t.Errorf("the bad book: %v, want a failure with messages that name it\n%s", err, badReport)
	}

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
