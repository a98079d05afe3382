package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The test publications that several tests read, each built once per test
// process into a folder that TestMain makes and removes: a test that reads a
// build's outputs (and changes nothing in them) asks for it by name, and the
// first to ask builds it while the others wait.
var sharedBuilds = map[string]Config{
	// every format: the web edition's tests, the accessibility claims, the page-list, Ace
	"sample": {Source: "../../source"},
	"de":     {Source: "testdata/de/source"},
	"plain":  {Source: "testdata/plain/source"},
	"xref":   {Source: "testdata/xref/source"},
	"compat": {Source: "testdata/compat/source"},
	"cite":   {Source: "testdata/cite/source", Layouts: "testdata/cite/layouts"}, // citations in notes and author-date
	// the EPUB alone: the page-list's test compares its navigation with the
	// whole build's; the conformance claims
	"sample-epub": {Source: "../../source", Formats: []Format{"epub"}},
	"de-epub":     {Source: "testdata/de/source", Formats: []Format{"epub"}},
	"plain-epub":  {Source: "testdata/plain/source", Formats: []Format{"epub"}},
	// every kind, for Ace: its French is no translation, only the kinds
	"kinds-epub": {Source: "testdata/every-kind", Formats: []Format{"epub"}, Langs: []string{"en"}},
}

// shared is the test process's builds of sharedBuilds: the package's one
// variable, as one build read by many tests is the point.
var shared = builds{done: map[string]*onceBuild{}}

// builds holds each shared build, made on first use.
type builds struct {
	dir  string // set by TestMain; the builds' output folders are in it
	mu   sync.Mutex
	done map[string]*onceBuild
}

// onceBuild is one shared build: its output folder and result, or its error.
type onceBuild struct {
	once sync.Once
	out  string
	res  *Result
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "folio-build-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	shared.dir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sharedBuild returns the output folder and result of the shared build name
// (sharedBuilds), building it on first use; the test fails when it does not
// build or reports an error. The test must not change the folder.
func sharedBuild(t testing.TB, name string) (out string, res *Result) {
	t.Helper()
	cfg, ok := sharedBuilds[name]
	if !ok {
		t.Fatalf("no shared build %q", name)
	}
	shared.mu.Lock()
	b := shared.done[name]
	if b == nil {
		b = &onceBuild{}
		shared.done[name] = b
	}
	shared.mu.Unlock()
	b.once.Do(func() {
		if cfg.Layouts == "" {
			cfg.Layouts = "../../layouts"
		}
		cfg.Fonts = "../../fonts"
		cfg.Out = filepath.Join(shared.dir, name)
		b.out = cfg.Out
		b.res, b.err = Run(context.Background(), cfg, nil)
		if b.err == nil && b.res.Diags.HasErrors() {
			b.err = errors.New(b.res.Diags.Error())
		}
	})
	if b.err != nil {
		t.Fatalf("the shared build %s: %v", name, b.err)
	}
	return b.out, b.res
}
