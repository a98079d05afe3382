package typeset

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/style"
)

// flow collects rows; the space after a block becomes the "before" of the
// next block's first row (the larger of the two wins).
type flow struct {
	rows    []row
	pending float64    // space after the previous block
	parent  *page.Elem // the element blocks set in the flow belong to
}

func (f *flow) add(rows []row, spaceAfter float64) {
	if len(rows) == 0 {
		return
	}
	rows[0].before = math.Max(rows[0].before, f.pending)
	f.rows = append(f.rows, rows...)
	f.pending = spaceAfter
}

// blocks sets a run of blocks at indent x with width w.
func (t *typesetter) blocks(f *flow, bs []doc.Block, x, w float64, body *textStyle, inBox bool) {
	for i, b := range bs {
		start := len(f.rows)
		switch b := b.(type) {
		case *doc.Heading:
			blk := t.l.Block(style.HeadingBlock(b.Level))
			if inBox {
				blk = t.l.Block(style.BlockBoxTitle)
			}
			st := t.st(blk.Text)
			rows := keep(marked(t.paragraph(b.Content, st, x, w, f.parent.Add(page.Heading(b.Level))), b, 0))
			if len(rows) > 0 {
				rows[0].anchors = append(rows[0].anchors, b.ID)
				rows[0].heading = !inBox
				if !inBox {
					rows[0].level = b.Level
				}
			}
			f.add(rows, blk.SpaceAfter)
		case *doc.Paragraph:
			if b.Entry {
				f.add(t.entry(b, body, x, w, f.parent.Add(page.RoleP)), body.leading*t.ed.Entries.Spacing)
				break
			}
			rows := marked(t.paragraph(b.Content, body, x, w, f.parent.Add(page.RoleP)), b, 0)
			if len(rows) > 0 && b.ID != "" {
				rows[0].anchors = append(rows[0].anchors, b.ID) // a bibliography entry, where citations lead
			}
			if len(rows) > 0 && i+1 < len(bs) && introducesList(b, bs[i+1]) {
				// never a page break, nor a float, between a sentence ending
				// with a colon and the list it introduces
				rows[len(rows)-1].noBreakAfter = true
			}
			f.add(rows, body.spaceAfter)
		case *doc.List:
			t.list(f, b, x, w, body, inBox)
		case *doc.Quote:
			ind := t.l.Block(style.BlockQuote).Indent * MM
			parent := f.parent
			f.parent = parent.Add(page.RoleQuote)
			t.blocks(f, b.Blocks, x+ind, w-ind, body, inBox)
			f.parent = parent
		case *doc.CodeBlock:
			f.add(t.codeRows(b, x, w, f.parent.Add(page.RoleP)), t.l.Block(style.BlockCode).SpaceAfter)
		case *doc.Rule:
			f.add([]row{{h: body.leading, mark: &mark{block: b, run: -1}, items: []page.Item{page.Line{X1: x + w/3, Y1: body.leading / 2, X2: x + 2*w/3, Y2: body.leading / 2, Width: 0.5, Color: t.l.Resolve("rule")}}}}, body.spaceAfter)
		case *doc.PullQuote:
			t.pullQuote(f, b, x, w)
		case *doc.Box:
			t.box(f, b, x, w)
			floats(f.rows[start:], b, inBox)
		case *doc.Table:
			t.table(f, b, x, w)
		case *doc.Figure:
			t.figureRows(f, b, x, w)
			floats(f.rows[start:], b, inBox)
		default:
			t.diags.Add(b.Position(), "typeset: no setting for %T (a bug in folio)", b)
		}
		// the notes first referenced here are read after the block
		for _, r := range f.rows[start:] {
			for _, n := range r.notes {
				t.noteEl[n].Attach(f.parent)
			}
		}
	}
}

func (t *typesetter) list(f *flow, l *doc.List, x, w float64, body *textStyle, inBox bool) {
	face := body.face(false, false)
	marker := func(i int) string {
		if l.Ordered {
			return strconv.Itoa(l.Start+i) + "."
		}
		return t.l.List.Bullet
	}
	// the markers hang in the indent: a wider one (10., 100.) widens it
	const gap = 2 * MM
	ind := t.l.Block(style.BlockList).Indent * MM
	for i := range l.Items {
		ind = max(ind, face.Width(marker(i), body.size)+gap)
	}
	list := f.parent.Add(page.RoleL)
	for i, item := range l.Items {
		marker := marker(i)
		li := list.Add(page.RoleLI)
		lbl := li.Add(page.RoleLbl)
		sub := &flow{pending: f.pending, parent: li.Add(page.RoleLBody)}
		t.blocks(sub, item, x+ind, w-ind, body, inBox)
		// items are tight: paragraphs in an item keep a little space
		if len(sub.rows) == 0 {
			continue
		}
		if i > 0 {
			sub.rows[0].before = body.spaceAfter * 0.4
		}
		mw := face.Width(marker, body.size)
		sub.rows[0].items = append(sub.rows[0].items, page.Text{X: x + ind - mw - gap, Y: body.baseline(), Text: marker, Face: face, Size: body.size, Color: t.l.Resolve("accent"), Elem: lbl})
		f.rows = append(f.rows, sub.rows...)
		f.pending = body.spaceAfter
	}
}

