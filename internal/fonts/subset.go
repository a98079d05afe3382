package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"

	"golang.org/x/image/font/sfnt"
)

// Subset is a face cut down to some characters: a TrueType file with only
// their glyphs, and the number of each character's glyph in it.
type Subset struct {
	Data  []byte
	Glyph map[rune]uint16 // the characters the face has; .notdef (0) is not in it
}

// Subset returns a TrueType file with only the glyphs the runes need (and the
// components of composite glyphs), numbered anew from 1 after .notdef. The
// character map, the metrics and the kerning pairs are rewritten for the new
// numbers; the hinting programs, names and OS/2 metrics are kept as they are;
// tables that name glyph numbers and are not rewritten (OpenType layout,
// device metrics) and digital signatures are dropped. Runes the face lacks
// are left out.
func (f *Face) Subset(runes []rune) (Subset, error) { return f.subset(runes, false) }

// SubsetUnhinted is Subset without the hinting: no hinting programs (fpgm,
// prep, cvt) and no instructions in the glyphs, which only rasterisers
// that run TrueType hinting at small sizes on low-resolution screens read;
// the outlines, metrics and kerning are the same. It is what screens of
// today, which do not hint, need: about a third of the size for the
// Liberation fonts.
func (f *Face) SubsetUnhinted(runes []rune) (Subset, error) { return f.subset(runes, true) }

// keptSubsets is how many subsets a face keeps: an edition's PDF, EPUB and
// web edition, in two languages, made again after an edit that adds no
// character (folio watch) or by another format with the same characters.
const keptSubsets = 6

// keptSubset is a subset made, by the characters it was made for.
type keptSubset struct {
	runes    string // sorted, without repeats
	unhinted bool
	sub      Subset
}

// subset returns the subset of the runes, made at first use: the last
// keptSubsets made are kept, and shared by those who ask (neither its
// data nor its glyphs are to be changed).
func (f *Face) subset(runes []rune, unhinted bool) (Subset, error) {
	set := slices.Clone(runes)
	slices.Sort(set)
	key := string(slices.Compact(set))
	f.subsetsMu.Lock()
	for _, k := range f.subsets {
		if k.runes == key && k.unhinted == unhinted {
			f.subsetsMu.Unlock()
			return k.sub, nil
		}
	}
	f.subsetsMu.Unlock()
	sub, err := f.makeSubset(runes, unhinted)
	if err != nil {
		return sub, err
	}
	f.subsetsMu.Lock()
	if len(f.subsets) == keptSubsets {
		f.subsets = slices.Delete(f.subsets, 0, 1)
	}
	f.subsets = append(f.subsets, keptSubset{runes: key, unhinted: unhinted, sub: sub})
	f.subsetsMu.Unlock()
	return sub, nil
}

func (f *Face) makeSubset(runes []rune, unhinted bool) (Subset, error) {
	var buf sfnt.Buffer
	cmap := map[rune]uint16{}
	for _, r := range runes {
		if gi, err := f.font.GlyphIndex(&buf, r); err == nil && gi != 0 {
			cmap[r] = uint16(gi)
		}
	}
	data, glyphs, err := subsetTrueType(f.Data, cmap, unhinted)
	return Subset{Data: data, Glyph: glyphs}, err
}

type tableRecord struct {
	tag    string
	offset uint32
	length uint32
}

// kept reports whether a subset carries the table tag; every other table is dropped.
func kept(tag string) bool {
	switch tag {
	case "head", "hhea", "maxp", "OS/2", "name", "cmap", "post", "hmtx", "loca", "glyf", "cvt ", "fpgm", "prep", "gasp", "kern":
		return true
	}
	return false
}

// readTables reads the table directory of the TrueType file data.
func readTables(data []byte) (map[string]tableRecord, error) {
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
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		t := tableRecord{tag: string(rec[:4]), offset: be.Uint32(rec[8:]), length: be.Uint32(rec[12:])}
		if uint64(t.offset)+uint64(t.length) > uint64(len(data)) {
			return nil, fmt.Errorf("font table %q out of bounds", t.tag)
		}
		tables[t.tag] = t
	}
	return tables, nil
}

