package style

import (
	"fmt"
	"math"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/yamlconf"
	"go.yaml.in/yaml/v3"
)

// MaxPageMM is the largest page a layout may give, width or height: a PDF
// page is at most 14,400 units (5080 mm), and the print edition adds the
// bleed (at most MaxBleedMM) and 8 mm of crop marks on every side.
const (
	MaxPageMM  = 5000
	MaxBleedMM = 25
)

// keys maps each key of a layout, as a path ("page.margin.top"), to where
// the layout that sets it last (the layout extended first, the named one
// last) writes its value.
type keys map[string]diag.Pos

// add records the keys of one layout file's mapping n under prefix.
func (k keys) add(dec *yamlconf.Decoder, n *yaml.Node, prefix string) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := prefix + n.Content[i].Value
		k[key] = dec.Pos(n.Content[i+1])
		k.add(dec, n.Content[i+1], key+".")
	}
}

// at is where key is set, or else fallback (the layout's first line).
func (k keys) at(key string, fallback diag.Pos) diag.Pos {
	if p, ok := k[key]; ok {
		return p
	}
	return fallback
}

// bound is the range of one number of a layout.
type bound struct {
	key     string // its path
	v       float64
	lo, hi  float64
	aboveLo bool   // lo itself is out of range
	unit    string // "mm", "pt", or "" for a share or a count
	ofPage  bool   // hi is the page's width or height: not checked when the page is out of range
}

// checkBounds reports every number of l out of its range, at its key:
// lengths and sizes finite and within what a page can hold, signature a
// count of pages a sheet folds into. It runs after the page size is known
// and before defaults are set (a 0 that means "absent" is in range).
func checkBounds(l *Layout, k keys, at diag.Pos, diags *diag.List) {
	p := l.Page
	bounds := []bound{
		{key: "page.width", v: p.Width, lo: 20, hi: MaxPageMM, unit: "mm"},
		{key: "page.height", v: p.Height, lo: 20, hi: MaxPageMM, unit: "mm"},
		{key: "page.bleed", v: p.Bleed, hi: MaxBleedMM, unit: "mm"},
		{key: "page.margin.top", v: p.Margin.Top, hi: p.Height, unit: "mm", ofPage: true},
		{key: "page.margin.bottom", v: p.Margin.Bottom, hi: p.Height, unit: "mm", ofPage: true},
		{key: "page.margin.inner", v: p.Margin.Inner, hi: p.Width, unit: "mm", ofPage: true},
		{key: "page.margin.outer", v: p.Margin.Outer, hi: p.Width, unit: "mm", ofPage: true},
		{key: "box.padding", v: l.Box.Padding, hi: 50, unit: "mm"},
		{key: "box.rule-width", v: l.Box.RuleWidth, hi: 20, unit: "pt"},
		{key: "list.indent", v: l.List.Indent, hi: 100, unit: "mm"},
		{key: "figure.max-width", v: l.Figure.MaxWidth, hi: 1},
		{key: "table.rule-width", v: l.Table.RuleWidth, hi: 20, unit: "pt"},
		{key: "table.cell-padding", v: l.Table.CellPadding, hi: 20, unit: "mm"},
		{key: "notes.rule-length", v: l.Notes.RuleLength, hi: p.Width, unit: "mm", ofPage: true},
		{key: "notes.gap", v: l.Notes.Gap, hi: 100, unit: "mm"},
		{key: "cover.band-height", v: l.Cover.BandHeight, hi: p.Height, unit: "mm", ofPage: true},
		{key: "pages.heading-space", v: l.Pages.HeadingSpace, hi: 0.99},
		{key: "pages.heading-lines", v: float64(l.Pages.HeadingLines), hi: 20},
		{key: "pages.float-barrier", v: float64(l.Pages.FloatBarrier), hi: 6},
		{key: "pages.stretch", v: l.Pages.Stretch, hi: 3},
		{key: "pages.shrink", v: l.Pages.Shrink, hi: 0.5},
		{key: "contents.depth", v: float64(l.Contents.Depth), hi: 6},
		{key: "contents.page-depth", v: float64(l.Contents.PageDepth), hi: 6},
	}
	for _, ns := range l.Text.Styles() {
		s, key := ns.Style, "text."+ns.Key+"."
		bounds = append(bounds,
			bound{key: key + "size", v: s.Size, hi: 200, aboveLo: true, unit: "pt"},
			bound{key: key + "leading", v: s.Leading, hi: 300, unit: "pt"},
			bound{key: key + "space-before", v: s.SpaceBefore, hi: 300, unit: "pt"},
			bound{key: key + "space-after", v: s.SpaceAfter, hi: 300, unit: "pt"})
		if _, given := k[key+"leading"]; given {
			bounds[len(bounds)-3].aboveLo = true // given, a leading sets lines apart
		}
	}
	pageOK := true // the page is in range: what is measured against it can be checked
	for _, b := range bounds {
		if b.ofPage && !pageOK {
			continue // one mistake, one message
		}
		if b.key == "page.width" || b.key == "page.height" {
			if _, given := k[b.key]; !given {
				b.key = "page.size"
			}
		}
		if b.v >= b.lo && b.v <= b.hi && !(b.aboveLo && b.v == b.lo) {
			continue
		}
		if _, given := k[b.key]; !given && b.v == 0 {
			continue // absent; a required value is asked for elsewhere
		}
		diags.Add(k.at(b.key, at), "%s is %s, not %s", strings.ReplaceAll(b.key, ".", ": "), b.describe(), number(b.v))
		if strings.HasPrefix(b.key, "page.") && !b.ofPage {
			pageOK = false
		}
	}
	if s := l.Pages.Signature; s != 0 && !(s == 1 || s == 2 || s%4 == 0 && s > 0 && s <= 64) {
		diags.Add(k.at("pages.signature", at), "pages: signature is the number of pages the page count is a multiple of: 1, 2, or a multiple of 4 up to 64 (a folded sheet), not %d", s)
	}
}

// describe says the range of b in words.
func (b bound) describe() string {
	lo := "from " + number(b.lo)
	if b.aboveLo {
		lo = "above " + number(b.lo)
	}
	unit := ""
	if b.unit != "" {
		unit = " " + b.unit
	}
	return fmt.Sprintf("%s to %s%s", lo, number(b.hi), unit)
}

// number writes v for a message: 3, 0.25, 1e+07.
func number(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return fmt.Sprint(v)
	}
	return fmt.Sprintf("%g", math.Round(v*100)/100)
}
