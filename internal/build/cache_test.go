package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"github.com/folio-pub/folio/internal/testtool"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cachedProject is a copy of the sample, layouts and fonts, with a cache.
func cachedProject(t testing.TB) Config {
	t.Helper()
	root := t.TempDir()
	testtool.CopyDir(t, filepath.Join(root, "source"), "../../source")
	testtool.CopyDir(t, filepath.Join(root, "layouts"), "../../layouts")
	testtool.CopyDir(t, filepath.Join(root, "fonts"), "../../fonts")
	return Config{Source: filepath.Join(root, "source"), Layouts: filepath.Join(root, "layouts"),
		Fonts: filepath.Join(root, "fonts"), Out: filepath.Join(root, "output"), Cache: filepath.Join(root, "cache"),
		Formats: []Format{"pdf", "print", "epub"}} // the web edition's: TestWebCached
}

// built runs a build and returns, per output file name, whether it came from the cache.
func built(t *testing.T, cfg Config) map[string]bool {
	t.Helper()
	res, err := Run(context.Background(), cfg, nil)
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Error())
	}
	got := map[string]bool{}
	for _, o := range res.Outputs {
		got[filepath.Base(o.Path)] = o.Cached
	}
	return got
}

func appendTo(t *testing.T, file, text string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(data, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCacheHitsAndMisses: each kind of input change rebuilds the editions
// that depend on it and only those.
func TestCacheHitsAndMisses(t *testing.T) {
	t.Parallel()
	all := []string{"civil-society.en.pdf", "civil-society.en.print.pdf", "civil-society.en.epub",
		"civil-society.fr.pdf", "civil-society.fr.print.pdf", "civil-society.fr.epub"}
	fr := []string{"civil-society.fr.pdf", "civil-society.fr.print.pdf", "civil-society.fr.epub"}
	tests := []struct {
		name    string
		change  func(t *testing.T, cfg *Config)
		rebuilt []string
	}{
		{"nothing", func(*testing.T, *Config) {}, nil},
		{"a French section", func(t *testing.T, cfg *Config) {
			appendTo(t, filepath.Join(cfg.Source, "civil-society", "fr", "01-qu-est-ce-que-la-societe-civile.md"), "\nUne phrase de plus.\n")
		}, fr},
		{"an image", func(t *testing.T, cfg *Config) {
			appendTo(t, filepath.Join(cfg.Source, "civil-society", "images", "civil-society-roles.png"), "\x00")
		}, all},
		{"publication.yaml", func(t *testing.T, cfg *Config) {
			appendTo(t, filepath.Join(cfg.Source, "civil-society", "publication.yaml"), "# a comment\n")
		}, all},
		{"the layout", func(t *testing.T, cfg *Config) {
			appendTo(t, filepath.Join(cfg.Layouts, "backgrounder.yaml"), "# a comment\n")
		}, all},
		{"the layout it extends", func(t *testing.T, cfg *Config) {
			appendTo(t, filepath.Join(cfg.Layouts, "base.yaml"), "# a comment\n")
		}, all},
		{"the French words", func(t *testing.T, cfg *Config) {
			appendTo(t, filepath.Join(cfg.Layouts, "i18n", "fr.yaml"), "# a comment\n")
		}, fr},
		{"the fonts", func(t *testing.T, cfg *Config) {
			appendTo(t, filepath.Join(cfg.Fonts, "fonts.yaml"), "# a comment\n")
		}, all},
		{"an empty folder in the French folder", func(t *testing.T, cfg *Config) {
			if err := os.Mkdir(filepath.Join(cfg.Source, "civil-society", "fr", "drafts"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, fr},
		{"a FIFO and a link to /dev/zero, unused, in the French folder", func(t *testing.T, cfg *Config) {
			fr := filepath.Join(cfg.Source, "civil-society", "fr")
			if err := errors.Join(syscall.Mkfifo(filepath.Join(fr, "pipe"), 0o644), os.Symlink("/dev/zero", filepath.Join(fr, "zero"))); err != nil {
				t.Fatal(err)
			}
		}, fr},
		{"--force", func(_ *testing.T, cfg *Config) { cfg.Force = true }, all},
	}
	cfg := cachedProject(t)
	for name, cached := range built(t, cfg) {
		if cached {
			t.Fatalf("%s cached in an empty cache", name)
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg
			tc.change(t, &c)
			got := built(t, c)
			if len(got) != 6 {
				t.Fatalf("%d outputs", len(got))
			}
			for name, cached := range got {
				want := true
				for _, r := range tc.rebuilt {
					if r == name {
						want = false
					}
				}
				if cached != want {
					t.Errorf("%s: cached %v, want %v", name, cached, want)
				}
			}
		})
	}
	// A format asked alone is its own entry.
	c := cfg
	c.Formats = []Format{"epub"}
	for name, cached := range built(t, c) {
		if cached {
			t.Errorf("--format epub: %s came from the entry of both formats", name)
		}
	}
}

// TestCacheDamaged: a damaged or partial entry is rebuilt, never copied out.
func TestCacheDamaged(t *testing.T) {
	t.Parallel()
	cfg := cachedProject(t)
	built(t, cfg)
	want, err := os.ReadFile(filepath.Join(cfg.Out, "civil-society", "civil-society.en.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var damaged int
	filepath.WalkDir(cfg.Cache, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, "file.pdf") {
			os.WriteFile(p, []byte("%PDF-1.4 damaged"), 0o644)
			damaged++
		}
		if err == nil && strings.HasSuffix(p, "file.epub") {
			os.Remove(p) // partial
		}
		return err
	})
	if damaged != 2 {
		t.Fatalf("%d cached PDFs damaged, want 2", damaged)
	}
	for name, cached := range built(t, cfg) {
		if cached {
			t.Errorf("%s came from a damaged entry", name)
		}
	}
	got, _ := os.ReadFile(filepath.Join(cfg.Out, "civil-society", "civil-society.en.pdf"))
	if string(got) != string(want) {
		t.Error("the rebuilt PDF differs from the first build")
	}
	// the damaged entries were replaced
	for name, cached := range built(t, cfg) {
		if !cached {
			t.Errorf("%s: the entry was not stored again", name)
		}
	}
}

// TestCacheProfile: the printer's profile that a layout names is an input of
// every edition, though it is not a layout file.
func TestCacheProfile(t *testing.T) {
	t.Parallel()
	cfg := cachedProject(t)
	profile := func(version byte) {
		b := make([]byte, 132) // the header of a CMYK output profile
		copy(b[12:], "prtrCMYKLab ")
		copy(b[36:], "acsp")
		b[8] = version
		if err := os.WriteFile(filepath.Join(cfg.Layouts, "printer.icc"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	profile(2)
	appendTo(t, filepath.Join(cfg.Layouts, "backgrounder.yaml"), "print: {condition: FOGRA39, profile: printer.icc}\n")
	built(t, cfg)
	for name, cached := range built(t, cfg) {
		if !cached {
			t.Errorf("%s: rebuilt with nothing changed", name)
		}
	}
	profile(4)
	for name, cached := range built(t, cfg) {
		if cached {
			t.Errorf("%s: taken from the cache after the profile changed", name)
		}
	}
}

// TestImageMemo: what a check found of an image is kept under its path, size
// and time, and a file that changed since is checked again; a memo edited
// since it was stored is not trusted, though it still reads as JSON.
func TestImageMemo(t *testing.T) {
	t.Parallel()
	m := imageMemo{newCache(Config{Cache: t.TempDir()})}
	mod := time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC)
	if _, _, _, ok := m.Load("images/x.png", 10, mod); ok {
		t.Fatal("found in an empty memo")
	}
	m.Store("images/x.png", 10, mod, "png", 30, 20)
	if f, w, h, ok := m.Load("images/x.png", 10, mod); !ok || f != "png" || w != 30 || h != 20 {
		t.Errorf("loaded %s %dx%d %v", f, w, h, ok)
	}
	for _, c := range []struct {
		size int64
		mod  time.Time
	}{{11, mod}, {10, mod.Add(time.Nanosecond)}} {
		if _, _, _, ok := m.Load("images/x.png", c.size, c.mod); ok {
			t.Errorf("a changed file (%d bytes, %v) was found", c.size, c.mod)
		}
	}
	file := m.file("images/x.png", 10, mod)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `"width":30`, `"width":3000`, 1)
	if edited == string(data) {
		t.Fatalf("the memo has no width to edit: %s", data)
	}
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, w, h, ok := m.Load("images/x.png", 10, mod); ok {
		t.Errorf("an edited memo was trusted: %s %dx%d", f, w, h)
	}
}

// TestProgramMemo: the executable's hash is read once into the cache folder
// and trusted from there while the executable keeps its size and time; a
// damaged memo is not trusted, and the executable is read again.
func TestProgramMemo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	want, err := programHash(exe)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := newCache(Config{Cache: dir}).program(); err != nil || got != want {
		t.Fatalf("first run: %q, %v; want %q", got, err, want)
	}
	memos, _ := filepath.Glob(filepath.Join(dir, "programs", "*", "*"))
	if len(memos) != 1 {
		t.Fatalf("%d program memos, want 1", len(memos))
	}
	kept := strings.Repeat("ab", sha256.Size) // a hash only the memo knows
	for _, c := range []struct{ memo, want string }{
		{string(seal([]byte(kept))), kept},                    // trusted: the executable is not read again
		{kept, want},                                          // not sealed: edited, so read again
		{string(seal([]byte("not a hash\n"))), want},          // damaged: read again, and kept again
		{string(seal([]byte(kept)))[:2*sha256.Size+10], want}, // cut short
	} {
		if err := os.WriteFile(memos[0], []byte(c.memo), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := newCache(Config{Cache: dir}).program(); err != nil || got != c.want {
			t.Errorf("memo %q: %q, %v; want %q", c.memo, got, err, c.want)
		}
	}
	if data, _ := os.ReadFile(memos[0]); string(data) != string(seal([]byte(want))) {
		t.Errorf("after a damaged memo, it holds %q, want %q", data, want)
	}
}

// TestCachePublicationRecord: an unchanged publication comes whole from the
// cache, with the warnings its build gave, and is not read again; a damaged
// record, or a record whose editions left the cache, falls back to building.
func TestCachePublicationRecord(t *testing.T) {
	t.Parallel()
	cfg := cachedProject(t)
	// a warning from reading the source, which a build from the record repeats
	if err := os.WriteFile(filepath.Join(cfg.Source, "civil-society", "en", "draft.txt"), []byte("Draft\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func() (*Result, string) {
		t.Helper()
		res, err := Run(context.Background(), cfg, nil)
		if err != nil || res.Diags.HasErrors() {
			t.Fatal(err, res.Diags.Error())
		}
		return res, res.Diags.Error()
	}
	_, warnings := run()
	if !strings.Contains(warnings, "draft.txt") {
		t.Fatalf("no warning about draft.txt: %q", warnings)
	}
	records, _ := filepath.Glob(filepath.Join(cfg.Cache, "publications", "*", "*.json"))
	if len(records) != 1 {
		t.Fatalf("%d publication records, want 1", len(records))
	}
	res, again := run()
	if again != warnings {
		t.Errorf("from the record, the warnings are %q, want %q", again, warnings)
	}
	for _, o := range res.Outputs {
		if !o.Cached || !o.Unchanged {
			t.Errorf("%s: cached %v, unchanged %v", o.Path, o.Cached, o.Unchanged)
		}
	}
	// The record is what a build of the unchanged publication uses: what it
	// says is reported, though the source does not say it; but only when it
	// is as the cache sealed it, not edited since.
	sealed, _ := os.ReadFile(records[0])
	data, _ := unseal(sealed)
	recorded := []byte(strings.Replace(string(data), "draft.txt", "recorded.txt", 1))
	if err := os.WriteFile(records[0], seal(recorded), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, got := run(); !strings.Contains(got, "recorded.txt") {
		t.Errorf("the record was not used: %q", got)
	}
	if err := os.WriteFile(records[0], append(sealed[:2*sha256.Size+1:2*sha256.Size+1], recorded...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, got := run(); got != warnings {
		t.Errorf("an edited record was trusted: the warnings are %q, want %q", got, warnings)
	}
	// damaged: built from the editions' entries, with the source's warnings
	os.WriteFile(records[0], []byte("{damaged"), 0o644)
	if _, got := run(); got != warnings {
		t.Errorf("with a damaged record, the warnings are %q, want %q", got, warnings)
	}
	// the editions' entries gone: built again
	entries, _ := filepath.Glob(filepath.Join(cfg.Cache, "[0-9a-f][0-9a-f]"))
	for _, e := range entries {
		os.RemoveAll(e)
	}
	res, got := run()
	if got != warnings {
		t.Errorf("rebuilt, the warnings are %q, want %q", got, warnings)
	}
	for _, o := range res.Outputs {
		if o.Cached || !o.Unchanged {
			t.Errorf("%s: cached %v, unchanged %v; want built again, the same bytes", o.Path, o.Cached, o.Unchanged)
		}
	}
}

// TestCheckReadsCache: folio check takes what builds stored, so an unchanged
// publication needs no reading, and stores and marks nothing.
func TestCheckReadsCache(t *testing.T) {
	t.Parallel()
	cfg := cachedProject(t)
	built(t, cfg)
	snapshot := func() map[string]time.Time {
		got := map[string]time.Time{}
		filepath.WalkDir(cfg.Cache, func(p string, d os.DirEntry, err error) error {
			if err == nil {
				if fi, err := d.Info(); err == nil {
					got[p] = fi.ModTime()
				}
			}
			return err
		})
		return got
	}
	before := snapshot()
	check := cfg
	check.DryRun = true
	fromCache := built(t, check)
	for name, cached := range fromCache {
		if !cached {
			t.Errorf("check: %s was checked again, not taken from the cache", name)
		}
	}
	appendTo(t, filepath.Join(cfg.Source, "civil-society", "fr", "01-qu-est-ce-que-la-societe-civile.md"), "\nUne phrase de plus.\n")
	for name, cached := range built(t, check) {
		if fr := strings.Contains(name, ".fr."); cached == fr {
			t.Errorf("check after a French change: %s cached %v", name, cached)
		}
	}
	if after := snapshot(); !reflect.DeepEqual(before, after) {
		t.Errorf("check changed the cache: %d paths before, %d after", len(before), len(after))
	}
}

// TestCacheBuiltins: with no layouts or fonts folder the built-in files are
// used, named in the key (the executable holds them); a local file that
// overrides one changes the key of the editions that read it, even with the
// same bytes, and a local file no edition reads changes none.
func TestCacheBuiltins(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	testtool.CopyDir(t, filepath.Join(root, "source"), "testdata/de/source")
	cfg := Config{Source: filepath.Join(root, "source"), Out: filepath.Join(root, "output"), Cache: filepath.Join(root, "cache"), Formats: []Format{"pdf"}}
	layouts, fontsDir := filepath.Join(root, "layouts"), filepath.Join(root, "fonts")
	tests := []struct {
		name   string
		change func(t *testing.T, cfg *Config)
		cached bool
	}{
		{"the built-ins alone", func(*testing.T, *Config) {}, false},
		{"again", func(*testing.T, *Config) {}, true},
		{"an empty layouts folder", func(t *testing.T, cfg *Config) {
			os.MkdirAll(filepath.Join(layouts, "i18n"), 0o755)
			cfg.Layouts = layouts
		}, true},
		{"a local layout the edition does not use", func(t *testing.T, cfg *Config) {
			os.WriteFile(filepath.Join(layouts, "custom.yaml"), []byte("extends: base\n"), 0o644)
		}, true},
		{"a local copy of the built-in words", func(t *testing.T, cfg *Config) {
			data, _ := os.ReadFile("../../layouts/i18n/de.yaml")
			os.WriteFile(filepath.Join(layouts, "i18n", "de.yaml"), data, 0o644)
		}, false},
		{"a local copy of the built-in base layout", func(t *testing.T, cfg *Config) {
			data, _ := os.ReadFile("../../layouts/base.yaml")
			os.WriteFile(filepath.Join(layouts, "base.yaml"), data, 0o644)
		}, false},
		{"a local copy of the font manifest", func(t *testing.T, cfg *Config) {
			testtool.CopyDir(t, fontsDir, "../../fonts")
			cfg.Fonts = fontsDir
		}, false},
		{"no local files again", func(t *testing.T, cfg *Config) { cfg.Layouts, cfg.Fonts = "", "" }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.change(t, &cfg)
			got := built(t, cfg)
			if len(got) != 1 {
				t.Fatalf("%d outputs, want the German PDF", len(got))
			}
			for name, cached := range got {
				if cached != tc.cached {
					t.Errorf("%s: cached %v, want %v", name, cached, tc.cached)
				}
			}
		})
	}
}
