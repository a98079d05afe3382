package cover

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/color"
	"image/png"
	"io"
	"math/bits"
	"slices"
)

// A cover is mostly rows the same as the row above: the page's white, a
// band of flat colour, the space between lines of text (on the sample's,
// nine rows in ten). The standard encoder deflates every byte of them,
// comparing them byte by byte with what came before, and checksums them
// byte by byte; that was most of a cover's cost. pngEncoder deflates only
// the rows that differ from the row above; a run of rows that repeat the
// row above is written as one block of its own, each row the same few
// copies of the bytes before it, and counted into the checksum once per row.

// pngEncoder writes paletted images as PNG; it keeps its compressor from
// one image to the next.
type pngEncoder struct {
	fw  *flate.Writer
	z   bytes.Buffer // the zlib stream of the image data
	bw  bitWriter    // a block of repeated rows
	row []byte       // a row with its filter byte
}

// encode returns s as a PNG file.
func (e *pngEncoder) encode(s *sheet) ([]byte, error) {
	if len(s.palette) <= 16 || s.w < 2 {
		// few colours: the standard encoder packs two or more pixels a byte
		// (and a row of one pixel, too short for a copy of itself, is none of a cover's)
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, s.paletted()); err != nil {
			return nil, fmt.Errorf("cover: %w", err)
		}
		return buf.Bytes(), nil
	}
	e.deflate(s)
	var out bytes.Buffer
	out.Grow(e.z.Len() + 1024)
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(s.w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(s.h))
	ihdr[8], ihdr[9] = 8, 3 // 8 bits a pixel, a palette
	chunk(&out, "IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(s.palette))
	alpha := make([]byte, 0, len(s.palette))
	opaque := 0 // the palette's entries up to the last one not opaque
	for i, c := range s.palette {
		k := color.NRGBAModel.Convert(c).(color.NRGBA) // PNG's colours are not premultiplied
		if k.A != 0xff {
			opaque = i + 1
		}
		plte = append(plte, k.R, k.G, k.B)
		alpha = append(alpha, k.A)
	}
	chunk(&out, "PLTE", plte)
	if opaque > 0 {
		chunk(&out, "tRNS", alpha[:opaque])
	}
	chunk(&out, "IDAT", e.z.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// chunk writes a PNG chunk of type typ and contents body.
func chunk(w *bytes.Buffer, typ string, body []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(body)))
	w.Write(n[:])
	crc := crc32.Update(crc32.ChecksumIEEE([]byte(typ)), crc32.IEEETable, body)
	w.WriteString(typ)
	w.Write(body)
	binary.BigEndian.PutUint32(n[:], crc)
	w.Write(n[:])
}

// deflate writes the image data of s (each row with filter type 0, none)
// into e.z as a zlib stream.
func (e *pngEncoder) deflate(s *sheet) {
	w, h := s.w, s.h
	e.z.Reset()
	e.z.Write([]byte{0x78, 0x01}) // deflate, 32 KB window, fastest, as zlib writes it
	if e.fw == nil {
		e.fw, _ = flate.NewWriter(&e.z, flate.BestSpeed) // a valid level: no error
	} else {
		e.fw.Reset(&e.z)
	}
	e.row = slices.Grow(e.row[:0], w+1)[:w+1]
	sum := adler{a: 1}
	var white []byte
	pixels := func(y int) []byte {
		if r := s.rows[y]; r != nil {
			return r
		}
		if white == nil { // made once an image, when first needed
			white = make([]byte, w)
		}
		return white
	}
	// same reports whether rows y and z are the same, at once when both are white
	same := func(y, z int) bool {
		return s.rows[y] == nil && s.rows[z] == nil || bytes.Equal(pixels(y), pixels(z))
	}
	fresh := false // the compressor has data not yet written
	for y := 0; y < h; {
		if y == 0 || !same(y, y-1) {
			copy(e.row[1:], pixels(y))
			e.fw.Write(e.row) // to a bytes.Buffer: no error
			sum.update(e.row)
			fresh = true
			y++
			continue
		}
		n := 1 // the rows from y that repeat row y-1
		for y+n < h && same(y+n, y-1) {
			n++
		}
		if fresh {
			e.fw.Flush() // what it holds written out, to a whole byte
			fresh = false
		}
		copy(e.row[1:], pixels(y-1))
		e.repeat(e.row, n, y+n == h)
		sum.repeat(e.row, n)
		if y += n; y < h {
			// its matches must not reach back over the block
			e.fw.Reset(&e.z)
		}
	}
	if fresh {
		e.fw.Close()
	}
	var check [4]byte
	binary.BigEndian.PutUint32(check[:], sum.sum())
	e.z.Write(check[:])
}

