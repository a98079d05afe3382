package markdown

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif"  // figures may be GIF
	_ "image/jpeg" // figures may be JPEG
	_ "image/png"  // figures may be PNG
	"sync"
	"time"

	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/safefile"
)

// maxImagePixels limits an image's size in pixels (its file's size is
// limits.Image), a clear error rather than minutes of work: about 40
// megapixels, 168 MB decoded, far beyond an A4 page at 600 ppi.
const maxImagePixels = 40 << 20

// imageInfo is what a full check of an image file found.
type imageInfo struct {
	format        string // png, jpeg or gif
	width, height int
	err           error // why the file cannot be used
}

// imageChecker checks each image file once, fully (a PNG's every chunk
// and its whole image data; other formats decoded), so that a damaged file is
// an error at the line that uses it and not a crash or noise in a renderer.
// Files are known by path, size and time, so an edited file is checked again.
// It is safe for concurrent use.
type imageChecker struct {
	mu   sync.Mutex
	seen map[imageKey]imageInfo
	memo ImageMemo // what earlier runs found; nil for none
}

// ImageMemo keeps, from one run to the next, what the full check of an image
// file found, so that a file unchanged since (same path, size and time) is not
// decoded again. Only images that passed are kept.
type ImageMemo interface {
	Load(path string, size int64, mod time.Time) (format string, width, height int, ok bool)
	Store(path string, size int64, mod time.Time, format string, width, height int)
}

type imageKey struct {
	path string
	size int64
	mod  time.Time
}

func newImageChecker() *imageChecker { return &imageChecker{seen: map[imageKey]imageInfo{}} }

// check returns what the image at path, in the publication folder pubDir,
// is, decoding it on first sight.
func (ic *imageChecker) check(pubDir, path string) imageInfo {
	fi, err := safefile.Check(pubDir, path)
	if err != nil {
		return imageInfo{err: err}
	}
	key := imageKey{path, fi.Size(), fi.ModTime()}
	ic.mu.Lock()
	info, ok := ic.seen[key]
	ic.mu.Unlock()
	if ok {
		return info
	}
	if ic.memo != nil {
		if format, w, h, ok := ic.memo.Load(path, fi.Size(), fi.ModTime()); ok {
			info = imageInfo{format: format, width: w, height: h}
		}
	}
	if info.format == "" {
		info = decode(pubDir, path)
		if info.err == nil && ic.memo != nil {
			ic.memo.Store(path, fi.Size(), fi.ModTime(), info.format, info.width, info.height)
		}
	}
	ic.mu.Lock()
	ic.seen[key] = info
	ic.mu.Unlock()
	return info
}

// decode reads and decodes the whole image, within the limits.
func decode(pubDir, path string) imageInfo {
	data, err := safefile.Read(pubDir, path, limits.Image)
	if err != nil {
		return imageInfo{err: err}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return imageInfo{err: fmt.Errorf("not a PNG, JPEG or GIF image: %w", err)}
	}
	if cfg.Width*cfg.Height > maxImagePixels {
		return imageInfo{err: fmt.Errorf("%d × %d pixels is more than the %d megapixels folio takes", cfg.Width, cfg.Height, maxImagePixels>>20)}
	}
	// a PNG is checked whole without building its pixels; the other
	// formats are decoded
	if format == "png" {
		err = checkPNG(data)
	} else {
		_, _, err = image.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return imageInfo{err: fmt.Errorf("the %s file is damaged: %w", format, err)}
	}
	return imageInfo{format: format, width: cfg.Width, height: cfg.Height}
}
