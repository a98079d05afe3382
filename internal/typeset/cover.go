package typeset

import (
	"path/filepath"
	"strconv"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// cover sets the first page: a colour band into the bleed with the series, then title and subtitle.
// Its text is the structure element el's: the title a heading, the rest paragraphs.
func (t *typesetter) cover(el *page.Elem) *page.Page {
	l := t.l
	p := &page.Page{Number: 1} // no folio
	W := l.Page.Width * MM
	bleed := l.Page.Bleed * MM
	band := l.Cover.BandHeight * MM
	x := l.Page.Margin.Inner * MM
	w := W - (l.Page.Margin.Inner+l.Page.Margin.Outer)*MM
	p.Items = append(p.Items, page.Rect{X: -bleed, Y: -bleed, W: W + 2*bleed, H: band + bleed, Fill: l.Colors.CoverBand})
	put := func(in []doc.Inline, ts *style.TextStyle, y float64, width float64) float64 {
		return t.putCover(p, in, t.st(ts), x, y, width, el.Add(page.RoleP))
	}
	if series := t.ed.Series; series != "" {
		st := t.st(&l.Text.CoverSeries)
		put(t.meta("series", series), &l.Text.CoverSeries, band-l.Page.Margin.Inner*MM*0.8-st.leading, w)
	}
	// publisher and date at the foot
	foot := t.st(&l.Text.CoverFooter)
	var lines [][]doc.Inline
	if pub := t.ed.Publisher; pub != "" {
		lines = append(lines, t.meta("publisher", pub))
	}
	if t.ed.DateText != "" {
		lines = append(lines, t.ed.DateInlines)
	}
	fy := l.Page.Height*MM - l.Page.Margin.Bottom*MM - float64(len(lines))*foot.leading
	top := band + 18*MM
	room := fy - foot.leading - top
	title := t.coverTitleStyle(x, w, top, room)
	y := t.putCover(p, t.meta("title", t.ed.Title), title, x, top, w, el.Add(page.Heading(1)))
	what := "title needs"
	if t.ed.Subtitle != "" {
		y = put(t.meta("subtitle", t.ed.Subtitle), &l.Text.CoverSubtitle, y+4*MM, w*0.85)
		what = "title and subtitle need"
	}
	if y+8*MM-top > room {
		t.diags.Add(t.keyPos("title"), "the %s %.0f mm on the cover, which has %.0f mm below its band: shorten it", what, (y+8*MM-top)/MM, room/MM)
	}
	p.Items = append(p.Items, page.Line{X1: x, Y1: y + 8*MM, X2: x + 30*MM, Y2: y + 8*MM, Width: 3, Color: l.Colors.Accent})
	for _, in := range lines {
		fy = put(in, &l.Text.CoverFooter, fy, w)
	}
	if lg := t.logo(); lg != nil {
		lg.X, lg.Y = x+w-lg.W, l.Page.Height*MM-l.Page.Margin.Bottom*MM-lg.H
		p.Items = append(p.Items, *lg)
	}
	return p
}

// putCover sets inlines in style st on cover page p at x, y, width wide, as
// element e's text, and returns where they end.
func (t *typesetter) putCover(p *page.Page, in []doc.Inline, st *textStyle, x, y, width float64, e *page.Elem) float64 {
	for _, r := range t.paragraph(in, st, x, width, e) {
		for _, it := range r.items {
			p.Items = append(p.Items, it.Moved(0, y))
		}
		y += r.h
	}
	return y
}

// coverTitleStyle is the style of the cover's title: the layout's, or, when
// the title and subtitle set from top at x, w wide, would not fit in room,
// or a word of the title would not fit the measure, a smaller size, a point
// at a time, down to 0.6 of it; failing that, the largest that fits in
// room, else the smallest (where the build says to shorten the title). The
// tries are set apart: their diagnostics, figures and structure are dropped.
func (t *typesetter) coverTitleStyle(x, w, top, room float64) *textStyle {
	l := t.l
	full := t.st(&l.Text.CoverTitle)
	diags, stats := t.diags, t.stats
	defer func() { t.diags, t.stats = diags, stats }()
	var fits *textStyle
	for size := full.size; size >= full.size*0.6; size-- {
		st := full
		if size < full.size {
			smaller := *full
			smaller.size, smaller.leading = size, full.leading*size/full.size
			st = &smaller
		}
		t.diags = &diag.List{}
		scratch := &page.Page{}
		y := t.putCover(scratch, t.meta("title", t.ed.Title), st, x, top, w, &page.Elem{})
		words := len(t.diags.Items()) == 0
		if t.ed.Subtitle != "" {
			y = t.putCover(scratch, t.meta("subtitle", t.ed.Subtitle), t.st(&l.Text.CoverSubtitle), x, y+4*MM, w*0.85, &page.Elem{})
		}
		height := y+8*MM-top <= room
		if height && words {
			return st
		}
		if height && fits == nil {
			fits = st
		}
		if fits == nil && size-1 < full.size*0.6 {
			return st
		}
	}
	if fits == nil {
		return full
	}
	return fits
}

// logo is the layout's logo for the edition's language, at its height and
// the width its proportions give (at most the text block's), an artifact;
// nil when the layout has none.
func (t *typesetter) logo() *page.Image {
	im := t.ed.Logo
	if im == nil || im.Width <= 0 || im.Height <= 0 {
		return nil
	}
	h := t.l.Cover.LogoHeight * MM
	w := h * float64(im.Width) / float64(im.Height)
	if tw := (t.l.Page.Width - t.l.Page.Margin.Inner - t.l.Page.Margin.Outer) * MM; w > tw {
		w, h = tw, tw*float64(im.Height)/float64(im.Width)
	}
	return &page.Image{W: w, H: h, Path: im.Path, Format: im.Format, Data: im.Data}
}

// pubFile is the publication.yaml that metadata text comes from, for diagnostics.
func (t *typesetter) pubFile() string { return filepath.Join(t.ed.Pub.Dir, "publication.yaml") }

// meta is the text of a metadata field, placed where its text is: in
// edition.yaml when it gives the key, else in publication.yaml.
func (t *typesetter) meta(key, text string) []doc.Inline {
	return []doc.Inline{&doc.Text{Text: text, Pos: t.metaPos(key, t.ed.Doc.Texts, t.ed.Pub.Texts)}}
}

// keyPos is where the key of a metadata field is.
func (t *typesetter) keyPos(key string) diag.Pos {
	return t.metaPos(key, t.ed.Doc.Fields, t.ed.Pub.Fields)
}

// metaPos is where edition.yaml (ed) places key when it gives it, else
// where publication.yaml (pub) does (that file, when neither places it).
func (t *typesetter) metaPos(key string, ed, pub map[string]diag.Pos) diag.Pos {
	if p, ok := ed[key]; ok {
		return p
	}
	if p, ok := pub[key]; ok {
		return p
	}
	if key == "title" || key == "subtitle" {
		return diag.Pos{File: t.ed.Doc.File} // edition.yaml's own
	}
	return diag.Pos{File: t.pubFile()}
}

// back sets the last page: the publisher's details at its foot.
// Its text is the structure element el's.
func (t *typesetter) back(num int, el *page.Elem) *page.Page {
	l := t.l
	p := &page.Page{Number: num, Label: strconv.Itoa(num)}
	x := t.left(num)
	st := t.st(&l.Text.CoverFooter)
	var rows []row
	for _, e := range t.ed.Imprint {
		label := *st
		label.base = faceBold
		value := e.Inlines
		if value == nil {
			value = t.meta(e.Key, e.Text)
		}
		lr := t.paragraph(t.from(t.words.File, e.Label), &label, 0, t.width, el.Add(page.RoleP))
		vr := t.paragraph(value, st, 0, t.width, el.Add(page.RoleP))
		rows = append(rows, lr...)
		rows = append(rows, vr...)
		rows[len(rows)-1].h += st.leading * 0.5
	}
	y := l.Page.Height*MM - l.Page.Margin.Bottom*MM - rowsHeight(rows)
	if top := l.Page.Margin.Top * MM; y-6*MM < top {
		t.diags.Add(t.keyPos("publisher"), "the publisher's details need %.0f mm on the back page, which has %.0f mm: shorten them (publisher, authors, rights)", (rowsHeight(rows)+6*MM)/MM, t.height/MM)
	}
	p.Items = append(p.Items, page.Line{X1: x, Y1: y - 6*MM, X2: x + t.width, Y2: y - 6*MM, Width: 0.8, Color: l.Colors.Accent})
	if lg := t.logo(); lg != nil && y-12*MM-lg.H >= l.Page.Margin.Top*MM {
		lg.X, lg.Y = x, y-12*MM-lg.H
		p.Items = append(p.Items, *lg)
	}
	for _, r := range rows {
		for _, it := range r.items {
			p.Items = append(p.Items, it.Moved(x, y))
		}
		y += r.h
	}
	// a band at the foot, into the bleed, mirrors the cover
	bleed := l.Page.Bleed * MM
	H := l.Page.Height * MM
	p.Items = append(p.Items, page.Rect{X: -bleed, Y: H - 12*MM, W: l.Page.Width*MM + 2*bleed, H: 12*MM + bleed, Fill: l.Colors.CoverBand})
	return p
}
