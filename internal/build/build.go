// Package build runs the pipeline for whole publications: read the source, apply
// language rules, typeset and render every edition, and write the files atomically.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	folio "github.com/folio-pub/folio"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/epub"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/parity"
	"github.com/folio-pub/folio/internal/pdf"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/source"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/typeset"
)

// Format is an output format, by the name --format gives it.
type Format string

// format is one row of the formats table: how an edition is rendered in it.
type format struct {
	name   Format
	suffix string // after <id>.<lang>
	what   string // for help text
	// render writes the edition j.
	render func(ctx context.Context, w io.Writer, j *job) error
	paged  bool // report the page count
}

// formats is every format folio writes, in the order they are written. Flag
// parsing, help and validation read it.
func formats() []format {
	return []format{
		{name: "pdf", suffix: ".pdf", what: "the PDF to download and read: tagged (PDF/UA-1)", paged: true,
			render: func(ctx context.Context, w io.Writer, j *job) error {
				dr, err := j.drawn(ctx)
				if err != nil {
					return err
				}
				return dr.WriteDigital(w)
			}},
		{name: "print", suffix: ".print.pdf", what: "the PDF for the printer: bleed, trim box, PDF/X-4", paged: true,
			render: func(ctx context.Context, w io.Writer, j *job) error {
				dr, err := j.drawn(ctx)
				if err != nil {
					return err
				}
				return dr.WritePrint(w)
			}},
		{name: "epub", suffix: ".epub", what: "the EPUB 3, for e-readers",
			render: func(ctx context.Context, w io.Writer, j *job) error {
				// the page-list follows the PDF's pages, typeset whatever the formats
				return epub.Write(ctx, w, j.ed, epub.Options{Fonts: j.fonts, PageBreaks: j.doc.PageBreaks, PageSource: fileStem(j.ed.Pub.ID, j.ed.Lang) + ".pdf", Printed: j.doc})
			}},
	}
}

// job is one edition to render in every wanted format: its resolution, its
// typesetting, and the PDF drawn from it once for both PDF editions.
type job struct {
	ed    *resolve.Edition
	doc   *page.Document
	fonts *fonts.Set
	dr    *pdf.Drawn
}

// drawn draws the PDF on first use.
func (j *job) drawn(ctx context.Context) (*pdf.Drawn, error) {
	if j.dr == nil {
		dr, err := pdf.Draw(ctx, j.doc)
		if err != nil {
			return nil, err
		}
		j.dr = dr
	}
	return j.dr, nil
}

// FormatNames lists the names of every format, comma-separated, for help text.
func FormatNames() string {
	var names []string
	for _, f := range formats() {
		names = append(names, string(f.name))
	}
	return strings.Join(names, ",")
}

// FormatHelp describes every format, one a line, for help text.
func FormatHelp() string {
	var b strings.Builder
	for _, f := range formats() {
		fmt.Fprintf(&b, "  %-6s <id>.<lang>%-11s %s\n", f.name, f.suffix, f.what)
	}
	return b.String()
}

// Config says what to build and where.
type Config struct {
	Source  string   // the source folder
	Layouts string   // the layouts folder, laid over the built-in one; "" for the built-in layouts alone
	Fonts   string   // the fonts folder, laid over the built-in one; "" for the built-in fonts alone
	Out     string   // the output folder
	Langs   []string // only these languages; all when empty
	Formats []Format // only these formats; all when empty (see ParseFormats)
	DryRun  bool     // check everything, write nothing (and draw nothing)
	Jobs    int      // editions built at once; the number of CPUs when 0
	Shard   Shard    // only the publications of one shard; all when zero
	Cache   string   // the cache folder; no cache when empty
	Force   bool     // build every edition again, cached or not (and refresh the cache)
	// Strict makes every warning an error.
	Strict bool
	// AllowMissing sets the original's section where a translation lacks
	// one, marked with the original's language, and makes that a warning.
	AllowMissing bool

	// Progress, when set, is called as publications start and finish, one
	// call at a time, from the goroutines that build them.
	Progress func(Progress)
}

// Progress tells where a build is.
type Progress struct {
	Index, Total int       // the publication's place among those built, from 0
	Started      bool      // it has started; otherwise it has finished
	Publication  PubReport // so far
	Done         int       // publications finished
}

