package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/folio-pub/folio/internal/style"
)

// Card is a publication page as the series' pages list it, read back from
// the page's own schema.org description (ReadCard): the series is made from
// the publication pages written, by one build or by the shards of several.
type Card struct {
	ID, Lang  string
	Title     string
	Subtitle  string
	Series    string
	Date      string // YYYY-MM-DD, or ""
	Abstract  string
	Authors   []string
	Cover     string // the cover image, relative to the publication's folder
	URL       string // the page's absolute address, or ""
	Original  bool   // the page is of the original, not a translation
	Languages int    // the page's languages, itself included
}

// ReadCard reads the card of publication id's page in language lang.
func ReadCard(id, lang string, page []byte) (Card, error) {
	const open = "<script type=\"application/ld+json\">"
	i := bytes.Index(page, []byte(open))
	if i < 0 {
		return Card{}, errors.New("no schema.org description (application/ld+json) in the page")
	}
	rest := page[i+len(open):]
	j := bytes.Index(rest, []byte("</script>"))
	if j < 0 {
		return Card{}, errors.New("the page's schema.org description is not closed")
	}
	var ld linkedData
	if err := json.Unmarshal(rest[:j], &ld); err != nil {
		return Card{}, fmt.Errorf("the page's schema.org description: %w", err)
	}
	c := Card{ID: id, Lang: lang, Title: ld.Name, Subtitle: ld.AlternativeHeadline, Date: ld.DatePublished,
		Abstract: ld.Abstract, URL: ld.URL, Original: ld.TranslationOfWork == nil, Languages: 1 + len(ld.WorkTranslation)}
	if c.Abstract == "" {
		c.Abstract = ld.Description
	}
	if ld.IsPartOf != nil {
		c.Series = ld.IsPartOf.Name
	}
	for _, a := range ld.Author {
		c.Authors = append(c.Authors, a.Name)
	}
	if len(c.Authors) == 0 && ld.Publisher != nil {
		c.Authors = []string{ld.Publisher.Name}
	}
	if ld.Image != nil {
		c.Cover = path.Base(ld.Image.URL)
	}
	return c, nil
}

// SeriesLanguages orders the languages of the cards: the language most
// publications have first (the series index's index.html), a tie going to
// the language more of them were written in, then to the tag.
func SeriesLanguages(cards []Card) []string {
	count, originals := map[string]int{}, map[string]int{}
	var langs []string
	for _, c := range cards {
		if count[c.Lang] == 0 {
			langs = append(langs, c.Lang)
		}
		count[c.Lang]++
		if c.Original {
			originals[c.Lang]++
		}
	}
	sort.Slice(langs, func(i, j int) bool {
		a, b := langs[i], langs[j]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		if originals[a] != originals[b] {
			return originals[a] > originals[b]
		}
		return a < b
	})
	return langs
}

// SeriesBase is the address the output folder is published at, from the
// first card (newest first) whose page has one; "" when none has.
func SeriesBase(cards []Card) string {
	for _, c := range sortCards(cards) {
		if suffix := c.ID + "/" + PageName(c.Lang); c.URL != "" && strings.HasSuffix(c.URL, suffix) {
			return strings.TrimSuffix(c.URL, suffix)
		}
	}
	return ""
}

// sortCards returns the cards newest first, then by id and language.
func sortCards(cards []Card) []Card {
	out := append([]Card(nil), cards...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Date != b.Date {
			return a.Date > b.Date
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Lang < b.Lang
	})
	return out
}

// Series writes the series' pages from the cards of every publication page:
// index.<lang>.html for each language (newest first), index.html (the first
// language's), and, when the pages say where they are published (url: in
// publication.yaml), the Atom feeds feed.<lang>.xml and sitemap.xml, whose
// addresses must be absolute. words gives each language's labels. Names are
// relative to the output folder.
func Series(cards []Card, words func(lang string) (*style.Words, error)) ([]File, error) {
	if len(cards) == 0 {
		return nil, nil
	}
	cards = sortCards(cards)
	langs := SeriesLanguages(cards)
	base := SeriesBase(cards)
	var files []File
	for _, lang := range langs {
		w, err := words(lang)
		if err != nil {
			return nil, err
		}
		var mine []Card
		for _, c := range cards {
			if c.Lang == lang {
				mine = append(mine, c)
			}
		}
		files = append(files, File{Name: PageName(lang), Data: seriesPage(mine, lang, langs, base, w)})
		if base != "" {
			files = append(files, File{Name: "feed." + lang + ".xml", Data: feed(mine, lang, base, w)})
		}
	}
	first := files[0]
	files = append([]File{{Name: "index.html", Data: first.Data}}, files...)
	if base != "" {
		files = append(files, File{Name: "sitemap.xml", Data: sitemap(cards, langs, base)})
	}
	return files, nil
}

// seriesName is the series' name in a language: its publications', else the label.
func seriesName(cards []Card, w *style.Words) string {
	for _, c := range cards {
		if c.Series != "" {
			return c.Series
		}
	}
	return w.Web.Publications
}

