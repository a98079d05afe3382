package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
	"go.yaml.in/yaml/v3"
)

// TestWorkflows runs actionlint on every workflow of the repository, on the
// one folio init writes, and on the steps of the action (action.yml), set as
// the steps of a workflow that is called with the action's inputs:
// actionlint reads no composite action on its own, so this is how its
// expressions and scripts are checked.
func TestWorkflows(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testtool.Actionlint(t, root)
	testtool.Actionlint(t, initProject(t).dir)

	data, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []any  `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if action.Runs.Using != "composite" || len(action.Runs.Steps) == 0 {
		t.Fatalf("action.yml: runs.using %q with %d steps, want a composite action", action.Runs.Using, len(action.Runs.Steps))
	}
	inputs := map[string]any{}
	for name, in := range action.Inputs {
		inputs[name] = map[string]any{"type": "string", "required": false, "default": in.Default}
	}
	workflow := map[string]any{
		"name": "the steps of action.yml",
		"on":   map[string]any{"workflow_call": map[string]any{"inputs": inputs}},
		"jobs": map[string]any{"action": map[string]any{"runs-on": "ubuntu-latest", "steps": action.Runs.Steps}},
	}
	out, err := yaml.Marshal(workflow)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".github", "workflows"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".github", "workflows", "action.yml"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.Actionlint(t, dir)
}

// actionScripts is the absolute path of the action's scripts (action/), for
// tests that change folder.
func actionScripts(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "action"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// actionScript runs the action's script (a path) with bash in dir, with env
// added, and returns its exit status, its output and what it wrote to
// $GITHUB_OUTPUT.
func actionScript(t *testing.T, dir, script string, env []string, args ...string) (code int, out, ghOutput string) {
	t.Helper()
	bash := testtool.Need(t, "bash")
	outFile := filepath.Join(t.TempDir(), "github-output")
	cmd := exec.Command(bash, append([]string{script}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GITHUB_OUTPUT="+outFile), env...)
	res, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	gh, _ := os.ReadFile(outFile)
	return code, string(res), string(gh)
}

// TestActionInstall: the action installs a release's archive for the
// runner's platform only when its SHA-256 is the one checksums.txt gives,
// and builds folio from its checkout when the ref is not a release. The
// "server" is a folder read with curl's file:// URLs.
func TestActionInstall(t *testing.T) {
	testtool.Need(t, "curl")
	testtool.Need(t, "tar")
	install := filepath.Join(actionScripts(t), "install.sh")
	server := t.TempDir()
	release := filepath.Join(server, "folio-pub", "folio", "releases", "download", "v0.1.0")
	if err := os.MkdirAll(release, 0o755); err != nil {
		t.Fatal(err)
	}
	const name = "folio_0.1.0_linux_amd64.tar.gz"
	archive := tarGz(t, map[string]string{"folio": "#!/bin/sh\necho folio 0.1.0\n", "LICENSE": "Apache"})
	sum := sha256.Sum256(archive)
	if err := os.WriteFile(filepath.Join(release, name), archive, 0o644); err != nil {
		t.Fatal(err)
	}
	checksums := func(hexsum string) {
		t.Helper()
		data := hexsum + "  " + name + "\n" + strings.Repeat("0", 64) + "  folio_0.1.0_darwin_arm64.tar.gz\n"
		if err := os.WriteFile(filepath.Join(release, "checksums.txt"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		ref, os   string
		path      string // GITHUB_ACTION_PATH (only its shape is read: runner/ws/_actions/OWNER/NAME/REF)
		checksum  string
		code      int
		from      string // what $GITHUB_OUTPUT says; "" for nothing
		installed bool
		say       string
	}{
		{"a release, its checksum right", "v0.1.0", "Linux", "", hex.EncodeToString(sum[:]), 0, "source=release", true, "SHA-256 checked"},
		{"a release, its checksum wrong", "v0.1.0", "Linux", "", strings.Repeat("1", 64), 1, "", false, "::error::folio: " + name},
		{"a release with no archive for the platform", "v0.1.0", "macOS", "", hex.EncodeToString(sum[:]), 0, "source=source", false, "no release v0.1.0"},
		{"a tag not released", "v0.2.0", "Linux", "", hex.EncodeToString(sum[:]), 0, "source=source", false, "no release v0.2.0"},
		{"a branch", "main", "Linux", "", hex.EncodeToString(sum[:]), 0, "source=source", false, "main is not a release tag"},
		{"no ref, but the action's folder names it", "", "Linux", "runner/ws/_actions/folio-pub/folio/v0.1.0", hex.EncodeToString(sum[:]), 0, "source=release", true, "SHA-256 checked"},
		{"a local action", "", "Linux", "runner/ws/series/series", hex.EncodeToString(sum[:]), 0, "source=source", false, "no ref"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checksums(tc.checksum)
			bin := filepath.Join(t.TempDir(), "bin")
			code, out, gh := actionScript(t, t.TempDir(), install, []string{
				"FOLIO_REF=" + tc.ref, "FOLIO_REPO=" + repo(tc.ref), "GITHUB_SERVER_URL=file://" + server,
				"RUNNER_OS=" + tc.os, "RUNNER_ARCH=X64", "GITHUB_ACTION_PATH=" + tc.path}, bin)
			from := ""
			if gh != "" {
				from = "source=" + strings.TrimPrefix(strings.TrimSpace(gh), "from=")
			}
			_, err := os.Stat(filepath.Join(bin, "folio"))
			if code != tc.code || from != tc.from || (err == nil) != tc.installed || !strings.Contains(out, tc.say) {
				t.Errorf("exit %d, %q, installed %v, output:\n%s\nwant exit %d, %q, installed %v, and %q",
					code, from, err == nil, out, tc.code, tc.from, tc.installed, tc.say)
			}
		})
	}
}

// repo is the FOLIO_REPO the action has with a ref: none without one.
func repo(ref string) string {
	if ref == "" {
		return ""
	}
	return "folio-pub/folio"
}

// tarGz is a gzipped tar archive of files.
func tarGz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o755, Size: int64(len(files[n]))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestActionSummary: the job summary lists every edition of the report with
// its files and pages, the totals and every diagnostic; a shard assigned no
// publication says so, and a build that wrote no report says that.
func TestActionSummary(t *testing.T) {
	testtool.Need(t, "jq")
	summary := filepath.Join(actionScripts(t), "summary.sh")
	p := newProject(t)
	// the shard of two the sample is not in
	empty := ""
	for _, k := range []string{"1/2", "2/2"} {
		if code, _, stderr := p.folio(t, "check", "--shard", k, "--report", "empty.json"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var rep struct{ Publications []any }
		if data, err := os.ReadFile(p.path("empty.json")); err != nil || json.Unmarshal(data, &rep) != nil {
			t.Fatalf("report: %v", err)
		}
		if len(rep.Publications) == 0 {
			empty = k
			break
		}
	}
	if code, _, stderr := p.folio(t, "check", "--report", "whole.json"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	p.edit(t, "source/civil-society/en/01-what-is-civil-society.md", func(s string) string { return s + "\nText with <br> html.\n" })
	if code, _, stderr := p.folio(t, "check", "--report", "r.json"); code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	tests := []struct {
		name, report, shard string
		want                []string
	}{
		{"editions and an error", "r.json", "1/2", []string{
			"### folio build, shard 1/2\n",
			"| publication | language | status | files | pages |\n",
			"| civil-society | en | failed |",
			"| civil-society | fr | failed |",
			"1 publication(s), 2 edition(s), 0 file(s); 1 error(s), 0 warning(s).\n",
			"- `source/civil-society/en/01-what-is-civil-society.md:",
			":11` **error**: raw HTML is not allowed",
		}},
		{"editions", "whole.json", "", []string{
			"| civil-society | en | checked | pdf, print.pdf, epub, html | 12 |\n",
			"| civil-society | fr | checked | pdf, print.pdf, epub, html | 14 |\n",
			// the files: 8 from a check, every one of the web edition's when
			// the check takes the editions from a build's cache
			"1 publication(s), 2 edition(s), ", " file(s); 0 error(s), 0 warning(s).\n",
		}},
		{"a shard with no publication", "empty.json", empty, []string{
			"Shard " + empty + ": no publications assigned", "0 publication(s), 0 edition(s), 0 file(s);"}},
		{"no report", "none.json", "", []string{"### folio build\n", "folio wrote no report"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := actionScript(t, p.dir, summary, nil, tc.report, tc.shard)
			if code != 0 {
				t.Fatalf("exit %d:\n%s", code, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("the summary lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
