// Package watch rebuilds editions when their sources, layouts, words or fonts
// change, until its context ends; each rebuild takes unchanged editions from the cache.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/folio-pub/folio/internal/build"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/source"
	"github.com/fsnotify/fsnotify"
)

// settle is how long the folders must be quiet before a rebuild, so that an
// editor's save (write, rename, chmod: a few events within a millisecond
// or two) causes one rebuild, not three; an event that leaves a file's
// bytes as they were causes none (build.Session.Changed).
const settle = 15 * time.Millisecond

// Run builds ids (every publication when empty) once, then again whenever a
// file under cfg's source, layouts or fonts folders changes: only the
// publication whose folder changed, or everything when a layout, words file
// or font changed. The builds are those of one build.Session: what they
// read, checked and rendered stays in memory, and an edition is typeset and
// rendered again only when a file that feeds it changed. done receives
// each build's result, content errors included; Run returns when ctx ends
// (nil) or watching fails.
//
// After any folder or file is made, removed or renamed, the folders watched
// are found again (a publication folder renamed, a language added, the
// source folder moved away and back), so that later edits reach the
// publications where they now are; a publication that went away is not
// built. watching, when not nil, is told what is watched at the start and
// whenever that changes.
func Run(ctx context.Context, cfg build.Config, ids []string, done func(*build.Result, error), watching func(string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	t := &tree{w: w, roots: roots(cfg), out: cfg.Out, watched: map[string]bool{}}
	t.scan()
	said := t.describe(cfg.Source)
	if watching != nil {
		watching(said)
	}
	session := build.NewSession(cfg)
	done(session.Run(ctx, ids))
	pending := map[string]bool{} // publication ids to rebuild; "" for all
	rescan := false
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			return err
		case ev := <-w.Events:
			if !t.relevant(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				rescan = true
			}
			if ignored(ev.Name) {
				continue
			}
			if session.Changed(ev.Name) {
				pending[affected(cfg.Source, ev.Name)] = true
			} else if !rescan {
				continue // its bytes are as they were: nothing to build
			}
			timer.Reset(settle)
		case <-timer.C:
			if rescan {
				rescan = false
				t.scan()
				if now := t.describe(cfg.Source); now != said && watching != nil {
					said = now
					watching(now)
				}
			}
			todo := rebuildList(pending, ids)
			clear(pending)
			if len(ids) == 0 && len(todo) > 0 {
				// publications that went away (renamed, removed) are not built
				if todo = existing(cfg.Source, todo); len(todo) == 0 {
					continue
				}
			}
			if todo == nil {
				continue
			}
			done(session.Run(ctx, todo))
		}
	}
}

// roots are the folders to watch: the source folder, and the layouts and
// fonts folders when there are (with none, "", the built-in files alone,
// which do not change: an empty name would take in the whole working folder).
func roots(cfg build.Config) []string {
	return slices.DeleteFunc([]string{cfg.Source, cfg.Layouts, cfg.Fonts}, func(r string) bool { return r == "" })
}

// tree is the folders watched: every folder of the roots, and each root's
// parent (for the root itself to be seen when it is made, removed or moved
// back); the output folder is left out.
type tree struct {
	w       *fsnotify.Watcher
	roots   []string
	out     string
	watched map[string]bool
}

// scan watches the folders there are now and stops watching those gone. A
// folder that goes while it is added is found missing at the next scan.
func (t *tree) scan() {
	want := map[string]bool{}
	for _, root := range t.roots {
		want[filepath.Dir(root)] = true
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil // a folder that cannot be read or that went: nothing to watch
			case !d.IsDir():
				return nil
			case p == t.out || ignored(p) && p != root:
				return filepath.SkipDir
			}
			want[p] = true
			return nil
		})
	}
	for p := range t.watched {
		if !want[p] {
			t.w.Remove(p) // a folder renamed keeps its watch under its old name: drop it
			delete(t.watched, p)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if !t.watched[p] && t.w.Add(p) == nil {
			t.watched[p] = true
		}
	}
}

// relevant reports whether a change at path concerns a root: inside one (not
// in the output folder), or one itself.
func (t *tree) relevant(path string) bool {
	if t.out != "" && within(t.out, path) {
		return false
	}
	for _, root := range t.roots {
		if within(root, path) {
			return true
		}
	}
	return false
}

// describe says what is watched: the publications of the source folder with
// their language folders, then the layouts and fonts.
func (t *tree) describe(src string) string {
	ids, err := source.List(src)
	if err != nil {
		return strings.TrimSuffix(fmt.Sprintf("watching %s (missing: %v), %s", src, errors.Unwrap(errors.Unwrap(err)), strings.Join(t.roots[1:], ", ")), ", ")
	}
	var pubs []string
	for _, id := range ids {
		var langs []string
		entries, _ := os.ReadDir(filepath.Join(src, id))
		for _, e := range entries {
			if e.IsDir() && doc.IsLangTag(e.Name()) {
				langs = append(langs, e.Name())
			}
		}
		pubs = append(pubs, fmt.Sprintf("%s (%s)", id, strings.Join(langs, ", ")))
	}
	what := fmt.Sprintf("watching %d publication(s) in %s: %s", len(ids), src, strings.Join(pubs, ", "))
	if len(t.roots) > 1 {
		what += "; and " + strings.Join(t.roots[1:], ", ")
	}
	return what
}

// existing keeps the ids whose publication is in the source folder now.
func existing(src string, ids []string) []string {
	all, _ := source.List(src)
	var out []string
	for _, id := range ids {
		if slices.Contains(all, id) {
			out = append(out, id)
		}
	}
	return out
}

// within reports whether path is root or inside it, lexically.
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
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
