package typeset

import (
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// runningItems is the most items running adds to a page: the two running
// heads, the rule below them and the folio (placePage leaves room for them).
const runningItems = 4

// running adds the running header and footer to every page but the first and last.
func (t *typesetter) running(d *page.Document) {
	l := t.l
	st := t.st(&l.Text.Running)
	face := st.face(false, false)
	last := len(d.Pages)
	if !l.Cover.Back {
		last++
	}
	fill := func(s string, p *page.Page) string {
		r := strings.NewReplacer("{series}", t.ed.Series, "{title}", t.ed.Title, "{section}", p.Section, "{page}", p.Label)
		return r.Replace(s)
	}
	omit := map[string]bool{}
	for _, o := range l.Running.Omit {
		omit[o] = true
	}
	// the first page of the body: the pages before it are the front matter
	body := len(d.Pages) + 1
	for _, sec := range t.ed.Sections {
		if sec.Role.Matter != doc.FrontMatter {
			if dest, ok := d.Anchors[sec.ID]; ok {
				body = dest.Page
			}
			break
		}
	}
	warned := false
	for _, p := range d.Pages {
		if p.Number == 1 || p.Number == last || len(p.Items) == 0 {
			continue
		}
		x0 := t.left(p.Number)
		hy := l.Page.Margin.Top*MM - 9*MM
		fy := l.Page.Height*MM - l.Page.Margin.Bottom*MM + 11*MM
		add := func(s string, y float64, al style.Align) {
			if s == "" {
				return
			}
			w := face.Width(s, st.size)
			x := x0
			switch al {
			case style.Right:
				x = x0 + t.width - w
			case style.Center:
				x = x0 + (t.width-w)/2
			}
			p.Items = append(p.Items, page.Text{X: x, Y: y, Text: s, Face: face, Size: st.size, Color: st.color})
		}
		left, right := fill(l.Running.HeaderLeft, p), fill(l.Running.HeaderRight, p)
		if omit["section-start"] && t.opens[p.Number] || omit["front"] && p.Number < body {
			left, right = "", "" // the layout leaves the running head off this page
		}
		if p.Number%2 == 1 {
			left, right = right, left
		}
		left, right = t.fitHeads(face, st.size, left, right, &warned)
		add(left, hy, style.Left)
		add(right, hy, style.Right)
		if left != "" || right != "" {
			p.Items = append(p.Items, page.Line{X1: x0, Y1: hy + 2.5*MM, X2: x0 + t.width, Y2: hy + 2.5*MM, Width: 0.3, Color: st.color})
		}
		// the folio sits at the outer edge
		foot := fill(l.Running.Footer, p)
		if p.Number%2 == 1 {
			add(foot, fy, style.Right)
		} else {
			add(foot, fy, style.Left)
		}
	}
}

// fitHeads shortens the running heads of a page, left and right, to fit the
// width of the text block side by side: the one that is too long, or both to
// half of it each, ending in an ellipsis; it warns the first time (warned).
func (t *typesetter) fitHeads(face *fonts.Face, size float64, left, right string, warned *bool) (string, string) {
	gap := 6 * MM
	lw, rw := face.Width(left, size), face.Width(right, size)
	if left == "" || right == "" {
		gap = 0
	}
	if lw+rw+gap <= t.width {
		return left, right
	}
	half := (t.width - gap) / 2
	l, r := left, right
	switch {
	case lw <= half:
		r = shorten(face, size, right, t.width-gap-lw)
	case rw <= half:
		l = shorten(face, size, left, t.width-gap-rw)
	default:
		l, r = shorten(face, size, left, half), shorten(face, size, right, half)
	}
	if !*warned {
		*warned = true
		long := left
		if l == left {
			long = right
		}
		t.diags.Warn(diag.Pos{File: t.ed.Doc.File}, "the running head %q is too long for the text block: shortened with an ellipsis; a shorter title or series, or other running: header-left and header-right in the layout, keep it whole", long)
	}
	return l, r
}

// shorten cuts s to fit width w with an ellipsis, after a word when one
// ends in the second half of what fits.
func shorten(face *fonts.Face, size float64, s string, w float64) string {
	if face.Width(s, size) <= w {
		return s
	}
	ell := "…"
	if !face.Has('…') {
		ell = "..."
	}
	rs := []rune(s)
	cut := func(n int) string { return strings.TrimRight(string(rs[:n]), " ,;:.-–—") }
	// the most characters that fit: widths grow with the characters
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if face.Width(cut(mid)+ell, size) <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	for n := min(lo, len(rs)-1); n > lo/2; n-- {
		if rs[n] == ' ' {
			return cut(n) + ell
		}
	}
	return cut(lo) + ell
}
