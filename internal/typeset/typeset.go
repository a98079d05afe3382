// Package typeset measures, breaks into lines and paginates an edition into pages
// of positioned items. It draws nothing: package pdf draws what it produces.
package typeset

import (
	"context"
	"maps"
	"strconv"
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
	return page.Info{Title: ed.FullTitle, ID: ed.Doc.PDFIdentifier, Author: strings.Join(ed.Authors, ", "), Subject: ed.Description,
		Keywords: strings.Join(ed.Keywords, ", "), Lang: ed.Lang, Date: ed.Date}
}

// Options are what typesetting reads besides the edition and its layout.
type Options struct {
	Fonts *fonts.Set
	// Memo, when not nil, keeps what setting the edition found for its
	// next Typeset (see Memo); nil in a build that sets it once.
	Memo *Memo
}

// Typeset lays out the edition with its layout. Problems in the input (a
// character the font lacks, a font the layout names but the manifest does
// not, an image printed below 300 ppi) go to diags, with their positions; the
// document is nil when the edition cannot be set. The error is ctx's.
//
// Where the layout gives cross-references their page (references: page),
// the text depends on the pages it makes: the edition is set again with the
// pages the last setting gave each target, until they no longer change
// (twice in general, at most maxPasses times); only the last setting's
// problems are reported.
func Typeset(ctx context.Context, ed *resolve.Edition, opt Options, diags *diag.List) (*page.Document, error) {
	var pages map[string]string // the page each target of a reference is on, as the last setting gave
	paged := ed.Layout.References.Page && len(ed.Referred()) > 0
	var hyphens map[string][]int // the hyphenation points found, kept from one setting to the next
	if m := opt.Memo; m != nil {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.start(ed)
	}
	for pass := 1; ; pass++ {
		var found diag.List
		t := newTypesetter(ed, opt, &found)
		if t == nil {
			diags.Merge(&found)
			return nil, nil
		}
		if hyphens != nil {
			t.hyphens = hyphens
		}
		hyphens = t.hyphens
		if paged {
			t.refPages = pages
			if t.refPages == nil {
				t.refPages = map[string]string{} // set as "p. 00" until known
			}
		}
		d := t.run(ctx)
		t.missing.report(&found)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d.Stats = t.stats
		d.Stats.Pages = len(d.Pages)
		if paged {
			got := targetPages(ed, d)
			if !maps.Equal(got, pages) && pass < maxPasses {
				pages = got
				continue
			}
			if !maps.Equal(got, pages) {
				found.Warn(diag.Pos{File: ed.Pub.Dir}, "the pages of cross-references did not settle after %d settings: a reference may name the page before its target moved", maxPasses)
			}
		}
		diags.Merge(&found)
		return d, nil
	}
}

// maxPasses is how many times an edition is set at most for the pages of
// its cross-references to settle.
const maxPasses = 4

// targetPages returns the printed page of each id the edition's
// cross-references refer to, in d.
func targetPages(ed *resolve.Edition, d *page.Document) map[string]string {
	out := map[string]string{}
	for _, id := range ed.Referred() {
		dest, ok := d.Anchors[id]
		if !ok || dest.Page < 1 || dest.Page > len(d.Pages) {
			continue
		}
		label := d.Pages[dest.Page-1].Label
		if label == "" {
			label = strconv.Itoa(dest.Page)
		}
		out[id] = label
	}
	return out
}

// pageOf is what follows a cross-reference to id where the layout gives
// references their page: ", p. 7" (the words file's page abbreviation), ",
// p. 00" while the pages are not known yet; "" where it gives none.
func (t *typesetter) pageOf(id string) string {
	if t.refPages == nil {
		return ""
	}
	p, ok := t.refPages[id]
	if !ok {
		p = "00"
	}
	abbr := ""
	if t.words != nil {
		abbr = t.words.Numbering.Page
	}
	if abbr == "" {
		abbr = "p."
	}
	return ", " + abbr + "\u00a0" + p
}
