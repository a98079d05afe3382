// Package limits sets how large an input file folio reads whole may be, and
// reads files within those limits: a file too large is a clear error, never
// minutes of work or all the memory.
package limits

import (
	"fmt"
	"io"
	"os"
)

// The limits, far beyond what a real publication has.
const (
	Image   = 64 << 20 // an image file
	Section = 4 << 20  // a Markdown section, about a thousand pages of text
	YAML    = 1 << 20  // publication.yaml, edition.yaml, a layout, a words file, a termbase, the font manifest
	Font    = 64 << 20 // a font file (the largest TrueType fonts, for Chinese, Japanese and Korean, are about 20 MB)
	Pattern = 8 << 20  // a hyphenation pattern file (the largest, German's, is under 1 MB)
	Profile = 16 << 20 // a printer's ICC profile (FOGRA39 is 0.6 MB)
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

// ReadFile reads the file at path whole, or returns a *TooLargeError when it
// holds more than limit bytes. It reads no more than limit+1 bytes, so a file
// that grows while it is read is caught too.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		size := int64(len(data))
		if fi, err := f.Stat(); err == nil && fi.Size() > size {
			size = fi.Size()
		}
		return nil, &TooLargeError{Size: size, Limit: limit}
	}
	return data, nil
}
