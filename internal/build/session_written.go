package build

import (
	"bytes"
	"io/fs"
	"os"
	"sync"
)

// written is what a session knows of the files it wrote: each file's bytes
// and what the system said of it (its identity, size and time) once it
// held them. A file that the system still says the same of holds the same
// bytes, so that writeAll need not read it back to know whether it
// changes: folio watch writes one edition's files, and would read every
// other's (2.4 MB for the sample) at each edit. It is safe for concurrent
// use; a nil *written knows nothing.
type written struct {
	mu    sync.Mutex
	files map[string]writtenFile
}

type writtenFile struct {
	data []byte
	info fs.FileInfo
}

// holds reports whether the file at path holds data, by what the session
// knows of it; known is false when it cannot tell (then the file is read).
// A file the system still says the same of, whose bytes are not data,
// is known not to hold them: it is written without being read back.
func (w *written) holds(path string, data []byte) (holds, known bool) {
	if w == nil {
		return false, false
	}
	w.mu.Lock()
	f, ok := w.files[path]
	w.mu.Unlock()
	if !ok {
		return false, false
	}
	now, err := os.Stat(path)
	if err != nil || !os.SameFile(now, f.info) || now.Size() != f.info.Size() || !now.ModTime().Equal(f.info.ModTime()) {
		return false, false
	}
	return bytes.Equal(f.data, data), true // the same slice, for an edition kept: no bytes compared
}

// saw records that the file at path holds data now (written, or found so).
func (w *written) saw(path string, data []byte) {
	if w == nil {
		return
	}
	info, err := os.Stat(path)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		delete(w.files, path)
		return
	}
	w.files[path] = writtenFile{data: data, info: info}
}
