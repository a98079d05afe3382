package pdftest

import "testing"

func TestUnmarked(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		err  bool
	}{
		{"/P <</MCID 0>> BDC BT (a \\) Tj S) Tj ET EMC", 0, false},
		{"BT (x) Tj ET", 1, false},
		{"/Artifact BMC 0 0 m 1 1 l S EMC 1 1 10 10 re f", 1, false},
		{"/Span <</ActualText <FEFF0041>>> BDC <0041> Tj EMC /Im1 Do", 1, false},
		{"/P <</MCID 0>> BDC", 0, true},
		{"q Q EMC", 0, true},
	} {
		got, err := Unmarked(tc.in)
		if len(got) != tc.want || (err != nil) != tc.err {
			t.Errorf("Unmarked(%q) = %v, %v", tc.in, got, err)
		}
	}
}
