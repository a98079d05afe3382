package pdf

import (
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
