package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// staged is a file written to its temporary name, waiting to be renamed;
// backup is where the file it replaces waits until every rename succeeded.
type staged struct {
	tmp, path, backup string
}

// writeAll writes the files of one publication all or not at all: each to a
// temporary file beside its place, synced; only when every one is written are
// they renamed into place, the files they replace kept aside until the last
// rename succeeded. On a failure every file is as it was and no temporary
// file stays. A file that already holds its bytes is left untouched; changed
// tells, file by file, which were written.
func writeAll(files []rendered) (changed []bool, err error) {
	return writeAllWith(files, os.Rename, nil)
}

// writeAllWith is writeAll with the rename to use for putting files in
// place, so that tests can make one fail, and what a session knows of
// the files it wrote (nil for nothing), which it tells what they hold now.
func writeAllWith(files []rendered, rename func(from, to string) error, known *written) (changed []bool, err error) {
	changed = make([]bool, len(files))
	var stage []staged
	done := 0 // files renamed into place
	defer func() {
		if err == nil {
			for _, s := range stage {
				if s.backup != "" {
					os.Remove(s.backup)
				}
			}
			for _, f := range files {
				known.saw(f.path, f.data)
			}
			return
		}
		// undo the renames, newest first, then drop what is left
		for i := done - 1; i >= 0; i-- {
			s := stage[i]
			if s.backup != "" {
				os.Rename(s.backup, s.path)
			} else {
				os.Remove(s.path)
			}
		}
		for _, s := range stage[done:] {
			os.Remove(s.tmp)
			if s.backup != "" {
				os.Rename(s.backup, s.path)
			}
		}
	}()
	// a killed build's temporaries go whether or not a file here changes
	swept := map[string]bool{}
	for _, f := range files {
		if dir := filepath.Dir(f.path); !swept[dir] {
			removeStale(dir)
			swept[dir] = true
		}
	}
	var write []int // the files whose bytes change
	for i, f := range files {
		if same, sure := known.holds(f.path, f.data); same {
			continue
		} else if !sure {
			if old, err := os.ReadFile(f.path); err == nil && bytes.Equal(old, f.data) {
				continue
			}
		}
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return nil, err
		}
		write = append(write, i)
		changed[i] = true
	}
	// each written and synced at once: a sync waits for the disk, and the
	// disk takes several as soon as one
	stage = make([]staged, len(write))
	errs := make([]error, len(write))
	var wg sync.WaitGroup
	for j, i := range write {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := files[i]
			stage[j].path = f.path
			stage[j].tmp, errs[j] = writeTemp(filepath.Dir(f.path), filepath.Base(f.path), f.data)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil { // the first, as when they were written in turn
			stage = slices.DeleteFunc(stage, func(s staged) bool { return s.tmp == "" }) // those written go
			return nil, err
		}
	}
	for i := range stage {
		s := &stage[i]
		if _, err := os.Lstat(s.path); err == nil {
			s.backup = s.tmp + ".old"
			if err := rename(s.path, s.backup); err != nil {
				s.backup = ""
				return nil, err
			}
		}
		if err := rename(s.tmp, s.path); err != nil {
			return nil, err
		}
		done++
	}
	return changed, nil
}

// tempPrefix starts the name of every temporary file folio writes beside an
// output; the process id follows, so that a later build can tell the
// temporaries of a build that was killed from those of one still running.
func tempPrefix(name string) string { return "." + name + ".folio-" }

// writeTemp writes data to a new temporary file for name in dir, synced, and
// returns its path.
func writeTemp(dir, name string, data []byte) (path string, err error) {
	tmp, err := os.CreateTemp(dir, tempPrefix(name)+strconv.Itoa(os.Getpid())+"-*.tmp")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return "", err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return "", err
	}
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	return tmp.Name(), tmp.Close()
}

// removeStale removes the temporary files in dir left by folio processes
// that no longer run (a build that was killed).
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		i := strings.Index(name, ".folio-")
		if !strings.HasPrefix(name, ".") || i < 0 || !strings.HasSuffix(name, ".tmp") && !strings.HasSuffix(name, ".tmp.old") {
			continue
		}
		pidText, _, _ := strings.Cut(name[i+len(".folio-"):], "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() || alive(pid) {
			continue
		}
		os.Remove(filepath.Join(dir, name))
	}
}

// alive reports whether a process with that id runs (or may run: when the
// system will not say, the file is kept).
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
