package build

import (
	"bytes"
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
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/safefile"
	"github.com/folio-pub/folio/internal/style"
)

// cache keeps rendered editions under a key of everything they depend on, so
// that an unchanged edition is neither typeset nor rendered again. Entries are
// written whole (a temporary folder renamed into place) and checked on every
// read: a damaged or partial entry is a miss, never copied out; every file of
// the cache folder is sealed with the hash of its content (see seal), so an
// edited one is a miss too.
//
// The cache can only make a build faster, never fail it: the first failure
// to read or write the cache folder (a file named as the folder, a full
// disk) is kept, the cache is not used again in the build, and Run reports
// it once, as a warning.
type cache struct {
	dir      string
	readOnly bool // folio check: entries are read, nothing is stored or marked
	// the folders inputs are read from, by the rule of package safefile
	source, layouts, fonts string
	// skip is a folder left out of the publication folders' keys: the output
	// folder, when it is inside the source folder
	skip string

	mu     sync.Mutex
	hashes map[string]string // file or folder → its hash, for this run

	faultMu sync.Mutex
	fault   error // the first failure of the cache folder; nil while it works
}

// cacheEntry is the manifest of one entry: the files and the warnings the
// edition gave when it was built.
type cacheEntry struct {
	Files    []cachedFile      `json:"files"`
	Warnings []diag.Diagnostic `json:"warnings"`
	Stats    *page.Stats       `json:"stats,omitempty"` // the typesetting figures, for the report
}

type cachedFile struct {
	// Name is the file's path in the publication's output folder,
	// slash-separated; Data the file in the entry that holds its bytes.
	Name   string `json:"name"`
	Data   string `json:"data"`
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages"`
}

func newCache(cfg Config) *cache {
	c := &cache{dir: cfg.Cache, source: cfg.Source, layouts: cfg.Layouts, fonts: cfg.Fonts, hashes: map[string]string{}}
	if within(cfg.Source, cfg.Out) {
		c.skip = cfg.Out
	}
	return c
}

// failed keeps the first failure of the cache folder, after which the cache
// is not used.
func (c *cache) failed(err error) {
	c.faultMu.Lock()
	defer c.faultMu.Unlock()
	if c.fault == nil {
		c.fault = err
	}
}

// broken returns the failure that stopped the cache, or nil.
func (c *cache) broken() error {
	c.faultMu.Lock()
	defer c.faultMu.Unlock()
	return c.fault
}

// seal returns data as the cache keeps it: the SHA-256 of data in
// hexadecimal, a newline, then data.
func seal(data []byte) []byte {
	return append([]byte(sum(sha256.New(), data)+"\n"), data...)
}

// unseal returns the data of a sealed file, or false when the file is not
// as sealed (damaged, cut short, edited).
func unseal(file []byte) ([]byte, bool) {
	h, data, ok := bytes.Cut(file, []byte("\n"))
	if !ok || string(h) != sum(sha256.New(), data) {
		return nil, false
	}
	return data, true
}

// readFile reads a sealed cache file (a record or a memo), by the rule of
// package safefile: its data, or false when it is absent or damaged (then
// removed). Any other failure to read it (a FIFO in its place, say) stops
// the cache.
func (c *cache) readFile(file string) ([]byte, bool) {
	if c.broken() != nil {
		return nil, false
	}
	raw, err := safefile.Read(c.dir, file, limits.YAML)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	} else if safefile.Unnamed(err) {
		c.failed(fmt.Errorf("%s: %w", file, err))
		return nil, false
	} else if err != nil {
		c.failed(err)
		return nil, false
	}
	data, ok := unseal(raw)
	if !ok && !c.readOnly {
		os.Remove(file)
	}
	return data, ok
}

// writeFile writes a sealed cache file whole; a failure stops the cache.
func (c *cache) writeFile(file string, data []byte) {
	if c.readOnly || c.broken() != nil {
		return
	}
	if err := replaceFile(file, seal(data)); err != nil {
		c.failed(err)
	}
}

