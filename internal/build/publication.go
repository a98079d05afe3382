package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/parity"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/typeset"
	"github.com/folio-pub/folio/internal/web"
)

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
	cards   []web.Card // its publication pages, for the series' pages
	diags   diag.List
	err     error // a failure of the build itself
	report  PubReport
}

// cachedPub returns the publication's cache key and, when its every input
// is as when it was last built, its editions from the cache (true), with
// the warnings they had; the key is "" when the cache cannot tell.
func (b *builder) cachedPub(id string, diags *diag.List) (string, []editionResult, bool) {
	if b.cache == nil {
		return "", nil, false
	}
	pubKey, err := b.cache.pubKey(b.cfg, b.wanted(), id)
	if err != nil || b.cache.broken() != nil {
		return "", nil, false // a missing folder, say: reading it will tell
	}
	if e, ok := b.cache.getPub(pubKey); ok && !b.cfg.Force {
		if editions, ok := b.fromCache(e, id); ok {
			for _, d := range e.Diagnostics {
				diags.Warn(d.Pos, "%s", d.Msg)
			}
			return pubKey, editions, true
		}
	}
	return pubKey, nil, false
}

// otherWords returns the words files of the other languages an edition's
// text has: of its sections set in another language (--allow-missing), and
// of its spans in another language (its words file, else its language's
// whatever the region, en for en-GB, else none: the span's text is then set
// as typed, without hyphenation).
func (b *builder) otherWords(ed *doc.Edition, pubFile string, diags *diag.List) []*style.Words {
	var others []*style.Words
	for _, lang := range sectionLangs(ed) {
		if w, err := b.wordsFor(lang); err != nil {
			diags.AddErr(diag.Pos{File: pubFile}, err)
		} else {
			others = append(others, w)
		}
	}
	for _, lang := range spanLangs(ed) {
		w, err := b.wordsFor(lang)
		if primary, _, _ := strings.Cut(lang, "-"); err != nil && primary != lang {
			w, err = b.wordsFor(primary)
		}
		if err == nil && !slices.Contains(others, w) && w.Lang != ed.Lang {
			others = append(others, w)
		}
	}
	return others
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
	pubKey, editions, cached := b.cachedPub(id, diags)
	if cached {
		b.finish(&r, editions)
		return r
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
	l := b.layoutOf(pub, diags)
	if l == nil {
		return r
	}
	// Editions are typeset even when the source has errors, so that one run
	// reports every problem (a character the font lacks among them); they are
	// rendered only when all is well, and written only when all are.
	words := b.editionWords(pub, diags)
	if b.cfg.Strict {
		diags.WarningsAsErrors()
	}
	sourceErrors := diags.HasErrors()
	editions = make([]editionResult, len(pub.Editions))
	var wg sync.WaitGroup
	for i, ed := range pub.Editions {
		if words[i] == nil {
			continue
		}
		others := b.otherWords(ed, filepath.Join(pub.Dir, "publication.yaml"), diags)
		if e, ok := b.session.keptEdition(id, ed.Lang); ok {
			editions[i] = e // nothing it is made from changed since it was last built
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			editions[i] = b.edition(ctx, b.resolved.Resolve(ed, l, words[i], others...), sourceErrors)
			editions[i].lang = ed.Lang // for the session
			b.session.keep(id, editions[i])
		}()
	}
	wg.Wait()
	for i := range editions {
		editions[i].lang = pub.Editions[i].Lang // those not typeset too
	}
	b.finish(&r, editions)
	if pubKey != "" && r.err == nil && !r.diags.HasErrors() {
		b.cache.putPub(pubKey, editions, r.diags.Items())
	}
	return r
}

// layoutOf returns the layout pub names; nil, with the problem in diags,
// when it has none or it cannot be loaded.
func (b *builder) layoutOf(pub *doc.Publication, diags *diag.List) *style.Layout {
	if pub.Layout == "" {
		return nil
	}
	if _, ok := b.layoutsDir.Find(pub.Layout + ".yaml"); !ok {
		diags.Add(pub.LayoutPos, "layout %q not found: %s (folio layouts lists them)", pub.Layout, b.layoutsDir.Missing())
		return nil
	}
	l, err := b.layout(pub.Layout)
	if err != nil {
		diags.AddErr(diag.Pos{File: filepath.Join(pub.Dir, "publication.yaml")}, err)
		return nil
	}
	return l
}

// editionWords returns the words of each edition of pub's language; nil
// for one that cannot be loaded, with the problem in diags.
func (b *builder) editionWords(pub *doc.Publication, diags *diag.List) []*style.Words {
	words := make([]*style.Words, len(pub.Editions))
	for i, ed := range pub.Editions {
		var err error
		if words[i], err = b.wordsFor(ed.Lang); err != nil {
			diags.AddErr(diag.Pos{File: filepath.Join(pub.Dir, "publication.yaml")}, err)
		}
	}
	return words
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
		if changed, r.err = writeAllWith(files, os.Rename, b.session.written()); r.err != nil {
			return
		}
	}
	r.cards = cards(files)
	for i, f := range files {
		r.outputs = append(r.outputs, Output{Path: f.path, Pages: f.pages, Bytes: len(f.data), Cached: f.cached, Unchanged: !b.cfg.DryRun && !changed[i]})
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
	r.diags.Merge(&ed.Diags) // what resolving found (after the cache, which keeps them with the edition)
	// Typesetting also checks that the fonts have every character, so it
	// runs even when only the EPUB is wanted.
	td, err := typeset.Typeset(ctx, ed, typeset.Options{Fonts: b.fonts, Memo: b.typesetMemo(ed)}, &r.diags)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", ed.Lang, err)
		return r
	}
	if td == nil || sourceErrors || r.diags.HasErrors() {
		return r
	}
	stats := td.Stats // a copy: a pointer into td would keep its pages alive in the report
	r.stats = &stats
	j := &job{out: b.cfg.Out, ed: ed, doc: td, fonts: b.fonts, pdfs: b.pdfs, covers: b.covers, epubs: b.epubs}
	if r.files, r.err = b.render(ctx, j, base); r.err != nil {
		r.err = fmt.Errorf("%s: %w", ed.Lang, r.err)
		return r
	}
	if key != "" {
		b.cache.put(key, base, r.files, r.diags.Items(), r.stats)
	}
	return r
}

