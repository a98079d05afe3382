// Package watch rebuilds editions when their sources, layouts, words or fonts
// change, until its context ends; each rebuild takes unchanged editions from the cache.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/folio-pub/folio/internal/build"
	"github.com/fsnotify/fsnotify"
)

// settle is how long the folders must be quiet before a rebuild, so that an
// editor's save (write, rename, chmod) causes one rebuild, not three.
const settle = 150 * time.Millisecond

// Run builds ids (every publication when empty) once, then again whenever a
// file under cfg's source, layouts or fonts folders changes: only the
// publication whose folder changed, or everything when a layout, words file
// or font changed. done receives each build's result, content errors
// included; Run returns when ctx ends (nil) or watching fails.
func Run(ctx context.Context, cfg build.Config, ids []string, done func(*build.Result, error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, root := range []string{cfg.Source, cfg.Layouts, cfg.Fonts} {
		if err := addTree(w, root); err != nil {
			return err
		}
	}
	done(build.Run(ctx, cfg, ids))
	pending := map[string]bool{} // publication ids to rebuild; "" for all
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			return err
		case ev := <-w.Events:
			if ev.Has(fsnotify.Create) {
				addTree(w, ev.Name) // a new folder is watched too; a file is no folder
			}
			if ignored(ev.Name) {
				continue
			}
			pending[affected(cfg.Source, ev.Name)] = true
			timer.Reset(settle)
		case <-timer.C:
			todo := rebuildList(pending, ids)
			clear(pending)
			if todo == nil {
				continue
			}
			done(build.Run(ctx, cfg, todo))
		}
	}
}

// addTree watches root and every folder below it; a root that is a file, or
// that does not exist, adds nothing.
func addTree(w *fsnotify.Watcher, root string) error {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// ignored tells the files folio writes or editors keep aside: hidden files
// and temporary files.
func ignored(path string) bool {
	base := filepath.Base(path)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".tmp") || strings.HasSuffix(base, ".swp")
}

// affected is the id of the publication a changed path belongs to, or "" when
// it is outside the source folder (a layout, words file or font: every
// publication may use it).
func affected(source, path string) string {
	rel, err := filepath.Rel(source, path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return ""
	}
	first, _, inside := strings.Cut(filepath.ToSlash(rel), "/")
	if !inside {
		return "" // a file of the source folder itself, shared by every publication
	}
	return first
}

// rebuildList turns the pending changes into the ids to build, within those
// asked for: nil when nothing asked for changed, and all asked for (ids, or
// every publication when ids is empty) when a shared file changed.
func rebuildList(pending map[string]bool, ids []string) []string {
	if pending[""] {
		if len(ids) == 0 {
			return []string{}
		}
		return ids
	}
	var todo []string
	for id := range pending {
		if len(ids) == 0 || slices.Contains(ids, id) {
			todo = append(todo, id)
		}
	}
	sort.Strings(todo)
	return todo
}
