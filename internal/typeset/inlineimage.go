package typeset

import (
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
)

// inlineImage adds an image set in the text as a word of its own: as tall as
// the text's letters (the face's ascent and descent), or the size its
// attributes ask for up to that, never wider than the measure; its bottom at
// the descent, so that it sits on the line as a letter does. It is tagged as
// a Figure with the image's alt text.
func (b *wordBuilder) inlineImage(im *doc.InlineImage, st inlineState) {
	var r *resolve.Image
	if b.image != nil {
		r = b.image(im)
	}
	if r == nil || r.Width <= 0 || r.Height <= 0 {
		return // the markdown reader reported it
	}
	face := b.st.face(false, false)
	asc, desc := face.Ascent(b.st.size), face.Descent(b.st.size)
	line := asc + desc
	aspect := float64(r.Width) / float64(r.Height)
	h := line
	switch {
	case !im.SetHeight.IsZero():
		h = b.length(im.SetHeight, line)
	case !im.SetWidth.IsZero():
		h = b.length(im.SetWidth, b.measure) / aspect
	}
	if h > line+0.01 {
		b.diags.Warn(im.Pos, "image %s is set at the line's height (%.1f pt), not the %.1f pt its attributes ask for: an image in the text is at most as tall as its letters; to set it larger, make it a figure, alone in its paragraph", im.Src, line, h)
		h = line
	}
	w := h * aspect
	if b.measure > 0 && w > b.measure {
		w, h = b.measure, b.measure/aspect
	}
	el := st.elem.Add(page.RoleFigure)
	if el != nil {
		el.Alt = im.Alt
	}
	b.flush(0)
	b.src = im.Pos
	b.cur = word{start: b.pos, pos: im.Pos, width: w, segs: []seg{{face: face, size: b.st.size, color: b.st.color, url: st.url, anchor: st.anchor, elem: el, nohyph: true, width: w,
		image: &page.Image{Y: -asc * h / line, W: w, H: h, Path: r.Path, Format: r.Format, Data: r.Data, Alt: im.Alt, Elem: el}}}}
	b.open = true
	b.flush(0)
}

// length is l in points for text of the style's size; % is of whole.
func (b *wordBuilder) length(l doc.Length, whole float64) float64 {
	switch l.Unit {
	case "em":
		return l.Value * b.st.size
	case "px":
		return l.Value * 0.75 // a CSS pixel
	case "mm":
		return l.Value * MM
	case "cm":
		return l.Value * 10 * MM
	case "in":
		return l.Value * 72
	case "%":
		return l.Value / 100 * whole
	}
	return l.Value // pt
}
