package icc

import "math"

// FromSRGB is the device values (each 0 to 1) that print sRGB r, g, b
// (0–255), through the relative colorimetric table. On a CMYK condition a
// neutral colour (r = g = b) prints on black alone: the black ink of the
// same lightness, not the table's four-colour grey, which prints soft and
// out of register as text.
func (p *Profile) FromSRGB(r, g, b uint8) []float64 {
	c := SRGBToLab(r, g, b)
	if p.Space == "CMYK" && r == g && g == b {
		return []float64{0, 0, 0, p.blackFor(c.L)}
	}
	return p.FromLab(c)
}

// ToSRGB is the sRGB colour nearest to what device values v print.
func (p *Profile) ToSRGB(v []float64) (r, g, b uint8) {
	return LabToSRGB(p.ToLab(v))
}

// blackFor is the black ink alone (0–1) whose print has lightness l: none
// for the paper's white or lighter, full for the black's own or darker.
func (p *Profile) blackFor(l float64) float64 {
	light := func(k float64) float64 { return p.ToLab([]float64{0, 0, 0, k}).L }
	if l >= light(0) {
		return 0
	}
	if l <= light(1) {
		return 1
	}
	lo, hi := 0.0, 1.0 // lightness falls as black rises
	for range 40 {
		mid := (lo + hi) / 2
		if light(mid) > l {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Round((lo+hi)/2*1000) / 1000
}
