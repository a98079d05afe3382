// Package icc converts colours between sRGB and a printing condition through
// the condition's ICC output profile: it reads the profile's relative
// colorimetric tables (A2B1: device to Lab, B2A1: Lab to device, 8- or
// 16-bit lookup tables, as Argyll CMS and most printers' profiles write
// them) and evaluates them by multilinear interpolation. sRGB is computed
// from its definition (IEC 61966-2-1), adapted to the profile connection
// space's D50 white with the Bradford transform.
package icc

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Lab is a CIELAB colour under D50, relative to the medium's white.
type Lab struct{ L, A, B float64 }

// Profile is an output profile's pair of relative colorimetric tables.
type Profile struct {
	Space string // the device's colour space: "CMYK", "RGB " or "GRAY"
	Desc  string // the profile's description (its desc tag), empty when unreadable
	a2b   *lut   // device to Lab
	b2a   *lut   // Lab to device
}

// Parse reads an ICC output profile whose connection space is Lab.
func Parse(data []byte) (*Profile, error) {
	if len(data) < 132 || string(data[36:40]) != "acsp" {
		return nil, fmt.Errorf("not an ICC profile")
	}
	if pcs := string(data[20:24]); pcs != "Lab " {
		return nil, fmt.Errorf("the profile connects through %q; folio reads profiles that connect through Lab", pcs)
	}
	p := &Profile{Space: string(data[16:20])}
	tags := map[string][]byte{}
	n := int(binary.BigEndian.Uint32(data[128:]))
	for i := range n {
		at := 132 + 12*i
		if at+12 > len(data) {
			return nil, fmt.Errorf("truncated tag table")
		}
		off, size := int(binary.BigEndian.Uint32(data[at+4:])), int(binary.BigEndian.Uint32(data[at+8:]))
		if off < 0 || size < 0 || off+size > len(data) || off+size < off {
			return nil, fmt.Errorf("tag %q lies outside the profile", data[at:at+4])
		}
		tags[string(data[at:at+4])] = data[off : off+size]
	}
	var err error
	if p.a2b, err = parseLut(tags["A2B1"], "A2B1"); err != nil {
		return nil, err
	}
	if p.b2a, err = parseLut(tags["B2A1"], "B2A1"); err != nil {
		return nil, err
	}
	if p.a2b.out != 3 || p.b2a.in != 3 || p.a2b.in != p.b2a.out {
		return nil, fmt.Errorf("the tables A2B1 (%d→%d) and B2A1 (%d→%d) do not pair a device space with Lab", p.a2b.in, p.a2b.out, p.b2a.in, p.b2a.out)
	}
	if d := tags["desc"]; len(d) > 12 && string(d[:4]) == "desc" {
		if l := int(binary.BigEndian.Uint32(d[8:])); l > 0 && 12+l <= len(d) {
			s := d[12 : 12+l]
			for len(s) > 0 && s[len(s)-1] == 0 {
				s = s[:len(s)-1]
			}
			p.Desc = string(s)
		}
	}
	return p, nil
}

// Components is the number of the device's colourants.
func (p *Profile) Components() int { return p.a2b.in }

// ToLab is the colour that device values v (each 0 to 1) print.
func (p *Profile) ToLab(v []float64) Lab {
	out := p.a2b.eval(v)
	return decodeLab(out)
}

// FromLab is the device values (each 0 to 1) that print c, or the closest
// the condition can print (the profile's gamut mapping).
func (p *Profile) FromLab(c Lab) []float64 {
	return p.b2a.eval(encodeLab(c))
}

// Legacy 16-bit Lab of lookup tables (ICC v2): L 0–100 on 0–0xFF00, a and b
// −128–127.996 on 0–0xFFFF; values here are those codes over 0xFFFF.
func encodeLab(c Lab) []float64 {
	const k = 65280.0 / 65535.0
	return []float64{clamp(c.L/100) * k, clamp((c.A+128)/255) * k, clamp((c.B+128)/255) * k}
}

func decodeLab(v []float64) Lab {
	const k = 65535.0 / 65280.0
	return Lab{v[0] * k * 100, v[1]*k*255 - 128, v[2]*k*255 - 128}
}

func clamp(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// lut is an lut8Type or lut16Type table: input curves, a grid, output curves.
type lut struct {
	in, out, grid int
	inCurves      [][]float64 // per input channel, values 0–1
	clut          []float64   // grid^in entries of out values, first input varying slowest
	outCurves     [][]float64
}

func parseLut(b []byte, name string) (*lut, error) {
	if b == nil {
		return nil, fmt.Errorf("no %s table (the relative colorimetric one)", name)
	}
	if len(b) < 52 {
		return nil, fmt.Errorf("%s: truncated", name)
	}
	kind := string(b[:4])
	if kind != "mft1" && kind != "mft2" {
		return nil, fmt.Errorf("%s is a %q table; folio reads lut8 (mft1) and lut16 (mft2) tables", name, kind)
	}
	l := &lut{in: int(b[8]), out: int(b[9]), grid: int(b[10])}
	if l.in < 1 || l.in > 4 || l.out < 1 || l.out > 4 || l.grid < 2 {
		return nil, fmt.Errorf("%s: %d inputs, %d outputs, grid %d: not a table folio reads", name, l.in, l.out, l.grid)
	}
	width, inN, outN, at := 1, 256, 256, 48
	if kind == "mft2" {
		width, inN, outN, at = 2, int(binary.BigEndian.Uint16(b[48:])), int(binary.BigEndian.Uint16(b[50:])), 52
	}
	cells := 1
	for range l.in {
		cells *= l.grid
	}
	need := at + width*(l.in*inN+cells*l.out+l.out*outN)
	if inN < 2 || outN < 2 || len(b) < need {
		return nil, fmt.Errorf("%s: truncated", name)
	}
	full := float64(255)
	if width == 2 {
		full = 65535
	}
	read := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			if width == 2 {
				v[i] = float64(binary.BigEndian.Uint16(b[at:])) / full
			} else {
				v[i] = float64(b[at]) / full
			}
			at += width
		}
		return v
	}
	for range l.in {
		l.inCurves = append(l.inCurves, read(inN))
	}
	l.clut = read(cells * l.out)
	for range l.out {
		l.outCurves = append(l.outCurves, read(outN))
	}
	return l, nil
}

// curve looks v (0–1) up in a table of equally spaced samples, linearly.
func curve(t []float64, v float64) float64 {
	x := clamp(v) * float64(len(t)-1)
	i := int(x)
	if i >= len(t)-1 {
		return t[len(t)-1]
	}
	f := x - float64(i)
	return t[i]*(1-f) + t[i+1]*f
}

// eval runs v through the table: input curves, the grid by multilinear
// interpolation, output curves.
func (l *lut) eval(v []float64) []float64 {
	base := make([]int, l.in)
	frac := make([]float64, l.in)
	for i := range l.in {
		x := curve(l.inCurves[i], v[i]) * float64(l.grid-1)
		j := min(int(x), l.grid-2)
		base[i], frac[i] = j, x-float64(j)
	}
	out := make([]float64, l.out)
	for corner := range 1 << l.in {
		w, idx := 1.0, 0
		for i := range l.in {
			k := base[i]
			if corner>>(l.in-1-i)&1 == 1 {
				k++
				w *= frac[i]
			} else {
				w *= 1 - frac[i]
			}
			idx = idx*l.grid + k
		}
		if w == 0 {
			continue
		}
		for o := range l.out {
			out[o] += w * l.clut[idx*l.out+o]
		}
	}
	for o := range l.out {
		out[o] = curve(l.outCurves[o], out[o])
	}
	return out
}
