// Package diag carries positioned diagnostics (path:line:col: severity: message)
// from every stage of the pipeline to the command line.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Col are 1-based; zero means unknown.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// String formats the position as path:line:col, dropping unknown parts.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells whether a diagnostic stops the build.
type Severity int

const (
	// Error makes the build fail (exit status 1).
	Error Severity = iota
	// Warning is reported but the build succeeds.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as its name, "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("severity %q: want error or warning", b)
	}
	return nil
}

// Diagnostic is one problem found in the input. In JSON (folio's --report)
// it reads {"pos": {"file", "line", "col"}, "severity": "error" or
// "warning", "message"}.
type Diagnostic struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"severity"`
	Msg      string   `json:"message"`
}

// Error formats the diagnostic the way editors and CI annotate: path:line:col: error: message.
func (d Diagnostic) Error() string {
	return fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Msg)
}

// Errorf makes an error diagnostic at pos.
func Errorf(pos Pos, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// List collects diagnostics; the zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Add appends an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warn appends a warning at pos.
func (l *List) Warn(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// AddErr appends err: its diagnostics if it carries them, otherwise an error at pos.
func (l *List) AddErr(pos Pos, err error) {
	if err == nil {
		return
	}
	var d *Diagnostic
	var dl *List
	switch {
	case errors.As(err, &dl):
		l.items = append(l.items, dl.items...)
	case errors.As(err, &d):
		l.items = append(l.items, *d)
	default:
		l.items = append(l.items, Diagnostic{Pos: pos, Severity: Error, Msg: err.Error()})
	}
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// WarningsAsErrors makes every warning of the list an error (folio --strict).
func (l *List) WarningsAsErrors() {
	for i := range l.items {
		l.items[i].Severity = Error
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Items returns the diagnostics sorted by file, line and column, duplicates removed.
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// Err returns the list as an error when it holds errors, nil otherwise.
func (l *List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}

// Error joins every diagnostic, one a line.
func (l *List) Error() string {
	var b strings.Builder
	for i, d := range l.Items() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}
