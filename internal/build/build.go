// Package build runs the pipeline for whole publications: read the source, apply
// language rules, typeset and render every edition, and write the files atomically.
package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	folio "github.com/folio-pub/folio"
	"github.com/folio-pub/folio/internal/cover"
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/epub"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/parity"
	"github.com/folio-pub/folio/internal/pdf"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/source"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/typeset"
	"github.com/folio-pub/folio/internal/web"
)

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

// BatchGC is how Go's garbage collector is best set for a build, a batch
// job of seconds to minutes, on a machine of cpus CPUs: the heap may grow to
// four times what is live (GOGC=300), for less CPU than Go's default (fewer
// collections) and than GOGC=400 (on the sample, 700 fewer of the pages the
// system gives the process one by one, at some 14 µs each on a small VM,
// for 1 % more instructions), but not past 160 MiB and 32 MiB per CPU (224 MiB on two cores), a
// soft limit near which the collector works harder. cmd/folio sets it, and
// the series benchmark measures with it.
func BatchGC(cpus int) (percent int, limit int64) {
	return 300, 160<<20 + 32<<20*int64(cpus)
}

// GCSettings are the garbage collector's settings for a process that
// builds: BatchGC's, each unless the environment sets it.
type GCSettings struct {
	Percent    int   // GOGC
	Limit      int64 // GOMEMLIMIT, bytes
	SetPercent bool  // false: GOGC is set in the environment, and wins
	SetLimit   bool  // false: GOMEMLIMIT is set, and wins
}

// BatchGCSettings are BatchGC's settings on a machine of cpus CPUs, with
// the environment getenv reads winning.
func BatchGCSettings(getenv func(string) string, cpus int) GCSettings {
	percent, limit := BatchGC(cpus)
	return GCSettings{Percent: percent, SetPercent: getenv("GOGC") == "", Limit: limit, SetLimit: getenv("GOMEMLIMIT") == ""}
}

// Apply sets the process's collector as gc says.
func (gc GCSettings) Apply() {
	if gc.SetPercent {
		debug.SetGCPercent(gc.Percent)
	}
	if gc.SetLimit {
		debug.SetMemoryLimit(gc.Limit)
	}
}

// InputMemory is how much more than BatchGC's limit a build of cfg may
// hold, on a machine of cpus CPUs: an edition being typeset holds some 64
// bytes for each byte of its source (its rows, lines and pages), and up to
// -j editions are typeset at once. It is 0 for a build of none, and less
// than 5 MiB for the sample; 400 MB for a publication 100 times as long (3
// MB of Markdown a language) on two cores. The largest edition counts: the
// language folders of the publications in the source folder, by the size
// of their files.
func InputMemory(cfg Config, cpus int) int64 {
	ids, err := source.List(cfg.Source)
	if err != nil {
		return 0
	}
	var largest int64
	for _, id := range ids {
		langs, _ := os.ReadDir(filepath.Join(cfg.Source, id))
		for _, l := range langs {
			if !l.IsDir() || !doc.IsLangTag(l.Name()) {
				continue
			}
			var size int64
			files, _ := os.ReadDir(filepath.Join(cfg.Source, id, l.Name()))
			for _, f := range files {
				if fi, err := f.Info(); err == nil && fi.Mode().IsRegular() {
					size += fi.Size()
				}
			}
			largest = max(largest, size)
		}
	}
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = cpus
	}
	return 64 * largest * int64(jobs)
}

// Run builds the publications named by ids, or every publication when ids is
// empty. Problems in the input are in Result.Diags; a publication with an error
// writes nothing. The error return is for failures of the build itself.
//
// Publications, and the editions of each, are built concurrently by up to
// cfg.Jobs workers; outputs and diagnostics do not depend on the order.
func Run(ctx context.Context, cfg Config, ids []string) (*Result, error) {
	s := NewSession(cfg)
	s.once = true // one build: nothing to keep for the next
	return s.Run(ctx, ids)
}

