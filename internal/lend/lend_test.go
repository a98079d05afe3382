package lend

import "testing"

// TestList: a list gives back what was put, the last first, then the zero
// value when empty.
func TestList(t *testing.T) {
	t.Parallel()
	var l List[*int]
	if l.Get() != nil {
		t.Fatal("an empty list gave something")
	}
	a, b := new(int), new(int)
	l.Put(a)
	l.Put(b)
	if l.Len() != 2 {
		t.Errorf("%d waiting, want 2", l.Len())
	}
	for i, want := range []*int{b, a, nil} {
		if got := l.Get(); got != want {
			t.Errorf("get %d: %p, want %p", i, got, want)
		}
	}
}
