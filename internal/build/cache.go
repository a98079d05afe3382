package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
)

// cache keeps rendered editions under a key of everything they depend on, so
// that an unchanged edition is neither typeset nor rendered again. Entries are
// written whole (a temporary folder renamed into place) and checked on every
// read: a damaged or partial entry is a miss, never copied out.
type cache struct {
	dir      string
	readOnly bool // folio check: entries are read, nothing is stored or marked

	mu     sync.Mutex
	hashes map[string]string // file or folder → its hash, for this run
}

// cacheEntry is the manifest of one entry: the files and the warnings the
// edition gave when it was built.
type cacheEntry struct {
	Files    []cachedFile      `json:"files"`
	Warnings []diag.Diagnostic `json:"warnings"`
	Stats    *page.Stats       `json:"stats,omitempty"` // the typesetting figures, for the report
}

type cachedFile struct {
	Suffix string `json:"suffix"`
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages"`
}

func newCache(dir string) *cache {
	return &cache{dir: dir, hashes: map[string]string{}}
}

// key is the cache key of an edition: the folio executable, the formats
// wanted, the layout files, the words file, the fonts, the publication
// folder's path and every file in it but the other languages' folders, and
// the files of sections set from another language with that language's words.
// A built-in file is named, not read: the executable holds it. fontsDir is
// the fonts folder ("" for the built-in fonts alone), layouts the folder the
// words files are read from.
func (c *cache) key(fontsDir string, layouts *overlay.Dir, formats []Format, ed *resolve.Edition) (string, error) {
	k, err := c.newKey("folio-cache-1", formats, ed.Pub.Dir)
	if err != nil {
		return "", err
	}
	write := k.write
	// the printer's profile, read with the layout, is an input too
	if data := ed.Layout.Print.Profile.Data; data != nil {
		write("print-profile", fmt.Sprintf("%x", sha256.Sum256(data)))
	}
	inputs := append([]string(nil), ed.Layout.Files...)
	inputs = append(inputs, ed.Words.File, fontsDir)
	if ed.Words.PatternFile != "" {
		inputs = append(inputs, ed.Words.PatternFile)
	}
	if err := k.files(c, inputs...); err != nil {
		return "", err
	}
	// The publication folder, without the other editions' folders.
	pub := ed.Pub
	err = filepath.WalkDir(pub.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(pub.Dir, p)
		if d.IsDir() {
			if rel != "." && rel != ed.Lang && slices.Contains(pub.Languages, rel) {
				return filepath.SkipDir
			}
			return nil
		}
		hv, err := c.hash(p)
		if err != nil {
			return err
		}
		write(filepath.ToSlash(rel), hv)
		return nil
	})
	if err != nil {
		return "", err
	}
	// Sections of another language set in this edition (--allow-missing),
	// and that language's words file, whose rules they get.
	for _, s := range ed.Sections {
		if s.Lang == "" {
			continue
		}
		words, _ := layouts.Find("i18n/" + s.Lang + ".yaml")
		write("in " + s.Lang)
		if err := k.files(c, s.Doc.File, words); err != nil {
			return "", err
		}
	}
	return k.sum(), nil
}

// keyHash builds a cache key: a digest of parts, each written with its
// length, so that no two lists of parts give the same bytes.
type keyHash struct{ h hash.Hash }

// newKey starts a key of the kind given: the folio program, then parts, then
// the formats wanted.
func (c *cache) newKey(kind string, formats []Format, parts ...string) (*keyHash, error) {
	exe, err := c.program()
	if err != nil {
		return nil, err
	}
	k := &keyHash{sha256.New()}
	k.write(kind, exe)
	k.write(parts...)
	for _, f := range formats {
		k.write(string(f))
	}
	return k, nil
}

func (k *keyHash) write(parts ...string) {
	for _, p := range parts {
		fmt.Fprintf(k.h, "%d:%s\n", len(p), p)
	}
}

// files writes each path with the hash of its file, or of every file in its
// folder. A built-in file, or no folder (""), is written as it is named: the
// folio executable, already in the key, holds the built-in files.
func (k *keyHash) files(c *cache, paths ...string) error {
	for _, p := range paths {
		if p == "" || overlay.IsBuiltin(p) {
			k.write(p, "built in")
			continue
		}
		hv, err := c.hash(p)
		if err != nil {
			return err
		}
		k.write(p, hv)
	}
	return nil
}

