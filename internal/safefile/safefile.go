// Package safefile is the one rule for the files folio reads. folio reads
// only regular files, and only those that lie, once every symbolic link on
// their way is resolved, inside the folder they belong to: the source folder
// for publications (publication.yaml, edition.yaml, sections, the termbases),
// the publication's folder for its images and cover, the layouts folder for
// layouts, words files, hyphenation patterns and printers' profiles, the fonts
// folder for fonts. A link that stays inside its folder is followed (a series
// may share files between publications); one that leads out of it is an
// error, as are a FIFO, a device, a socket or a folder where a file is
// wanted. The kind of a file is learnt with Lstat and Stat, never by opening
// it, and a file is opened without blocking, so that no entry can hang a
// build: opening a FIFO blocks until someone writes to it, and /dev/zero
// never ends.
//
// Every read of an input goes through Open or Read here, and every walk of a
// folder (the cache's keys) through Walk, so that what a build reads and
// what its cache key names are the same files.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/folio-pub/folio/internal/limits"
)

// Error tells why a path is not a file folio reads: what it is, in words
// ("a FIFO", "a link to outside source/"). Its message does not repeat the
// path, which the diagnostic's position gives.
type Error struct {
	Path string // the path as given
	What string // what it is instead of a regular file inside its folder
}

func (e *Error) Error() string {
	return fmt.Sprintf("the file is %s: folio reads only regular files inside their folder", e.What)
}

// Stat returns what path, a path inside root (root joined with a relative
// path, as callers build them), is once its links are resolved, without
// opening it. It is an *Error when path leads out of root; the error of
// os.Lstat when it does not exist (a link to nothing included).
func Stat(root, path string) (fs.FileInfo, error) {
	_, fi, err := resolve(root, path)
	return fi, err
}

// Check is Stat for a file that is to be read: anything but a regular file
// is an *Error.
func Check(root, path string) (fs.FileInfo, error) {
	_, fi, err := check(root, path)
	return fi, err
}

// Open opens path, a file inside root, under the rule; the caller closes it.
func Open(root, path string) (*os.File, error) {
	real, fi, err := check(root, path)
	if err != nil {
		return nil, err
	}
	// not blocking, in case the file was replaced by a FIFO since it was
	// looked at; then checked again, as the file opened
	f, err := os.OpenFile(real, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	if got, err := f.Stat(); err != nil || !os.SameFile(fi, got) {
		f.Close()
		return nil, &Error{Path: path, What: "changing while it is read"}
	}
	return f, nil
}

// Read reads path, a file inside root, whole, or returns a
// *limits.TooLargeError when it holds more than limit bytes. It reads no more
// than limit+1 bytes, so a file that grows while it is read is caught too.
func Read(root, path string, limit int64) ([]byte, error) {
	f, err := Open(root, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hint := limit
	if fi, err := f.Stat(); err == nil && fi.Size() < hint {
		hint = fi.Size()
	}
	data, err := readAll(io.LimitReader(f, limit+1), hint)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		size := int64(len(data))
		if fi, err := f.Stat(); err == nil && fi.Size() > size {
			size = fi.Size()
		}
		return nil, &limits.TooLargeError{Size: size, Limit: limit}
	}
	return data, nil
}

// readAll is io.ReadAll into one slice of size+1 bytes, size being what the
// file held when it was opened (the +1 to read the end without growing):
// io.ReadAll starts at 512 bytes and doubles, which allocates about twice a
// large file's size in memory the process has not touched yet. A file that
// grew since is still read whole, the slice growing as io.ReadAll's does.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// check resolves path and checks that it is a regular file.
func check(root, path string) (string, fs.FileInfo, error) {
	real, fi, err := resolve(root, path)
	if err != nil {
		return "", nil, err
	}
	if !fi.Mode().IsRegular() {
		return "", nil, &Error{Path: path, What: kind(fi.Mode())}
	}
	return real, fi, nil
}

// resolve returns the real path of path, with every link resolved, and what
// it is; an *Error when it is not inside root.
func resolve(root, path string) (string, fs.FileInfo, error) {
	lfi, err := os.Lstat(path)
	if err != nil {
		return "", nil, err
	}
	if !inside(filepath.Clean(root), filepath.Clean(path)) {
		return "", nil, &Error{Path: path, What: "outside " + folder(root)}
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil, &Error{Path: path, What: "a link to nothing"}
		}
		return "", nil, &Error{Path: path, What: "a link that cannot be followed (" + unwrap(err) + ")"}
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", nil, err
	}
	if !inside(realRoot, real) {
		what := "a link to outside " + folder(root)
		if lfi.Mode()&fs.ModeSymlink == 0 {
			what = "in a linked folder outside " + folder(root)
		}
		return "", nil, &Error{Path: path, What: what}
	}
	fi := lfi
	if real != filepath.Clean(path) || lfi.Mode()&fs.ModeSymlink != 0 {
		if fi, err = os.Stat(real); err != nil {
			return "", nil, err
		}
	}
	return real, fi, nil
}

// inside reports whether path is root or below it; both clean, and both
// absolute or both relative to the same folder.
func inside(root, path string) bool {
	if filepath.IsAbs(root) != filepath.IsAbs(path) {
		r, err1 := filepath.Abs(root)
		p, err2 := filepath.Abs(path)
		if err1 != nil || err2 != nil {
			return false
		}
		root, path = r, p
	}
	rel, err := filepath.Rel(root, path)
	return err == nil && filepath.IsLocal(rel) || rel == "."
}

// folder writes root as a folder, for messages: "source/".
func folder(root string) string {
	return strings.TrimSuffix(filepath.ToSlash(root), "/") + "/"
}

// kind says what a file of mode m is, in words.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// unwrap gives the system's reason of a path error, without the path.
func unwrap(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Unnamed reports whether err tells what is wrong with a file without naming
// it (an *Error, a *limits.TooLargeError): a message placed elsewhere than at
// the file (at the key of a YAML file that names it) must name it.
func Unnamed(err error) bool {
	var e *Error
	var tooLarge *limits.TooLargeError
	return errors.As(err, &e) || errors.As(err, &tooLarge)
}
