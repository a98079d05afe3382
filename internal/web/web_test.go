package web

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/style"
)

func TestLanguageName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ tag, want string }{
		{"en", "English"}, {"fr", "Français"}, {"de", "Deutsch"}, {"pt-BR", "Português"}, {"not a tag", "not a tag"},
	} {
		if got := LanguageName(tc.tag); got != tc.want {
			t.Errorf("LanguageName(%q) = %q, want %q", tc.tag, got, tc.want)
		}
	}
}

func TestSeriesLanguages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		cards []Card
		want  []string
	}{
		{"most publications first", []Card{{Lang: "fr", Original: true}, {Lang: "en"}, {Lang: "en", Original: true}}, []string{"en", "fr"}},
		{"a tie: the originals' language", []Card{{Lang: "en"}, {Lang: "fr", Original: true}}, []string{"fr", "en"}},
		{"a tie again: the tag", []Card{{Lang: "fr"}, {Lang: "de"}}, []string{"de", "fr"}},
	} {
		if got := SeriesLanguages(tc.cards); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestReadCard: a card is read back from the page's schema.org description
// as the publication page writes it; a page without one is an error.
func TestReadCard(t *testing.T) {
	t.Parallel()
	page := `<head><script type="application/ld+json">
{"@type": "Report", "name": "Title \u003c1\u003e", "inLanguage": "fr", "datePublished": "2019-05-01",
 "abstract": "A.", "author": [{"@type": "Organization", "name": "Centre"}], "isPartOf": {"@type": "CreativeWorkSeries", "name": "Series"},
 "image": {"@type": "ImageObject", "url": "https://example.org/s/pub/pub.fr.cover.png"},
 "url": "https://example.org/s/pub/index.fr.html", "translationOfWork": {"@type": "Report", "inLanguage": "en"}}
</script></head>`
	c, err := ReadCard("pub", "fr", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := Card{ID: "pub", Lang: "fr", Title: "Title <1>", Series: "Series", Date: "2019-05-01", Abstract: "A.", Authors: []string{"Centre"},
		Cover: "pub.fr.cover.png", URL: "https://example.org/s/pub/index.fr.html", Languages: 1}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("card %+v, want %+v", c, want)
	}
	if got := SeriesBase([]Card{c}); got != "https://example.org/s/" {
		t.Errorf("the series' address %q", got)
	}
	for _, bad := range []string{"<p>no description</p>", `<script type="application/ld+json">{"name": `, `<script type="application/ld+json">{</script>`} {
		if _, err := ReadCard("pub", "fr", []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestSeriesNewestFirst: the series index lists the newest publication
// first, and a feed's and a sitemap's addresses are all absolute.
func TestSeriesNewestFirst(t *testing.T) {
	t.Parallel()
	cards := []Card{
		{ID: "old", Lang: "en", Title: "Old", Date: "2018-01-01", Cover: "old.en.cover.png", URL: "https://example.org/old/index.en.html", Original: true},
		{ID: "new", Lang: "en", Title: "New", Date: "2020-01-01", Cover: "new.en.cover.png", URL: "https://example.org/new/index.en.html", Original: true},
	}
	files, err := Series(cards, testWords)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Name] = string(f.Data)
	}
	index := got["index.en.html"]
	if i, j := strings.Index(index, ">New<"), strings.Index(index, ">Old<"); i < 0 || j < 0 || i > j {
		t.Errorf("the index does not list the newest first:\n%s", index)
	}
	if got["index.html"] != index {
		t.Error("index.html is not the first language's index")
	}
	for _, name := range []string{"feed.en.xml", "sitemap.xml"} {
		for _, m := range hrefs.FindAllStringSubmatch(got[name], -1) {
			if !strings.HasPrefix(m[1], "https://example.org/") {
				t.Errorf("%s: a relative address %q", name, m[1])
			}
		}
	}
}

var hrefs = regexp.MustCompile(`(?:href="|<loc>|<id>)([^"<]*)`)

func testWords(lang string) (*style.Words, error) {
	w := &style.Words{Lang: lang, Months: []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}, DateFormat: "{day} {month} {year}"}
	w.Web.Publications, w.Web.Feed, w.Web.Languages, w.Web.Skip = "Publications", "Feed", "Languages", "Skip"
	return w, nil
}
