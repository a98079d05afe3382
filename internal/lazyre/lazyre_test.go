package lazyre

import "testing"

// TestNew: the expression compiled is expr, the same value at every call.
func TestNew(t *testing.T) {
	re := New(`^a+b$`)
	if r1, r2 := re(), re(); r1 != r2 || !r1.MatchString("aab") || r1.MatchString("ab!") {
		t.Errorf("New(`^a+b$`): %v, %v", r1, r2)
	}
}
