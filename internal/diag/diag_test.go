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

func TestAnnotation(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"error with line and column",
			Diagnostic{Pos: Pos{File: "source/a/en/01-intro.md", Line: 3, Col: 7}, Severity: Error, Msg: "unknown role \"x\""},
			`::error file=source/a/en/01-intro.md,line=3,col=7::unknown role "x"`},
		{"warning with line and column",
			Diagnostic{Pos: Pos{File: "source/a/fr/02-b.md", Line: 12, Col: 1}, Severity: Warning, Msg: "a widow on page 4"},
			"::warning file=source/a/fr/02-b.md,line=12,col=1::a widow on page 4"},
		{"line without column",
			Diagnostic{Pos: Pos{File: "layouts/base.yaml", Line: 9}, Severity: Error, Msg: "m"},
			"::error file=layouts/base.yaml,line=9::m"},
		{"file only",
			Diagnostic{Pos: Pos{File: "fonts"}, Severity: Warning, Msg: "m"},
			"::warning file=fonts::m"},
		{"no position",
			Diagnostic{Severity: Error, Msg: "m"},
			"::error::m"},
		{"message escaped: percent, CR, LF; colons and commas kept",
			Diagnostic{Pos: Pos{File: "a.md", Line: 1, Col: 2}, Severity: Error, Msg: "100% wrong:\r\nsee a, b"},
			"::error file=a.md,line=1,col=2::100%25 wrong:%0D%0Asee a, b"},
		{"property escaped: colon, comma, percent, newline",
			Diagnostic{Pos: Pos{File: "C:/x,y%\nz.md", Line: 1, Col: 1}, Severity: Warning, Msg: "m"},
			"::warning file=C%3A/x%2Cy%25%0Az.md,line=1,col=1::m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.d.Annotation(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
