package safefile

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
)

// Entry is one entry Walk finds.
type Entry struct {
	Path string // the path to give Open: the folder walked joined with Rel
	Rel  string // relative to the folder walked, slash-separated
	Dir  bool   // a folder (or a link to one inside the root), about to be walked
	// Err, when not nil, tells why the entry is not a file folio reads (an
	// *Error: a FIFO, a device, a link out of the root or to nothing, a link
	// to a folder that contains it), learnt without opening it.
	Err error
}

// Walk calls fn for every entry below dir, a folder inside root, in lexical
// order, folders before what they hold; fn returning fs.SkipDir for a folder
// skips it, any other error stops the walk and is returned. Links are
// followed as Open follows them: those that stay inside root are walked as
// what they lead to, once on each path (a link to a folder that holds it is
// an Err entry, so the walk ends); nothing is opened but folders.
func Walk(root, dir string, fn func(Entry) error) error {
	real, fi, err := resolve(root, dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &Error{Path: dir, What: kind(fi.Mode())}
	}
	return walk(root, dir, "", []string{real}, fn)
}

func walk(root, dir, rel string, open []string, fn func(Entry) error) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, de := range entries {
		e := Entry{Path: filepath.Join(dir, de.Name()), Rel: path.Join(rel, de.Name())}
		real, fi, err := resolve(root, e.Path)
		switch {
		case err != nil:
			e.Err = err
		case fi.IsDir() && slices.Contains(open, real):
			e.Err = &Error{Path: e.Path, What: "a link to a folder that holds it"}
		case fi.IsDir():
			e.Dir = true
		case !fi.Mode().IsRegular():
			e.Err = &Error{Path: e.Path, What: kind(fi.Mode())}
		}
		err = fn(e)
		if e.Dir {
			if err == fs.SkipDir {
				continue
			}
			if err == nil {
				err = walk(root, e.Path, e.Rel, append(open, real), fn)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
