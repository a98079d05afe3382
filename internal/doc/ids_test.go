package doc

import "testing"

func TestCleanID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"intro", "intro"},
		{"1-intro", "1-intro"},
		{"a b:c", "a-b:c"},
		{"a  #b ", "a-b"},
		{" société", "société"},
		{"a/b?c", "a-b-c"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := CleanID(tc.in); got != tc.want {
			t.Errorf("CleanID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
