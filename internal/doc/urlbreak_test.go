package doc

import (
	"strings"
	"testing"
)

// TestURLBreaks: an address breaks where the Chicago Manual of Style (14.18)
// lets it, shown as "|": after a double slash or a colon, before a slash,
// tilde, period, comma, hyphen, underline, question mark, number sign or
// percent sign, before and after an equals sign or an ampersand; never
// before the punctuation that follows it in the sentence; a word that is
// not an address not at all.
func TestURLBreaks(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://doi.org/10.1111/puar.13100.", "https://|doi|.org|/10|.1111|/puar|.13100."},
		{"https://www.oecd.org/gov/digital-government-index.htm.", "https://|www|.oecd|.org|/gov|/digital|-government|-index|.htm."},
		{"https://opendatacharter.org/principles/.", "https://|opendatacharter|.org|/principles/."},
		{"http://example.org/~ann/a_b?x=1&y=2#top%20", "http://|example|.org|/|~ann|/a|_b|?x|=|1|&|y|=|2|#top|%20"},
		{"https://example.org/a/", "https://|example|.org|/a/"},
		{"www.example.org,", "www|.example|.org,"},
		{"urn:isbn:0451450523", "urn:isbn:0451450523"}, // not an address
		{"mid-century.", "mid-century."},
		{"e.g.", "e.g."},
	}
	for _, tt := range tests {
		at := URLBreaks(tt.in)
		var b strings.Builder
		last := 0
		for _, i := range at {
			b.WriteString(tt.in[last:i] + "|")
			last = i
		}
		b.WriteString(tt.in[last:])
		if got := b.String(); got != tt.want {
			t.Errorf("URLBreaks(%q): %s, want %s", tt.in, got, tt.want)
		}
	}
}