// The deflate format's length and distance codes (RFC 1951, 3.2.5): the
// first length or distance of each code, and its extra bits.
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	// the order in which the code lengths of the code lengths are written
	codeLengthOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
)

// copyOf is a copy of length bytes from dist bytes back, with its length
// and distance codes.
type copyOf struct{ length, dist, lcode, dcode int }

// rowCopies returns the copies that write row again after itself: runs of
// one byte as copies of the byte before, the rest as copies of the row
// above, none shorter than the format's three bytes.
func rowCopies(row []byte) []copyOf {
	const longRun = 16 // a run worth a copy of its own
	var cs []copyOf
	runAt := func(i int) int { // bytes from i equal to the one before
		prev := row[len(row)-1] // the row above's last byte
		if i > 0 {
			prev = row[i-1]
		}
		n := 0
		for i+n < len(row) && row[i+n] == prev {
			n++
		}
		return n
	}
	for i := 0; i < len(row); {
		n := runAt(i)
		if n < longRun {
			// a copy of the row above, up to the next long run or the row's end
			n = 0
			for i+n < len(row) {
				r := runAt(i + n)
				if r >= longRun && n >= 3 {
					break
				}
				if r >= longRun {
					r = 1
				}
				n += max(1, r)
			}
			cs = appendCopies(cs, n, len(row))
			i += n
			continue
		}
		if tail := len(row) - i - n; tail > 0 && tail < 3 {
			n -= 3 - tail // the row's last bytes, a copy of three
		}
		cs = appendCopies(cs, n, 1)
		i += n
	}
	return cs
}

// appendCopies appends the copies of n bytes (three at least) from dist
// bytes back, none longer than the format's 258 nor shorter than its 3.
func appendCopies(cs []copyOf, n, dist int) []copyOf {
	for n > 0 {
		k := min(n, 258)
		if n-k > 0 && n-k < 3 {
			k = n - 3
		}
		cs = append(cs, copyOf{k, dist, lengthCode(k), distCode(dist)})
		n -= k
	}
	return cs
}

// repeat writes, as one block (the last if final), n copies of row, which
// is the data just before, and ends on a whole byte.
func (e *pngEncoder) repeat(row []byte, n int, final bool) {
	// the block's copies: some copies, so many times over
	type times struct {
		copies []copyOf
		n      int
	}
	var block []times
	if allOf(row, row[0]) {
		// rows of white: one run through them all, copies of 258 bytes
		// and the rest
		m := n * len(row)
		full, rest := m/258, m%258
		if rest > 0 && rest < 3 {
			full, rest = full-1, rest+258
		}
		block = []times{{appendCopies(nil, 258, 1), full}, {appendCopies(nil, rest, 1), 1}}
	} else {
		block = []times{{rowCopies(row), n}}
	}
	var litFreq [286]int
	var distFreq [30]int
	for _, t := range block {
		for _, c := range t.copies {
			litFreq[257+c.lcode] += t.n
			distFreq[c.dcode] += t.n
		}
	}
	litFreq[256] = 1 // the end of the block
	lit := huffman(litFreq[:], 15)
	dist := huffman(distFreq[:], 15)
	b := &e.bw
	b.reset(&e.z)
	b.bits(boolBit(final), 1)
	b.bits(2, 2) // codes of its own
	b.header(lit, dist)
	for _, t := range block {
		for range t.n {
			for _, c := range t.copies {
				b.code(lit[257+c.lcode])
				b.bits(uint64(c.length-int(lengthBase[c.lcode])), uint(lengthExtra[c.lcode]))
				b.code(dist[c.dcode])
				b.bits(uint64(c.dist-int(distBase[c.dcode])), uint(distExtra[c.dcode]))
			}
		}
	}
	b.code(lit[256])
	if !final {
		// an empty stored block brings the stream to a whole byte
		b.bits(0, 3)
		b.align()
		b.bits(0xffff0000, 32)
	}
	b.align()
	b.flush()
}

