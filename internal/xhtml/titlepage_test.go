package xhtml

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

func TestISBN(t *testing.T) {
	tests := []struct{ id, want string }{
		{"urn:isbn:978-92-9222-491-0", "978-92-9222-491-0"},
		{"9789292224910", "9789292224910"},
		{"ISBN 2-92222-491-X", "2-92222-491-X"},
		{"urn:uuid:2a7a3f9c-3b1e-5c0e-9d6e-0c4b8f5a1e21", ""},
		{"978-92-9222", ""},
	}
	for _, tc := range tests {
		if got := ISBN(tc.id); got != tc.want {
			t.Errorf("ISBN(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}

// TestTitlePage: the publisher that is also the author is named once; an ISBN
// is shown, a made-up urn:uuid is not.
func TestTitlePage(t *testing.T) {
	words := &style.Words{Rights: "Licence", Identifier: "Identifier", Cover: "Cover"}
	tests := []struct {
		name       string
		authors    []string
		identifier string
		want, not  []string
	}{
		{"publisher is the author", []string{"Example Centre"}, "urn:uuid:2a7a3f9c-3b1e-5c0e-9d6e-0c4b8f5a1e21",
			[]string{"<p>Example Centre</p>"}, []string{"urn:uuid", "Identifier", "<dl>"}},
		{"an author and an ISBN", []string{"A. Author", "Example Centre"}, "urn:isbn:978-92-9222-491-0",
			[]string{"<p>A. Author</p>\n<p>Example Centre</p>", "<dt>ISBN</dt>\n<dd>978-92-9222-491-0</dd>"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ed := &resolve.Edition{Lang: "en", Title: "T", Words: words, Publisher: "Example Centre", Authors: tc.authors, Credits: tc.authors, Identifier: tc.identifier}
			page := string(New(ed, Options{}).TitlePage())
			if n := strings.Count(page, "Example Centre"); n != 1 {
				t.Errorf("the publisher is named %d times", n)
			}
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("missing %q in\n%s", w, page)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(page, w) {
					t.Errorf("unexpected %q", w)
				}
			}
		})
	}
}
