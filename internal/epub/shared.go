package epub

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"hash/crc32"
	"slices"
	"sync/atomic"

	"github.com/folio-pub/folio/internal/lend"
	"github.com/folio-pub/folio/internal/recent"
	"github.com/folio-pub/folio/internal/xhtml"
)

// Shared holds what the EPUBs of a build have in common: the deflate
// compressors, kept from one EPUB to the next (a compressor is some 1.2 MB,
// which, made anew for each EPUB, is memory the system gives the process
// page by page), and, in a session (KeepEntries), the entries deflated. A
// compressor belongs to one writeZip from get to put, and to the list
// between EPUBs. Safe for concurrent use; a nil *Shared shares nothing.
type Shared struct {
	free lend.List[*flate.Writer]
	// entries are the deflated entries by the digest of their bytes, and
	// runes the characters of the content documents (UsedRunes) by the
	// digest of theirs; nil unless KeepEntries
	entries *recent.Map[[sha256.Size]byte, packed]
	runes   *recent.Map[[sha256.Size]byte, []rune]
	// deflations counts the entries deflated, for the tests: what keeping
	// them spares
	deflations atomic.Int64
}

// packed is an entry's bytes as the container holds them: deflated, or as
// they are when stored.
type packed struct {
	data []byte
	crc  uint32 // CRC-32 of the entry's bytes, before any deflating
}

// NewShared returns a Shared that keeps no entry.
func NewShared() *Shared { return &Shared{} }

// KeepEntries makes the EPUBs that share s keep each entry they deflate,
// by a digest of its bytes, and take it from there when a later EPUB has
// the same bytes: for a session that writes an edition again and again
// (folio watch), where an edit changes one or two content documents, not
// the others nor the fonts. The characters of each content document are
// kept the same way, for the fonts' subsets. What is kept is what the
// EPUBs of this round and the last used (see NextRound). Call it before
// any EPUB is written.
func (s *Shared) KeepEntries() {
	s.entries = recent.New[[sha256.Size]byte, packed]()
	s.runes = recent.New[[sha256.Size]byte, []rune]()
}

// NextRound starts a round of EPUBs (a session's build): the entries no
// EPUB of the last round or this one used are let go.
func (s *Shared) NextRound() {
	if s != nil && s.entries != nil {
		s.entries.Next()
		s.runes.Next()
	}
}

// keeps reports whether s keeps entries: then each entry to deflate
// carries the digest of its bytes.
func (s *Shared) keeps() bool { return s != nil && s.entries != nil }

// get takes a compressor from the list, nil when it is empty (or s is nil).
func (s *Shared) get() *flate.Writer {
	if s == nil {
		return nil
	}
	return s.free.Get()
}

// put gives fw back to the list, for the next EPUB.
func (s *Shared) put(fw *flate.Writer) {
	if s != nil && fw != nil {
		s.free.Put(fw)
	}
}

// usedRunes is xhtml.UsedRunes of the texts of entries, the content
// documents: when s keeps entries, each document's characters are found by
// its digest where an EPUB found them before, and only the others' read.
func (s *Shared) usedRunes(entries []entry) []rune {
	if !s.keeps() {
		texts := make([][]byte, len(entries))
		for i, e := range entries {
			texts[i] = e.data
		}
		return xhtml.UsedRunes(texts...)
	}
	var used []rune
	for _, e := range entries {
		rs, ok := s.runes.Get(e.sum)
		if !ok {
			rs = xhtml.UsedRunes(e.data)
			s.runes.Put(e.sum, rs)
		}
		// each holds the reading system's characters: their union is
		// UsedRunes of all the texts
		used = mergeRunes(used, rs)
	}
	return used
}

// mergeRunes returns the union of a and b, both sorted without repeats,
// sorted without repeats; neither is changed.
func mergeRunes(a, b []rune) []rune {
	out := make([]rune, 0, max(len(a), len(b)))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return slices.Concat(out, a, b)
}

// deflater deflates the entries of one container, at best speed (the
// entries are small text files and fonts, which a slower level makes only
// a few percent smaller), with one compressor for them all, lent by shared.
type deflater struct {
	shared *Shared
	fw     *flate.Writer
	buf    bytes.Buffer
}

// deflate returns e's bytes deflated and their CRC-32: those kept by the
// digest of its bytes when an EPUB deflated them lately, else deflated now
// (and kept, when shared keeps entries). What it returns is not to be
// changed, and is good until the next call.
func (d *deflater) deflate(e entry) (packed, error) {
	keep := d.shared.keeps()
	if keep {
		if p, ok := d.shared.entries.Get(e.sum); ok {
			return p, nil
		}
	}
	d.buf.Reset()
	if d.fw == nil {
		if d.fw = d.shared.get(); d.fw == nil {
			fw, err := flate.NewWriter(&d.buf, flate.BestSpeed)
			if err != nil {
				return packed{}, err
			}
			d.fw = fw
		}
	}
	d.fw.Reset(&d.buf)
	if _, err := d.fw.Write(e.data); err != nil {
		return packed{}, err
	}
	if err := d.fw.Close(); err != nil {
		return packed{}, err
	}
	if d.shared != nil {
		d.shared.deflations.Add(1)
	}
	p := packed{data: d.buf.Bytes(), crc: crc32.ChecksumIEEE(e.data)}
	if keep {
		p.data = bytes.Clone(p.data) // the buffer is the next entry's
		d.shared.entries.Put(e.sum, p)
	}
	return p, nil
}

// done gives the compressor back to shared, for the next EPUB.
func (d *deflater) done() { d.shared.put(d.fw) }