// listed returns ids, or every publication of the source folder when
// empty, within the shard; false, with the problem in diags, when there
// are none to build.
func listed(cfg Config, ids []string, diags *diag.List) ([]string, bool) {
	if len(ids) == 0 {
		all, err := source.List(cfg.Source)
		if err != nil {
			diags.Add(diag.Pos{File: cfg.Source}, "%v", errors.Unwrap(err))
			return nil, false
		}
		if len(all) == 0 {
			diags.Add(diag.Pos{File: cfg.Source}, "no publications: add a folder with a publication.yaml")
			return nil, false
		}
		ids = all
	}
	return cfg.Shard.Filter(ids), true
}

// run builds ids (listed from named) with b into res, as Run says.
func (b *builder) run(ctx context.Context, named, ids []string, res *Result) (*Result, error) {
	cfg := b.cfg
	if within(cfg.Source, cfg.Out) {
		res.Diags.Warn(diag.Pos{File: cfg.Out}, "the output folder is inside the source folder %s: folio leaves it out of what it reads, but keep it outside", cfg.Source)
	}
	b.cache = nil
	if cfg.Cache != "" {
		b.cache = newCache(cfg) // its file hashes are for one run
		// a check takes what builds stored (a publication unchanged since
		// needs no reading) and stores nothing
		b.cache.readOnly = cfg.DryRun
		if !cfg.DryRun {
			b.reader.RememberImages(imageMemo{c: b.cache})
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
	if err := b.series(named, results, res); err != nil {
		return res, err
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

// newBuilder loads what every build of cfg shares: the fonts, the
// layouts folder; nil and the problems in diags when they cannot be.
func newBuilder(cfg Config, diags *diag.List) *builder {
	layouts, fontsDir, err := folders(cfg)
	if err != nil {
		diags.AddErr(diag.Pos{}, err) // a *diag.Diagnostic, at the folder
		return nil
	}
	fontSet, err := fonts.Load(fontsDir)
	if err != nil {
		diags.AddErr(diag.Pos{File: cfg.Fonts}, err)
		return nil
	}
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	reader := source.NewReader(cfg.Source)
	reader.AllowMissing = cfg.AllowMissing
	return &builder{cfg: cfg, fonts: fontSet, reader: reader, layoutsDir: layouts, pdfs: pdf.NewShared(), covers: cover.NewMemo(), epubs: epub.NewShared(),
		layouts: map[string]*style.Layout{}, words: map[string]*style.Words{},
		pubSlots: make(chan struct{}, jobs), workSlots: make(chan struct{}, jobs)}
}

// series writes the series' pages, which need every publication: a build
// of them all, in every language, writes them (a shard or a build of some
// does not: folio index, from the publication pages of the output folder).
func (b *builder) series(named []string, results []pubResult, res *Result) error {
	cfg := b.cfg
	if len(named) > 0 || cfg.Shard.N > 1 || !b.wants("html") || cfg.DryRun || res.Diags.HasErrors() || len(cfg.Langs) > 0 {
		return nil
	}
	var all []web.Card
	for _, r := range results {
		all = append(all, r.cards...)
	}
	return writeSeries(cfg.Out, all, b.wordsFor, res)
}

type builder struct {
	cfg        Config
	fonts      *fonts.Set
	reader     *source.Reader
	layoutsDir *overlay.Dir

	// pubSlots bounds the publications in flight (their sources held in
	// memory); workSlots bounds the editions being typeset and rendered.
	pubSlots, workSlots chan struct{}
	cache               *cache        // nil without one
	session             *Session      // what is kept between builds; nil for none
	pdfs                *pdf.Shared   // what the PDFs share
	covers              *cover.Memo   // the EPUBs' cover images drawn
	epubs               *epub.Shared  // what the EPUBs share
	resolved            *resolve.Memo // what resolving made of what did not change (the language rules of each text); nil but in a session that builds again

	mu       sync.Mutex // guards layouts, words, parities and typesets
	layouts  map[string]*style.Layout
	words    map[string]*style.Words
	parities map[string]*parity.Memo  // by publication; nil but in a session that builds again
	typesets map[string]*typeset.Memo // by edition (publication/language); nil as parities
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

// tryAcquire takes a slot of sem if one is free.
func tryAcquire(sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	default:
		return false
	}
}
