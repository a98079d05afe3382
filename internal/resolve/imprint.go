package resolve

import (
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// ImprintEntry is one line of the imprint, the publisher's details the back
// page prints and the EPUB's colophon reads: a label and its value.
type ImprintEntry struct {
	Key   string // the metadata field it comes from: publisher, authors, date, rights, identifier
	Label string // the words file's label ("Publisher")
	Text  string // the value
	// Inlines is the value as running text where it has more than text (the
	// date's ordinal endings); nil otherwise.
	Inlines []doc.Inline
}

// imprint lists the publisher, the authors (not when the only author is the
// publisher), the date, the rights and an identifier that is an ISBN.
func (r *Edition) imprint(w *style.Words) {
	add := func(key, label, text string, in []doc.Inline) {
		r.Imprint = append(r.Imprint, ImprintEntry{Key: key, Label: label, Text: text, Inlines: in})
	}
	if r.Publisher != "" {
		add("publisher", w.Publisher, r.Publisher, nil)
	}
	if len(r.Authors) > 0 && !(len(r.Authors) == 1 && r.Authors[0] == r.Publisher) {
		// a publisher that is also the only author is named once
		add("authors", w.Authors, strings.Join(r.Credits, ", "), nil) // with their affiliations
	}
	if r.DateText != "" {
		add("date", w.Published, r.DateText, r.DateInlines)
	}
	if r.Rights != "" {
		add("rights", w.Rights, r.Rights, nil)
	}
	if isbn, ok := PrintedISBN(r.Identifier); ok {
		// a URN or UUID names the file for machines, not the book for readers
		add("identifier", w.Identifier, isbn, nil)
	}
}

// PrintedISBN returns an identifier that is an ISBN as it is printed,
// "ISBN " and its digits and hyphens as written ("isbn:978-…",
// "urn:isbn:…", "ISBN 978…" or the bare number, 10 or 13 digits, the last
// of an ISBN-10 may be X), and whether it is one.
func PrintedISBN(id string) (string, bool) {
	s := strings.TrimSpace(id)
	for _, prefix := range []string{"urn:isbn:", "isbn:", "isbn "} {
		if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			s = strings.TrimSpace(s[len(prefix):])
			break
		}
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == 'X' || r == 'x') && i == len(s)-1:
			digits++
		case (r == '-' || r == ' ') && i > 0 && i < len(s)-1:
		default:
			return "", false
		}
	}
	if digits != 10 && digits != 13 {
		return "", false
	}
	return "ISBN " + s, true
}