// seriesPage is the series index in one language: every publication with
// its cover, title, subtitle, date and abstract, newest first.
func seriesPage(cards []Card, lang string, langs []string, base string, w *style.Words) []byte {
	var sb strings.Builder
	name := seriesName(cards, w)
	h := pageHead{lang: lang, title: name, css: cards[0].ID + "/" + cssName(cards[0].ID, lang),
		alternate: PageName, langs: langs, bodyClass: "wide"}
	if base != "" {
		h.canonical = base + PageName(lang)
		h.extra = fmt.Sprintf("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"%s\" title=\"%s\">\n", esc("feed."+lang+".xml"), esc(name))
	}
	writeHead(&sb, h, w.Web.Skip)
	var links [][2]string
	if base != "" {
		links = append(links, [2]string{"feed." + lang + ".xml", w.Web.Feed})
	}
	writeSiteHeader(&sb, w.Web.Publications, links, w.Web.Languages, lang, langs, PageName)
	fmt.Fprintf(&sb, "<main id=\"main\">\n<h1>%s</h1>\n<ul class=\"publications\">\n", esc(name))
	for i, c := range cards {
		page := c.ID + "/" + PageName(lang)
		sb.WriteString("<li>\n<article class=\"publication\">\n")
		// the title beside it says what the cover shows
		fmt.Fprintf(&sb, "<div class=\"cover-image\"><img src=\"%s\" alt=\"\"%s></div>\n", esc(c.ID+"/"+c.Cover), lazy(i))
		fmt.Fprintf(&sb, "<div class=\"details\">\n<h2 class=\"title\"><a href=\"%s\">%s</a></h2>\n", esc(page), esc(c.Title))
		if c.Subtitle != "" {
			fmt.Fprintf(&sb, "<p class=\"subtitle\">%s</p>\n", esc(c.Subtitle))
		}
		if c.Date != "" {
			fmt.Fprintf(&sb, "<p class=\"meta\"><time datetime=\"%s\">%s</time></p>\n", esc(c.Date), esc(w.FormatDate(c.Date)))
		}
		if first, _, _ := strings.Cut(c.Abstract, "\n\n"); first != "" {
			fmt.Fprintf(&sb, "<p>%s</p>\n", esc(first))
		}
		sb.WriteString("</div>\n</article>\n</li>\n")
	}
	sb.WriteString("</ul>\n</main>\n</body>\n</html>\n")
	return []byte(sb.String())
}

// lazy lets the browser load the covers below the first screen when they come.
func lazy(i int) string {
	if i < 2 {
		return ""
	}
	return " loading=\"lazy\""
}

// xmlText escapes text for XML.
func xmlText(s string) string { return esc(s) }

// feed is the Atom feed of the series in one language, newest first.
func feed(cards []Card, lang, base string, w *style.Words) []byte {
	var sb strings.Builder
	name := seriesName(cards, w)
	self := base + "feed." + lang + ".xml"
	sb.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
	fmt.Fprintf(&sb, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n", esc(lang))
	fmt.Fprintf(&sb, "<title>%s</title>\n<id>%s</id>\n", xmlText(name), xmlText(self))
	fmt.Fprintf(&sb, "<link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n", xmlText(self))
	fmt.Fprintf(&sb, "<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xmlText(base+PageName(lang)))
	fmt.Fprintf(&sb, "<updated>%s</updated>\n<generator>folio</generator>\n", atomDate(cards[0].Date))
	for _, c := range cards {
		page := base + c.ID + "/" + PageName(lang)
		title := c.Title
		if c.Subtitle != "" {
			title += " — " + c.Subtitle
		}
		fmt.Fprintf(&sb, "<entry>\n<title>%s</title>\n<id>%s</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", xmlText(title), xmlText(page), xmlText(page))
		fmt.Fprintf(&sb, "<updated>%s</updated>\n", atomDate(c.Date))
		if c.Date != "" {
			fmt.Fprintf(&sb, "<published>%s</published>\n", atomDate(c.Date))
		}
		authors := c.Authors
		if len(authors) == 0 {
			authors = []string{name}
		}
		for _, a := range authors {
			fmt.Fprintf(&sb, "<author><name>%s</name></author>\n", xmlText(a))
		}
		if c.Abstract != "" {
			fmt.Fprintf(&sb, "<summary>%s</summary>\n", xmlText(c.Abstract))
		}
		sb.WriteString("</entry>\n")
	}
	sb.WriteString("</feed>\n")
	return []byte(sb.String())
}

// atomDate is a publication date as Atom writes it; a page without a date
// counts as of 1970 (a feed's dates come from the publications, never the clock).
func atomDate(d string) string {
	if d == "" {
		d = "1970-01-01"
	}
	return d + "T00:00:00Z"
}

// sitemap lists the series index and every publication page and reading
// edition, each with its language alternates.
func sitemap(cards []Card, langs []string, base string) []byte {
	var sb strings.Builder
	sb.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
	sb.WriteString("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")
	entry := func(loc string, lastmod string, alternates [][2]string) {
		fmt.Fprintf(&sb, "<url>\n<loc>%s</loc>\n", xmlText(loc))
		if lastmod != "" {
			fmt.Fprintf(&sb, "<lastmod>%s</lastmod>\n", lastmod)
		}
		if len(alternates) > 1 {
			for _, a := range alternates {
				fmt.Fprintf(&sb, "<xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", xmlText(a[0]), xmlText(a[1]))
			}
		}
		sb.WriteString("</url>\n")
	}
	var series [][2]string
	for _, l := range langs {
		series = append(series, [2]string{l, base + PageName(l)})
	}
	for _, a := range series {
		entry(a[1], cards[0].Date, series)
	}
	// each publication's pages, its languages alternates of one another
	byID := map[string][]Card{}
	var ids []string
	for _, c := range cards {
		if byID[c.ID] == nil {
			ids = append(ids, c.ID)
		}
		byID[c.ID] = append(byID[c.ID], c)
	}
	for _, id := range ids {
		var pages, reading [][2]string
		for _, c := range byID[id] {
			pages = append(pages, [2]string{c.Lang, base + id + "/" + PageName(c.Lang)})
			reading = append(reading, [2]string{c.Lang, base + id + "/" + ReadingName(id, c.Lang)})
		}
		for i, c := range byID[id] {
			entry(pages[i][1], c.Date, pages)
			entry(reading[i][1], c.Date, reading)
		}
	}
	sb.WriteString("</urlset>\n")
	return []byte(sb.String())
}