// trueType is a TrueType file read for subsetting: its tables and where
// each glyph's outline lies.
type trueType struct {
	data                               []byte
	tables                             map[string]tableRecord
	head, maxp, glyf, hhea, hmtx, post []byte
	numGlyphs, numHMetrics             int
	offsets                            []uint32 // of each glyph in glyf, from loca, and the end
}

// table returns the table tag of the file, nil when it has none.
func (f *trueType) table(tag string) []byte {
	t, ok := f.tables[tag]
	if !ok {
		return nil
	}
	return f.data[t.offset : t.offset+t.length]
}

// glyph returns the outline of glyph g, nil when it is empty or out of glyf.
func (f *trueType) glyph(g int) []byte {
	a, b := f.offsets[g], f.offsets[g+1]
	if a >= b || int(b) > len(f.glyf) {
		return nil
	}
	return f.glyf[a:b]
}

// readTrueType reads the tables of data a subset needs, and the glyphs'
// offsets from loca.
func readTrueType(data []byte) (*trueType, error) {
	be := binary.BigEndian
	tables, err := readTables(data)
	if err != nil {
		return nil, err
	}
	f := &trueType{data: data, tables: tables}
	f.head, f.maxp, f.glyf = f.table("head"), f.table("maxp"), f.table("glyf")
	f.hhea, f.hmtx, f.post = f.table("hhea"), f.table("hmtx"), f.table("post")
	loca := f.table("loca")
	if len(f.head) < 54 || len(f.maxp) < 6 || loca == nil || f.glyf == nil || len(f.hhea) < 36 || len(f.post) < 32 {
		return nil, errors.New("font lacks head, maxp, hhea, post, loca or glyf")
	}
	f.numGlyphs = int(be.Uint16(f.maxp[4:]))
	longLoca := be.Uint16(f.head[50:]) == 1
	f.offsets = make([]uint32, f.numGlyphs+1)
	for i := range f.offsets {
		if longLoca {
			if 4*i+4 > len(loca) {
				return nil, errors.New("loca table truncated")
			}
			f.offsets[i] = be.Uint32(loca[4*i:])
		} else {
			if 2*i+2 > len(loca) {
				return nil, errors.New("loca table truncated")
			}
			f.offsets[i] = uint32(be.Uint16(loca[2*i:])) * 2
		}
	}
	f.numHMetrics = int(be.Uint16(f.hhea[34:]))
	if f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs || len(f.hmtx) < 4*f.numHMetrics+2*(f.numGlyphs-f.numHMetrics) {
		return nil, errors.New("hmtx table truncated")
	}
	return f, nil
}

