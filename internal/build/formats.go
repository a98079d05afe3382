package build

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/folio-pub/folio/internal/cover"
	"github.com/folio-pub/folio/internal/epub"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/pdf"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/web"
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
	// files, instead of render, writes a format of many files: the first is
	// <id>.<lang><suffix>, the others beside it in the publication's folder.
	// done are the files the formats before it wrote.
	files func(ctx context.Context, j *job, done []rendered) ([]rendered, error)
	paged bool // report the page count
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
				return epub.Write(ctx, w, j.ed, epub.Options{Fonts: j.fonts, PageBreaks: j.doc.PageBreaks, PageSource: j.ed.Doc.PDFIdentifier, Printed: j.doc, Covers: j.covers, Shared: j.epubs})
			}},
		{name: "html", suffix: ".html", what: "the web edition: the text on one page, and index.<lang>.html, the publication page",
			files: webFiles},
	}
}

// webFiles writes the web edition: its pages offer the files of the formats
// written before it as downloads.
func webFiles(ctx context.Context, j *job, done []rendered) ([]rendered, error) {
	var downloads []web.Download
	for _, d := range done {
		for _, f := range formats() {
			if f.files == nil && strings.HasSuffix(d.path, fileStem(j.ed.Pub.ID, j.ed.Lang)+f.suffix) {
				downloads = append(downloads, web.Download{Format: string(f.name), File: filepath.Base(d.path), Bytes: len(d.data), Pages: d.pages})
			}
		}
	}
	files, err := web.Edition(ctx, j.ed, web.Options{Fonts: j.fonts, Printed: j.doc, Downloads: downloads, Covers: j.covers})
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(j.out, j.ed.Pub.ID)
	out := make([]rendered, len(files))
	for i, f := range files {
		out[i] = rendered{path: filepath.Join(dir, filepath.FromSlash(f.Name)), data: f.Data}
	}
	return out, nil
}

// job is one edition to render in every wanted format: its resolution, its
// typesetting, and the PDF drawn from it once for both PDF editions.
type job struct {
	out    string // the output folder
	ed     *resolve.Edition
	doc    *page.Document
	fonts  *fonts.Set
	dr     *pdf.Drawn
	pdfs   *pdf.Shared  // what the build's PDFs share
	covers *cover.Memo  // the covers drawn
	epubs  *epub.Shared // what the build's EPUBs share
}

// drawn draws the PDF on first use.
func (j *job) drawn(ctx context.Context) (*pdf.Drawn, error) {
	if j.dr == nil {
		dr, err := pdf.DrawShared(ctx, j.doc, j.pdfs)
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
