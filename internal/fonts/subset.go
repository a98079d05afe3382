package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"golang.org/x/image/font/sfnt"
)

// Subset returns the face's TrueType file with the outlines of every glyph not
// needed for the runes removed. Glyph numbers do not change, so the character
// map, metrics, kerning and layout tables stay valid as they are; only glyf,
// loca and head are rewritten. Digital signatures (DSIG) are dropped.
func (f *Face) Subset(runes []rune) ([]byte, error) {
	keep := map[uint16]bool{0: true} // .notdef
	var buf sfnt.Buffer
	for _, r := range runes {
		if gi, err := f.font.GlyphIndex(&buf, r); err == nil && gi != 0 {
			keep[uint16(gi)] = true
		}
	}
	return subsetTrueType(f.Data, keep)
}

type tableRecord struct {
	tag    string
	offset uint32
	length uint32
}

func subsetTrueType(data []byte, keep map[uint16]bool) ([]byte, error) {
	be := binary.BigEndian
	if len(data) < 12 {
		return nil, errors.New("font file too short")
	}
	if v := be.Uint32(data); v != 0x00010000 && v != 0x74727565 { // TrueType outlines only
		return nil, fmt.Errorf("not a TrueType-outline font (version %#x)", v)
	}
	n := int(be.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("font table directory truncated")
	}
	tables := map[string]tableRecord{}
	var tags []string
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		t := tableRecord{tag: string(rec[:4]), offset: be.Uint32(rec[8:]), length: be.Uint32(rec[12:])}
		if uint64(t.offset)+uint64(t.length) > uint64(len(data)) {
			return nil, fmt.Errorf("font table %q out of bounds", t.tag)
		}
		tables[t.tag] = t
		tags = append(tags, t.tag)
	}
	table := func(tag string) []byte {
		t, ok := tables[tag]
		if !ok {
			return nil
		}
		return data[t.offset : t.offset+t.length]
	}
	head, maxp, loca, glyf := table("head"), table("maxp"), table("loca"), table("glyf")
	if len(head) < 54 || len(maxp) < 6 || loca == nil || glyf == nil {
		return nil, errors.New("font lacks head, maxp, loca or glyf")
	}
	numGlyphs := int(be.Uint16(maxp[4:]))
	longLoca := be.Uint16(head[50:]) == 1
	offsets := make([]uint32, numGlyphs+1)
	for i := range offsets {
		if longLoca {
			if 4*i+4 > len(loca) {
				return nil, errors.New("loca table truncated")
			}
			offsets[i] = be.Uint32(loca[4*i:])
		} else {
			if 2*i+2 > len(loca) {
				return nil, errors.New("loca table truncated")
			}
			offsets[i] = uint32(be.Uint16(loca[2*i:])) * 2
		}
	}
	glyph := func(g int) []byte {
		a, b := offsets[g], offsets[g+1]
		if a >= b || int(b) > len(glyf) {
			return nil
		}
		return glyf[a:b]
	}
	// composite glyphs need their components
	queue := make([]uint16, 0, len(keep))
	for g := range keep {
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if int(g) >= numGlyphs {
			delete(keep, g)
			continue
		}
		for _, c := range components(glyph(int(g))) {
			if !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		}
	}
	// new glyf and (long) loca
	var newGlyf []byte
	newLoca := make([]byte, 4*(numGlyphs+1))
	for g := 0; g < numGlyphs; g++ {
		be.PutUint32(newLoca[4*g:], uint32(len(newGlyf)))
		if keep[uint16(g)] {
			newGlyf = append(newGlyf, glyph(g)...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	be.PutUint32(newLoca[4*numGlyphs:], uint32(len(newGlyf)))
	newHead := append([]byte(nil), head...)
	be.PutUint16(newHead[50:], 1) // long loca
	be.PutUint32(newHead[8:], 0)  // checkSumAdjustment, set below

	replaced := map[string][]byte{"glyf": newGlyf, "loca": newLoca, "head": newHead}
	var out []string
	for _, t := range tags {
		if t != "DSIG" {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	// offset table
	nt := len(out)
	entrySelector := 0
	for 1<<(entrySelector+1) <= nt {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	res := make([]byte, 12+16*nt)
	copy(res, data[:4])
	be.PutUint16(res[4:], uint16(nt))
	be.PutUint16(res[6:], uint16(searchRange))
	be.PutUint16(res[8:], uint16(entrySelector))
	be.PutUint16(res[10:], uint16(nt*16-searchRange))
	headAt := 0
	for i, t := range out {
		body, ok := replaced[t]
		if !ok {
			body = table(t)
		}
		off := len(res)
		if t == "head" {
			headAt = off
		}
		res = append(res, body...)
		for len(res)%4 != 0 {
			res = append(res, 0)
		}
		rec := res[12+16*i:]
		copy(rec, t)
		be.PutUint32(rec[4:], checksum(body))
		be.PutUint32(rec[8:], uint32(off))
		be.PutUint32(rec[12:], uint32(len(body)))
	}
	be.PutUint32(res[headAt+8:], 0xB1B0AFBA-checksum(res))
	return res, nil
}

// components lists the glyphs a composite glyph is built from.
func components(g []byte) []uint16 {
	be := binary.BigEndian
	if len(g) < 10 || int16(be.Uint16(g)) >= 0 {
		return nil
	}
	const (
		argsAreWords   = 0x0001
		haveScale      = 0x0008
		moreComponents = 0x0020
		haveXYScale    = 0x0040
		haveTwoByTwo   = 0x0080
	)
	var out []uint16
	p := 10
	for p+4 <= len(g) {
		flags := be.Uint16(g[p:])
		out = append(out, be.Uint16(g[p+2:]))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian uint32 words.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
