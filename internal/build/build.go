// Package build runs the pipeline for whole publications: read the source, apply
// language rules, typeset and render every edition, and write the files atomically.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/epub"
	"github.com/folio-pub/folio/internal/fonts"
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
	// render writes the edition; d is its typesetting.
	render func(ctx context.Context, w io.Writer, ed *resolve.Edition, d *typeset.Document, set *fonts.Set) error
	paged  bool // report the page count
}

// formats is every format folio writes, in the order they are written. Flag
// parsing, help and validation read it.
func formats() []format {
	return []format{
		{name: "pdf", suffix: ".pdf", what: "the A4 PDF, for download and print", paged: true,
			render: func(ctx context.Context, w io.Writer, _ *resolve.Edition, d *typeset.Document, _ *fonts.Set) error {
				return pdf.Write(ctx, w, d)
			}},
		{name: "epub", suffix: ".epub", what: "the EPUB 3, for e-readers",
			render: func(ctx context.Context, w io.Writer, ed *resolve.Edition, d *typeset.Document, set *fonts.Set) error {
				// the page-list follows the PDF's pages, typeset whatever the formats
				return epub.Write(ctx, w, ed, epub.Options{Fonts: set, PageBreaks: d.PageBreaks, PageSource: fileStem(ed) + ".pdf"})
			}},
	}
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
		fmt.Fprintf(&b, "  %-6s <id>.<lang>%-6s %s\n", f.name, f.suffix, f.what)
	}
	return b.String()
}

// Config says what to build and where.
type Config struct {
	Source  string   // the source folder
	Layouts string   // the layouts folder
	Fonts   string   // the fonts folder
	Out     string   // the output folder
	Langs   []string // only these languages; all when empty
	Formats []Format // only these formats; all when empty (see ParseFormats)
	DryRun  bool     // check everything, write nothing
}

// Output is a file written (or, in a dry run, that would be).
type Output struct {
	Path  string
	Pages int // PDF pages; 0 for EPUB
	Bytes int
}

// Result is what a build did and found.
type Result struct {
	Outputs []Output
	Diags   diag.List
}

// Run builds the publications named by ids, or every publication when ids is
// empty. Problems in the input are in Result.Diags; a publication with an error
// writes nothing. The error return is for failures of the build itself.
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
	fontSet, err := fonts.Load(cfg.Fonts)
	if err != nil {
		res.Diags.AddErr(diag.Pos{File: cfg.Fonts}, err)
		return res, nil
	}
	b := &builder{cfg: cfg, fonts: fontSet, reader: source.NewReader(cfg.Source), layouts: map[string]*style.Layout{}, words: map[string]*style.Words{}}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := b.publication(ctx, id, res); err != nil {
			return res, err
		}
	}
	if len(res.Outputs) == 0 && !res.Diags.HasErrors() {
		res.Diags.Add(diag.Pos{File: cfg.Source}, "nothing to build: no edition in %s", strings.Join(cfg.Langs, ", "))
	}
	return res, nil
}

type builder struct {
	cfg     Config
	fonts   *fonts.Set
	reader  *source.Reader
	layouts map[string]*style.Layout
	words   map[string]*style.Words
}

func (b *builder) layout(name string) (*style.Layout, error) {
	return cached(b.layouts, name, func() (*style.Layout, error) { return style.LoadLayout(b.cfg.Layouts, name) })
}

func (b *builder) wordsFor(lang string) (*style.Words, error) {
	return cached(b.words, lang, func() (*style.Words, error) { return style.LoadWords(b.cfg.Layouts, lang) })
}

// cached returns m[key], loading and keeping it on first use; failures are not kept.
func cached[V any](m map[string]V, key string, load func() (V, error)) (V, error) {
	if v, ok := m[key]; ok {
		return v, nil
	}
	v, err := load()
	if err == nil {
		m[key] = v
	}
	return v, err
}

// rendered is a file ready to be written.
type rendered struct {
	path  string
	data  []byte
	pages int
}

func (b *builder) publication(ctx context.Context, id string, res *Result) error {
	var diags diag.List
	defer func() { res.Diags.Merge(&diags) }()
	pub := b.reader.Read(id, b.cfg.Langs, &diags)
	if pub == nil {
		return nil
	}
	pubFile := filepath.Join(pub.Dir, "publication.yaml")
	var l *style.Layout
	if pub.Layout != "" {
		file := filepath.Join(b.cfg.Layouts, pub.Layout+".yaml")
		if _, err := os.Stat(file); err != nil {
			diags.Add(pub.LayoutPos, "no layout %q (no file %s)", pub.Layout, file)
		} else if l, err = b.layout(pub.Layout); err != nil {
			diags.AddErr(diag.Pos{File: pubFile}, err)
		}
	}
	if l == nil {
		return nil
	}
	// Editions are typeset even when the source has errors, so that one run
	// reports every problem (a character the font lacks among them); they are
	// rendered only when all is well.
	var eds []*resolve.Edition
	var docs []*typeset.Document
	for _, ed := range pub.Editions {
		words, err := b.wordsFor(ed.Lang)
		if err != nil {
			diags.AddErr(diag.Pos{File: pubFile}, err)
			continue
		}
		red := resolve.Resolve(ed, l, words)
		// Typesetting also checks that the fonts have every character, so it
		// runs even when only the EPUB is wanted.
		td, err := typeset.Typeset(ctx, red, typeset.Options{Fonts: b.fonts}, &diags)
		if err != nil {
			return fmt.Errorf("%s (%s): %w", id, ed.Lang, err)
		}
		eds, docs = append(eds, red), append(docs, td)
	}
	if diags.HasErrors() {
		return nil
	}
	var files []rendered
	for i, ed := range eds {
		out, err := b.edition(ctx, ed, docs[i])
		if err != nil {
			return fmt.Errorf("%s (%s): %w", id, ed.Lang, err)
		}
		files = append(files, out...)
	}
	if diags.HasErrors() {
		return nil
	}
	for _, f := range files {
		if !b.cfg.DryRun {
			if err := writeAtomic(f.path, f.data); err != nil {
				return err
			}
		}
		res.Outputs = append(res.Outputs, Output{Path: f.path, Pages: f.pages, Bytes: len(f.data)})
	}
	return nil
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
func fileStem(ed *resolve.Edition) string { return ed.Pub.ID + "." + ed.Lang }

// edition renders one edition in every wanted format, in memory.
func (b *builder) edition(ctx context.Context, ed *resolve.Edition, td *typeset.Document) ([]rendered, error) {
	base := filepath.Join(b.cfg.Out, ed.Pub.ID, fileStem(ed))
	var out []rendered
	for _, f := range formats() {
		if !b.wants(f.name) {
			continue
		}
		var buf bytes.Buffer
		if err := f.render(ctx, &buf, ed, td, b.fonts); err != nil {
			return nil, err
		}
		r := rendered{path: base + f.suffix, data: buf.Bytes()}
		if f.paged {
			r.pages = len(td.Pages)
		}
		out = append(out, r)
	}
	return out, nil
}

// writeAtomic writes data to a temporary file beside path, then renames it into
// place, so a reader never sees a partial file and a failure leaves the old one.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, bytes.NewReader(data)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

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
