package pdf

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/folio-pub/folio/internal/page"
)

func TestPageLabels(t *testing.T) {
	t.Parallel()
	pages := func(labels ...string) []*page.Page {
		var ps []*page.Page
		for i, l := range labels {
			ps = append(ps, &page.Page{Number: i + 1, Label: l})
		}
		return ps
	}
	for _, tc := range []struct {
		name   string
		labels []string
		want   string
	}{
		{"cover without folio", []string{"", "2", "3", "4"}, "<</Nums [0 <<>> 1 <</S /D /St 2>> ]>>"},
		{"numbered from 1", []string{"1", "2", "3"}, "<</Nums [0 <</S /D /St 1>> ]>>"},
		{"a gap restarts", []string{"", "2", "5"}, "<</Nums [0 <<>> 1 <</S /D /St 2>> 2 <</S /D /St 5>> ]>>"},
		{"blank in between", []string{"", "2", "", "4"}, "<</Nums [0 <<>> 1 <</S /D /St 2>> 2 <<>> 3 <</S /D /St 4>> ]>>"},
		{"roman", []string{"i", "ii"}, "<</Nums [0 <</P (i)>> 1 <</P (ii)>> ]>>"},
	} {
		if got := pageLabels(pages(tc.labels...)); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestPDFString(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Plain (text)": `(Plain \(text\))`,
		`a\b`:          `(a\\b)`,
		"é":            "<FEFF00E9>",
		"\U0001F600":   "<FEFFD83DDE00>",
	} {
		if got := pdfString(in); got != want {
			t.Errorf("pdfString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSubsetTag(t *testing.T) {
	t.Parallel()
	a, b := subsetTag([]byte("one subset")), subsetTag([]byte("another subset"))
	if !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(a) || a == b || a != subsetTag([]byte("one subset")) {
		t.Errorf("tags %q, %q: want six capitals, stable, different for different subsets", a, b)
	}
}

func TestParseFileRejects(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"", "%PDF-1.3\nno xref", "%PDF-1.3\nstartxref\n5\n%%EOF\n"} {
		if _, err := parseFile([]byte(raw)); err == nil {
			t.Errorf("parseFile(%q): no error", raw)
		}
	}
}

// TestSharedSameBytes: editions drawn with a Shared (their profiles
// deflated once) are the bytes of those drawn alone, whichever is drawn
// first, and the profile is deflated once for them all.
func TestSharedSameBytes(t *testing.T) {
	t.Parallel()
	d := testDocument(t)
	d.Bleed = 8.5
	profile := make([]byte, 4000) // a CMYK output profile's header, then data
	copy(profile[12:], "prtrCMYKLab ")
	copy(profile[36:], "acsp")
	for i := 132; i < len(profile); i++ {
		profile[i] = byte(i * i % 251)
	}
	d.OutputIntent = &page.OutputIntent{Condition: "FOGRA39", Profile: profile, Components: 4}
	write := func(s *Shared) (digital, print []byte) {
		dr, err := DrawShared(context.Background(), d, s)
		if err != nil {
			t.Fatal(err)
		}
		return finished(t, dr)
	}
	digital, print := write(nil)
	s := NewShared()
	for range 2 {
		if dg, pr := write(s); !bytes.Equal(dg, digital) || !bytes.Equal(pr, print) {
			t.Errorf("drawn with a Shared: other bytes (digital %v, print %v)", bytes.Equal(dg, digital), bytes.Equal(pr, print))
		}
	}
	if len(s.deflated) != 1 { // the condition's profile (sRGB, for DefaultRGB, comes deflated)
		t.Errorf("%d profiles deflated, want 1", len(s.deflated))
	}
}

// finished writes both editions of dr.
func finished(t *testing.T, dr *Drawn) (digital, print []byte) {
	t.Helper()
	var a, b bytes.Buffer
	if err := dr.WriteDigital(&a); err != nil {
		t.Fatal(err)
	}
	if err := dr.WritePrint(&b); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), b.Bytes()
}

var update = flag.Bool("update", false, "rewrite layouts/profiles/*.icc.zlib")

// TestProfilesDeflated: each built-in profile has its zlib stream beside it
// (<name>.icc.zlib, which the layout hands to the PDF writer, so that a
// build does not deflate 120 KB at the best compression; and the sRGB
// profile's, which this package embeds), the very bytes the writer would
// make: the PDFs are the same with it or without.
// go test ./internal/pdf -run TestProfilesDeflated -update writes them
// (make profiles does).
func TestProfilesDeflated(t *testing.T) {
	t.Parallel()
	profiles, _ := filepath.Glob("../../layouts/profiles/*.icc")
	if len(profiles) == 0 {
		t.Fatal("no built-in profile")
	}
	profiles = append(profiles, "icc/sRGB2014.icc") // the PDF/A output intent, and DefaultRGB
	for _, p := range profiles {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want := deflateBest(data)
		if *update {
			if err := os.WriteFile(p+".zlib", want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := os.ReadFile(p + ".zlib"); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s.zlib is not %s deflated at the best compression (%v): go test ./internal/pdf -run TestProfilesDeflated -update", filepath.Base(p), filepath.Base(p), err)
		}
	}
}

// TestProfileGivenDeflated: a profile given deflated is written as given,
// and not deflated again; the same bytes as one the writer deflates.
func TestProfileGivenDeflated(t *testing.T) {
	t.Parallel()
	d := fogra39Document(t)
	dr, err := DrawShared(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, want := finished(t, dr)
	oi := *d.OutputIntent
	oi.Deflated = deflateBest(oi.Profile)
	d.OutputIntent = &oi
	s := NewShared()
	if dr, err = DrawShared(context.Background(), d, s); err != nil {
		t.Fatal(err)
	}
	if _, got := finished(t, dr); !bytes.Equal(got, want) {
		t.Error("the print PDF differs with the profile given deflated")
	}
	if len(s.deflated) != 0 {
		t.Errorf("%d profiles deflated, want none: the condition's and sRGB come deflated", len(s.deflated))
	}
}
