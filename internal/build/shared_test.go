package build

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// The test publications that several tests read, each built once per test
// process into a folder that TestMain makes and removes: a test that reads a
// build's outputs (and changes nothing in them) asks for it by name, and the
// first to ask builds it while the others wait. When every test runs (no
// -run), TestMain starts them all, in this order, in the background
// (prefetch).
var sharedBuilds = []struct {
	name string
	cfg  Config
	// validatorsOnly: only tests with an external validator read it, so
	// go test -short does not prefetch it
	validatorsOnly bool
}{
	// every format: the web edition's tests, the accessibility claims, the page-list, Ace
	{"sample", Config{Source: "../../source"}, false},
	{"de", Config{Source: "testdata/de/source"}, false},
	{"plain", Config{Source: "testdata/plain/source"}, false},
	{"xref", Config{Source: "testdata/xref/source"}, false},
	{"cite", Config{Source: "testdata/cite/source", Layouts: "testdata/cite/layouts"}, false}, // citations in notes and author-date
	{"compat", Config{Source: "testdata/compat/source"}, true},
	// every kind, for Ace: its French is no translation, only the kinds
	// (before the EPUBs alone: TestAce, the longest test, reads every build
	// above and starts when the last is made)
	{"kinds-epub", Config{Source: "testdata/every-kind", Formats: []Format{"epub"}, Langs: []string{"en"}}, true},
	// the EPUB alone: the page-list's test compares its navigation with the
	// whole build's; the conformance claims
	{"sample-epub", Config{Source: "../../source", Formats: []Format{"epub"}}, false},
	{"de-epub", Config{Source: "testdata/de/source", Formats: []Format{"epub"}}, false},
	{"plain-epub", Config{Source: "testdata/plain/source", Formats: []Format{"epub"}}, false},
}

// sharedConfig returns the configuration of the shared build name.
func sharedConfig(name string) (Config, bool) {
	for _, b := range sharedBuilds {
		if b.name == name {
			return b.cfg, true
		}
	}
	return Config{}, false
}

// shared is the test process's builds of sharedBuilds: the package's one
// variable, as one build read by many tests is the point.
var shared = builds{done: map[string]*onceBuild{}}

// builds holds each shared build, made on first use.
type builds struct {
	dir  string // set by TestMain; the builds' output folders are in it
	mu   sync.Mutex
	done map[string]*onceBuild
	// prefetching is done when TestMain's background builds are: a test
	// that measures the process's heap waits for it.
	prefetching sync.WaitGroup
}

// onceBuild is one shared build: its output folder and result, or its error.
type onceBuild struct {
	once sync.Once
	out  string
	res  *Result
	err  error
}

// TestMain builds with the garbage collector set as folio does (BatchGC,
// unless GOGC or GOMEMLIMIT is set: 0.9x the CPU of Go's default), makes
// the shared builds' folder and, when every test runs, starts the builds.
func TestMain(m *testing.M) {
	flag.Parse()
	BatchGCSettings(os.Getenv, runtime.NumCPU()).Apply()
	dir, err := os.MkdirTemp("", "folio-build-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	shared.dir = dir
	if f := flag.Lookup("test.run"); f != nil && f.Value.String() == "" {
		shared.prefetching.Go(func() { shared.prefetch(runtime.GOMAXPROCS(0), testing.Short()) })
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// prefetch makes the shared builds, jobs at a time, in their order, while
// the tests run: a test waiting for one holds one of go test's
// -parallel places, and the builds go on meanwhile. Under go test -short it
// leaves out those that only validators read.
func (s *builds) prefetch(jobs int, short bool) {
	names := make(chan string)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for name := range names {
				s.get(name)
			}
		})
	}
	for _, b := range sharedBuilds {
		if !short || !b.validatorsOnly {
			names <- b.name
		}
	}
	close(names)
	wg.Wait()
}

// get returns the shared build name, made on its first call.
func (s *builds) get(name string) *onceBuild {
	s.mu.Lock()
	b := s.done[name]
	if b == nil {
		b = &onceBuild{}
		s.done[name] = b
	}
	s.mu.Unlock()
	b.once.Do(func() {
		cfg, _ := sharedConfig(name)
		if cfg.Layouts == "" {
			cfg.Layouts = "../../layouts"
		}
		cfg.Fonts = "../../fonts"
		cfg.Out = filepath.Join(s.dir, name)
		b.out = cfg.Out
		b.res, b.err = Run(context.Background(), cfg, nil)
		if b.err == nil && b.res.Diags.HasErrors() {
			b.err = errors.New(b.res.Diags.Error())
		}
	})
	return b
}

// sharedBuild returns the output folder and result of the shared build name
// (sharedBuilds), building it unless it is built or being built; the test
// fails when it does not build or reports an error. The test must not
// change the folder.
func sharedBuild(t testing.TB, name string) (out string, res *Result) {
	t.Helper()
	if _, ok := sharedConfig(name); !ok {
		t.Fatalf("no shared build %q", name)
	}
	b := shared.get(name)
	if b.err != nil {
		t.Fatalf("the shared build %s: %v", name, b.err)
	}
	return b.out, b.res
}
