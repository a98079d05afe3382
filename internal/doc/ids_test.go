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

func TestUnique(t *testing.T) {
	taken := map[string]bool{"notes": true, "notes-2": true, "fig.png": true}
	tests := []struct{ base, suffix, want string }{
		{"box", "", "box"},
		{"notes", "", "notes-3"},
		{"fig", ".png", "fig-2.png"},
	}
	for _, tt := range tests {
		if got := Unique(tt.base, tt.suffix, func(s string) bool { return taken[s] }); got != tt.want {
			t.Errorf("Unique(%q, %q) = %q, want %q", tt.base, tt.suffix, got, tt.want)
		}
	}
}