// render renders j in every wanted format into files at base: the paged
// formats in turn, a reflowable one beside them when a worker is free, then
// the formats of many files, which offer the others' files.
func (b *builder) render(ctx context.Context, j *job, base string) ([]rendered, error) {
	var single, many []format
	for _, f := range formats() {
		switch {
		case !b.wants(f.name):
		case f.files != nil:
			many = append(many, f)
		default:
			single = append(single, f)
		}
	}
	files := make([]rendered, len(single))
	errs := make([]error, len(single))
	render := func(i int) {
		f := single[i]
		files[i] = rendered{path: base + f.suffix}
		if f.paged {
			files[i].pages = len(j.doc.Pages)
		}
		if !b.cfg.DryRun {
			var buf bytes.Buffer
			errs[i] = f.render(ctx, &buf, j)
			files[i].data = buf.Bytes()
		}
	}
	// a reflowable format reads the typesetting alone, not the PDFs'
	// drawing: on a free worker, it is rendered beside them, started first
	var wg sync.WaitGroup
	beside := make([]bool, len(single))
	for i, f := range single {
		if beside[i] = !f.paged && !b.cfg.DryRun && tryAcquire(b.workSlots); beside[i] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-b.workSlots }()
				render(i)
			}()
		}
	}
	for i := range single {
		if !beside[i] {
			render(i)
		}
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, f := range many {
		if b.cfg.DryRun {
			files = append(files, rendered{path: base + f.suffix})
			continue
		}
		more, err := f.files(ctx, j, files)
		if err != nil {
			return nil, err
		}
		files = append(files, more...)
	}
	return files, nil
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
	// each language's words file says how its words match the termbase's
	// forms; asked once a language, since a file that cannot be read is not
	// kept by wordsFor, and would otherwise be read again for every term
	known := map[string]*style.TermRules{}
	rules := func(lang string) *style.TermRules {
		if r, ok := known[lang]; ok {
			return r
		}
		known[lang] = nil // its problem is reported where the edition is built
		if w, err := b.wordsFor(lang); err == nil && w != nil {
			known[lang] = &w.Termbase
		}
		return known[lang]
	}
	parity.Check(orig, pub.Editions, parity.Options{Terms: terms, Broken: func(file string) bool { return broken[file] }, TermRules: rules, Memo: b.parityMemo(pub.ID)}, diags)
}

// parityMemo returns what the translation checks of publication id keep
// between builds; nil, for none, but in a session that builds again.
func (b *builder) parityMemo(id string) *parity.Memo {
	if b.parities == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.parities[id] == nil {
		b.parities[id] = parity.NewMemo()
	}
	return b.parities[id]
}

// typesetMemo returns what typesetting edition ed keeps between builds;
// nil, for none, but in a session that builds again.
func (b *builder) typesetMemo(ed *resolve.Edition) *typeset.Memo {
	if b.typesets == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	k := ed.Pub.ID + "/" + ed.Lang
	if b.typesets[k] == nil {
		b.typesets[k] = typeset.NewMemo()
	}
	return b.typesets[k]
}

// spanLangs lists the languages of ed's spans that are not ed's own, in
// order of first use.
func spanLangs(ed *doc.Edition) []string {
	var langs []string
	doc.WalkInlines(ed, func(n doc.Inline) {
		if s, ok := n.(*doc.Span); ok && s.Lang != ed.Lang && !slices.Contains(langs, s.Lang) {
			langs = append(langs, s.Lang)
		}
	})
	return langs
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