func (t *typesetter) box(f *flow, b *doc.Box, x, w float64) {
	blk := t.l.Block(style.BlockBox)
	st := t.st(blk.Text)
	pad := t.l.Box.Padding * MM
	bar := t.l.Box.RuleWidth
	fr := &frame{inset: x}
	inner := &flow{parent: f.parent.Add(page.RoleAside)}
	ix, iw := x+pad+bar, w-2*pad-bar
	var rows []row
	rows = append(rows, row{h: pad, frame: fr, noBreakAfter: true, anchors: []string{b.ID}, mark: &mark{block: b, run: -1}})
	if caption := t.ed.Captioned(b, b.Title); len(caption) > 0 { // its number and title
		title := t.l.Block(style.BlockBoxTitle)
		ts := t.st(title.Text)
		inner.add(keep(marked(t.paragraph(caption, ts, ix, iw, inner.parent.Add(page.Heading(t.ed.TitleLevel(b)))), b, 0)), title.SpaceAfter)
	}
	t.blocks(inner, b.Blocks, ix, iw, st, true)
	rows = append(rows, inner.rows...)
	// the bottom padding never starts a page on its own
	rows[len(rows)-1].noBreakAfter = true
	rows = append(rows, row{h: pad, frame: fr})
	for i := range rows {
		rows[i].frame = fr
	}
	rows[0].before = blk.SpaceBefore
	f.add(rows, blk.SpaceAfter)
}

// minPPI is the resolution printers want for images at their printed size.
const minPPI = 300

// figureRows sets a figure: its image as resolve settled it (file, format,
// pixel size, bytes), then its caption.
func (t *typesetter) figureRows(f *flow, fig *doc.Figure, x, w float64) {
	im := t.ed.Image(fig)
	if im == nil || im.Width == 0 || im.Height == 0 {
		return // the markdown reader reported it
	}
	iw := w * t.l.Figure.MaxWidth
	ih := iw * float64(im.Height) / float64(im.Width)
	if maxH := t.height * 0.55; ih > maxH {
		ih = maxH
		iw = ih * float64(im.Width) / float64(im.Height)
	}
	if ppi := float64(im.Width) / (iw / 72); ppi < minPPI {
		t.diags.Warn(fig.Pos, "image %s prints at %.0f ppi (%d pixels across %.0f mm); printers want %d ppi: supply it at least %d pixels wide",
			fig.Src, ppi, im.Width, iw/MM, minPPI, int(math.Ceil(iw/72*minPPI)))
	}
	ix := x + (w-iw)/2
	blk := t.l.Block(style.BlockFigure)
	st := t.st(blk.Text)
	el := f.parent.Add(page.RoleFigure)
	if el != nil {
		el.Alt = fig.Alt
	}
	caption := t.ed.FigureCaption(fig) // its number and caption
	rows := []row{{h: ih + 2*MM, before: blk.SpaceBefore, noBreakAfter: len(caption) > 0, anchors: []string{fig.ID}, mark: &mark{block: fig, run: -1},
		items: []page.Item{page.Image{X: ix, Y: 0, W: iw, H: ih, Path: im.Path, Format: im.Format, Data: im.Data, Alt: fig.Alt, Elem: el}}}}
	if len(caption) > 0 {
		// the caption follows the figure: a reader that speaks the figure's
		// alternate text skips what the figure holds
		cap := marked(t.paragraph(caption, st, ix, iw, f.parent.Add(page.RoleCaption)), fig, 0)
		// a caption is never split, nor parted from its figure
		keep(cap[:len(cap)-1])
		rows = append(rows, cap...)
	}
	f.add(rows, blk.SpaceAfter)
}

// pullQuote sets a pull quote: its text in the layout's pullquote style, set
// in from both sides, between two rules in the accent colour (artifacts);
// it is never split across pages.
func (t *typesetter) pullQuote(f *flow, b *doc.PullQuote, x, w float64) {
	blk := t.l.Block(style.BlockPullQuote)
	st := t.st(blk.Text)
	ind := blk.Indent * MM
	gap := st.leading * 0.4 // between a rule and the text
	accent := t.l.Resolve("accent")
	rule := func(y float64) []page.Item {
		return []page.Item{page.Line{X1: x + ind, Y1: y, X2: x + w - ind, Y2: y, Width: 1, Color: accent}}
	}
	text := marked(t.paragraph(b.Content, st, x+ind, w-2*ind, f.parent.Add(page.RolePullQuote).Add(page.RoleP)), b, 0)
	if len(text) == 0 {
		return
	}
	text[0].before = 0
	rows := append([]row{{h: gap, before: blk.SpaceBefore, mark: &mark{block: b, run: -1}, items: rule(0)}}, text...)
	rows = append(rows, row{h: gap, items: rule(gap)})
	keep(rows[:len(rows)-1])
	f.add(rows, blk.SpaceAfter)
}

// introducesList reports a paragraph that ends with a colon followed by a list.
func introducesList(p *doc.Paragraph, next doc.Block) bool {
	if _, ok := next.(*doc.List); !ok {
		return false
	}
	text := strings.TrimRightFunc(doc.PlainText(p.Content), unicode.IsSpace)
	return strings.HasSuffix(text, ":")
}

// entry sets a bibliography entry in the body's style, aligned as resolve's
// Entries say (ragged right unless the layout justifies them), its lines
// after the first set in by the layout's entry indent when the CSL style
// hangs them, with its anchor, where citations lead.
func (t *typesetter) entry(p *doc.Paragraph, body *textStyle, x, w float64, e *page.Elem) []row {
	hang := 0.0
	if t.ed.Entries.Hang {
		hang = t.l.Block(style.BlockEntry).Indent * MM
	}
	st := *body
	st.align = t.ed.Entries.Align
	rows := marked(t.hungParagraph(p.Content, &st, x, w, hang, e), p, 0)
	if len(rows) > 0 {
		rows[0].anchors = append(rows[0].anchors, p.ID)
	}
	return rows
}
