package build

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/series"
)

// sampleConfig builds the sample's PDFs and EPUBs into out (the web
// edition's tests ask for it: web_test.go).
func sampleConfig(out string) Config {
	return Config{Source: "../../source", Layouts: "../../layouts", Fonts: "../../fonts", Out: out, Formats: []Format{"pdf", "print", "epub"}}
}

func TestRunWritesEveryEdition(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	res, err := Run(context.Background(), sampleConfig(out), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.Error())
	}
	var got []string
	for _, o := range res.Outputs {
		rel, _ := filepath.Rel(out, o.Path)
		got = append(got, rel)
	}
	want := []string{"civil-society/civil-society.en.pdf", "civil-society/civil-society.en.print.pdf", "civil-society/civil-society.en.epub",
		"civil-society/civil-society.fr.pdf", "civil-society/civil-society.fr.print.pdf", "civil-society/civil-society.fr.epub"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outputs %v, want %v", got, want)
	}
	entries, _ := os.ReadDir(filepath.Join(out, "civil-society"))
	if len(entries) != 6 {
		t.Errorf("%d files in the output folder, want 6 and no temporary files", len(entries))
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	cfg := sampleConfig(out)
	cfg.DryRun = true
	res, err := Run(context.Background(), cfg, []string{"civil-society"})
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Error())
	}
	if len(res.Outputs) != 6 {
		t.Errorf("%d outputs checked, want 6", len(res.Outputs))
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a dry run created the output folder")
	}
}

func TestCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	if _, err := Run(ctx, sampleConfig(out), nil); err == nil {
		t.Error("a cancelled build succeeded")
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Error("a cancelled build wrote files")
	}
}

func TestWriteAllReplaces(t *testing.T) {
	t.Parallel()
	f := filepath.Join(t.TempDir(), "a", "x.pdf")
	for _, step := range []struct {
		content string
		changed bool
	}{{"one", true}, {"two", true}, {"two", false}} {
		changed, err := writeAll([]rendered{{path: f, data: []byte(step.content)}})
		if err != nil {
			t.Fatal(err)
		}
		if changed[0] != step.changed {
			t.Errorf("writing %q: changed %v, want %v", step.content, changed[0], step.changed)
		}
		if data, _ := os.ReadFile(f); string(data) != step.content {
			t.Errorf("content %q, want %q", data, step.content)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(f))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %d entries", len(entries))
	}
}

// TestWriteAllOrNothing: when one file of a publication cannot be put in
// place, every file stays as it was and no temporary file stays.
func TestWriteAllOrNothing(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "p")
	files := []rendered{{path: filepath.Join(dir, "p.en.pdf")}, {path: filepath.Join(dir, "p.en.epub")}, {path: filepath.Join(dir, "p.fr.pdf")}}
	for i := range files {
		files[i].data = []byte("old")
	}
	if _, err := writeAll(files[:2]); err != nil { // p.fr.pdf does not exist yet
		t.Fatal(err)
	}
	for i := range files {
		files[i].data = []byte("new")
	}
	for fail := 1; fail <= 5; fail++ { // each rename of the second build fails in turn
		calls := 0
		_, err := writeAllWith(files, func(from, to string) error {
			if calls++; calls == fail {
				return os.ErrPermission
			}
			return os.Rename(from, to)
		}, nil)
		if err == nil {
			t.Fatalf("rename %d failing: no error", fail)
		}
		for i, f := range files {
			data, err := os.ReadFile(f.path)
			if want := map[bool]string{true: "old", false: ""}[i < 2]; string(data) != want || (i == 2) != (err != nil) {
				t.Errorf("rename %d failing: %s holds %q, want %q", fail, filepath.Base(f.path), data, want)
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") || strings.HasSuffix(e.Name(), ".old") {
				t.Errorf("rename %d failing: %s left", fail, e.Name())
			}
		}
	}
}