// key is the cache key of an edition: the folio executable, the formats
// wanted, the layout files, the words file, the fonts, the publication
// folder's path and every file in it but the other languages' folders, and
// the files of sections set from another language with that language's words.
// A built-in file is named, not read: the executable holds it. layouts is
// the layouts folder laid over the built-in one, the words files are found
// in.
func (c *cache) key(layouts *overlay.Dir, formats []Format, ed *resolve.Edition) (string, error) {
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
	for _, w := range append([]*style.Words{ed.Words}, ed.OtherWords()...) {
		// the words of the text's other languages (spans, borrowed sections) too
		inputs = append(inputs, w.File)
		if w.PatternFile != "" {
			inputs = append(inputs, w.PatternFile)
		}
	}
	if err := k.files(c, c.layouts, inputs...); err != nil {
		return "", err
	}
	if err := k.files(c, c.fonts, c.fonts); err != nil {
		return "", err
	}
	// The publication folder, without the other editions' folders.
	pub := ed.Pub
	err = c.walk(pub.Dir, func(e safefile.Entry) error {
		if e.Dir && e.Rel != ed.Lang && slices.Contains(pub.Languages, e.Rel) {
			return fs.SkipDir
		}
		return nil
	}, write)
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
		if err := k.files(c, c.source, s.Doc.File); err != nil {
			return "", err
		}
		if err := k.files(c, c.layouts, words); err != nil {
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

// files writes each path, in the folder root, with the hash of its file, or
// of every file in its folder. A built-in file, or no folder (""), is
// written as it is named: the folio executable, already in the key, holds
// the built-in files.
func (k *keyHash) files(c *cache, root string, paths ...string) error {
	for _, p := range paths {
		if p == "" || overlay.IsBuiltin(p) {
			k.write(p, "built in")
			continue
		}
		hv, err := c.hash(root, p)
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
	if data, ok := c.readFile(memo); ok && isHash(string(data)) {
		c.used(memo)
		c.hashes[exe] = string(data)
		return string(data), nil
	}
	v, err := programHash(exe)
	if err != nil {
		return "", err
	}
	c.hashes[exe] = v
	c.writeFile(memo, []byte(v))
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
	// "" for no folder: the built-in files alone
	if err := k.files(c, c.layouts, c.layouts); err != nil {
		return "", err
	}
	if err := k.files(c, c.fonts, c.fonts); err != nil {
		return "", err
	}
	inputs := []string{dir}
	if terms := filepath.Join(cfg.Source, "terms.yaml"); fileExists(terms) {
		inputs = append(inputs, terms)
	}
	if err := k.files(c, c.source, inputs...); err != nil {
		return "", err
	}
	return k.sum(), nil
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func (c *cache) pubFile(key string) string {
	return filepath.Join(c.dir, "publications", key[:2], key+".json")
}

// getPub returns the record stored under key.
func (c *cache) getPub(key string) (*pubEntry, bool) {
	data, ok := c.readFile(c.pubFile(key))
	if !ok {
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
func (c *cache) putPub(key string, editions []editionResult, warnings []diag.Diagnostic) {
	if c.readOnly {
		return
	}
	e := pubEntry{Diagnostics: warnings}
	for _, ed := range editions {
		if ed.key == "" {
			return // not cached: nothing to record
		}
		e.Editions = append(e.Editions, pubEdition{Lang: ed.lang, Key: ed.key})
	}
	if len(e.Editions) == 0 {
		return
	}
	data, err := json.Marshal(e)
	if err != nil {
		c.failed(err)
		return
	}
	c.writeFile(c.pubFile(key), data)
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

// hash returns the hash of a file, or of every file in a folder, in the
// folder root, once a run: a file is read once whatever keys name it, alone
// or in its folder. Files are read and folders walked by the rule of package
// safefile, so that no entry blocks or is read from outside root: what is not
// a file folio reads (a FIFO, a device, a link out of root) is named in the
// hash by what it is, without being opened.
func (c *cache) hash(root, path string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hashLocked(root, path)
}

func (c *cache) hashLocked(root, path string) (string, error) {
	memo := root + "\x00" + path
	if v, ok := c.hashes[memo]; ok {
		return v, nil
	}
	fi, err := safefile.Stat(root, path)
	var v string
	switch {
	case errors.As(err, new(*safefile.Error)):
		v = "!" + err.Error()
	case err != nil:
		return "", err
	case fi.IsDir():
		h := sha256.New()
		err = c.walkLocked(root, path, nil, func(parts ...string) { fmt.Fprintf(h, "%s\n", strings.Join(parts, " ")) })
		v = hex.EncodeToString(h.Sum(nil))
	default:
		v, err = fileHash(root, path)
		if errors.As(err, new(*safefile.Error)) {
			v, err = "!"+err.Error(), nil
		}
	}
	if err != nil {
		return "", err
	}
	c.hashes[memo] = v
	return v, nil
}

// walk writes the path and hash of every file in dir, a folder of the source
// folder, and what each entry that is not a file folio reads is; skip, when
// not nil, may skip a folder (fs.SkipDir). The output folder is left out.
func (c *cache) walk(dir string, skip func(safefile.Entry) error, write func(parts ...string)) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.walkLocked(c.source, dir, skip, write)
}

func (c *cache) walkLocked(root, dir string, skip func(safefile.Entry) error, write func(parts ...string)) error {
	return safefile.Walk(root, dir, func(e safefile.Entry) error {
		switch {
		case e.Err != nil:
			write(e.Rel, "!"+e.Err.Error())
		case e.Dir:
			if c.skip != "" && sameFile(e.Path, c.skip) {
				return fs.SkipDir
			}
			if skip != nil {
				if err := skip(e); err != nil {
					return err
				}
			}
			write(e.Rel+"/", "folder") // an empty folder counts too: one named as a section is an error

		default:
			fv, err := c.hashLocked(root, e.Path)
			if err != nil {
				return err
			}
			write(e.Rel, fv)
		}
		return nil
	})
}

// within reports whether path is inside the folder root, links resolved
// where they exist.
func within(root, path string) bool {
	real := func(p string) string {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		abs, _ := filepath.Abs(p)
		return abs
	}
	rel, err := filepath.Rel(real(root), real(path))
	return err == nil && filepath.IsLocal(rel)
}

// sameFile reports whether paths a and b are the same file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// fileHash hashes a file of the folder root, read by the rule of package safefile.
func fileHash(root, path string) (string, error) {
	f, err := safefile.Open(root, path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return readerHash(f)
}

// programHash hashes the folio executable.
func programHash(exe string) (string, error) {
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return readerHash(f)
}

func readerHash(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
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
	if fileExists(dir) && !fileExists(filepath.Join(dir, "entry.json")) {
		c.remove(dir) // damaged: the build stores a new one
		return nil, nil, nil, false
	}
	data, ok := c.readFile(filepath.Join(dir, "entry.json"))
	if !ok {
		return nil, nil, nil, false
	}
	var e cacheEntry
	if json.Unmarshal(data, &e) != nil || len(e.Files) == 0 {
		c.remove(dir)
		return nil, nil, nil, false
	}
	for i, f := range e.Files {
		name := filepath.FromSlash(f.Name)
		if !filepath.IsLocal(name) || !filepath.IsLocal(f.Data) || f.Data != dataName(f.Name, filepath.Base(base), i) {
			c.remove(dir)
			return nil, nil, nil, false
		}
		data, err := safefile.Read(c.dir, filepath.Join(dir, f.Data), limits.Output)
		if err != nil || sum(sha256.New(), data) != f.SHA256 {
			c.remove(dir)
			return nil, nil, nil, false
		}
		files = append(files, rendered{path: filepath.Join(filepath.Dir(base), name), data: data, pages: f.Pages, cached: true})
	}
	c.used(dir)
	return files, e.Warnings, e.Stats, true
}

// remove removes a damaged entry, unless the cache is read only.
func (c *cache) remove(dir string) {
	if !c.readOnly {
		os.RemoveAll(dir)
	}
}

// put stores an edition's files, warnings and typesetting figures under key;
// a failure stops the cache.
func (c *cache) put(key, base string, files []rendered, warnings []diag.Diagnostic, stats *page.Stats) {
	if c.readOnly || c.broken() != nil {
		return
	}
	if err := c.store(key, base, files, warnings, stats); err != nil {
		c.failed(err)
	}
}

func (c *cache) store(key, base string, files []rendered, warnings []diag.Diagnostic, stats *page.Stats) error {
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
	for i, f := range files {
		name, err := filepath.Rel(filepath.Dir(base), f.path)
		if err != nil {
			return err
		}
		name = filepath.ToSlash(name)
		data := dataName(name, filepath.Base(base), i)
		if err := os.WriteFile(filepath.Join(tmp, data), f.data, 0o644); err != nil {
			return err
		}
		e.Files = append(e.Files, cachedFile{Name: name, Data: data, SHA256: sum(sha256.New(), f.data), Pages: f.pages})
	}
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "entry.json"), seal(data), 0o644); err != nil {
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

// dataName is the file of an entry that holds the bytes of its file number
// i, name: file.pdf for <id>.<lang>.pdf (stem <id>.<lang>), file-2 for one
// of another name (the web edition's).
func dataName(name, stem string, i int) string {
	if rest, ok := strings.CutPrefix(name, stem); ok && !strings.Contains(rest, "/") {
		return "file" + rest
	}
	return fmt.Sprintf("file-%d", i)
}

func sum(h hash.Hash, data []byte) string {
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// imageMemo keeps what the full check of each image file found, in the cache
// folder, under a key of the file's path, size and time: an unchanged build
// decodes no image again. It implements markdown.ImageMemo.
type imageMemo struct{ c *cache }

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
	return memoFile(m.c.dir, "images", path, size, mod) + ".json"
}

// Load returns what an earlier run found of the file.
func (m imageMemo) Load(path string, size int64, mod time.Time) (format string, width, height int, ok bool) {
	file := m.file(path, size, mod)
	data, ok := m.c.readFile(file)
	if !ok {
		return "", 0, 0, false
	}
	var f imageFacts
	if json.Unmarshal(data, &f) != nil || f.Format == "" || f.Width <= 0 || f.Height <= 0 {
		return "", 0, 0, false
	}
	m.c.used(file)
	return f.Format, f.Width, f.Height, true
}

// Store keeps what the check found.
func (m imageMemo) Store(path string, size int64, mod time.Time, format string, width, height int) {
	if data, err := json.Marshal(imageFacts{format, width, height}); err == nil {
		m.c.writeFile(m.file(path, size, mod), data)
	}
}
