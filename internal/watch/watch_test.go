package watch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/folio-pub/folio/internal/build"
	"github.com/folio-pub/folio/internal/testtool"
)

// TestWatchRebuildsWhatChanged: a change to a French section rebuilds the
// French edition only; a content error is reported and watching goes on.
func TestWatchRebuildsWhatChanged(t *testing.T) {
	t.Parallel()
	cfg := project(t)
	w := start(t, cfg)
	next := func() *build.Result { t.Helper(); return w.next("a build") }
	if r := next(); r.Diags.HasErrors() || len(r.Outputs) != 6 {
		t.Fatalf("first build: %d outputs, %s", len(r.Outputs), r.Diags.Error())
	}
	section := filepath.Join(cfg.Source, "civil-society", "fr", "02-contribution-a-la-gss.md")
	data, err := os.ReadFile(section)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(section, append(data, "\nUne phrase ajoutée.\n"...), 0o644)
	r := next()
	rebuilt := map[string]bool{}
	for _, o := range r.Outputs {
		rebuilt[filepath.Base(o.Path)] = !o.Cached
	}
	want := map[string]bool{"civil-society.en.pdf": false, "civil-society.en.print.pdf": false, "civil-society.en.epub": false,
		"civil-society.fr.pdf": true, "civil-society.fr.print.pdf": true, "civil-society.fr.epub": true}
	if !reflect.DeepEqual(rebuilt, want) {
		t.Errorf("rebuilt %v, want %v", rebuilt, want)
	}
	os.WriteFile(section, append(data, "\n<div>raw HTML</div>\n"...), 0o644)
	if r := next(); !r.Diags.HasErrors() {
		t.Error("a content error was not reported")
	}
	os.WriteFile(section, data, 0o644)
	if r := next(); r.Diags.HasErrors() {
		t.Errorf("after the fix: %s", r.Diags.Error())
	}
	w.stop()
}

// project is a copy of the sample (source, layouts, fonts) in a temporary
// folder, with its output and cache folders.
func project(t *testing.T) build.Config {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"source", "layouts", "fonts"} {
		testtool.CopyDir(t, filepath.Join(root, d), filepath.Join("..", "..", d))
	}
	return build.Config{Source: filepath.Join(root, "source"), Layouts: filepath.Join(root, "layouts"),
		Fonts: filepath.Join(root, "fonts"), Out: filepath.Join(root, "output"), Cache: filepath.Join(root, "cache"),
		Formats: []build.Format{"pdf", "print", "epub"}}
}

// watcher is a Run going on: its builds and what it says it watches.
type watcher struct {
	t        *testing.T
	results  chan *build.Result
	watching chan string
	cancel   context.CancelFunc
	stopped  chan error
}

// start runs Run on cfg until stop.
func start(t *testing.T, cfg build.Config) *watcher {
	w := &watcher{t: t, results: make(chan *build.Result, 10), watching: make(chan string, 10), stopped: make(chan error)}
	var ctx context.Context
	ctx, w.cancel = context.WithCancel(context.Background())
	go func() {
		w.stopped <- Run(ctx, cfg, nil, Reports{Built: func(r *build.Result, err error) {
			// a build still going when the test stops (one more event
			// came) ends cancelled: not a failure
			if err != nil && !(errors.Is(err, context.Canceled) && ctx.Err() != nil) {
				t.Error(err)
			}
			w.results <- r
		}, Watching: func(what string) { w.watching <- what }})
	}()
	return w
}

// next waits for the next build, for what (a step of the test).
func (w *watcher) next(what string) *build.Result {
	w.t.Helper()
	select {
	case r := <-w.results:
		return r
	case <-time.After(60 * time.Second):
		w.t.Fatalf("%s: no build within a minute", what)
	}
	return nil
}

