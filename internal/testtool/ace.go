package testtool

import (
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

//go:embed ace.js
var aceScript string

// AceReport is DAISY Ace's verdict on one book: its report.json, or why Ace
// could not check the book.
type AceReport struct {
	Book string // the path given to Ace
	JSON []byte // report.json, as ace-cli -o writes it
	Err  error
}

// Ace checks the EPUBs with DAISY Ace (ace-cli's own checker, ace-core, and
// its puppeteer runner) in Debian's chromium, one book after another in one
// node process and one browser: ace-cli would start both for each book. It
// returns a report a book, in the order given; or stops the test as Need
// does when node, ace-cli or chromium is missing.
func Ace(t testing.TB, books ...string) []AceReport {
	t.Helper()
	m := current()
	if m.short {
		skipShort(t, "DAISY Ace")
	}
	node := m.need(t, "node")
	bin, err := filepath.EvalSymlinks(m.need(t, "ace-cli"))
	if err != nil {
		t.Fatalf("ace-cli: %v", err)
	}
	pkg := filepath.Dir(filepath.Dir(bin)) // <npm root>/@daisy/ace-cli/bin/ace.js
	if _, err := os.Stat(filepath.Join(pkg, "node_modules", "@daisy", "ace-core")); err != nil {
		m.missing(t, "ace-core in "+pkg+" (install: "+debianPackage("ace-cli")+")")
	}
	dir := t.TempDir()
	browser, script := m.browserScript(t, dir, "ace.js", aceScript)
	args := []string{script, pkg}
	for i, b := range books {
		abs, err := filepath.Abs(b)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, abs, filepath.Join(dir, strconv.Itoa(i)))
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = dir // Ace's temporary files and log, not the test's folder
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+browser)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ace: %v\n%s%s", err, out, stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(books) {
		t.Fatalf("ace: %d lines for %d books\n%s%s", len(lines), len(books), out, stderr.String())
	}
	reports := make([]AceReport, len(books))
	for i, b := range books {
		r := AceReport{Book: b}
		if msg, ok := strings.CutPrefix(lines[i], "error "); ok {
			r.Err = fmt.Errorf("ace: %s\n%s", msg, stderr.String())
		} else if r.JSON, r.Err = os.ReadFile(filepath.Join(dir, strconv.Itoa(i), "report.json")); r.Err != nil {
			r.Err = fmt.Errorf("ace: %s: %w", lines[i], r.Err)
		}
		reports[i] = r
	}
	return reports
}