// PubReport is what became of one publication.
type PubReport struct {
	ID          string            `json:"id"`
	Editions    []EditionReport   `json:"editions"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
}

// EditionReport is what became of one edition.
type EditionReport struct {
	Lang     string   `json:"lang"`
	Status   string   `json:"status"` // built, cached, checked (a dry run) or failed
	Outputs  []Output `json:"outputs"`
	Duration float64  `json:"seconds"` // typesetting and rendering, or reading the cache
	// Typesetting is how well the edition could be set (see page.Stats);
	// absent when it could not be.
	Typesetting *page.Stats `json:"typesetting,omitempty"`
}

// Output is a file written (or, in a dry run, that would be).
type Output struct {
	Path  string `json:"path"`
	Pages int    `json:"pages,omitempty"` // PDF pages; 0 for EPUB
	Bytes int    `json:"bytes"`           // 0 in a dry run, which draws nothing
	// Unchanged: the file already held these bytes and was left as it was.
	Unchanged bool `json:"unchanged,omitempty"`
	Cached    bool `json:"cached,omitempty"` // taken from the cache, not typeset and rendered again
}

// Result is what a build did and found.
type Result struct {
	Outputs      []Output
	Diags        diag.List
	Publications []PubReport // in the order they were named or listed
}

// BatchGC is how Go's garbage collector is best set for a build, a batch
// job of seconds to minutes, on a machine of cpus CPUs: the heap may grow to
// five times what is live (GOGC=400), for about a fifth less CPU than Go's
// default, but not past 160 MiB and 32 MiB per CPU (224 MiB on two cores), a
// soft limit near which the collector works harder. cmd/folio sets it, and
// the series benchmark measures with it.
func BatchGC(cpus int) (percent int, limit int64) {
	return 400, 160<<20 + 32<<20*int64(cpus)
}

// Run builds the publications named by ids, or every publication when ids is
// empty. Problems in the input are in Result.Diags; a publication with an error
// writes nothing. The error return is for failures of the build itself.
//
// Publications, and the editions of each, are built concurrently by up to
// cfg.Jobs workers; outputs and diagnostics do not depend on the order.
func Run(ctx context.Context, cfg Config, ids []string) (*Result, error) {
	res := &Result{}
	if len(ids) == 0 {
		all, err := source.List(cfg.Source)
		if err != nil {
			res.Diags.Add(diag.Pos{File: cfg.Source}, "%v", errors.Unwrap(err))
			return res, nil
		}
		if len(all) == 0 {
			res.Diags.Add(diag.Pos{File: cfg.Source}, "no publications: add a folder with a publication.yaml")
			return res, nil
		}
		ids = all
	}
	ids = cfg.Shard.Filter(ids)
	layouts, fontsDir, err := folders(cfg)
	if err != nil {
		res.Diags.AddErr(diag.Pos{}, err) // a *diag.Diagnostic, at the folder
		return res, nil
	}
	fontSet, err := fonts.Load(fontsDir)
	if err != nil {
		res.Diags.AddErr(diag.Pos{File: cfg.Fonts}, err)
		return res, nil
	}
	if within(cfg.Source, cfg.Out) {
		res.Diags.Warn(diag.Pos{File: cfg.Out}, "the output folder is inside the source folder %s: folio leaves it out of what it reads, but keep it outside", cfg.Source)
	}
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	reader := source.NewReader(cfg.Source)
	reader.AllowMissing = cfg.AllowMissing
	b := &builder{cfg: cfg, fonts: fontSet, reader: reader, layoutsDir: layouts,
		layouts: map[string]*style.Layout{}, words: map[string]*style.Words{},
		pubSlots: make(chan struct{}, jobs), workSlots: make(chan struct{}, jobs)}
	if cfg.Cache != "" {
		b.cache = newCache(cfg)
		// a check takes what builds stored (a publication unchanged since
		// needs no reading) and stores nothing
		b.cache.readOnly = cfg.DryRun
		if !cfg.DryRun {
			reader.RememberImages(imageMemo{c: b.cache})
		}
	}
	results := make([]pubResult, len(ids))
	var wg sync.WaitGroup
	var mu sync.Mutex // serialises cfg.Progress
	done := 0
	progress := func(i int, started bool, rep PubReport) {
		if cfg.Progress == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if !started {
			done++
		}
		cfg.Progress(Progress{Index: i, Total: len(ids), Started: started, Publication: rep, Done: done})
	}
	for i, id := range ids {
		// publications take their workers in the order they were named, so
		// that the first finish first and their lines print as they do
		if err := acquire(ctx, b.pubSlots); err != nil {
			for j := i; j < len(ids); j++ {
				results[j].report.ID = ids[j] // not begun: interrupted, as Run says below
			}
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = b.publication(ctx, id, func() { progress(i, true, PubReport{ID: id}) })
			<-b.pubSlots
			progress(i, false, results[i].report)
		}()
	}
	wg.Wait()
	for _, r := range results {
		res.Diags.Merge(&r.diags)
		res.Outputs = append(res.Outputs, r.outputs...)
		res.Publications = append(res.Publications, r.report)
	}
	if err := ctx.Err(); err != nil {
		return res, err // interrupted: said once, not once per publication
	}
	if b.cache != nil && !b.cache.readOnly && b.cache.broken() == nil {
		b.cache.prune(time.Now())
	}
	if b.cache != nil {
		if err := b.cache.broken(); err != nil {
			// after --strict has made the publications' warnings errors:
			// the cache never fails a build
			res.Diags.Warn(diag.Pos{File: cfg.Cache}, "the cache could not be used, so the build went on without it: %v", err)
		}
	}
	for _, r := range results {
		if r.err != nil {
			return res, r.err
		}
	}
	if len(res.Outputs) == 0 && !res.Diags.HasErrors() {
		if len(ids) == 0 {
			res.Diags.Warn(diag.Pos{File: cfg.Source}, "shard %s has no publications", cfg.Shard)
		} else {
			res.Diags.Add(diag.Pos{File: cfg.Source}, "nothing to build: no edition in %s", strings.Join(cfg.Langs, ", "))
		}
	}
	return res, nil
}

type builder struct {
	cfg        Config
	fonts      *fonts.Set
	reader     *source.Reader
	layoutsDir *overlay.Dir

	// pubSlots bounds the publications in flight (their sources held in
	// memory); workSlots bounds the editions being typeset and rendered.
	pubSlots, workSlots chan struct{}
	cache               *cache // nil without one

	mu      sync.Mutex // guards layouts and words
	layouts map[string]*style.Layout
	words   map[string]*style.Words
}

func (b *builder) layout(name string) (*style.Layout, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return cached(b.layouts, name, func() (*style.Layout, error) { return style.LoadLayout(b.layoutsDir, name) })
}

func (b *builder) wordsFor(lang string) (*style.Words, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return cached(b.words, lang, func() (*style.Words, error) { return style.LoadWords(b.layoutsDir, lang) })
}

// folders returns the layouts and fonts folders of cfg, each laid over the
// built-in one; an error when one is named and is no folder.
func folders(cfg Config) (layouts, fontsDir *overlay.Dir, err error) {
	for _, f := range []struct{ dir, flag string }{{cfg.Layouts, "layouts"}, {cfg.Fonts, "fonts"}} {
		if f.dir == "" {
			continue
		}
		if fi, err := os.Stat(f.dir); err != nil {
			return nil, nil, diag.Errorf(diag.Pos{File: f.dir}, "no such folder (--%s names it; without the flag, a series with no %s/ folder uses folio's built-in %s)", f.flag, f.flag, f.flag)
		} else if !fi.IsDir() {
			return nil, nil, diag.Errorf(diag.Pos{File: f.dir}, "not a folder: the %s folder must be one", f.flag)
		}
	}
	return overlay.New(cfg.Layouts, folio.Layouts(), "layouts"), overlay.New(cfg.Fonts, folio.Fonts(), "fonts"), nil
}

// cached returns m[key], loading and keeping it on first use. A failure is
// not kept, and gives the zero value with the error: what a loader read in
// part (a layout or words file with errors) is not used, so that one mistake
// gives its own messages and not others from setting text with it.
func cached[V any](m map[string]V, key string, load func() (V, error)) (V, error) {
	if v, ok := m[key]; ok {
		return v, nil
	}
	v, err := load()
	if err != nil {
		var zero V
		return zero, err
	}
	m[key] = v
	return v, nil
}

// acquire takes a slot of sem, or gives up when ctx is done.
func acquire(ctx context.Context, sem chan struct{}) error {
	select {
	case sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// rendered is a file ready to be written.
type rendered struct {
	path   string
	data   []byte
	pages  int
	cached bool
}

// pubResult is what building one publication gave.
type pubResult struct {
	outputs []Output
	diags   diag.List
	err     error // a failure of the build itself
	report  PubReport
}

// publication builds one publication, on a worker (a b.pubSlots place) its
// caller holds: every edition, then, when none has an error, every file.
// started is called as it starts.
func (b *builder) publication(ctx context.Context, id string, started func()) (r pubResult) {
	r.report.ID = id
	defer r.finishReport(b.cfg.DryRun)
	started()
	diags := &r.diags
	// A publication whose every input is as when it was last built comes
	// whole from the cache: not read, checked or resolved again.
	var pubKey string
	if b.cache != nil {
		var err error
		if pubKey, err = b.cache.pubKey(b.cfg, b.wanted(), id); err != nil {
			pubKey = "" // a missing folder, say: reading it will tell
		} else if b.cache.broken() != nil {
			pubKey = ""
		} else if e, ok := b.cache.getPub(pubKey); ok && !b.cfg.Force {
			if editions, ok := b.fromCache(e, id); ok {
				for _, d := range e.Diagnostics {
					diags.Warn(d.Pos, "%s", d.Msg)
				}
				b.finish(&r, editions)
				return r
			}
		}
	}
	if r.err = acquire(ctx, b.workSlots); r.err != nil {
		return r
	}
	pub := b.reader.Read(id, b.cfg.Langs, diags)
	<-b.workSlots
	if pub == nil {
		return r
	}
	b.checkTranslations(pub, diags)
	pubFile := filepath.Join(pub.Dir, "publication.yaml")
	var l *style.Layout
	if pub.Layout != "" {
		if _, ok := b.layoutsDir.Find(pub.Layout + ".yaml"); !ok {
			diags.Add(pub.LayoutPos, "layout %q not found: %s (folio layouts lists them)", pub.Layout, b.layoutsDir.Missing())
		} else if lv, err := b.layout(pub.Layout); err != nil {
			diags.AddErr(diag.Pos{File: pubFile}, err)
		} else {
			l = lv
		}
	}
	if l == nil {
		return r
	}
	// Editions are typeset even when the source has errors, so that one run
	// reports every problem (a character the font lacks among them); they are
	// rendered only when all is well, and written only when all are.
	words := make([]*style.Words, len(pub.Editions))
	for i, ed := range pub.Editions {
		var err error
		if words[i], err = b.wordsFor(ed.Lang); err != nil {
			diags.AddErr(diag.Pos{File: pubFile}, err)
		}
	}
	if b.cfg.Strict {
		diags.WarningsAsErrors()
	}
	sourceErrors := diags.HasErrors()
	editions := make([]editionResult, len(pub.Editions))
	var wg sync.WaitGroup
	for i, ed := range pub.Editions {
		if words[i] == nil {
			continue
		}
		var others []*style.Words // of the sections set in another language (--allow-missing)
		for _, lang := range sectionLangs(ed) {
			if w, err := b.wordsFor(lang); err != nil {
				diags.AddErr(diag.Pos{File: pubFile}, err)
			} else {
				others = append(others, w)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			editions[i] = b.edition(ctx, resolve.Resolve(ed, l, words[i], others...), sourceErrors)
		}()
	}
	wg.Wait()
	for i := range editions {
		editions[i].lang = pub.Editions[i].Lang
	}
	b.finish(&r, editions)
	if pubKey != "" && r.err == nil && !r.diags.HasErrors() {
		b.cache.putPub(pubKey, editions, r.diags.Items())
	}
	return r
}

// fromCache returns the editions a publication's record names, from the
// cache; false when one of them is not there (or damaged).
func (b *builder) fromCache(e *pubEntry, id string) ([]editionResult, bool) {
	var out []editionResult
	for _, pe := range e.Editions {
		start := time.Now()
		files, _, stats, ok := b.cache.get(pe.Key, filepath.Join(b.cfg.Out, id, fileStem(id, pe.Lang)))
		if !ok {
			return nil, false
		}
		out = append(out, editionResult{lang: pe.Lang, key: pe.Key, files: files, stats: stats, duration: time.Since(start)})
	}
	return out, true
}

// finish reports the editions of a publication and, when none failed,
// writes their files, all or none.
func (b *builder) finish(r *pubResult, editions []editionResult) {
	diags := &r.diags
	var files []rendered
	for _, e := range editions {
		rep := EditionReport{Lang: e.lang, Status: "built", Duration: e.duration.Seconds(), Typesetting: e.stats}
		for _, f := range e.files {
			if f.cached {
				rep.Status = "cached"
			}
			rep.Outputs = append(rep.Outputs, Output{Path: f.path, Pages: f.pages, Bytes: len(f.data), Cached: f.cached})
		}
		r.report.Editions = append(r.report.Editions, rep)
		diags.Merge(&e.diags)
		if e.err != nil && r.err == nil {
			r.err = fmt.Errorf("%s: %w", r.report.ID, e.err)
		}
		files = append(files, e.files...)
	}
	if b.cfg.Strict {
		diags.WarningsAsErrors()
	}
	if r.err != nil || diags.HasErrors() {
		return
	}
	changed := make([]bool, len(files))
	if !b.cfg.DryRun {
		if changed, r.err = writeAll(files); r.err != nil {
			return
		}
	}
	for i, f := range files {
		r.outputs = append(r.outputs, Output{Path: f.path, Pages: f.pages, Bytes: len(f.data), Cached: f.cached, Unchanged: !b.cfg.DryRun && !changed[i]})
	}
}

// finishReport completes the report once the publication is done: its
// diagnostics, and each edition's status and written outputs.
func (r *pubResult) finishReport(dryRun bool) {
	r.report.Diagnostics = r.diags.Items()
	for i := range r.report.Editions {
		e := &r.report.Editions[i]
		switch {
		case r.err != nil || r.diags.HasErrors():
			e.Status, e.Outputs = "failed", nil
		case dryRun:
			e.Status = "checked"
		}
		for j := range e.Outputs {
			for _, o := range r.outputs {
				if o.Path == e.Outputs[j].Path {
					e.Outputs[j] = o
				}
			}
		}
	}
}

// editionResult is one edition's files, in memory, and what it found.
type editionResult struct {
	lang     string
	key      string // its cache key; empty without a cache, or when the source has errors
	files    []rendered
	diags    diag.List
	err      error
	duration time.Duration
	stats    *page.Stats // nil when not typeset (errors)
}

// edition typesets one edition and, unless the source had errors or this is
// a dry run, renders it in every wanted format.
func (b *builder) edition(ctx context.Context, ed *resolve.Edition, sourceErrors bool) (r editionResult) {
	if r.err = acquire(ctx, b.workSlots); r.err != nil {
		return r
	}
	defer func() { <-b.workSlots }()
	start := time.Now() // for the report only: outputs never depend on the clock
	defer func() { r.duration = time.Since(start) }()
	base := filepath.Join(b.cfg.Out, ed.Pub.ID, fileStem(ed.Pub.ID, ed.Lang))
	var key string
	if b.cache != nil && !sourceErrors && b.cache.broken() == nil {
		var err error
		if key, err = b.cache.key(b.layoutsDir, b.wanted(), ed); err != nil {
			b.cache.failed(fmt.Errorf("the key of %s: %w", fileStem(ed.Pub.ID, ed.Lang), err))
			key = ""
		}
		r.key = key
	}
	if key != "" {
		if files, warnings, stats, ok := b.cache.get(key, base); ok && !b.cfg.Force {
			r.stats, r.files = stats, files
			for _, w := range warnings {
				r.diags.Warn(w.Pos, "%s", w.Msg)
			}
			return r
		}
	}
	// Typesetting also checks that the fonts have every character, so it
	// runs even when only the EPUB is wanted.
	td, err := typeset.Typeset(ctx, ed, typeset.Options{Fonts: b.fonts}, &r.diags)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", ed.Lang, err)
		return r
	}
	if td == nil || sourceErrors || r.diags.HasErrors() {
		return r
	}
	stats := td.Stats // a copy: a pointer into td would keep its pages alive in the report
	r.stats = &stats
	j := &job{ed: ed, doc: td, fonts: b.fonts}
	for _, f := range formats() {
		if !b.wants(f.name) {
			continue
		}
		out := rendered{path: base + f.suffix}
		if f.paged {
			out.pages = len(td.Pages)
		}
		if !b.cfg.DryRun {
			var buf bytes.Buffer
			if err := f.render(ctx, &buf, j); err != nil {
				r.err = fmt.Errorf("%s: %w", ed.Lang, err)
				return r
			}
			out.data = buf.Bytes()
		}
		r.files = append(r.files, out)
	}
	if key != "" {
		b.cache.put(key, base, r.files, r.diags.Items(), r.stats)
	}
	return r
}

// wanted lists the formats to write.
func (b *builder) wanted() []Format {
	var out []Format
	for _, f := range formats() {
		if b.wants(f.name) {
			out = append(out, f.name)
		}
	}
	return out
}

// checkTranslations runs the translation checks (package parity) on the
// editions read, against the original, which is read for them when --lang
// leaves it out.
func (b *builder) checkTranslations(pub *doc.Publication, diags *diag.List) {
	if len(pub.Languages) == 0 || len(pub.Editions) == 0 {
		return
	}
	// files with errors of their own: their sections are compared once mended
	broken := map[string]bool{}
	brokenIn := func(l *diag.List) {
		for _, d := range l.Items() {
			if d.Severity == diag.Error {
				broken[d.Pos.File] = true
			}
		}
	}
	brokenIn(diags)
	orig := pub.Editions[0]
	if orig.Lang != pub.Languages[0] {
		orig = nil
		var ignored diag.List // the original's own problems are reported when it is built
		if full := b.reader.Read(pub.ID, pub.Languages[:1], &ignored); full != nil && len(full.Editions) > 0 {
			orig = full.Editions[0]
		}
		brokenIn(&ignored)
	}
	terms := parity.LoadTerms(b.cfg.Source, pub.ID, diags)
	// each language's words file says how its words match the termbase's forms
	rules := func(lang string) *style.TermRules {
		if w, err := b.wordsFor(lang); err == nil && w != nil {
			return &w.Termbase
		}
		return nil // its problem is reported where the edition is built
	}
	parity.Check(orig, pub.Editions, parity.Options{Terms: terms, Broken: func(file string) bool { return broken[file] }, TermRules: rules}, diags)
}

// sectionLangs lists the languages of ed's sections that are not ed's own.
func sectionLangs(ed *doc.Edition) []string {
	var langs []string
	for _, s := range ed.Sections {
		if s.Lang != "" && s.Lang != ed.Lang && !slices.Contains(langs, s.Lang) {
			langs = append(langs, s.Lang)
		}
	}
	return langs
}

// wants reports whether format f is to be written.
func (b *builder) wants(f Format) bool {
	if len(b.cfg.Formats) == 0 {
		return true
	}
	for _, x := range b.cfg.Formats {
		if x == f {
			return true
		}
	}
	return false
}

// fileStem is the name of an edition's files before the format's suffix: <id>.<lang>.
func fileStem(id, lang string) string { return id + "." + lang }

// ParseFormats parses a comma-separated list of format names; empty means every format.
func ParseFormats(s string) ([]Format, error) {
	var out []Format
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		ok := false
		for _, f := range formats() {
			if string(f.name) == p {
				if !slices.Contains(out, f.name) {
					out = append(out, f.name)
				}
				ok = true
			}
		}
		if !ok {
			return nil, fmt.Errorf("unknown format %q (known: %s)", p, strings.ReplaceAll(FormatNames(), ",", ", "))
		}
	}
	return out, nil
}

// Shard is one of N parts of a series: K from 1 to N. The zero Shard is the
// whole series.
type Shard struct{ K, N int }

// ParseShard parses "K/N".
func ParseShard(s string) (Shard, error) {
	var sh Shard
	if s == "" {
		return sh, nil
	}
	k, n, ok := strings.Cut(s, "/")
	var err1, err2 error
	sh.K, err1 = strconv.Atoi(k)
	sh.N, err2 = strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || sh.N < 1 || sh.K < 1 || sh.K > sh.N {
		return Shard{}, fmt.Errorf("shard %q: write K/N with 1 ≤ K ≤ N, e.g. 2/4", s)
	}
	return sh, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Filter keeps the publication ids of the shard: a stable hash of each id
// decides its shard, so N jobs cover a series with no overlap and no gap.
func (s Shard) Filter(ids []string) []string {
	if s.N <= 1 {
		return ids
	}
	var out []string
	for _, id := range ids {
		h := fnv.New32a()
		h.Write([]byte(id))
		if int(h.Sum32()%uint32(s.N)) == s.K-1 {
			out = append(out, id)
		}
	}
	return out
}
