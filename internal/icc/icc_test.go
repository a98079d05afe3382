package icc

import (
	"math"
	"os"
	"strings"
	"testing"
)

func fogra39(t *testing.T) *Profile {
	t.Helper()
	data, err := os.ReadFile("../../layouts/profiles/FOGRA39.icc")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProfileHeader(t *testing.T) {
	p := fogra39(t)
	if p.Space != "CMYK" || p.Components() != 4 {
		t.Errorf("space %q, %d components; want CMYK, 4", p.Space, p.Components())
	}
	if !strings.Contains(p.Desc, "FOGRA39") {
		t.Errorf("description %q does not name FOGRA39", p.Desc)
	}
}

func TestSRGBRoundTrip(t *testing.T) {
	for _, c := range [][3]uint8{{0, 0, 0}, {255, 255, 255}, {31, 63, 102}, {200, 30, 40}, {128, 128, 128}} {
		r, g, b := LabToSRGB(SRGBToLab(c[0], c[1], c[2]))
		if r != c[0] || g != c[1] || b != c[2] {
			t.Errorf("%v → Lab → %v", c, [3]uint8{r, g, b})
		}
	}
	if w := SRGBToLab(255, 255, 255); math.Abs(w.L-100) > 0.01 || math.Abs(w.A) > 0.05 || math.Abs(w.B) > 0.05 {
		t.Errorf("sRGB white is %+v in Lab, want 100 0 0", w)
	}
}

// The condition's known points (FOGRA39L.ti3, relative to its paper white
// L 95 a 0 b −2): the tables reproduce them within a few ΔE.
func TestFogra39Points(t *testing.T) {
	p := fogra39(t)
	paper := p.ToLab([]float64{0, 0, 0, 0})
	if math.Abs(paper.L-100) > 0.5 || math.Abs(paper.A) > 0.5 || math.Abs(paper.B) > 0.5 {
		t.Errorf("the paper is %+v relative to itself, want 100 0 0", paper)
	}
	for _, c := range []struct {
		name string
		cmyk []float64
		l    float64 // absolute L* of FOGRA39, made relative below
	}{
		{"black", []float64{0, 0, 0, 1}, 16}, // K 100: about L 16 (absolute)
		{"magenta", []float64{0, 1, 0, 0}, 48},
	} {
		got := p.ToLab(c.cmyk)
		want := c.l * 100 / 95 // relative to the paper's L 95, roughly
		if math.Abs(got.L-want) > 4 {
			t.Errorf("%s prints L %.1f, want about %.1f", c.name, got.L, want)
		}
	}
}

func TestFromSRGB(t *testing.T) {
	p := fogra39(t)
	tests := []struct {
		name    string
		rgb     [3]uint8
		kOnly   bool
		maxDiff float64 // ΔE76 of the round trip
	}{
		{"black", [3]uint8{0, 0, 0}, true, 0},
		{"near black", [3]uint8{26, 26, 26}, true, 0},
		{"white", [3]uint8{255, 255, 255}, true, 0},
		{"grey", [3]uint8{95, 107, 118}, false, 3},
		{"blue", [3]uint8{31, 63, 102}, false, 3},
		{"pale", [3]uint8{238, 241, 244}, false, 3},
	}
	for _, tc := range tests {
		v := p.FromSRGB(tc.rgb[0], tc.rgb[1], tc.rgb[2])
		if tc.kOnly {
			if v[0] != 0 || v[1] != 0 || v[2] != 0 {
				t.Errorf("%s: %v, want black ink only", tc.name, v)
			}
			continue
		}
		total := v[0] + v[1] + v[2] + v[3]
		if total > 3.0+0.02 {
			t.Errorf("%s: %v: total ink %.0f %% over the profile's 300 %%", tc.name, v, total*100)
		}
		in, out := SRGBToLab(tc.rgb[0], tc.rgb[1], tc.rgb[2]), p.ToLab(v)
		if d := math.Sqrt(sq(in.L-out.L) + sq(in.A-out.A) + sq(in.B-out.B)); d > tc.maxDiff {
			t.Errorf("%s: %v prints %+v, %.1f ΔE from %+v", tc.name, v, out, d, in)
		}
	}
	if k := p.FromSRGB(0, 0, 0)[3]; k != 1 {
		t.Errorf("black: K %.3f, want 1", k)
	}
	if k := p.FromSRGB(255, 255, 255)[3]; k != 0 {
		t.Errorf("white: K %.3f, want 0", k)
	}
}

func sq(v float64) float64 { return v * v }

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"short", []byte("x"), "not an ICC profile"},
		{"xyz", func() []byte {
			b := make([]byte, 132)
			copy(b[36:], "acsp")
			copy(b[20:], "XYZ ")
			return b
		}(), "connects through"},
		{"no table", func() []byte {
			b := make([]byte, 132)
			copy(b[36:], "acsp")
			copy(b[20:], "Lab ")
			return b
		}(), "no A2B1"},
	} {
		_, err := Parse(tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}