// allOf reports whether every byte of p is c.
func allOf(p []byte, c byte) bool {
	for _, b := range p {
		if b != c {
			return false
		}
	}
	return true
}

func boolBit(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

// lengthCode is the length code of a copy of length bytes, less 257.
func lengthCode(length int) int {
	i, _ := slices.BinarySearch(lengthBase[:], uint16(length+1))
	return i - 1
}

// distCode is the distance code of a copy from dist bytes back.
func distCode(dist int) int {
	i, _ := slices.BinarySearch(distBase[:], uint16(dist+1))
	return i - 1
}

// prefix is a symbol's Huffman code: its bits, to write first bit first,
// and their number (0: the symbol is not used).
type prefix struct {
	bits uint64
	len  uint
}

// huffman returns a complete prefix code for symbols of frequencies freq,
// none longer than limit bits: a Huffman code, or, when that is too long,
// one as long for every symbol used. A code has two symbols at least (a
// second, unused, when only one is): some decoders take no other.
func huffman(freq []int, limit uint) []prefix {
	type node struct {
		freq int
		syms []int
	}
	var nodes []node
	for s, f := range freq {
		if f > 0 {
			nodes = append(nodes, node{f, []int{s}})
		}
	}
	for s := 0; len(nodes) < 2; s++ {
		if freq[s] == 0 {
			nodes = append(nodes, node{1, []int{s}})
		}
	}
	lens := make([]uint, len(freq))
	// merge the two least frequent, each merge a bit more for their symbols
	for len(nodes) > 1 {
		slices.SortStableFunc(nodes, func(a, b node) int { return a.freq - b.freq })
		a, b := nodes[0], nodes[1]
		for _, s := range a.syms {
			lens[s]++
		}
		for _, s := range b.syms {
			lens[s]++
		}
		nodes = append(nodes[2:], node{a.freq + b.freq, append(append([]int{}, a.syms...), b.syms...)})
	}
	if slices.Max(lens) > limit {
		var used []int
		for s, l := range lens {
			if l > 0 {
				used = append(used, s)
			}
		}
		// 2^k codes of k bits; the first symbols take one bit less, two by two
		k := uint(bits.Len(uint(len(used) - 1)))
		short := 1<<k - len(used)
		for i, s := range used {
			lens[s] = k
			if i < short {
				lens[s] = k - 1
			}
		}
	}
	return canonical(lens)
}

// canonical returns the canonical prefix code of code lengths lens (RFC
// 1951, 3.2.2), each code reversed, as the stream takes it.
func canonical(lens []uint) []prefix {
	var count [16]int
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	var next [16]uint64
	code := uint64(0)
	for l := 1; l < 16; l++ {
		code = (code + uint64(count[l-1])) << 1
		next[l] = code
	}
	codes := make([]prefix, len(lens))
	for s, l := range lens {
		if l > 0 {
			codes[s] = prefix{uint64(bits.Reverse16(uint16(next[l])) >> (16 - l)), l}
			next[l]++
		}
	}
	return codes
}

// bitWriter writes a deflate block's bits, first bit first, to a buffer.
type bitWriter struct {
	w   io.Writer
	acc uint64
	n   uint
	buf []byte
}

func (b *bitWriter) reset(w io.Writer) {
	b.w, b.acc, b.n, b.buf = w, 0, 0, b.buf[:0]
}

// bits writes the n low bits of v (n at most 32).
func (b *bitWriter) bits(v uint64, n uint) {
	b.acc |= v << b.n
	b.n += n
	for b.n >= 8 {
		b.buf = append(b.buf, byte(b.acc))
		b.acc >>= 8
		b.n -= 8
	}
}

func (b *bitWriter) code(p prefix) { b.bits(p.bits, p.len) }

// align fills the last byte begun with zeros.
func (b *bitWriter) align() {
	if b.n > 0 {
		b.bits(0, 8-b.n)
	}
}

func (b *bitWriter) flush() {
	b.w.Write(b.buf) // to a bytes.Buffer: no error
	b.buf = b.buf[:0]
}

// header writes a dynamic block's codes lit and dist (RFC 1951, 3.2.7), the
// lengths of their codes written in a code of their own, runs of a length
// as repeats.
func (b *bitWriter) header(lit, dist []prefix) {
	nlit, ndist := used(lit, 257), used(dist, 1)
	var lens []uint
	for _, p := range lit[:nlit] {
		lens = append(lens, p.len)
	}
	for _, p := range dist[:ndist] {
		lens = append(lens, p.len)
	}
	type sym struct{ code, extra, extraBits uint }
	var syms []sym
	for i := 0; i < len(lens); {
		l, n := lens[i], 1
		for i+n < len(lens) && lens[i+n] == l {
			n++
		}
		i += n
		switch {
		case l == 0 && n >= 11:
			k := min(n, 138)
			syms = append(syms, sym{18, uint(k - 11), 7})
			i -= n - k
		case l == 0 && n >= 3:
			syms = append(syms, sym{17, uint(n - 3), 3})
		case l != 0 && n >= 4:
			syms = append(syms, sym{l, 0, 0})
			k := min(n-1, 6)
			syms = append(syms, sym{16, uint(k - 3), 2})
			i -= n - 1 - k
		default:
			syms = append(syms, sym{l, 0, 0})
			i -= n - 1
		}
	}
	var freq [19]int
	for _, s := range syms {
		freq[s.code]++
	}
	cl := huffman(freq[:], 7)
	ncl := 19
	for ncl > 4 && cl[codeLengthOrder[ncl-1]].len == 0 {
		ncl--
	}
	b.bits(uint64(nlit-257), 5)
	b.bits(uint64(ndist-1), 5)
	b.bits(uint64(ncl-4), 4)
	for _, s := range codeLengthOrder[:ncl] {
		b.bits(uint64(cl[s].len), 3)
	}
	for _, s := range syms {
		b.code(cl[s.code])
		b.bits(uint64(s.extra), s.extraBits)
	}
}

// used is the number of codes up to the last one used, at least least.
func used(codes []prefix, least int) int {
	n := len(codes)
	for n > least && codes[n-1].len == 0 {
		n--
	}
	return n
}

// adler is a zlib stream's checksum (RFC 1950) being counted.
type adler struct{ a, b uint32 }

const adlerMod = 65521

// update counts p.
func (s *adler) update(p []byte) {
	a, b := s.a, s.b // in registers, not through s
	for len(p) > 0 {
		q := p[:min(len(p), 5552)] // the most bytes before b can overflow
		p = p[len(q):]
		for ; len(q) >= 4; q = q[4:] {
			a += uint32(q[0])
			b += a
			a += uint32(q[1])
			b += a
			a += uint32(q[2])
			b += a
			a += uint32(q[3])
			b += a
		}
		for _, c := range q {
			a += uint32(c)
			b += a
		}
		a %= adlerMod
		b %= adlerMod
	}
	s.a, s.b = a, b
}

// repeat counts p n times: each time, a grows by p's sum, b by len(p)
// times a before it and p's bytes weighted by how many bytes from each
// one to p's end.
func (s *adler) repeat(p []byte, n int) {
	var sum, weighted uint64
	for i, c := range p {
		sum += uint64(c)
		weighted += uint64(len(p)-i) * uint64(c)
	}
	sum %= adlerMod
	weighted %= adlerMod
	a, b := uint64(s.a), uint64(s.b)
	l := uint64(len(p)) % adlerMod
	for range n {
		b = (b + l*a + weighted) % adlerMod
		a = (a + sum) % adlerMod
	}
	s.a, s.b = uint32(a), uint32(b)
}

func (s *adler) sum() uint32 { return s.b<<16 | s.a }
