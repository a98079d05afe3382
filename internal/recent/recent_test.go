package recent

import "testing"

// TestMap: a value used in this round or the last is found; one no round
// since the one before the last used is gone.
func TestMap(t *testing.T) {
	t.Parallel()
	m := New[string, int]()
	m.Put("a", 1)
	for i, tc := range []struct {
		next  bool // a new round first
		get   string
		found bool
		kept  int // values kept after
	}{
		{false, "a", true, 1},
		{true, "a", true, 1},  // used the round before
		{true, "b", false, 1}, // a is still the last round's
		{true, "a", false, 0}, // a went: no round used it since
	} {
		if tc.next {
			m.Next()
		}
		if v, ok := m.Get(tc.get); ok != tc.found || ok && v != 1 {
			t.Errorf("step %d: %s found %v (%d), want %v", i, tc.get, ok, v, tc.found)
		}
		if m.Len() != tc.kept {
			t.Errorf("step %d: %d kept, want %d", i, m.Len(), tc.kept)
		}
	}
}
