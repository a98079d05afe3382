package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/build"
)

// TestMain runs the tests as outside GitHub Actions, whatever the machine:
// under GITHUB_ACTIONS=true folio also prints annotations on stdout, which
// the tests of other output do not expect. TestAnnotations sets them itself.
// The builds the tests run in this process have the garbage collector set
// as folio's main sets it (build.BatchGCSettings), for 0.85x the CPU of Go's default.
// Then it removes the command that folioBinary built.
func TestMain(m *testing.M) {
	build.BatchGCSettings(os.Getenv, runtime.NumCPU()).Apply()
	os.Unsetenv("GITHUB_ACTIONS")
	os.Unsetenv("GITHUB_WORKSPACE")
	// the builds that give no --cache use the user's cache folder: a
	// temporary one, so that no test reads what an earlier run left there
	// or writes into the developer's own. The go command's build cache is
	// in that folder too, unless GOCACHE names it: name it, so that the
	// binaries the tests build still come from the warm cache
	if os.Getenv("GOCACHE") == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(dir, "go-build"))
		}
	}
	cache, err := os.MkdirTemp("", "folio-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	os.RemoveAll(cache)
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// TestAnnotations: under GitHub Actions (or with --diagnostics github) every
// diagnostic is also a workflow command on stdout, with its line and column
// and its file relative to the repository root; the human lines on stderr
// and the report stay as they are.
func TestAnnotations(t *testing.T) {
	const (
		md         = "source/civil-society/en/01-what-is-civil-society.md"
		humanError = md + ":%d:11: error: raw HTML is not allowed" // its message, as the annotation's
		humanWarn  = "source/civil-society/publication.yaml:2:12: warning: no de edition"
		annotError = "::error file=%s" + md + ",line=%d,col=11::%s"
		annotWarn  = "::warning file=%ssource/civil-society/publication.yaml,line=2,col=12::no de edition: the languages are en, fr"
	)
	p := newProject(t)
	var line int
	p.edit(t, md, func(s string) string {
		line = strings.Count(s, "\n") + 2
		return s + "\nText with <br> html.\n"
	})
	base := filepath.Base(p.dir) + "/"
	tests := []struct {
		name      string
		env       map[string]string
		args      []string
		prefix    string // the annotations' paths begin with it
		annotated bool   // annotations wanted
	}{
		{"GitHub Actions: on by itself, paths from the working folder",
			map[string]string{"GITHUB_ACTIONS": "true"}, nil, "", true},
		{"GitHub Actions: paths from GITHUB_WORKSPACE",
			map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": filepath.Dir(p.dir)}, nil, base, true},
		{"--diagnostics github outside GitHub Actions",
			nil, []string{"--diagnostics", "github"}, "", true},
		{"--diagnostics text under GitHub Actions",
			map[string]string{"GITHUB_ACTIONS": "true"}, []string{"--diagnostics", "text"}, "", false},
		{"outside GitHub Actions", map[string]string{"GITHUB_ACTIONS": "false"}, nil, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			args := append([]string{"check", "--lang", "en,de", "--report", "r.json"}, tc.args...)
			code, stdout, stderr := p.folio(t, args...)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s", code, stderr)
			}
			for _, want := range []string{fmt.Sprintf(humanError, line), humanWarn} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if strings.Contains(stderr, "::") {
				t.Errorf("an annotation on stderr:\n%s", stderr)
			}
			report, err := os.ReadFile(p.path("r.json"))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(report), "::") {
				t.Errorf("an annotation in the report:\n%s", report)
			}
			if !tc.annotated {
				if strings.Contains(stdout, "::") {
					t.Errorf("annotations, none wanted:\n%s", stdout)
				}
				return
			}
			var got []string
			for l := range strings.Lines(stdout) {
				if strings.HasPrefix(l, "::") {
					got = append(got, strings.TrimSuffix(l, "\n"))
				}
			}
			var msg string // the error's message, from its human line
			for l := range strings.Lines(stderr) {
				if rest, ok := strings.CutPrefix(l, fmt.Sprintf("%s:%d:11: error: ", md, line)); ok {
					msg = strings.TrimSuffix(rest, "\n")
				}
			}
			want := []string{fmt.Sprintf(annotError, tc.prefix, line, msg), fmt.Sprintf(annotWarn, tc.prefix)}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("annotations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	if code, _, stderr := p.folio(t, "check", "--diagnostics", "xml"); code != 2 || !strings.Contains(stderr, `--diagnostics: "xml": want text or github`) {
		t.Errorf("--diagnostics xml: exit %d, %s", code, stderr)
	}
}
