package typeset

import (
	"slices"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/source"
	"github.com/folio-pub/folio/internal/style"
)

// TestMovedFloats: the floats the sample's pages set out of the reading
// order are figures and boxes, each on the page it is set on; with floats
// off, none is moved.
func TestMovedFloats(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "fr"} {
		_, d := sample(t, lang)
		for _, m := range d.Moved {
			switch m.Block.(type) {
			case *doc.Figure, *doc.Box:
			default:
				t.Errorf("%s: moved %T", lang, m.Block)
			}
			t.Logf("%s: %T on page %s", lang, m.Block, m.Label)
		}
		_, d = sampleWith(t, lang, func(l *style.Layout) { l.Pages.Floats = false })
		if len(d.Moved) > 0 {
			t.Errorf("%s: floats off, yet %d moved", lang, len(d.Moved))
		}
	}
}

// TestSpanHyphenation: a word of a span in another language is hyphenated
// with that language's patterns (the edition's words and the span's given
// to resolve), one of a language folio has no words for not at all.
func TestSpanHyphenation(t *testing.T) {
	t.Parallel()
	var diags diag.List
	pub := source.NewReader("../../source").Read("civil-society", []string{"fr"}, &diags)
	l, err := style.LoadLayout(overlay.Folder("../../layouts"), pub.Layout)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := style.LoadWords(overlay.Folder("../../layouts"), "fr")
	if err != nil {
		t.Fatal(err)
	}
	en, err := style.LoadWords(overlay.Folder("../../layouts"), "en")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := fonts.Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	ts := newTypesetter(resolve.Resolve(pub.Editions[0], l, fr, en), Options{Fonts: fs}, &diags)
	const word = "accountability"
	if got, want := ts.pointsIn("en-GB")(word), en.Hyphenator.Points(word); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("en-GB span: %v, want English points %v", got, want)
	}
	if got, want := ts.pointsIn("")(word), fr.Hyphenator.Points(word); !slices.Equal(got, want) {
		t.Errorf("the text's own: %v, want French points %v", got, want)
	}
	if slices.Equal(en.Hyphenator.Points(word), fr.Hyphenator.Points(word)) {
		t.Errorf("the test word breaks alike in both languages: %v", en.Hyphenator.Points(word))
	}
	if got := ts.pointsIn("es")(word); got != nil {
		t.Errorf("a language without words: %v", got)
	}
}