// keptGlyphs returns the glyphs a subset keeps, in order: .notdef, those of
// the runes, and the components of composite glyphs.
func (f *trueType) keptGlyphs(cmap map[rune]uint16) ([]uint16, error) {
	be := binary.BigEndian
	keep := map[uint16]bool{0: true}
	queue := []uint16{0}
	for _, g := range cmap {
		if int(g) < f.numGlyphs && !keep[g] {
			keep[g] = true
			queue = append(queue, g)
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, at := range components(f.glyph(int(g))) {
			c := be.Uint16(f.glyph(int(g))[at:])
			if int(c) >= f.numGlyphs {
				return nil, fmt.Errorf("glyph %d: component %d out of range", g, c)
			}
			if !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		}
	}
	old := make([]uint16, 0, len(keep)) // old number of each new glyph
	for g := range keep {
		old = append(old, g)
	}
	sort.Slice(old, func(i, j int) bool { return old[i] < old[j] })
	return old, nil
}

// glyfLoca returns the glyf and (long) loca tables of the glyphs old, in
// their order, composite components renumbered, without their hinting
// instructions when unhinted.
func (f *trueType) glyfLoca(old []uint16, renum map[uint16]uint16, unhinted bool) (glyf, loca []byte) {
	be := binary.BigEndian
	loca = make([]byte, 4*(len(old)+1))
	for i, g := range old {
		be.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		src := f.glyph(int(g))
		if unhinted {
			src = withoutInstructions(src)
		}
		glyf = append(glyf, src...)
		for _, at := range components(src) {
			be.PutUint16(glyf[start+at:], renum[be.Uint16(src[at:])])
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	be.PutUint32(loca[4*len(old):], uint32(len(glyf)))
	return glyf, loca
}

// hmtxOf returns the horizontal metrics of the glyphs old: one long metric
// per glyph.
func (f *trueType) hmtxOf(old []uint16) []byte {
	be := binary.BigEndian
	hmtx := make([]byte, 4*len(old))
	for i, g := range old {
		var adv, lsb uint16
		if int(g) < f.numHMetrics {
			adv, lsb = be.Uint16(f.hmtx[4*int(g):]), be.Uint16(f.hmtx[4*int(g)+2:])
		} else {
			adv = be.Uint16(f.hmtx[4*(f.numHMetrics-1):])
			lsb = be.Uint16(f.hmtx[4*f.numHMetrics+2*(int(g)-f.numHMetrics):])
		}
		be.PutUint16(hmtx[4*i:], adv)
		be.PutUint16(hmtx[4*i+2:], lsb)
	}
	return hmtx
}

// subsetTrueType subsets the TrueType file data to the glyphs cmap maps runes to
// (glyph numbers of data), renumbering them, and without the hinting when
// unhinted. It returns the subset and its character map.
func subsetTrueType(data []byte, cmap map[rune]uint16, unhinted bool) ([]byte, map[rune]uint16, error) {
	be := binary.BigEndian
	f, err := readTrueType(data)
	if err != nil {
		return nil, nil, err
	}
	old, err := f.keptGlyphs(cmap)
	if err != nil {
		return nil, nil, err
	}
	renum := make(map[uint16]uint16, len(old))
	for i, g := range old {
		renum[g] = uint16(i)
	}
	newGlyf, newLoca := f.glyfLoca(old, renum, unhinted)
	newHhea := append([]byte(nil), f.hhea...)
	be.PutUint16(newHhea[34:], uint16(len(old)))
	newMaxp := append([]byte(nil), f.maxp...)
	be.PutUint16(newMaxp[4:], uint16(len(old)))
	newHead := append([]byte(nil), f.head...)
	be.PutUint16(newHead[50:], 1) // long loca
	be.PutUint32(newHead[8:], 0)  // checkSumAdjustment, set below
	// post format 3: no glyph names
	newPost := append([]byte(nil), f.post[:32]...)
	be.PutUint32(newPost, 0x00030000)

	newCmap := map[rune]uint16{}
	for r, g := range cmap {
		if int(g) < f.numGlyphs {
			newCmap[r] = renum[g]
		}
	}
	replaced := map[string][]byte{
		"glyf": newGlyf, "loca": newLoca, "head": newHead, "hhea": newHhea, "maxp": newMaxp,
		"hmtx": f.hmtxOf(old), "post": newPost, "cmap": buildCmap(newCmap),
	}
	if kern := f.table("kern"); kern != nil {
		if k := subsetKern(kern, renum); k != nil {
			replaced["kern"] = k
		} else {
			delete(f.tables, "kern")
		}
	}
	if os2 := f.table("OS/2"); len(os2) >= 68 && len(newCmap) > 0 {
		first, last := rune(0xFFFF), rune(0)
		for r := range newCmap {
			first, last = min(first, r), max(last, r)
		}
		o := append([]byte(nil), os2...)
		be.PutUint16(o[64:], uint16(min(first, 0xFFFF)))
		be.PutUint16(o[66:], uint16(min(last, 0xFFFF)))
		replaced["OS/2"] = o
	}
	if unhinted {
		delete(f.tables, "fpgm")
		delete(f.tables, "prep")
		delete(f.tables, "cvt ")
	}
	return f.write(replaced), newCmap, nil
}

// write returns the font file of the tables kept, those in replaced in
// place of the file's own, with its table directory and checksums.
func (f *trueType) write(replaced map[string][]byte) []byte {
	be := binary.BigEndian
	var out []string
	for t := range f.tables {
		if kept(t) {
			out = append(out, t)
		}
	}
	if f.tables["cmap"].tag == "" {
		out = append(out, "cmap")
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
	be.PutUint32(res, 0x00010000)
	be.PutUint16(res[4:], uint16(nt))
	be.PutUint16(res[6:], uint16(searchRange))
	be.PutUint16(res[8:], uint16(entrySelector))
	be.PutUint16(res[10:], uint16(nt*16-searchRange))
	headAt := 0
	for i, t := range out {
		body, ok := replaced[t]
		if !ok {
			body = f.table(t)
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
	return res
}

// buildCmap writes a cmap table mapping runes to glyphs: a format 4 subtable
// for the Basic Multilingual Plane, and a format 12 one when a rune lies beyond it.
func buildCmap(m map[rune]uint16) []byte {
	be := binary.BigEndian
	runes := make([]rune, 0, len(m))
	for r := range m {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })

	// format 4: one segment per run of consecutive code points, glyphs from glyphIdArray
	type segment struct{ start, end rune }
	var segs []segment
	beyond := false
	for _, r := range runes {
		if r >= 0xFFFF {
			beyond = beyond || r > 0xFFFF
			continue
		}
		if k := len(segs); k > 0 && segs[k-1].end+1 == r {
			segs[k-1].end = r
		} else {
			segs = append(segs, segment{r, r})
		}
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF})
	segCount := len(segs)
	sr := 2
	es := 0
	for sr*2 <= 2*segCount {
		sr *= 2
		es++
	}
	var glyphIDs []uint16
	f4 := make([]byte, 16+8*segCount)
	be.PutUint16(f4[0:], 4)
	be.PutUint16(f4[6:], uint16(2*segCount))
	be.PutUint16(f4[8:], uint16(sr))
	be.PutUint16(f4[10:], uint16(es))
	be.PutUint16(f4[12:], uint16(2*segCount-sr))
	ends, starts := 14, 16+2*segCount
	deltas, ranges := starts+2*segCount, starts+4*segCount
	for i, s := range segs {
		be.PutUint16(f4[ends+2*i:], uint16(s.end))
		be.PutUint16(f4[starts+2*i:], uint16(s.start))
		if s.start == 0xFFFF {
			be.PutUint16(f4[deltas+2*i:], 1) // maps 0xFFFF to glyph 0
			continue
		}
		be.PutUint16(f4[ranges+2*i:], uint16(2*(segCount-i)+2*len(glyphIDs)))
		for r := s.start; r <= s.end; r++ {
			glyphIDs = append(glyphIDs, m[r])
		}
	}
	for _, g := range glyphIDs {
		f4 = be.AppendUint16(f4, g)
	}
	be.PutUint16(f4[2:], uint16(len(f4)))

	type record struct {
		platform, encoding uint16
		sub                int // index in subs
	}
	subs := [][]byte{f4}
	records := []record{{0, 3, 0}, {3, 1, 0}}
	if beyond {
		// format 12: groups of consecutive code points with consecutive glyphs
		var groups [][3]uint32
		for _, r := range runes {
			g := uint32(m[r])
			if k := len(groups); k > 0 && groups[k-1][1]+1 == uint32(r) && groups[k-1][2]+(groups[k-1][1]-groups[k-1][0])+1 == g {
				groups[k-1][1] = uint32(r)
			} else {
				groups = append(groups, [3]uint32{uint32(r), uint32(r), g})
			}
		}
		f12 := make([]byte, 16, 16+12*len(groups))
		be.PutUint16(f12[0:], 12)
		be.PutUint32(f12[4:], uint32(16+12*len(groups)))
		be.PutUint32(f12[12:], uint32(len(groups)))
		for _, g := range groups {
			f12 = be.AppendUint32(f12, g[0])
			f12 = be.AppendUint32(f12, g[1])
			f12 = be.AppendUint32(f12, g[2])
		}
		subs = append(subs, f12)
		records = []record{{0, 3, 0}, {0, 4, 1}, {3, 1, 0}, {3, 10, 1}}
	}
	out := make([]byte, 4+8*len(records))
	be.PutUint16(out[2:], uint16(len(records)))
	offsets := make([]uint32, len(subs)) // each subtable once, shared by its records
	for i, sub := range subs {
		offsets[i] = uint32(len(out))
		out = append(out, sub...)
	}
	for i, rec := range records {
		be.PutUint16(out[4+8*i:], rec.platform)
		be.PutUint16(out[6+8*i:], rec.encoding)
		be.PutUint32(out[8+8*i:], offsets[rec.sub])
	}
	return out
}

// subsetKern keeps the pairs of a version-0 kern table whose glyphs are both
// kept, renumbered; nil when the table is not one folio can read.
func subsetKern(kern []byte, renum map[uint16]uint16) []byte {
	be := binary.BigEndian
	if len(kern) < 4 || be.Uint16(kern) != 0 {
		return nil
	}
	nTables := int(be.Uint16(kern[2:]))
	out := be.AppendUint16(nil, 0)
	out = be.AppendUint16(out, uint16(nTables))
	p := 4
	for i := 0; i < nTables; i++ {
		if p+14 > len(kern) {
			return nil
		}
		coverage := be.Uint16(kern[p+4:])
		if coverage>>8 != 0 { // format 0 only
			return nil
		}
		nPairs := int(be.Uint16(kern[p+6:]))
		if p+14+6*nPairs > len(kern) {
			return nil
		}
		type pair struct {
			l, r  uint16
			value []byte
		}
		var pairs []pair
		for k := 0; k < nPairs; k++ {
			q := kern[p+14+6*k:]
			l, okL := renum[be.Uint16(q)]
			r, okR := renum[be.Uint16(q[2:])]
			if okL && okR {
				pairs = append(pairs, pair{l, r, q[4:6]})
			}
		}
		sort.Slice(pairs, func(a, b int) bool {
			return uint32(pairs[a].l)<<16|uint32(pairs[a].r) < uint32(pairs[b].l)<<16|uint32(pairs[b].r)
		})
		sr, es := 1, 0
		for sr*2 <= len(pairs) {
			sr *= 2
			es++
		}
		if len(pairs) == 0 {
			sr = 0
		}
		length := 14 + 6*len(pairs)
		if length > 0xFFFF {
			return nil
		}
		out = be.AppendUint16(out, 0)
		out = be.AppendUint16(out, uint16(length))
		out = be.AppendUint16(out, coverage)
		out = be.AppendUint16(out, uint16(len(pairs)))
		out = be.AppendUint16(out, uint16(6*sr))
		out = be.AppendUint16(out, uint16(es))
		out = be.AppendUint16(out, uint16(6*len(pairs)-6*sr))
		for _, pr := range pairs {
			out = be.AppendUint16(out, pr.l)
			out = be.AppendUint16(out, pr.r)
			out = append(out, pr.value...)
		}
		p += 14 + 6*nPairs
	}
	return out
}

// components returns the byte offsets, within a composite glyph, of the glyph
// numbers of its components; nil for a simple glyph.
func components(g []byte) []int {
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
	var out []int
	p := 10
	for p+4 <= len(g) {
		flags := be.Uint16(g[p:])
		out = append(out, p+2)
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

// withoutInstructions returns glyph g without its hinting instructions: a
// simple glyph with an instruction length of 0, a composite one without the
// instructions after its components (and its flag saying it has some). A
// glyph it cannot read is returned as it is.
func withoutInstructions(g []byte) []byte {
	be := binary.BigEndian
	if len(g) < 10 {
		return g
	}
	if n := int16(be.Uint16(g)); n >= 0 {
		at := 10 + 2*int(n) // the instruction length, after the contours' ends
		if at+2 > len(g) {
			return g
		}
		l := int(be.Uint16(g[at:]))
		if l == 0 || at+2+l > len(g) {
			return g
		}
		out := append(append([]byte(nil), g[:at]...), 0, 0)
		return append(out, g[at+2+l:]...)
	}
	const haveInstructions = 0x0100
	comps := components(g)
	if len(comps) == 0 {
		return g
	}
	out := append([]byte(nil), g...)
	end := 10
	for _, at := range comps {
		flags := be.Uint16(out[at-2:])
		be.PutUint16(out[at-2:], flags&^haveInstructions)
		end = at + 2 + componentArgs(flags)
	}
	if end > len(out) {
		return g
	}
	return out[:end]
}

// componentArgs is the size of a composite glyph component's arguments and
// transform after its glyph index, from its flags.
func componentArgs(flags uint16) int {
	n := 2
	if flags&0x0001 != 0 { // arguments are words
		n = 4
	}
	switch {
	case flags&0x0008 != 0: // a scale
		n += 2
	case flags&0x0040 != 0: // x and y scales
		n += 4
	case flags&0x0080 != 0: // a two by two transform
		n += 8
	}
	return n
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
