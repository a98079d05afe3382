package resolve

import "testing"

// TestPrintedISBN: the back page prints an identifier that is an ISBN, as
// "ISBN" and the number as written, and leaves out a URN or UUID.
func TestPrintedISBN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id, want string
		ok       bool
	}{
		{"urn:isbn:978-2-940648-01-5", "ISBN 978-2-940648-01-5", true},
		{"isbn:9782940648015", "ISBN 9782940648015", true},
		{"ISBN 2-940648-01-X", "ISBN 2-940648-01-X", true},
		{"978-2-940648-01-5", "ISBN 978-2-940648-01-5", true},
		{"urn:uuid:6f1c2a9e-2b1d-5c8e-9f3a-0d4e5b6c7a8f", "", false},
		{"978-2-9406", "", false},
		{"-9782940648015", "", false},
	}
	for _, tc := range tests {
		if got, ok := PrintedISBN(tc.id); got != tc.want || ok != tc.ok {
			t.Errorf("PrintedISBN(%q) = %q, %v; want %q, %v", tc.id, got, ok, tc.want, tc.ok)
		}
	}
}