// TestStaleTemporariesRemoved: a temporary file of a process that no longer
// runs is removed by the next write of the publication in its folder, even
// when no file there changes; one of a running process is kept.
func TestStaleTemporariesRemoved(t *testing.T) {
	t.Parallel()
	for _, unchanged := range []bool{false, true} {
		dir := t.TempDir()
		out := filepath.Join(dir, "p.en.pdf")
		if unchanged {
			if err := os.WriteFile(out, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		stale := filepath.Join(dir, tempPrefix("p.en.pdf")+"999999999-123.tmp")
		running := filepath.Join(dir, tempPrefix("p.fr.pdf")+strconv.Itoa(os.Getppid())+"-456.tmp")
		for _, f := range []string{stale, running} {
			if err := os.WriteFile(f, []byte("partial"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		changed, err := writeAll([]rendered{{path: out, data: []byte("x")}})
		if err != nil {
			t.Fatal(err)
		}
		if changed[0] == unchanged {
			t.Errorf("unchanged %v: written %v", unchanged, changed[0])
		}
		if _, err := os.Stat(stale); err == nil {
			t.Errorf("unchanged %v: the stale temporary file is still there", unchanged)
		}
		if _, err := os.Stat(running); err != nil {
			t.Errorf("unchanged %v: the temporary file of a running process was removed", unchanged)
		}
	}
}

func TestParseFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []Format
		err  bool
	}{
		{"", nil, false},
		{"pdf", []Format{"pdf"}, false},
		{"epub, pdf", []Format{"epub", "pdf"}, false},
		{"pdf,pdf", []Format{"pdf"}, false},
		{"docx", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseFormats(tt.in)
		if (err != nil) != tt.err || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFormats(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// BenchmarkBuild measures a whole build of the sample (2 languages) per format;
// compare the sub-benchmarks with each other: all ≈ pdf + epub, and both PDFs
// (drawn once, finished twice) cost at most 1.5× the digital one.
func BenchmarkBuild(b *testing.B) {
	for _, bc := range []struct {
		name    string
		formats []Format
	}{{"pdf", []Format{"pdf"}}, {"pdf+print", []Format{"pdf", "print"}}, {"epub", []Format{"epub"}}, {"all", nil}} {
		b.Run(bc.name, func(b *testing.B) {
			out := b.TempDir()
			cfg := sampleConfig(out)
			cfg.Formats = bc.formats
			for i := 0; i < b.N; i++ {
				os.RemoveAll(filepath.Join(out, "civil-society")) // every run writes
				if _, err := Run(context.Background(), cfg, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestJobsSameBytes: the outputs are the same bytes whatever the number of
// workers; a second build into the same folder rewrites nothing.
func TestJobsSameBytes(t *testing.T) {
	t.Parallel()
	read := func(dir string) map[string]string {
		files := map[string]string{}
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(dir, p)
				files[rel] = string(data)
			}
			return err
		})
		return files
	}
	var first map[string]string
	for _, jobs := range []int{1, 4} {
		out := t.TempDir()
		cfg := sampleConfig(out)
		cfg.Jobs = jobs
		cfg.Formats = nil // every format, the web edition's too
		res, err := Run(context.Background(), cfg, nil)
		if err != nil || res.Diags.HasErrors() {
			t.Fatal(err, res.Diags.Error())
		}
		got := read(out)
		if len(got) != 32 { // 6 PDFs and EPUBs, 20 files of the web edition, 6 series' pages
			t.Fatalf("-j %d: %d files", jobs, len(got))
		}
		if first == nil {
			first = got
		} else if !reflect.DeepEqual(got, first) {
			t.Errorf("-j %d gives other bytes than -j 1", jobs)
		}
		again, err := Run(context.Background(), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range again.Outputs {
			if !o.Unchanged {
				t.Errorf("-j %d: an unchanged rebuild rewrote %s", jobs, o.Path)
			}
		}
	}
}

func TestShard(t *testing.T) {
	t.Parallel()
	ids := []string{"a", "b", "civil-society", "d", "e", "f", "g", "h", "i", "j"}
	for _, n := range []int{1, 2, 3, 7} {
		seen := map[string]int{}
		for k := 1; k <= n; k++ {
			for _, id := range (Shard{K: k, N: n}).Filter(ids) {
				seen[id]++
			}
		}
		for _, id := range ids {
			if seen[id] != 1 {
				t.Errorf("%d shards: %s is in %d of them", n, id, seen[id])
			}
		}
	}
	for in, ok := range map[string]bool{"": true, "1/1": true, "2/4": true, "0/4": false, "5/4": false, "x": false, "1/0": false} {
		if _, err := ParseShard(in); (err == nil) != ok {
			t.Errorf("ParseShard(%q): %v", in, err)
		}
	}
}

// TestMemoryDoesNotGrowWithTheSeries: what a build keeps once it is done (its
// result: outputs, reports, diagnostics) is small, whatever the number of
// publications; a typeset document reachable from a report would keep every
// page of every edition alive.
func TestMemoryDoesNotGrowWithTheSeries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a series")
	}
	shared.prefetching.Wait() // a shared build ending between the two would count
	kept := func(n int) uint64 {
		src := filepath.Join(t.TempDir(), "source")
		if _, err := series.Write(src, "../../source/civil-society", n); err != nil {
			t.Fatal(err)
		}
		cfg := Config{Source: src, Layouts: "../../layouts", Fonts: "../../fonts", Out: t.TempDir(), Formats: []Format{"pdf"}}
		res, err := Run(context.Background(), cfg, nil)
		if err != nil || res.Diags.HasErrors() {
			t.Fatal(err, res.Diags.Error())
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		runtime.KeepAlive(res)
		return ms.HeapAlloc
	}
	one, six := kept(1), kept(6)
	if grown := int64(six) - int64(one); grown > 2<<20 {
		t.Errorf("a build of 6 publications keeps %.1f MB more than one of 1", float64(grown)/(1<<20))
	}
}

// TestPublicationsStartInOrder: publications take their workers in the order
// they were named, so the first ones finish first and a long series prints
// its lines as it goes, not at the end; the workers share one cache, which
// the next build takes every edition from. (make test runs it under the
// race detector: the worker pool and the cache at once.)
func TestPublicationsStartInOrder(t *testing.T) {
	t.Parallel()
	src := filepath.Join(t.TempDir(), "source")
	ids, err := series.Write(src, "../../source/civil-society", 6)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Source: src, Layouts: "../../layouts", Fonts: "../../fonts", Out: t.TempDir(),
		Cache: t.TempDir(), Langs: []string{"en"}, Formats: []Format{"epub"}, Jobs: 2}
	var started []int
	cfg.Progress = func(p Progress) {
		if p.Started {
			started = append(started, p.Index) // Run serialises the calls
		}
	}
	if res, err := Run(context.Background(), cfg, ids); err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Error())
	}
	// the workers of a pool run side by side: within a pool's width of order
	for pos, i := range started {
		if i-pos >= cfg.Jobs || pos-i >= cfg.Jobs || len(started) != len(ids) {
			t.Fatalf("publications started in the order %v, want 0 to 5 within %d places", started, cfg.Jobs)
		}
	}
	cfg.Progress = nil
	res, err := Run(context.Background(), cfg, ids)
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Error())
	}
	if len(res.Outputs) != len(ids) {
		t.Errorf("the second build: %d outputs, want %d", len(res.Outputs), len(ids))
	}
	for _, o := range res.Outputs {
		if !o.Cached {
			t.Errorf("the second build: %s not taken from the cache", o.Path)
		}
	}
}
