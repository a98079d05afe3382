// Package limits sets how large an input file folio reads whole may be (package
// safefile reads files within them): a file too large is a clear error, never
// minutes of work or all the memory.
package limits

import (
	"fmt"
)

// The limits, far beyond what a real publication has.
const (
	Image        = 64 << 20 // an image file
	Section      = 4 << 20  // a Markdown section, about a thousand pages of text
	Bibliography = 16 << 20 // a bibliography file (CSL-JSON or BibTeX)
	YAML         = 1 << 20  // publication.yaml, edition.yaml, a layout, a words file, a termbase, the font manifest
	Font         = 64 << 20 // a font file (the largest TrueType fonts, for Chinese, Japanese and Korean, are about 20 MB)
	Pattern      = 8 << 20  // a hyphenation pattern file (the largest, German's, is under 1 MB)
	Profile      = 16 << 20 // a printer's ICC profile (FOGRA39 is 0.6 MB)
	Output       = 1 << 30  // an edition's file, read back from the cache
)

// TooLargeError tells that a file is larger than its limit.
type TooLargeError struct {
	Size  int64 // bytes: the file's size, or as many as were read
	Limit int64 // bytes
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file is %s; the limit is %s", megabytes(e.Size), megabytes(e.Limit))
}

// megabytes writes a size in MB, with a decimal below 10 MB (4.2 MB, 70 MB).
func megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	if mb < 10 && n%(1<<20) != 0 {
		return fmt.Sprintf("%.1f MB", mb)
	}
	return fmt.Sprintf("%d MB", int64(mb))
}
