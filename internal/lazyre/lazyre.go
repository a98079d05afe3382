// Package lazyre compiles a package's regular expressions on first use
// rather than when the program starts: every run of folio starts, and most
// never need an expression of the citation processor or of the language
// rules' addresses and dates (compiling them all at start cost each run
// some 2 ms).
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that gives expr compiled, compiling it on its
// first call (regexp.MustCompile: expr is the program's own, so a bad one
// panics, as at start). It is safe for concurrent use.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