// said waits for watch to say what it watches, which must contain want.
func (w *watcher) said(want string) {
	w.t.Helper()
	select {
	case got := <-w.watching:
		if !strings.Contains(got, want) {
			w.t.Errorf("watch says %q, want %q in it", got, want)
		}
	case <-time.After(60 * time.Second):
		w.t.Fatalf("watch did not say %q within a minute", want)
	}
}

func (w *watcher) stop() {
	w.cancel()
	if err := <-w.stopped; err != nil {
		w.t.Error(err)
	}
}

// TestWatchRescans: after a publication folder is renamed, a language
// added, or the source folder moved away and back, edits reach the
// publications where they now are, and watch says what it watches.
func TestWatchRescans(t *testing.T) {
	cfg := project(t)
	cfg.Langs, cfg.Formats = []string{"en"}, []build.Format{"epub"}
	w := start(t, cfg)
	next, said := w.next, w.said
	said("watching 1 publication(s) in " + cfg.Source + ": civil-society (en, fr)")
	if r := next("first build"); r.Diags.HasErrors() || len(r.Outputs) != 1 {
		t.Fatalf("first build: %d outputs, %s", len(r.Outputs), r.Diags.Error())
	}
	// edits one section of publication id and waits for a build with no
	// error that writes that publication's EPUB (builds still running from
	// the changes before, with their errors, may come first)
	edit := func(what, id string) {
		t.Helper()
		section := filepath.Join(cfg.Source, id, "en", "01-what-is-civil-society.md")
		f, err := os.OpenFile(section, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("\nOne more sentence, " + what + ".\n")
		f.Close()
		for {
			r := next(what)
			if r.Diags.HasErrors() {
				t.Logf("%s: a build with errors: %s", what, r.Diags.Error())
				continue
			}
			for _, o := range r.Outputs {
				if filepath.Base(o.Path) == id+".en.epub" && !o.Cached {
					return
				}
			}
		}
	}
	if err := os.Rename(filepath.Join(cfg.Source, "civil-society"), filepath.Join(cfg.Source, "police-reform")); err != nil {
		t.Fatal(err)
	}
	said("police-reform (en, fr)")
	edit("after a rename", "police-reform")
	if err := os.Mkdir(filepath.Join(cfg.Source, "police-reform", "de"), 0o755); err != nil {
		t.Fatal(err)
	}
	said("police-reform (de, en, fr)")
	os.Remove(filepath.Join(cfg.Source, "police-reform", "de"))
	said("police-reform (en, fr)")
	away := filepath.Join(filepath.Dir(cfg.Source), "away")
	if err := os.Rename(cfg.Source, away); err != nil {
		t.Fatal(err)
	}
	said("missing")
	if err := os.Rename(away, cfg.Source); err != nil {
		t.Fatal(err)
	}
	said("watching 1 publication(s) in " + cfg.Source + ": police-reform (en, fr)")
	edit("after the source folder came back", "police-reform")
	w.stop()
}

func TestRebuildList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pending map[string]bool
		ids     []string
		want    []string
	}{
		{map[string]bool{"b": true, "a": true}, nil, []string{"a", "b"}},
		{map[string]bool{"b": true, "a": true}, []string{"a"}, []string{"a"}},
		{map[string]bool{"c": true}, []string{"a"}, nil},
		{map[string]bool{"": true, "a": true}, nil, []string{}},
		{map[string]bool{"": true}, []string{"a", "b"}, []string{"a", "b"}},
	}
	for _, tc := range tests {
		if got := rebuildList(tc.pending, tc.ids); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("rebuildList(%v, %v) = %#v, want %#v", tc.pending, tc.ids, got, tc.want)
		}
	}
	for path, want := range map[string]string{
		"src/pub/fr/01-a.md": "pub", "src/pub/images/x.png": "pub", "src/terms.yaml": "", "layouts/base.yaml": "",
	} {
		if got := affected("src", path); got != want {
			t.Errorf("affected(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestRelevant: a change is relevant inside a folder watched, not in the
// output folder; with no layouts or fonts folder (the built-in ones), a
// file beside the source folder (another build's output) is not.
func TestRelevant(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cfg  build.Config
		path string
		want bool
	}{
		{build.Config{Source: "src", Out: "out"}, "src/pub/fr/01-a.md", true},
		{build.Config{Source: "src", Out: "out"}, "out-cold/pub/pub.fr.pdf", false},
		{build.Config{Source: "src", Out: "out"}, "notes.txt", false},
		{build.Config{Source: "src", Layouts: "layouts", Out: "out"}, "layouts/base.yaml", true},
		{build.Config{Source: "src", Layouts: "layouts", Out: "src/out"}, "src/out/pub/pub.en.pdf", false},
	} {
		tr := &tree{roots: roots(tc.cfg), out: tc.cfg.Out}
		if got := tr.relevant(tc.path); got != tc.want {
			t.Errorf("roots %q: relevant(%q) = %v, want %v", tr.roots, tc.path, got, tc.want)
		}
	}
}

// TestWatchStopsAndStartsAgain: a section saved again while its build runs
// stops that build, which is not reported and writes nothing, and the next
// build, from the files as they are then, is the one reported.
func TestWatchStopsAndStartsAgain(t *testing.T) {
	t.Parallel()
	cfg := project(t)
	cfg.Langs, cfg.Formats = []string{"fr"}, []build.Format{"html"}
	section := filepath.Join(cfg.Source, "civil-society", "fr", "02-contribution-a-la-gss.md")
	data, err := os.ReadFile(section)
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(cfg.Out, "civil-society", "civil-society.fr.html")
	// the first rebuild, once started (and the first save whole), saves
	// again and waits for that save to stop it
	stopped, saved := make(chan struct{}, 1), make(chan struct{})
	var builds, stops atomic.Int32
	cfg.Progress = func(p build.Progress) {
		if p.Started && builds.Add(1) == 2 {
			<-saved
			if err := os.WriteFile(section, append(bytes.Clone(data), "\nDeuxième enregistrement.\n"...), 0o644); err != nil {
				t.Error(err)
			}
			<-stopped
		}
	}
	results := make(chan *build.Result, 10)
	ctx, cancel := context.WithCancel(context.Background())
	ended := make(chan error)
	go func() {
		ended <- watch(ctx, cfg, nil, Reports{Built: func(r *build.Result, err error) {
			if err != nil {
				t.Error(err)
			}
			results <- r
		}, Stopped: func() { stops.Add(1) }}, func() {
			select {
			case stopped <- struct{}{}:
			default: // told already
			}
		})
	}()
	next := func(what string) *build.Result {
		t.Helper()
		select {
		case r := <-results:
			return r
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: no build within a minute", what)
		}
		return nil
	}
	if r := next("first build"); r.Diags.HasErrors() {
		t.Fatalf("first build: %s", r.Diags.Error())
	}
	first, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(section, append(bytes.Clone(data), "\nPremier enregistrement.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	close(saved)
	r := next("the build after the second save")
	if r.Diags.HasErrors() {
		t.Fatalf("%s", r.Diags.Error())
	}
	got, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, first) || !bytes.Contains(got, []byte("Deuxième enregistrement.")) || bytes.Contains(got, []byte("Premier enregistrement.")) {
		t.Errorf("the page reported is not the second save's")
	}
	if n := builds.Load(); n != 3 {
		t.Errorf("%d builds started, want 3 (the first, the one stopped, the one reported)", n)
	}
	if n := stops.Load(); n != 1 {
		t.Errorf("told of %d builds stopped, want 1", n)
	}
	cancel()
	if err := <-ended; err != nil {
		t.Error(err)
	}
	select {
	case r := <-results:
		t.Errorf("a build reported after the second save's: %d outputs", len(r.Outputs))
	default:
	}
}
