package build

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"time"
)

// The cache keeps what builds use and forgets the rest: every entry a build
// reads has its time set to the build's, and entries unused for
// cacheMaxAge are removed, at most once every prunePeriod (a stamp file in
// the cache folder says when it last happened). A series that changes every
// day thus holds about a month of versions, not every version ever built.
const (
	cacheMaxAge = 30 * 24 * time.Hour
	prunePeriod = 24 * time.Hour
	pruneStamp  = "pruned"
)

// used marks path as used by this build (see markUsed), unless the cache is read only.
func (c *cache) used(path string) {
	if !c.readOnly {
		markUsed(path)
	}
}

// markUsed marks path (an entry's folder, a record or a memo) as used by
// this build, so that pruning keeps it. A failure only makes it older.
func markUsed(path string) {
	now := time.Now()
	os.Chtimes(path, now, now)
}

// prune removes the entries, records and memos unused for cacheMaxAge, and
// the temporaries of builds killed while storing, unless the cache was pruned
// within prunePeriod of now. An entry another build is reading when it goes
// is a miss for that build, which stores it again.
func (c *cache) prune(now time.Time) {
	stamp := filepath.Join(c.dir, pruneStamp)
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < prunePeriod {
		return
	}
	old := func(path string) bool {
		fi, err := os.Lstat(path)
		return err == nil && now.Sub(fi.ModTime()) > cacheMaxAge
	}
	top, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, d := range top {
		if !d.IsDir() {
			continue
		}
		dir := filepath.Join(c.dir, d.Name())
		switch {
		case len(d.Name()) == 2 && hexPrefix(d.Name()) == 2: // edition entries, and temporaries of their stores
			removeOld(dir, old)
		case isMemoKind(d.Name()):
			subs, _ := os.ReadDir(dir)
			for _, s := range subs {
				if s.IsDir() {
					removeOld(filepath.Join(dir, s.Name()), old)
				}
			}
		}
	}
	if f, err := os.Create(stamp); err == nil {
		f.Close()
		os.Chtimes(stamp, now, now)
	}
}

// removeOld removes what dir holds that folio stored and old says is old,
// and dir when that leaves it empty.
func removeOld(dir string, old func(string) bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	left := len(entries)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if !isCacheName(filepath.Base(dir), e.Name()) {
			continue // not folio's: a --cache given by mistake loses nothing
		}
		if old(p) && os.RemoveAll(p) == nil {
			left--
		}
	}
	if left == 0 {
		os.Remove(dir) // fails, harmlessly, when a build has just stored something there
	}
}

// isMemoKind reports the cache folder's folders of small files (see memoFile
// and pubFile), each file in a folder named by the first two characters of its key.
func isMemoKind(name string) bool {
	switch name {
	case "publications", "images", "programs":
		return true
	}
	return false
}

// isCacheName reports a name folio gives in a cache folder named parent (the
// first two characters of the keys it holds): a key, a key with ".json", or a
// temporary (a dot, then the key or its first eight characters, ending in
// ".tmp"). Anything else is left alone.
func isCacheName(parent, name string) bool {
	n := name
	temp := name[0] == '.'
	if temp {
		n = n[1:]
	}
	h := hexPrefix(n)
	switch {
	case h < 8 || n[:2] != parent:
		return false
	case temp:
		return len(name) > 5 && name[len(name)-4:] == ".tmp"
	}
	return h == 2*sha256.Size && (len(n) == h || n[h:] == ".json")
}

// hexPrefix is the number of lower-case hexadecimal digits s starts with.
func hexPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return i
		}
	}
	return len(s)
}
