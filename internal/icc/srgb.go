package icc

import "math"

// D50, the profile connection space's white (ICC.1, 7.2.16).
var d50 = [3]float64{0.9642, 1.0, 0.8249}

// sRGB's primaries adapted to D50 with the Bradford transform, and back
// (the matrices of the ICC's sRGB profiles).
var (
	srgbToXYZ = [3][3]float64{
		{0.4360747, 0.3850649, 0.1430804},
		{0.2225045, 0.7168786, 0.0606169},
		{0.0139322, 0.0971045, 0.7141733},
	}
	xyzToSRGB = [3][3]float64{
		{3.1338561, -1.6168667, -0.4906146},
		{-0.9787684, 1.9161415, 0.0334540},
		{0.0719453, -0.2289914, 1.4052427},
	}
)

// SRGBToLab is the colour of sRGB r, g, b (0–255) in Lab under D50.
func SRGBToLab(r, g, b uint8) Lab {
	lin := [3]float64{linear(r), linear(g), linear(b)}
	var xyz [3]float64
	for i := range 3 {
		for j := range 3 {
			xyz[i] += srgbToXYZ[i][j] * lin[j]
		}
	}
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(xyz[0]/d50[0]), f(xyz[1]/d50[1]), f(xyz[2]/d50[2])
	return Lab{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

// LabToSRGB is the sRGB colour (0–255, clipped to sRGB's gamut) nearest to c.
func LabToSRGB(c Lab) (r, g, b uint8) {
	fy := (c.L + 16) / 116
	fx, fz := fy+c.A/500, fy-c.B/200
	inv := func(t float64) float64 {
		if t3 := t * t * t; t3 > 216.0/24389 {
			return t3
		}
		return (116*t - 16) * 27 / 24389
	}
	xyz := [3]float64{inv(fx) * d50[0], inv(fy) * d50[1], inv(fz) * d50[2]}
	var out [3]uint8
	for i := range 3 {
		v := 0.0
		for j := range 3 {
			v += xyzToSRGB[i][j] * xyz[j]
		}
		out[i] = encoded(v)
	}
	return out[0], out[1], out[2]
}

// linear is sRGB's transfer function undone.
func linear(v uint8) float64 {
	c := float64(v) / 255
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// encoded is a linear value in sRGB's transfer function, clipped, as 0–255.
func encoded(v float64) uint8 {
	v = clamp(v)
	if v <= 0.0031308 {
		v *= 12.92
	} else {
		v = 1.055*math.Pow(v, 1/2.4) - 0.055
	}
	return uint8(math.Round(clamp(v) * 255))
}
