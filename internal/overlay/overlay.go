// Package overlay reads a folder of a series (layouts/, fonts/) laid over
// the files built into folio: a file the folder has wins, one it lacks comes
// from the built-ins. Files on disk are read by the rule of package safefile,
// as every input is (a FIFO, a device or a link out of the folder is an
// error at the file); built-in files are named "builtin:<folder>/<file>" in
// positions, so that a diagnostic says which was read.
package overlay

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/safefile"
)

// Prefix starts the name of every built-in file: "builtin:layouts/base.yaml".
const Prefix = "builtin:"

// Dir is a folder on disk laid over a folder of built-in files. Names given
// to its methods are slash-separated and relative to it ("i18n/en.yaml").
type Dir struct {
	local   string // the folder on disk; "" for none
	builtin fs.FS  // nil for none
	name    string // the built-in folder's name, in paths and messages: "layouts"
}

// New returns the folder local (none when "") laid over builtin (none when
// nil), whose files are named builtin:<name>/<file>.
func New(local string, builtin fs.FS, name string) *Dir {
	return &Dir{local: local, builtin: builtin, name: name}
}

// Folder returns the folder local alone, with no built-in files under it.
func Folder(local string) *Dir { return New(local, nil, filepath.Base(local)) }

// Local returns the folder on disk, "" when there is none.
func (d *Dir) Local() string { return d.local }

// IsBuiltin reports whether a path names a built-in file.
func IsBuiltin(p string) bool { return strings.HasPrefix(p, Prefix) }

// localPath is where name is, or would be, on disk: in the folder, or, when
// there is none, in a folder named as the built-in one, where a user would
// add it.
func (d *Dir) localPath(name string) string {
	dir := d.local
	if dir == "" {
		dir = d.name
	}
	return filepath.Join(dir, filepath.FromSlash(name))
}

func (d *Dir) builtinPath(name string) string { return Prefix + d.name + "/" + name }

// hasBuiltin reports whether name is a built-in file.
func (d *Dir) hasBuiltin(name string) bool {
	if d.builtin == nil || !fs.ValidPath(name) {
		return false
	}
	fi, err := fs.Stat(d.builtin, name)
	return err == nil && !fi.IsDir()
}

// hasLocal reports whether the folder has name (whatever it is: reading it
// says what is wrong with it).
func (d *Dir) hasLocal(name string) bool {
	if d.local == "" {
		return false
	}
	_, err := os.Lstat(d.localPath(name))
	return err == nil
}

// Find returns the path of name: the folder's file when it has it, else the
// built-in one; false when neither has it.
func (d *Dir) Find(name string) (string, bool) {
	switch {
	case d.hasLocal(name):
		return d.localPath(name), true
	case d.hasBuiltin(name):
		return d.builtinPath(name), true
	}
	return d.localPath(name), false
}

// ReadFile reads name, from the folder when it has it, else built in, and
// returns the path read (for positions). An error wraps fs.ErrNotExist when
// neither has it (the path is then where the folder would have it), is a
// *safefile.Error for a local file that is not a regular file inside the
// folder, or is a *limits.TooLargeError for a file of more than limit bytes.
func (d *Dir) ReadFile(name string, limit int64) (string, []byte, error) {
	if d.hasLocal(name) || !d.hasBuiltin(name) {
		p := d.localPath(name)
		if d.local == "" {
			return p, nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
		}
		data, err := safefile.Read(d.local, p, limit)
		return p, data, err
	}
	p := d.builtinPath(name)
	data, err := fs.ReadFile(d.builtin, name)
	if err != nil {
		return p, nil, err
	}
	if int64(len(data)) > limit {
		return p, nil, &limits.TooLargeError{Size: int64(len(data)), Limit: limit}
	}
	return p, data, nil
}

// Missing says where a file that neither has was looked for, for a message:
// "not in layouts/ nor built in".
func (d *Dir) Missing() string {
	switch {
	case d.local == "":
		return fmt.Sprintf("not built in (and there is no %s/ folder)", d.name)
	case d.builtin == nil:
		return fmt.Sprintf("not in %s/", filepath.ToSlash(d.local))
	}
	return fmt.Sprintf("not in %s/ nor built in", filepath.ToSlash(d.local))
}

// File is a file of the folder, the built-ins or both.
type File struct {
	Name    string // slash-separated, relative to the folder
	Builtin bool   // folio has it built in
	Local   string // its path on disk when the folder has it (and it wins); else ""
}

// Files lists the files of both, by name, under the folder sub ("." for all,
// "i18n" for the words files) and not below it, whose names end with ext.
func (d *Dir) Files(sub, ext string) ([]File, error) {
	byName := map[string]*File{}
	add := func(name string) *File {
		f := byName[name]
		if f == nil {
			f = &File{Name: name}
			byName[name] = f
		}
		return f
	}
	if d.builtin != nil {
		entries, err := fs.ReadDir(d.builtin, sub)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ext) {
				add(path.Join(sub, e.Name())).Builtin = true
			}
		}
	}
	if d.local != "" {
		entries, err := os.ReadDir(d.localPath(sub))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ext) && !strings.HasPrefix(e.Name(), ".") {
				name := path.Join(sub, e.Name())
				add(name).Local = d.localPath(name)
			}
		}
	}
	files := make([]File, 0, len(byName))
	for _, f := range byName {
		files = append(files, *f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, nil
}

// Builtin returns the built-in file name, to copy it.
func (d *Dir) Builtin(name string) ([]byte, error) {
	if !d.hasBuiltin(name) {
		return nil, &fs.PathError{Op: "open", Path: d.builtinPath(name), Err: fs.ErrNotExist}
	}
	return fs.ReadFile(d.builtin, name)
}
