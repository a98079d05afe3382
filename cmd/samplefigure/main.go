// Command samplefigure draws the figure of the sample publication in
// source/civil-society: the state security sector as a central circle,
// surrounded by five numbered circles for the main civil society actors,
// each joined to the centre by a two-way arrow.
//
// The picture contains no words, only the digits 1 to 5, because every
// language edition shares it; each edition's caption gives the key.
// The output is deterministic: the same bytes on every run.
//
// Run it from the repository root:
//
//	go run ./cmd/samplefigure source/civil-society/images/civil-society-roles.png
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
)

const (
	// The scene is drawn in a 1600×1000 space and rendered scale times larger,
	// so that the figure prints at 300 ppi or more across the text width.
	width  = 1600
	height = 1000
	scale  = 1.25
	// ss is the supersampling factor per axis: each output pixel is the
	// average of ss×ss samples, taken in linear light.
	ss = 4
)

var (
	teal      = color.RGBA{0x00, 0x57, 0x7d, 0xff}
	blueGrey  = color.RGBA{0xe6, 0xf0, 0xf4, 0xff}
	white     = color.RGBA{0xff, 0xff, 0xff, 0xff}
	darkGrey  = color.RGBA{0x3a, 0x3f, 0x44, 0xff}
	paleTeal  = color.RGBA{0x7f, 0xab, 0xbe, 0xff}
	shieldRim = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// shape is one filled region of the scene. Shapes are painted in order, so
// later shapes cover earlier ones.
type shape struct {
	bounds [4]float64 // minX, minY, maxX, maxY: a quick rejection box
	inside func(x, y float64) bool
	fill   color.RGBA
}

type vec struct{ x, y float64 }

func (a vec) add(b vec) vec             { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec             { return vec{a.x - b.x, a.y - b.y} }
func (a vec) mul(k float64) vec         { return vec{a.x * k, a.y * k} }
func (a vec) dot(b vec) float64         { return a.x*b.x + a.y*b.y }
func (a vec) length() float64           { return math.Hypot(a.x, a.y) }
func (a vec) unit() vec                 { return a.mul(1 / a.length()) }
func (a vec) perp() vec                 { return vec{-a.y, a.x} }
func boxOf(c vec, r float64) [4]float64 { return [4]float64{c.x - r, c.y - r, c.x + r, c.y + r} }

type scene struct{ shapes []shape }

func (s *scene) add(b [4]float64, fill color.RGBA, inside func(x, y float64) bool) {
	s.shapes = append(s.shapes, shape{bounds: b, inside: inside, fill: fill})
}

// disc adds a filled circle.
func (s *scene) disc(c vec, r float64, fill color.RGBA) {
	r2 := r * r
	s.add(boxOf(c, r), fill, func(x, y float64) bool {
		dx, dy := x-c.x, y-c.y
		return dx*dx+dy*dy <= r2
	})
}

// ring adds a circular band between radii r0 and r1.
func (s *scene) ring(c vec, r0, r1 float64, fill color.RGBA) {
	a, b := r0*r0, r1*r1
	s.add(boxOf(c, r1), fill, func(x, y float64) bool {
		dx, dy := x-c.x, y-c.y
		d := dx*dx + dy*dy
		return d >= a && d <= b
	})
}

// ellipseBand adds a band of the given half-width centred on an ellipse.
func (s *scene) ellipseBand(c vec, rx, ry, half float64, fill color.RGBA) {
	b := [4]float64{c.x - rx - half, c.y - ry - half, c.x + rx + half, c.y + ry + half}
	s.add(b, fill, func(x, y float64) bool {
		// A close approximation of the distance to the ellipse,
		// exact on its axes: k0·(k0−1)/k1.
		dx, dy := x-c.x, y-c.y
		k0 := math.Hypot(dx/rx, dy/ry)
		k1 := math.Hypot(dx/(rx*rx), dy/(ry*ry))
		if k1 == 0 {
			return false
		}
		return math.Abs(k0*(k0-1)/k1) <= half
	})
}

// capsule adds a thick segment from a to b with round ends.
func (s *scene) capsule(a, b vec, half float64, fill color.RGBA) {
	bb := [4]float64{
		math.Min(a.x, b.x) - half, math.Min(a.y, b.y) - half,
		math.Max(a.x, b.x) + half, math.Max(a.y, b.y) + half,
	}
	ab := b.sub(a)
	l2 := ab.dot(ab)
	h2 := half * half
	s.add(bb, fill, func(x, y float64) bool {
		p := vec{x, y}.sub(a)
		t := 0.0
		if l2 > 0 {
			t = math.Max(0, math.Min(1, p.dot(ab)/l2))
		}
		d := p.sub(ab.mul(t))
		return d.dot(d) <= h2
	})
}

// polygon adds a filled polygon (even-odd rule).
func (s *scene) polygon(pts []vec, fill color.RGBA) {
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		b[0], b[1] = math.Min(b[0], p.x), math.Min(b[1], p.y)
		b[2], b[3] = math.Max(b[2], p.x), math.Max(b[3], p.y)
	}
	s.add(b, fill, func(x, y float64) bool {
		in := false
		j := len(pts) - 1
		for i := range pts {
			pi, pj := pts[i], pts[j]
			if (pi.y > y) != (pj.y > y) && x < (pj.x-pi.x)*(y-pi.y)/(pj.y-pi.y)+pi.x {
				in = !in
			}
			j = i
		}
		return in
	})
}

// arrowHead adds a triangular arrowhead with its point at tip, facing dir.
func (s *scene) arrowHead(tip, dir vec, length, halfWidth float64, fill color.RGBA) {
	u := dir.unit()
	base := tip.sub(u.mul(length))
	n := u.perp().mul(halfWidth)
	s.polygon([]vec{tip, base.add(n), base.sub(n)}, fill)
}

// twoWayArrow joins two circles (centres c0, c1; radii r0, r1) by a shaft
// with arrowheads at both ends, leaving a small gap at each circle.
func (s *scene) twoWayArrow(c0 vec, r0 float64, c1 vec, r1 float64, half float64, fill color.RGBA) {
	const gap, headLen, headHalf = 14, 28, 16
	u := c1.sub(c0).unit()
	a := c0.add(u.mul(r0 + gap))
	b := c1.sub(u.mul(r1 + gap))
	s.capsule(a.add(u.mul(headLen-4)), b.sub(u.mul(headLen-4)), half, fill)
	s.arrowHead(b, u, headLen, headHalf, fill)
	s.arrowHead(a, u.mul(-1), headLen, headHalf, fill)
}

// digit adds the digit d (1 to 5), h pixels high and centred on c, drawn
// as round-capped strokes in the manner of a plain sans-serif figure.
// Strokes are defined in a unit box 0.6 wide and 1 high, y pointing down.
func (s *scene) digit(d int, c vec, h, half float64, fill color.RGBA) {
	origin := vec{c.x - 0.3*h, c.y - 0.5*h}
	for _, path := range digitPaths(d) {
		for i := 1; i < len(path); i++ {
			a := origin.add(path[i-1].mul(h))
			b := origin.add(path[i].mul(h))
			s.capsule(a, b, half, fill)
		}
	}
}

// arc returns points on a circular arc from angle a0 to a1 (degrees,
// measured clockwise from the positive x axis since y points down).
func arc(c vec, r, a0, a1 float64) []vec {
	const step = 6.0
	n := int(math.Ceil(math.Abs(a1-a0) / step))
	pts := make([]vec, 0, n+1)
	for i := 0; i <= n; i++ {
		a := (a0 + (a1-a0)*float64(i)/float64(n)) * math.Pi / 180
		pts = append(pts, vec{c.x + r*math.Cos(a), c.y + r*math.Sin(a)})
	}
	return pts
}

func digitPaths(d int) [][]vec {
	switch d {
	case 1:
		return [][]vec{
			{{0.14, 0.2}, {0.36, 0.02}, {0.36, 1}},
		}
	case 2:
		p := arc(vec{0.3, 0.27}, 0.255, 195, 380)
		p = append(p, vec{0.04, 0.985}, vec{0.58, 0.985})
		return [][]vec{p}
	case 3:
		top := arc(vec{0.29, 0.25}, 0.235, 200, 450)
		bottom := arc(vec{0.295, 0.75}, 0.265, -90, 155)
		return [][]vec{append(top, bottom...)}
	case 4:
		return [][]vec{
			{{0.44, 1}, {0.44, 0.015}, {0.02, 0.69}, {0.6, 0.69}},
		}
	case 5:
		p := []vec{{0.55, 0.015}, {0.13, 0.015}, {0.09, 0.47}}
		p = append(p, arc(vec{0.3, 0.69}, 0.29, 228, 495)...)
		return [][]vec{p}
	}
	return nil
}

// shield adds a heraldic shield outline centred on c: an outer shape in
// fill and an inner one in inner, so that a rim of width rim shows.
func (s *scene) shield(c vec, w, h, rim float64, fill, inner color.RGBA) {
	outline := func(w, h float64, c vec) []vec {
		var pts []vec
		top := c.y - h/2
		// Top edge with a shallow downward notch in the middle.
		pts = append(pts, vec{c.x - w/2, top + h*0.06})
		pts = append(pts, vec{c.x - w*0.25, top})
		pts = append(pts, vec{c.x, top + h*0.07})
		pts = append(pts, vec{c.x + w*0.25, top})
		pts = append(pts, vec{c.x + w/2, top + h*0.06})
		// Right side: straight, then a curve down to the point.
		const n = 40
		for i := 0; i <= n; i++ {
			t := float64(i) / n
			// Quadratic Bézier from the right shoulder to the tip.
			p0 := vec{c.x + w/2, top + h*0.42}
			p1 := vec{c.x + w/2, top + h*0.80}
			p2 := vec{c.x, top + h}
			pts = append(pts, bezier(p0, p1, p2, t))
		}
		for i := n; i >= 0; i-- {
			t := float64(i) / n
			p0 := vec{c.x - w/2, top + h*0.42}
			p1 := vec{c.x - w/2, top + h*0.80}
			p2 := vec{c.x, top + h}
			pts = append(pts, bezier(p0, p1, p2, t))
		}
		return pts
	}
	s.polygon(outline(w, h, c), fill)
	s.polygon(outline(w-2*rim, h-2.3*rim, vec{c.x, c.y - rim*0.05}), inner)
}

func bezier(p0, p1, p2 vec, t float64) vec {
	u := 1 - t
	return p0.mul(u * u).add(p1.mul(2 * u * t)).add(p2.mul(t * t))
}

// colour returns the colour of the scene at (x, y).
func (s *scene) colour(x, y float64) color.RGBA {
	for i := len(s.shapes) - 1; i >= 0; i-- {
		sh := &s.shapes[i]
		b := sh.bounds
		if x < b[0] || x > b[2] || y < b[1] || y > b[3] {
			continue
		}
		if sh.inside(x, y) {
			return sh.fill
		}
	}
	return white
}

func build() *scene {
	s := &scene{}
	centre := vec{800, 533}
	const (
		rx, ry   = 590.0, 368.0 // the ellipse on which the actors sit
		rCentre  = 132.0
		halo     = 24.0
		rActor   = 84.0
		actorRim = 8.0
	)

	// Actor positions: a pentagon stretched to the page's proportions,
	// starting at the top and going clockwise.
	var actors [5]vec
	for k := range actors {
		a := -math.Pi/2 + float64(k)*2*math.Pi/5
		actors[k] = vec{centre.x + rx*math.Cos(a), centre.y + ry*math.Sin(a)}
	}

	// The civil society space: a pale ellipse band through the actors.
	s.ellipseBand(centre, rx, ry, 22, blueGrey)

	// Soft halo round the security sector.
	s.disc(centre, rCentre+halo, blueGrey)

	// Arrows between the centre and each actor.
	for _, a := range actors {
		s.twoWayArrow(centre, rCentre+halo, a, rActor, 4.5, darkGrey)
	}

	// The security sector.
	s.disc(centre, rCentre, teal)
	s.ring(centre, rCentre-11, rCentre-7.5, paleTeal)
	s.shield(vec{centre.x, centre.y + 4}, 108, 134, 11, shieldRim, teal)

	// The actors, numbered 1 to 5.
	for k, a := range actors {
		s.disc(a, rActor, teal)
		s.disc(a, rActor-actorRim, white)
		s.disc(a, rActor-actorRim-6, blueGrey)
		s.digit(k+1, a, 76, 7, teal)
	}
	return s
}

// Conversions between sRGB and linear light, for correct averaging.
var toLinear [256]float64

func init() {
	for i := range toLinear {
		c := float64(i) / 255
		if c <= 0.04045 {
			toLinear[i] = c / 12.92
		} else {
			toLinear[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
}

func toSRGB(l float64) uint8 {
	var c float64
	if l <= 0.0031308 {
		c = l * 12.92
	} else {
		c = 1.055*math.Pow(l, 1/2.4) - 0.055
	}
	return uint8(math.Max(0, math.Min(255, math.Round(c*255))))
}

func render(s *scene) *image.RGBA {
	w, h := int(width*scale), int(height*scale)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{white}, image.Point{}, draw.Src)
	const n = ss * ss
	for py := 0; py < h; py++ {
		for px := 0; px < w; px++ {
			var r, g, b float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / scale
					y := (float64(py) + (float64(sy)+0.5)/ss) / scale
					c := s.colour(x, y)
					r += toLinear[c.R]
					g += toLinear[c.G]
					b += toLinear[c.B]
				}
			}
			img.SetRGBA(px, py, color.RGBA{toSRGB(r / n), toSRGB(g / n), toSRGB(b / n), 0xff})
		}
	}
	return img
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: samplefigure output.png")
		os.Exit(2)
	}
	img := render(build())
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
