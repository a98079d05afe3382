package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCachePrune: what a build uses is kept, whatever its age; entries,
// records and memos unused for a month go, with the folders they leave
// empty; pruning happens at most once a day.
func TestCachePrune(t *testing.T) {
	t.Parallel()
	cfg := cachedProject(t)
	for _, b := range built(t, cfg) {
		if b {
			t.Fatal("the first build came from the cache")
		}
	}
	// everything the first build stored is two months old...
	longAgo := time.Now().Add(-60 * 24 * time.Hour)
	age := func(p string) {
		if err := os.Chtimes(p, longAgo, longAgo); err != nil {
			t.Fatal(err)
		}
	}
	filepath.WalkDir(cfg.Cache, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != cfg.Cache {
			age(p)
		}
		return err
	})
	// ...and a second build, from the cache, uses it again
	for name, b := range built(t, cfg) {
		if !b {
			t.Fatalf("%s was built again", name)
		}
	}
	// unused for two months: an edition entry, a record, an image memo, a
	// temporary of a killed store
	// (in folders of their own: the builds' entries, named by digests that
	// change with the test binary, may share any prefix)
	key := func(prefix string) string { return prefix + strings.Repeat("0", 64-len(prefix)) }
	ed := freePrefix(t, cfg.Cache)
	pub := freePrefix(t, filepath.Join(cfg.Cache, "publications"))
	img := freePrefix(t, filepath.Join(cfg.Cache, "images"))
	prog := freePrefix(t, filepath.Join(cfg.Cache, "programs"))
	unused := []string{
		filepath.Join(cfg.Cache, ed, key(ed)),
		filepath.Join(cfg.Cache, "publications", pub, key(pub)+".json"),
		filepath.Join(cfg.Cache, "images", img, key(img)+".json"),
		filepath.Join(cfg.Cache, "programs", prog, key(prog)),
		filepath.Join(cfg.Cache, ed, "."+ed+"00aa11.123.tmp"),
	}
	// not folio's (a --cache given by mistake): never removed, however old
	foreign := []string{
		filepath.Join(cfg.Cache, "en", "01-section.md"),
		filepath.Join(cfg.Cache, "ab", "notes.txt"),
		filepath.Join(cfg.Cache, "images", "ab", "photo.png"),
	}
	plant := func() {
		for _, p := range unused {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
				t.Fatal(err)
			}
			age(p)
		}
	}
	plant()
	for _, p := range foreign {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		age(p)
	}
	os.Remove(filepath.Join(cfg.Cache, pruneStamp)) // as if last pruned long ago
	c := newCache(cfg)
	c.prune(time.Now())
	for _, p := range unused {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
	for _, p := range foreign {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s, not folio's, was removed", p)
		}
	}
	for _, dir := range []string{ed, "publications/" + pub, "images/" + img, "programs/" + prog} {
		if _, err := os.Stat(filepath.Join(cfg.Cache, dir)); err == nil {
			t.Errorf("the emptied folder %s is still there", dir)
		}
	}
	for name, b := range built(t, cfg) {
		if !b {
			t.Errorf("%s was built again after pruning", name)
		}
	}
	// pruned a moment ago: not again today
	plant()
	c.prune(time.Now())
	for _, p := range unused {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s went, though the cache was pruned within the day", p)
		}
	}
}

// freePrefix returns a folder name of two hex digits that dir does not have.
func freePrefix(t *testing.T, dir string) string {
	t.Helper()
	for i := 0xff; i >= 0; i-- {
		name := fmt.Sprintf("%02x", i)
		if _, err := os.Stat(filepath.Join(dir, name)); os.IsNotExist(err) {
			return name
		}
	}
	t.Fatalf("every prefix is taken in %s", dir)
	return ""
}
