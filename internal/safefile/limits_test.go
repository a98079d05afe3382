package safefile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/folio-pub/folio/internal/limits"
)

func TestReadLimits(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		size, limit int64
		want        string // the error, or "" to read it all
	}{
		{0, 10, ""},
		{10, 10, ""},
		{11, 10, "the file is 0.0 MB; the limit is 0.0 MB"},
		{4<<20 + 200<<10, limits.Section, "the file is 4.2 MB; the limit is 4 MB"},
		{70 << 20, limits.Image, "the file is 70 MB; the limit is 64 MB"},
		{1<<20 + 1, limits.YAML, "the file is 1.0 MB; the limit is 1 MB"},
	}
	for _, tt := range tests {
		file := filepath.Join(dir, "f")
		var data []byte
		if tt.want == "" {
			data = bytes.Repeat([]byte("x"), int(tt.size))
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// a file too large is only its size: a sparse file, no megabytes written
		if err := os.Truncate(file, tt.size); err != nil {
			t.Fatal(err)
		}
		got, err := Read(dir, file, tt.limit)
		var tooLarge *limits.TooLargeError
		switch {
		case tt.want == "" && (err != nil || !bytes.Equal(got, data)):
			t.Errorf("%d bytes, limit %d: %d bytes read, %v", tt.size, tt.limit, len(got), err)
		case tt.want != "" && (!errors.As(err, &tooLarge) || err.Error() != tt.want || got != nil):
			t.Errorf("%d bytes, limit %d: %v, want %q", tt.size, tt.limit, err, tt.want)
		}
	}
	if _, err := Read(dir, filepath.Join(dir, "none"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// TestReadAll: a file read whole whatever its size when opened said (it may
// have grown or shrunk since), in one slice when it did not change.
func TestReadAll(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name       string
		held, size int
	}{
		{"empty", 0, 0},
		{"as opened", 5000, 5000},
		{"grown since", 5000, 100},
		{"shrunk since", 100, 5000},
	} {
		data := bytes.Repeat([]byte("ab"), tt.held/2)
		got, err := readAll(bytes.NewReader(data), int64(tt.size))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes, %v; want %d", tt.name, len(got), err, len(data))
		}
		if tt.held == tt.size && cap(got) != tt.size+1 {
			t.Errorf("%s: a slice of %d bytes, want one of %d", tt.name, cap(got), tt.size+1)
		}
	}
}
