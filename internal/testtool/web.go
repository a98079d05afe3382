package testtool

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Versions of the web validators, as .ci/run installs them.
const (
	vnuPackage   = "vnu-jar@26.9.27"
	pa11yPackage = "pa11y@10.0.0"
)

//go:embed axe.js
var axeScript string

// npmRoot is npm's global node_modules folder, or stops the test as Need does.
func (m mode) npmRoot(t testing.TB) string {
	t.Helper()
	npm := m.need(t, "npm")
	out, err := exec.Command(npm, "root", "-g").Output()
	if err != nil {
		m.missing(t, "npm root -g: "+err.Error())
	}
	return strings.TrimSpace(string(out))
}

// VNU checks the HTML pages with the Nu HTML Checker (npm vnu-jar, run with
// java) and returns its errors, one a line, "" when there are none; or stops
// the test as Need does when java or the jar is missing.
func VNU(t testing.TB, pages ...string) string {
	t.Helper()
	m := current()
	if m.short {
		skipShort(t, "the Nu HTML Checker")
	}
	java := m.need(t, "java")
	jar := filepath.Join(m.npmRoot(t), "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		m.missing(t, jar+" (install: npm install -g "+vnuPackage+")")
	}
	// one JVM for all the pages; the client compiler only and the serial
	// collector check a few pages in half the CPU time of the defaults (as
	// EPUBCheck's server), and the client compiler's larger frames need a
	// larger stack than the checker's 512k
	args := []string{"-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--errors-only", "--format", "gnu"}
	cmd := exec.Command(java, append(args, pages...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("the Nu HTML Checker: %v", err)
		}
		if len(out) == 0 {
			t.Fatalf("the Nu HTML Checker failed with no message: %v", err)
		}
	}
	return strings.TrimSpace(string(out))
}

// AxeIssue is a violation axe-core found on a page.
type AxeIssue struct {
	URL, Scheme string // the page, and the colour scheme it was seen in (light, dark)
	Code        string // axe's rule
	Message     string
	Selector    string
}

func (i AxeIssue) String() string {
	return fmt.Sprintf("%s (%s): %s: %s at %s", i.URL, i.Scheme, i.Code, i.Message, i.Selector)
}

// Axe checks the HTML pages (files) with axe-core through pa11y (npm pa11y
// and its axe runner) in Debian's chromium, in the light and the dark colour
// scheme, and returns the violations; or stops the test as Need does when
// node, pa11y or chromium is missing. One browser checks every page, a few
// tabs at a time (axe.js).
func Axe(t testing.TB, pages ...string) []AxeIssue {
	t.Helper()
	m := current()
	if m.short {
		skipShort(t, "axe-core (pa11y)")
	}
	node := m.need(t, "node")
	root := m.npmRoot(t)
	if _, err := os.Stat(filepath.Join(root, "pa11y", "package.json")); err != nil {
		m.missing(t, "pa11y (install: PUPPETEER_SKIP_DOWNLOAD=1 npm install -g "+pa11yPackage+")")
	}
	browser, script := m.browserScript(t, t.TempDir(), "axe.js", axeScript)
	args := []string{script, root}
	for _, p := range pages {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, "file://"+filepath.ToSlash(abs))
	}
	cmd := exec.Command(node, args...)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+browser)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pa11y: %v\n%s", err, stderr.String())
	}
	var res []struct {
		URL    string `json:"url"`
		Scheme string `json:"scheme"`
		Issues []struct {
			Code     string `json:"code"`
			Type     string `json:"type"`
			Message  string `json:"message"`
			Selector string `json:"selector"`
		} `json:"issues"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("pa11y's report: %v\n%s", err, out)
	}
	if len(res) != 2*len(pages) {
		t.Fatalf("pa11y reported on %d pages and schemes, not %d", len(res), 2*len(pages))
	}
	var issues []AxeIssue
	for _, r := range res {
		for _, i := range r.Issues {
			if i.Type == "error" {
				issues = append(issues, AxeIssue{URL: r.URL, Scheme: r.Scheme, Code: i.Code, Message: i.Message, Selector: i.Selector})
			}
		}
	}
	return issues
}

// browserScript returns the browser a node script drives
// (PUPPETEER_EXECUTABLE_PATH, else Debian's chromium), or stops the test as
// Need does, and the path of the script, written into dir as name.
func (m mode) browserScript(t testing.TB, dir, name, script string) (browser, path string) {
	t.Helper()
	browser = os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if browser == "" {
		browser = m.need(t, "chromium")
	}
	path = filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	return browser, path
}
