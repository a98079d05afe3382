package xhtml

import (
	"fmt"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// Face is a family of the layout in one style.
type Face struct {
	Family string
	Style  style.FontStyle
}

// UsedFaces returns the faces the documents of ed draw text with, in first-use
// order: each element's text style as the stylesheet sets it, with the bold and
// italic that emphasis, table headers and note numbers add. It follows the
// rules of Stylesheet; a face it leaves out would be synthesised by the reading
// system from another. The error tells of a kind of the model it does not know.
func UsedFaces(ed *resolve.Edition) ([]Face, error) {
	u := &faceUse{seen: map[Face]bool{}, code: ed.Layout.Text.Code.Font.Name}
	t := &ed.Layout.Text
	// the title page
	if strings.TrimSpace(ed.Series) != "" {
		u.text(&t.CoverSeries)
	}
	u.text(&t.CoverTitle)
	if strings.TrimSpace(ed.Subtitle) != "" {
		u.text(&t.CoverSubtitle)
	}
	foot := u.ctx(&t.CoverFooter)
	u.add(foot)
	foot.bold = true // the labels of the details
	u.add(foot)
	// the navigation document
	u.text(t.Heading(1))
	u.text(&t.Contents)
	// the sections and their notes
	body := u.ctx(&t.Body)
	for _, s := range ed.Sections {
		u.blocks(ed, body, s.Doc.Blocks)
		if len(s.Notes) > 0 {
			u.text(&t.Heading2)
			notes := u.ctx(&t.Notes)
			number := notes
			number.bold = true
			u.add(number)
			for _, n := range s.Notes {
				u.blocks(ed, notes, n.Blocks)
			}
		}
	}
	return u.list, u.err
}

// faceCtx is the font of an element: family, weight and slant.
type faceCtx struct {
	family       string
	bold, italic bool
}

type faceUse struct {
	seen map[Face]bool
	list []Face
	code string // the code font's family
	err  error  // the first kind of the model met without a case here
}

func (u *faceUse) unknown(what string, v any) {
	if u.err == nil {
		u.err = fmt.Errorf("xhtml: no font for %s %T", what, v)
	}
}

func (u *faceUse) ctx(ts *style.TextStyle) faceCtx {
	return faceCtx{family: ts.Font.Name,
		bold:   ts.Style == style.Bold || ts.Style == style.BoldItalic,
		italic: ts.Style == style.Italic || ts.Style == style.BoldItalic}
}

func (u *faceUse) add(c faceCtx) {
	st := style.Regular
	switch {
	case c.bold && c.italic:
		st = style.BoldItalic
	case c.bold:
		st = style.Bold
	case c.italic:
		st = style.Italic
	}
	f := Face{Family: c.family, Style: st}
	if c.family != "" && !u.seen[f] {
		u.seen[f] = true
		u.list = append(u.list, f)
	}
}

func (u *faceUse) text(ts *style.TextStyle) { u.add(u.ctx(ts)) }

func (u *faceUse) blocks(ed *resolve.Edition, c faceCtx, bs []doc.Block) {
	t := &ed.Layout.Text
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.Heading:
			u.inlines(u.ctx(t.Heading(min(max(b.Level, 1), 6))), b.Content)
		case *doc.Paragraph:
			u.inlines(c, b.Content)
		case *doc.List:
			for _, it := range b.Items {
				u.blocks(ed, c, it)
			}
		case *doc.Quote:
			u.blocks(ed, c, b.Blocks)
		case *doc.PullQuote:
			pc := u.ctx(ed.Layout.Block(style.BlockPullQuote).Text)
			u.inlines(pc, b.Content)
			if pc.italic {
				pc.italic = false // its emphasis, upright (see the stylesheet)
				u.inlines(pc, b.Content)
			}
		case *doc.Box:
			u.inlines(u.ctx(&t.BoxTitle), ed.Captioned(b, b.Title))
			u.blocks(ed, u.ctx(&t.Box), b.Blocks)
		case *doc.Table:
			tc := u.ctx(&t.Table)
			head := tc
			head.bold = true
			for _, cell := range b.Header {
				u.inlines(head, cell)
			}
			for _, row := range b.Rows {
				for _, cell := range row {
					u.inlines(tc, cell)
				}
			}
			u.inlines(u.ctx(&t.Caption), ed.Captioned(b, b.Caption))
		case *doc.Figure:
			if strings.TrimSpace(b.Caption) != "" || ed.Label(b, false) != "" {
				u.text(&t.Caption)
			}
		case *doc.CodeBlock:
			u.text(&t.Code)
		case *doc.Rule:
		default:
			u.unknown("block", b)
		}
	}
}

// inlines adds the faces of running text in context c: em is italic and
// strong bold, as browsers set them; code keeps the weight and slant around it.
func (u *faceUse) inlines(c faceCtx, in []doc.Inline) {
	for _, n := range in {
		switch n := n.(type) {
		case *doc.Text, *doc.NoteRef, *doc.Super:
			u.add(c)
		case *doc.Emph:
			e := c
			e.italic = true
			u.inlines(e, n.Content)
		case *doc.Strong:
			s := c
			s.bold = true
			u.inlines(s, n.Content)
		case *doc.Code:
			k := c
			k.family = u.code
			u.add(k)
		case *doc.Link:
			u.inlines(c, n.Content)
		case *doc.Cite:
			u.inlines(c, n.Content)
		case *doc.Span:
			u.inlines(c, n.Content)
		case *doc.LineBreak, *doc.InlineImage:
		default:
			u.unknown("inline", n)
		}
	}
}
