package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.md", Line: 3, Col: 7}, "a.md:3:7: error: bad"},
		{Pos{File: "a.md", Line: 3}, "a.md:3: error: bad"},
		{Pos{File: "a.md"}, "a.md: error: bad"},
	}
	for _, tt := range tests {
		if got := Errorf(tt.pos, "bad").Error(); got != tt.want {
			t.Errorf("%q, want %q", got, tt.want)
		}
	}
}

func TestList(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Error("empty list is an error")
	}
	l.Warn(Pos{File: "b.md", Line: 1, Col: 1}, "later file")
	if l.Err() != nil {
		t.Error("warnings alone are an error")
	}
	l.Add(Pos{File: "a.md", Line: 9, Col: 1}, "second")
	l.Add(Pos{File: "a.md", Line: 2, Col: 4}, "first")
	l.Add(Pos{File: "a.md", Line: 2, Col: 4}, "first")
	want := "a.md:2:4: error: first\na.md:9:1: error: second\nb.md:1:1: warning: later file"
	if got := l.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// errors carrying diagnostics keep them when wrapped
	var other List
	other.AddErr(Pos{File: "x"}, fmt.Errorf("loading: %w", &l))
	other.AddErr(Pos{File: "y", Line: 1}, errors.New("plain"))
	if n := len(other.Items()); n != 4 {
		t.Errorf("%d items, want 4", n)
	}
}
