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

// Reports are what Run tells as it goes; a nil func is told nothing.
type Reports struct {
	// Built receives each build's result, content errors included.
	Built func(*build.Result, error)
	// Watching is told what is watched, at the start and whenever that changes.
	Watching func(string)
	// Stopped is told when a build that a change stopped has ended: Built
	// is not told of it, and what cfg.Progress heard of it is void.
	Stopped func()
}

// Run builds ids (every publication when empty) once, then again whenever a
// file under cfg's source, layouts or fonts folders changes: only the
// publication whose folder changed, or everything when a layout, words file
// or font changed. The builds are those of one build.Session: what they
// read, checked and rendered stays in memory, and an edition is typeset and
// rendered again only when a file that feeds it changed. Run returns when
// ctx ends (nil) or watching fails.
//
// A build starts once the folders have been quiet for 2 ms (quiet): an
// editor's save is one write, or a few within a millisecond (a file
// emptied, then written). A change that comes while a build runs (the
// rest of a save written in pieces, a second save) stops that build,
// unreported and with no publication it had not finished written, and the
// next one starts from the files as they are then. An event that leaves a
// file's bytes as they were (an editor's chmod after its write) neither
// starts nor stops a build (build.Session.Changed).
//
// After any folder or file is made, removed or renamed, the folders watched
// are found again (a publication folder renamed, a language added, the
// source folder moved away and back), so that later edits reach the
// publications where they now are; a publication that went away is not
// built.
func Run(ctx context.Context, cfg build.Config, ids []string, tell Reports) error {
	return watch(ctx, cfg, ids, tell, nil)
}

// watch is Run, telling stopping (when not nil) each time it stops a
// build, as soon as it asks the build to stop.
func watch(ctx context.Context, cfg build.Config, ids []string, tell Reports, stopping func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	t := &tree{w: w, roots: roots(cfg), out: cfg.Out, watched: map[string]bool{}}
	t.scan()
	said := t.describe(cfg.Source)
	if tell.Watching != nil {
		tell.Watching(said)
	}
	session := build.NewSession(cfg)
	if res, err := session.Run(ctx, ids); tell.Built != nil {
		tell.Built(res, err)
	}
	l := &loop{cfg: cfg, ids: ids, session: session, tree: t, said: said, tell: tell, stopping: stopping,
		pending: map[string]bool{}}
	defer l.stop()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		var finished <-chan outcome // nil, which never receives, when no build runs
		if l.running != nil {
			finished = l.running.finished
		}
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			return err
		case ev := <-w.Events:
			l.event(ev)
			if l.running == nil && l.due() {
				timer.Reset(quiet)
			}
		case o := <-finished:
			l.finish(o)
			if l.due() {
				timer.Reset(quiet)
			}
		case <-timer.C:
			if l.running == nil {
				l.build(ctx)
			}
		}
	}
}

// quiet is how long the folders must be quiet before a build starts: long
// enough for the rest of an editor's save (a file emptied, then written: a
// build of the empty file would report its errors for nothing), short
// enough not to be felt. A change that comes later stops the build.
const quiet = 2 * time.Millisecond

// loop is Run's state between events: the changes not built yet, and the
// build under way.
type loop struct {
	cfg      build.Config
	ids      []string
	session  *build.Session
	tree     *tree
	said     string
	tell     Reports
	stopping func()          // nil, or told as a build is asked to stop
	pending  map[string]bool // publication ids to build again; "" for all
	rescan   bool            // a file or folder was made, removed or renamed
	during   []string        // paths that changed while the build ran, told to the session after it
	running  *underway       // the build under way; nil when none
}

// underway is a build under way, on its own goroutine (the session is the
// loop's again once finished has received).
type underway struct {
	cancel   context.CancelFunc
	todo     []string // the ids it builds, pending again when it is stopped
	stopped  bool     // cancelled because a file changed: its result is not reported
	finished chan outcome
}

// outcome is what a build gave.
type outcome struct {
	res *build.Result
	err error
}

// event takes in one change. While a build runs the session is the
// build's: the path waits in during, and stops the build when the file's
// bytes are not those the build set out from.
func (l *loop) event(ev fsnotify.Event) {
	if !l.tree.relevant(ev.Name) {
		return
	}
	made := ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
	l.rescan = l.rescan || made
	if ignored(ev.Name) {
		return
	}
	if l.running != nil {
		l.during = append(l.during, ev.Name)
		if (made || l.session.Differs(ev.Name)) && !l.running.stopped {
			l.running.stopped = true
			l.running.cancel()
			if l.stopping != nil {
				l.stopping()
			}
		}
		return
	}
	if l.session.Changed(ev.Name) {
		l.pending[affected(l.cfg.Source, ev.Name)] = true
	}
}

// due reports whether a build is wanted: a change not built yet, or
// folders made or gone.
func (l *loop) due() bool { return len(l.pending) > 0 || l.rescan }

// finish takes in a build that ended: reports it unless it was stopped,
// and tells the session of what changed meanwhile.
func (l *loop) finish(o outcome) {
	r := l.running
	l.running = nil
	r.cancel()
	if !r.stopped {
		if l.tell.Built != nil {
			l.tell.Built(o.res, o.err)
		}
	} else {
		// even one that ended whole before it could stop: a build of the
		// files as they are now follows
		if l.tell.Stopped != nil {
			l.tell.Stopped()
		}
		// what it had not finished is built again
		if len(r.todo) == 0 {
			l.pending[""] = true // every publication, as it was asked
		}
		for _, id := range r.todo {
			l.pending[id] = true
		}
	}
	for _, p := range l.during {
		if l.session.Changed(p) {
			l.pending[affected(l.cfg.Source, p)] = true
		}
	}
	l.during = l.during[:0]
}

// build starts a build of what is pending, if anything is, after finding
// the folders again when some were made or went.
func (l *loop) build(ctx context.Context) {
	if l.rescan {
		l.rescan = false
		l.tree.scan()
		if now := l.tree.describe(l.cfg.Source); now != l.said && l.tell.Watching != nil {
			l.said = now
			l.tell.Watching(now)
		}
	}
	todo := rebuildList(l.pending, l.ids)
	clear(l.pending)
	if len(l.ids) == 0 && len(todo) > 0 {
		// publications that went away (renamed, removed) are not built
		todo = existing(l.cfg.Source, todo)
		if len(todo) == 0 {
			return
		}
	}
	if todo == nil {
		return
	}
	bctx, cancel := context.WithCancel(ctx)
	r := &underway{cancel: cancel, todo: todo, finished: make(chan outcome, 1)}
	l.running = r
	go func() {
		res, err := l.session.Run(bctx, todo)
		r.finished <- outcome{res, err}
	}()
}

// stop ends the build under way, if any, and waits for it: Run returns
// with nothing left writing.
func (l *loop) stop() {
	if l.running != nil {
		l.running.cancel()
		<-l.running.finished
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
