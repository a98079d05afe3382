package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/folio-pub/folio/internal/xhtml"
)

// linkedData is the publication page's schema.org description (JSON-LD):
// what search engines read, and what the series index is made from.
type linkedData struct {
	Context             string        `json:"@context,omitempty"`
	Type                string        `json:"@type"`
	Name                string        `json:"name,omitempty"`
	AlternativeHeadline string        `json:"alternativeHeadline,omitempty"`
	InLanguage          string        `json:"inLanguage"`
	DatePublished       string        `json:"datePublished,omitempty"`
	Abstract            string        `json:"abstract,omitempty"`
	Description         string        `json:"description,omitempty"`
	Keywords            []string      `json:"keywords,omitempty"`
	Author              []agent       `json:"author,omitempty"`
	Publisher           *agent        `json:"publisher,omitempty"`
	IsPartOf            *agent        `json:"isPartOf,omitempty"`
	License             string        `json:"license,omitempty"`
	Identifier          string        `json:"identifier,omitempty"`
	Image               *imageObject  `json:"image,omitempty"`
	URL                 string        `json:"url,omitempty"`
	WorkTranslation     []linkedData  `json:"workTranslation,omitempty"`
	TranslationOfWork   *linkedData   `json:"translationOfWork,omitempty"`
	Encoding            []mediaObject `json:"encoding,omitempty"`
}

type agent struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type imageObject struct {
	Type   string `json:"@type"`
	URL    string `json:"url"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
}

type mediaObject struct {
	Type           string `json:"@type"`
	Name           string `json:"name"`
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl"`
	ContentSize    string `json:"contentSize,omitempty"`
	InLanguage     string `json:"inLanguage"`
}

// url is a file of the publication's folder as its pages link it: absolute
// where the publication says where it is published, else relative.
func (s *site) url(file string) string { return s.base + file }

// linkedData describes the edition (a Report, in the series, with its
// translations or original, and each download as an encoding).
func (s *site) linkedData() linkedData {
	ed := s.ed
	ld := linkedData{Context: "https://schema.org", Type: "Report", Name: strings.TrimSpace(ed.Title),
		AlternativeHeadline: strings.TrimSpace(ed.Subtitle), InLanguage: ed.Lang, DatePublished: ed.DateISO,
		Abstract: s.abstract(), Description: strings.TrimSpace(ed.Description), Keywords: ed.Keywords,
		License: strings.TrimSpace(ed.Rights), Identifier: strings.TrimSpace(ed.Identifier),
		Image: &imageObject{Type: "ImageObject", URL: s.url(s.cover.Name), Width: s.coverW, Height: s.coverH}}
	if s.base != "" {
		ld.URL = s.url(PageName(ed.Lang))
	}
	pub := strings.TrimSpace(ed.Publisher)
	for _, a := range ed.Authors {
		if a = strings.TrimSpace(a); a != "" {
			kind := "Person"
			if a == pub {
				kind = "Organization"
			}
			ld.Author = append(ld.Author, agent{Type: kind, Name: a})
		}
	}
	if pub != "" {
		ld.Publisher = &agent{Type: "Organization", Name: pub}
	}
	if t := strings.TrimSpace(ed.Series); t != "" {
		ld.IsPartOf = &agent{Type: "CreativeWorkSeries", Name: t}
	}
	langs := ed.Pub.Languages
	for i, l := range langs {
		if l == ed.Lang {
			continue
		}
		other := linkedData{Type: "Report", InLanguage: l, URL: s.url(PageName(l))}
		if i == 0 {
			ld.TranslationOfWork = &other
		} else if len(langs) > 0 && langs[0] == ed.Lang {
			ld.WorkTranslation = append(ld.WorkTranslation, other)
		}
	}
	ld.Encoding = append(ld.Encoding, mediaObject{Type: "MediaObject", Name: ed.Words.Web.Read, EncodingFormat: "text/html",
		ContentURL: s.url(ReadingName(s.id, ed.Lang)), InLanguage: ed.Lang})
	for _, d := range s.opt.Downloads {
		ld.Encoding = append(ld.Encoding, mediaObject{Type: "MediaObject", Name: s.label(d.Format), EncodingFormat: formatTypes[d.Format],
			ContentURL: s.url(d.File), ContentSize: fmt.Sprintf("%d KB", kilobytes(d.Bytes)), InLanguage: ed.Lang})
	}
	return ld
}

// metadata is what the publication page's head tells machines: schema.org
// JSON-LD, the Highwire Press citation_* tags (Google Scholar, Zotero) and
// Open Graph (link previews).
func (s *site) metadata() (string, error) {
	ed := s.ed
	var sb strings.Builder
	meta := func(attr, name, content string) {
		if content = strings.TrimSpace(content); content != "" {
			fmt.Fprintf(&sb, "<meta %s=\"%s\" content=\"%s\">\n", attr, name, esc(content))
		}
	}
	meta("name", "citation_title", ed.FullTitle)
	authors := s.authors()
	if len(authors) == 0 && strings.TrimSpace(ed.Publisher) != "" {
		authors = []string{ed.Publisher}
	}
	for _, a := range authors {
		meta("name", "citation_author", a)
	}
	meta("name", "citation_publication_date", strings.ReplaceAll(ed.DateISO, "-", "/"))
	meta("name", "citation_publisher", ed.Publisher)
	meta("name", "citation_technical_report_institution", ed.Publisher)
	meta("name", "citation_language", ed.Lang)
	if n := xhtml.ISBN(ed.Identifier); n != "" {
		meta("name", "citation_isbn", n)
	}
	for _, d := range s.opt.Downloads {
		if d.Format == "pdf" {
			meta("name", "citation_pdf_url", s.url(d.File))
		}
	}
	meta("name", "citation_abstract_html_url", s.url(PageName(ed.Lang)))
	if len(ed.Keywords) > 0 {
		meta("name", "citation_keywords", strings.Join(ed.Keywords, "; "))
	}
	meta("property", "og:type", "article")
	meta("property", "og:title", ed.FullTitle)
	meta("property", "og:description", s.description())
	if t := strings.TrimSpace(ed.Series); t != "" {
		meta("property", "og:site_name", t)
	}
	if tag := strings.ReplaceAll(ed.Lang, "-", "_"); strings.Contains(tag, "_") {
		meta("property", "og:locale", tag)
	}
	if s.base != "" {
		// Open Graph wants absolute addresses: without url: there are none
		meta("property", "og:url", s.url(PageName(ed.Lang)))
		meta("property", "og:image", s.url(s.cover.Name))
		meta("property", "og:image:alt", s.reading.CoverText())
	}
	meta("property", "article:published_time", ed.DateISO)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes <, > and &: nothing can close the script
	enc.SetIndent("", "  ")
	if err := enc.Encode(s.linkedData()); err != nil {
		return "", fmt.Errorf("web: %w", err)
	}
	fmt.Fprintf(&sb, "<script type=\"application/ld+json\">\n%s</script>\n", buf.String())
	return sb.String(), nil
}
