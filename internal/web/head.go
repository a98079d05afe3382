package web

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// LanguageName is a language's name in itself ("English", "Français"), its
// first letter a capital as in a list of languages; the tag when unknown.
func LanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	name := display.Self.Name(t)
	if name == "" {
		return tag
	}
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// pageHead is what the head of a page says.
type pageHead struct {
	lang, title, description, css string
	// alternate is the page in another language, by tag; "" for none
	alternate func(lang string) string
	langs     []string
	canonical string // absolute, or ""
	extra     string // more elements of the head (metadata)
	bodyClass string
}

// writeHead writes a page up to and including <body> and the skip link.
func writeHead(sb *strings.Builder, h pageHead, skip string) {
	sb.WriteString("<!DOCTYPE html>\n")
	fmt.Fprintf(sb, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", esc(h.lang))
	sb.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(sb, "<title>%s</title>\n", esc(h.title))
	if h.description != "" {
		fmt.Fprintf(sb, "<meta name=\"description\" content=\"%s\">\n", esc(h.description))
	}
	sb.WriteString("<meta name=\"generator\" content=\"folio\">\n")
	// no icon: a browser would ask the server for /favicon.ico
	sb.WriteString("<link rel=\"icon\" href=\"data:,\">\n")
	fmt.Fprintf(sb, "<link rel=\"stylesheet\" href=\"%s\">\n", esc(h.css))
	if h.canonical != "" {
		fmt.Fprintf(sb, "<link rel=\"canonical\" href=\"%s\">\n", esc(h.canonical))
	}
	if h.alternate != nil && len(h.langs) > 1 {
		for _, l := range h.langs {
			fmt.Fprintf(sb, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s\">\n", esc(l), esc(h.alternate(l)))
		}
	}
	sb.WriteString(h.extra)
	sb.WriteString("</head>\n")
	if h.bodyClass != "" {
		fmt.Fprintf(sb, "<body class=\"%s\">\n", h.bodyClass)
	} else {
		sb.WriteString("<body>\n")
	}
	fmt.Fprintf(sb, "<a class=\"skip\" href=\"#main\">%s</a>\n", esc(skip))
}

// writeSiteHeader writes the site's header: links (href, text, current),
// and the language switch, each language's page by alternate.
func writeSiteHeader(sb *strings.Builder, navLabel string, links [][2]string, langsLabel, lang string, langs []string, alternate func(string) string) {
	sb.WriteString("<header class=\"site\">\n")
	if len(links) > 0 {
		fmt.Fprintf(sb, "<nav aria-label=\"%s\">\n<ul>\n", esc(navLabel))
		for _, l := range links {
			fmt.Fprintf(sb, "<li><a href=\"%s\">%s</a></li>\n", esc(l[0]), esc(l[1]))
		}
		sb.WriteString("</ul>\n</nav>\n")
	}
	if len(langs) > 1 {
		fmt.Fprintf(sb, "<nav class=\"languages\" aria-label=\"%s\">\n<ul>\n", esc(langsLabel))
		for _, l := range langs {
			current := ""
			if l == lang {
				current = " aria-current=\"page\""
			}
			fmt.Fprintf(sb, "<li><a href=\"%s\" hreflang=\"%s\" lang=\"%s\"%s>%s</a></li>\n", esc(alternate(l)), esc(l), esc(l), current, esc(LanguageName(l)))
		}
		sb.WriteString("</ul>\n</nav>\n")
	}
	sb.WriteString("</header>\n")
}
