package xhtml

import (
	"strings"
	"testing"
)

// TestEscText: running text is escaped as it was, an address in it marked
// with <wbr/> where Chicago lets a line break (doc.URLBreaks), not before
// the full stop after it.
func TestEscText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Plain text & more.", "Plain text &amp; more."},
		{"See https://doi.org/10.1111/x. Then", "See https://<wbr/>doi<wbr/>.org<wbr/>/10<wbr/>.1111<wbr/>/x. Then"},
		{"at\u00a0https://a.org/b?c=d&e", "at\u00a0https://<wbr/>a<wbr/>.org<wbr/>/b<wbr/>?c<wbr/>=<wbr/>d<wbr/>&amp;<wbr/>e"},
		{"mid-century www. notes", "mid-century www. notes"},
	}
	for _, tt := range tests {
		var sb strings.Builder
		escText(&sb, tt.in)
		if got := sb.String(); got != tt.want {
			t.Errorf("escText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