func (k *keyHash) sum() string { return hex.EncodeToString(k.h.Sum(nil)) }

// program returns the hash of the running folio executable. Reading the
// whole executable costs about 10 ms, more than an unchanged publication, so
// its hash is kept in the cache folder under the file's path, size and time
// (as image checks are, see imageMemo): a rebuilt or replaced folio has
// another time and is read again.
func (c *cache) program() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.hashes[exe]; ok {
		return v, nil
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	memo := memoFile(c.dir, "programs", exe, fi.Size(), fi.ModTime())
	if data, err := os.ReadFile(memo); err == nil && isHash(string(data)) {
		c.used(memo)
		c.hashes[exe] = string(data)
		return string(data), nil
	}
	v, err := c.hashLocked(exe)
	if err != nil {
		return "", err
	}
	if !c.readOnly {
		replaceFile(memo, []byte(v)) // a failure to keep it only costs reading it again
	}
	return v, nil
}

// isHash reports whether s is a hexadecimal SHA-256 digest, as fileHash writes.
func isHash(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// pubEntry is the record of a publication built with no error: the cache
// key of each edition, and the publication's warnings (those of its source,
// its translation checks and its editions), in the order they were given.
type pubEntry struct {
	Editions    []pubEdition      `json:"editions"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
}

type pubEdition struct {
	Lang string `json:"lang"`
	Key  string `json:"key"`
}

// pubKey is the key of a publication's record: the folio executable, the
// flags that change what is built or reported (languages, formats, --strict,
// --allow-missing), the whole layouts folder (layouts, words files,
// hyphenation patterns, print profiles), the fonts, the series' termbase and
// every file of the publication's folder, every language's. It is coarser
// than an edition's key, and cheap: it needs no reading of the source.
func (c *cache) pubKey(cfg Config, formats []Format, id string) (string, error) {
	dir := filepath.Join(cfg.Source, id)
	k, err := c.newKey("folio-pub-1", formats, dir, strings.Join(cfg.Langs, ","), fmt.Sprint(cfg.Strict, cfg.AllowMissing))
	if err != nil {
		return "", err
	}
	inputs := []string{cfg.Layouts, cfg.Fonts, dir} // "" for none: the built-in files alone
	if terms := filepath.Join(cfg.Source, "terms.yaml"); fileExists(terms) {
		inputs = append(inputs, terms)
	}
	if err := k.files(c, inputs...); err != nil {
		return "", err
	}
	return k.sum(), nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func (c *cache) pubFile(key string) string {
	return filepath.Join(c.dir, "publications", key[:2], key+".json")
}

// getPub returns the record stored under key.
func (c *cache) getPub(key string) (*pubEntry, bool) {
	data, err := os.ReadFile(c.pubFile(key))
	if err != nil {
		return nil, false
	}
	var e pubEntry
	if json.Unmarshal(data, &e) != nil || len(e.Editions) == 0 {
		return nil, false
	}
	c.used(c.pubFile(key))
	return &e, true
}

// putPub stores the record of a publication whose editions are all in the
// cache; warnings are the publication's (it had no error).
func (c *cache) putPub(key string, editions []editionResult, warnings []diag.Diagnostic) error {
	if c.readOnly {
		return nil
	}
	e := pubEntry{Diagnostics: warnings}
	for _, ed := range editions {
		if ed.key == "" {
			return nil // not cached: nothing to record
		}
		e.Editions = append(e.Editions, pubEdition{Lang: ed.lang, Key: ed.key})
	}
	if len(e.Editions) == 0 {
		return nil
	}
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return replaceFile(c.pubFile(key), data)
}

// replaceFile writes a cache file whole, or not at all: to a temporary file
// beside it, renamed into place. A cache file is checked when read, so it is
// not synced as an output is.
func replaceFile(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// hash returns the hash of a file, or of every file in a folder, once a run:
// a file is read once whatever keys name it, alone or in its folder.
func (c *cache) hash(path string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hashLocked(path)
}

func (c *cache) hashLocked(path string) (string, error) {
	if v, ok := c.hashes[path]; ok {
		return v, nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	var v string
	if !fi.IsDir() {
		v, err = fileHash(path)
	} else {
		h := sha256.New()
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			fv, err := c.hashLocked(p)
			rel, _ := filepath.Rel(path, p)
			fmt.Fprintf(h, "%s %s\n", filepath.ToSlash(rel), fv)
			return err
		})
		v = hex.EncodeToString(h.Sum(nil))
	}
	if err != nil {
		return "", err
	}
	c.hashes[path] = v
	return v, nil
}

func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (c *cache) entryDir(key string) string { return filepath.Join(c.dir, key[:2], key) }

// get returns the files of an entry (marked cached), with base as their path stem, its
// warnings and typesetting figures; ok is false on a miss (absent, partial
// or damaged entry).
func (c *cache) get(key, base string) (files []rendered, warnings []diag.Diagnostic, stats *page.Stats, ok bool) {
	dir := c.entryDir(key)
	data, err := os.ReadFile(filepath.Join(dir, "entry.json"))
	if err != nil {
		return nil, nil, nil, false
	}
	var e cacheEntry
	if json.Unmarshal(data, &e) != nil || len(e.Files) == 0 {
		os.RemoveAll(dir) // damaged: the build stores a new one
		return nil, nil, nil, false
	}
	for _, f := range e.Files {
		data, err := os.ReadFile(filepath.Join(dir, "file"+f.Suffix))
		if err != nil || sum(sha256.New(), data) != f.SHA256 {
			os.RemoveAll(dir)
			return nil, nil, nil, false
		}
		files = append(files, rendered{path: base + f.Suffix, data: data, pages: f.Pages, cached: true})
	}
	c.used(dir)
	return files, e.Warnings, e.Stats, true
}

// put stores an edition's files, warnings and typesetting figures under key.
func (c *cache) put(key, base string, files []rendered, warnings []diag.Diagnostic, stats *page.Stats) error {
	if c.readOnly {
		return nil
	}
	dir := c.entryDir(key)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+key[:8]+".*.tmp")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	e := cacheEntry{Warnings: warnings, Stats: stats}
	for _, f := range files {
		suffix := strings.TrimPrefix(f.path, base)
		if err := os.WriteFile(filepath.Join(tmp, "file"+suffix), f.data, 0o644); err != nil {
			return err
		}
		e.Files = append(e.Files, cachedFile{Suffix: suffix, SHA256: sum(sha256.New(), f.data), Pages: f.pages})
	}
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "entry.json"), data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ENOTEMPTY) {
			return nil // another build stored it first
		}
		return err
	}
	return nil
}

func sum(h hash.Hash, data []byte) string {
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// imageMemo keeps what the full check of each image file found, in the cache
// folder, under a key of the file's path, size and time: an unchanged build
// decodes no image again. It implements markdown.ImageMemo.
type imageMemo struct{ dir string }

type imageFacts struct {
	Format string `json:"format"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// memoFile is where the cache folder dir keeps, in its folder kind, what was
// learnt of the file at path when it had that size and time.
func memoFile(dir, kind, path string, size int64, mod time.Time) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	key := sum(sha256.New(), fmt.Appendf(nil, "%s\x00%d\x00%d", abs, size, mod.UnixNano()))
	return filepath.Join(dir, kind, key[:2], key)
}

func (m imageMemo) file(path string, size int64, mod time.Time) string {
	return memoFile(m.dir, "images", path, size, mod) + ".json"
}

// Load returns what an earlier run found of the file.
func (m imageMemo) Load(path string, size int64, mod time.Time) (format string, width, height int, ok bool) {
	file := m.file(path, size, mod)
	data, err := os.ReadFile(file)
	if err != nil {
		return "", 0, 0, false
	}
	var f imageFacts
	if json.Unmarshal(data, &f) != nil || f.Format == "" || f.Width <= 0 || f.Height <= 0 {
		return "", 0, 0, false
	}
	markUsed(file)
	return f.Format, f.Width, f.Height, true
}

// Store keeps what the check found; a failure to keep it only costs a decode later.
func (m imageMemo) Store(path string, size int64, mod time.Time, format string, width, height int) {
	if data, err := json.Marshal(imageFacts{format, width, height}); err == nil {
		replaceFile(m.file(path, size, mod), data)
	}
}
