// Package testtool finds the external validators tests run (EPUBCheck, poppler,
// qpdf, Ghostscript, DAISY Ace, the Nu HTML Checker, axe-core through pa11y)
// and runs those whose start is most of their cost once for many files:
// EPUBCheck (one or two JVMs per test process), DAISY Ace (one node process and one
// browser for all the books of a call), the Nu HTML Checker (one JVM for all
// the pages of a call) and axe-core (one browser, pages checked side by
// side). Missing ones skip a test on a laptop and fail it in CI (CI=true).
// go test -short skips every test that needs one, even in CI.
package testtool

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Need returns the path of command name, or stops the test: a skip under
// go test -short, else a failure when CI=true (CI must have every
// validator) and a skip otherwise.
func Need(t testing.TB, name string) string {
	t.Helper()
	return current().need(t, name)
}

// mode is how a missing validator stops a test.
type mode struct {
	short bool // go test -short: skip whatever needs a validator
	ci    bool // CI=true: a missing validator is a failure
}

func current() mode { return mode{short: testing.Short(), ci: os.Getenv("CI") == "true"} }

func (m mode) need(t testing.TB, name string) string {
	t.Helper()
	if m.short {
		skipShort(t, name)
	}
	p, err := exec.LookPath(name)
	if err != nil {
		m.missing(t, name+" (install: "+debianPackage(name)+")")
	}
	return p
}

func skipShort(t testing.TB, validator string) {
	t.Helper()
	t.Skipf("go test -short: skipping what needs the external validator %s", validator)
}

func (m mode) missing(t testing.TB, what string) {
	t.Helper()
	if m.ci {
		t.Fatalf("CI=true and a validator is missing: %s", what)
	}
	t.Skipf("validator missing: %s", what)
}

func debianPackage(cmd string) string {
	switch cmd {
	case "pdfinfo", "pdffonts", "pdftotext", "pdftoppm":
		return "apt-get install poppler-utils"
	case "qpdf":
		return "apt-get install qpdf"
	case "gs":
		return "apt-get install ghostscript"
	case "java":
		return "apt-get install default-jre-headless"
	case "javac":
		return "apt-get install default-jdk-headless"
	case "node", "npm":
		return "apt-get install npm"
	case "ace-cli":
		return "PUPPETEER_SKIP_DOWNLOAD=1 npm install -g @daisy/ace-cli@1.4.6"
	}
	return "apt-get install " + cmd
}

// CopyDir copies the folder src, with everything in it, to dst, or stops the test.
func CopyDir(t testing.TB, dst, src string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}

// ZipFiles returns the files of a zip archive (an EPUB) by name, or stops the test.
func ZipFiles(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("reading the archive: %v", err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = string(b)
	}
	return files
}

// ZipFile is ZipFiles of the archive at path.
func ZipFile(t testing.TB, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ZipFiles(t, data)
}

// Actionlint runs actionlint (pinned in go.mod as a tool: go tool actionlint)
// in the repository folder dir, on the workflows in its .github/workflows
// (or on the files named, relative to dir; dir need not be a git
// repository), and fails the test with what it finds. A local action a workflow uses (uses: ./) is read from dir.
// actionlint checks the scripts of run: steps with shellcheck when that is
// installed; it is required in CI (CI=true) and skipped otherwise.
func Actionlint(t testing.TB, dir string, files ...string) {
	t.Helper()
	// go tool runs in folio's module, wherever the test has gone (t.Chdir):
	// the folder of this file, when the build kept its path
	tool := exec.Command("go", "tool", "-n", "actionlint")
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		tool.Dir = filepath.Dir(file)
	}
	out, err := tool.Output()
	if err != nil {
		t.Fatalf("go tool -n actionlint (folio's go.mod pins it), in %q: %v", tool.Dir, err)
	}
	args := []string{"-no-color"}
	if _, err := exec.LookPath("shellcheck"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shellcheck is not installed, which actionlint runs on the workflows' scripts (apt-get install shellcheck)")
		}
		t.Logf("shellcheck is not installed: actionlint does not check the scripts (apt-get install shellcheck)")
		args = append(args, "-shellcheck=")
	}
	if len(files) == 0 {
		for _, ext := range []string{"*.yml", "*.yaml"} {
			found, _ := filepath.Glob(filepath.Join(dir, ".github", "workflows", ext))
			for _, f := range found {
				files = append(files, filepath.Join(".github", "workflows", filepath.Base(f)))
			}
		}
		if len(files) == 0 {
			t.Fatalf("actionlint: no workflow in %s", filepath.Join(dir, ".github", "workflows"))
		}
	}
	cmd := exec.Command(string(bytes.TrimSpace(out)), append(args, files...)...)
	cmd.Dir = dir
	if res, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint in %s: %v\n%s", dir, err, res)
	}
}
