package source

import (
	"bytes"
	"path/filepath"
	"sync"
	"time"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/safefile"
)

// KeepSections makes the reader keep each section file it parses with no
// problem, and give a copy of it (doc.CloneSection) instead of parsing the
// file again while its bytes, and the image files it shows, are as they
// were: for a reader used again and again (folio watch), which re-reads
// every file but parses only those that changed. A file with a problem of
// its own (an error or a warning) is parsed every time, so that it says
// so every time. Call it before any Read.
func (r *Reader) KeepSections() { r.kept = &keptSections{files: map[string]*keptSection{}} }

// keptSections is what a reader keeps of the section files it parsed: the
// last version of each file. It is safe for concurrent use.
type keptSections struct {
	mu    sync.Mutex
	files map[string]*keptSection // by file
}

// keptSection is one section file as parsed: a copy no edition holds.
type keptSection struct {
	data   []byte // the file's bytes
	pubDir string
	sec    *doc.Section
	notes  []*doc.Note
	images []imageStamp // the image files it shows, as they were
}

// imageStamp tells an image file as it was: its size and time.
type imageStamp struct {
	path string
	size int64
	mod  time.Time
}

// get returns a copy of the section file holds, in the publication folder
// pubDir, when it was parsed from data and the image files it shows have
// not changed since.
func (k *keptSections) get(file, pubDir string, data []byte) (*doc.Section, []*doc.Note, bool) {
	if k == nil {
		return nil, nil, false
	}
	k.mu.Lock()
	e := k.files[file]
	k.mu.Unlock()
	if e == nil || e.pubDir != pubDir || !bytes.Equal(e.data, data) {
		return nil, nil, false
	}
	for _, im := range e.images {
		if fi, err := safefile.Check(pubDir, im.path); err != nil || fi.Size() != im.size || !fi.ModTime().Equal(im.mod) {
			return nil, nil, false
		}
	}
	sec, notes := doc.CloneSection(e.sec, e.notes)
	return sec, notes, true
}

// put keeps a copy of sec and its notes, parsed from data, unless parsing
// it found a problem (own holds what it found): then it keeps nothing of
// the file.
func (k *keptSections) put(file, pubDir string, data []byte, sec *doc.Section, notes []*doc.Note, own *diag.List) {
	if k == nil {
		return
	}
	if sec == nil || len(own.Items()) > 0 {
		k.mu.Lock()
		delete(k.files, file)
		k.mu.Unlock()
		return
	}
	e := &keptSection{data: bytes.Clone(data), pubDir: pubDir}
	figure := func(f *doc.Figure) { e.stamp(f.Path) }
	inline := func(im *doc.InlineImage) { e.stamp(im.Path) }
	doc.WalkImages(sec.Blocks, figure, inline)
	for _, n := range notes {
		doc.WalkImages(n.Blocks, figure, inline)
	}
	e.sec, e.notes = doc.CloneSection(sec, notes)
	k.mu.Lock()
	k.files[file] = e
	k.mu.Unlock()
}

// Forget makes the reader parse again the section files at path or inside
// it (a file or folder that changed: an image that one shows among them,
// changed while it was read), once KeepSections made it keep them.
func (r *Reader) Forget(path string) {
	k := r.kept
	if k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for file, e := range k.files {
		if within(path, file) || within(path, e.pubDir) {
			delete(k.files, file)
		}
	}
}

// within reports whether path is root or inside it, lexically.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// stamp records the size and time of the image file at path.
func (e *keptSection) stamp(path string) {
	if fi, err := safefile.Check(e.pubDir, path); err == nil {
		e.images = append(e.images, imageStamp{path: path, size: fi.Size(), mod: fi.ModTime()})
	} else {
		e.images = append(e.images, imageStamp{path: path, size: -1}) // never the same: parsed again
	}
}
