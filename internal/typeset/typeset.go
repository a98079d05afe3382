// Package typeset measures, breaks into lines and paginates an edition into pages
// of positioned items. It draws nothing: package pdf draws what it produces.
package typeset

import (
	"context"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// MM is one millimetre in points (style.MM, short for the many lengths here).
const MM = style.MM

// info takes the document information from the edition.
func info(ed *resolve.Edition) page.Info {
	return page.Info{Title: ed.FullTitle, Author: strings.Join(ed.Authors, ", "), Subject: ed.Description,
		Keywords: strings.Join(ed.Keywords, ", "), Lang: ed.Lang, Date: ed.Date}
}

// Options are what typesetting reads besides the edition and its layout.
type Options struct {
	Fonts *fonts.Set
}

// Typeset lays out the edition with its layout. Problems in the input (a
// character the font lacks, a font the layout names but the manifest does
// not, an image printed below 300 ppi) go to diags, with their positions; the
// document is nil when the edition cannot be set. The error is ctx's.
func Typeset(ctx context.Context, ed *resolve.Edition, opt Options, diags *diag.List) (*page.Document, error) {
	t := newTypesetter(ed, opt, diags)
	if t == nil {
		return nil, nil
	}
	d := t.run(ctx)
	t.missing.report(diags)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.Stats = t.stats
	d.Stats.Pages = len(d.Pages)
	return d, nil
}
