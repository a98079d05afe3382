// Package fonts loads the font manifest (fonts/fonts.yaml) and its TrueType faces,
// and measures text with them: advance widths, glyph coverage, vertical metrics.
package fonts

import (
	"encoding/binary"
	"fmt"
	"math"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/safefile"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/yamlconf"
	"github.com/go-fonts/liberation/liberationmonobold"
	"github.com/go-fonts/liberation/liberationmonobolditalic"
	"github.com/go-fonts/liberation/liberationmonoitalic"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// builtins are the families that need no files: the Liberation fonts from their Go module.
var builtins = map[string][4][]byte{
	"liberation-serif": {liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF},
	"liberation-sans":  {liberationsansregular.TTF, liberationsansbold.TTF, liberationsansitalic.TTF, liberationsansbolditalic.TTF},
	"liberation-mono":  {liberationmonoregular.TTF, liberationmonobold.TTF, liberationmonoitalic.TTF, liberationmonobolditalic.TTF},
}

var styles = [4]style.FontStyle{style.Regular, style.Bold, style.Italic, style.BoldItalic}

type manifest struct {
	Families map[string]familySpec `yaml:"families"`
}

type familySpec struct {
	Builtin    string `yaml:"builtin"`
	Regular    string `yaml:"regular"`
	Bold       string `yaml:"bold"`
	Italic     string `yaml:"italic"`
	BoldItalic string `yaml:"bold-italic"`
}

// Set is the loaded font families, by name.
type Set struct {
	families map[string]*[4]*Face
	File     string // the manifest, for diagnostics
}

// Face is one TrueType face of a family.
type Face struct {
	Family string
	Style  style.FontStyle
	Name   string // PostScript name, e.g. LiberationSerif-Bold
	// FamilyName is the font's own family name (its name table's typographic
	// family, else its family), e.g. Liberation Serif; the layout's family
	// name when the font gives none.
	FamilyName string
	Data       []byte // the TrueType file

	font       *sfnt.Font
	unitsPerEm float64
	ascent     float64 // in em
	descent    float64 // in em, positive

	mu      sync.Mutex
	advance map[rune]float64    // in em; -1 when the font lacks the rune
	kern    map[[2]rune]float64 // in em, from the kern table or GPOS pair adjustments

	// Latin-1, most of what a face sets, is read without the lock: the
	// advances all found at first use, the kerning of each pair when first
	// asked for (in 64ths of a font unit, stored xor latinKnown: 0 until
	// then, so that the table needs no filling and its pages no memory
	// until a pair in them is asked for)
	latin     sync.Once
	latinAdv  [256]float64
	latinKern []atomic.Int32 // 256 × 256 pairs

	bufs sync.Pool // *sfnt.Buffer for reading the font, one per reader at a time

	subsetsMu sync.Mutex
	subsets   []keptSubset // the last subsets made, newest last (see subset)
}

// Load reads dir/fonts.yaml and every face it names, each from the folder
// dir or, when it lacks it, built in.
func Load(dir *overlay.Dir) (*Set, error) {
	var diags diag.List
	dec, root := yamlconf.OpenIn(dir, "fonts.yaml", &diags, diag.Errorf(diag.Pos{}, "no font manifest: %s; add fonts.yaml (see the README)", dir.Missing()))
	if root == nil {
		return nil, &diags
	}
	file := dec.File
	var m manifest
	dec.DecodeNode(root, &m)
	if diags.HasErrors() {
		return nil, &diags
	}
	set := &Set{families: map[string]*[4]*Face{}, File: file}
	fams := yamlconf.Value(root, "families")
	names := make([]string, 0, len(m.Families))
	for name := range m.Families {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		spec := m.Families[name]
		pos := dec.Pos(yamlconf.Find(fams, name))
		var faces [4]*Face
		if spec.Builtin != "" {
			b, ok := builtins[spec.Builtin]
			if !ok {
				diags.Add(pos, "family %s: unknown built-in %q (known: liberation-serif, liberation-sans, liberation-mono)", name, spec.Builtin)
				continue
			}
			for i, data := range b {
				f, err := NewFace(name, styles[i], data)
				if err != nil {
					diags.Add(pos, "family %s: %v", name, err)
					continue
				}
				faces[i] = f
			}
		} else {
			files := [4]string{spec.Regular, spec.Bold, spec.Italic, spec.BoldItalic}
			if files[0] == "" {
				diags.Add(pos, "family %s: give a builtin or at least a regular face", name)
				continue
			}
			for i, fn := range files {
				if fn == "" {
					continue
				}
				if !filepath.IsLocal(filepath.FromSlash(fn)) {
					diags.Add(pos, "family %s: %s: give a file in the fonts folder", name, fn)
					continue
				}
				_, data, err := dir.ReadFile(path.Clean(fn), limits.Font)
				if safefile.Unnamed(err) {
					diags.Add(pos, "family %s: %s: %v", name, fn, err)
					continue
				} else if err != nil {
					diags.Add(pos, "family %s: %v", name, err)
					continue
				}
				f, err := NewFace(name, styles[i], data)
				if err != nil {
					diags.Add(pos, "family %s: %s: %v", name, fn, err)
					continue
				}
				faces[i] = f
			}
			for i := range faces {
				if faces[i] == nil {
					faces[i] = faces[0]
				}
			}
		}
		set.families[name] = &faces
	}
	return set, diags.Err()
}

// NewFace parses a TrueType face.
func NewFace(family string, st style.FontStyle, data []byte) (*Face, error) {
	if len(data) >= 4 && string(data[:4]) == "OTTO" {
		return nil, fmt.Errorf("an OpenType font with PostScript (CFF) outlines; folio needs TrueType outlines (.ttf)")
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("not a usable TrueType font: %w", err)
	}
	var buf sfnt.Buffer
	upem := float64(f.UnitsPerEm())
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("reading metrics: %w", err)
	}
	name, _ := f.Name(&buf, sfnt.NameIDPostScript)
	if name == "" {
		name = strings.ReplaceAll(family, " ", "") + "-" + string(st)
	}
	familyName, _ := f.Name(&buf, sfnt.NameIDTypographicFamily)
	if familyName == "" {
		familyName, _ = f.Name(&buf, sfnt.NameIDFamily)
	}
	if familyName == "" {
		familyName = family
	}
	return &Face{
		Family: family, Style: st, Name: name, FamilyName: familyName, Data: data, font: f, unitsPerEm: upem,
		ascent:  float64(m.Ascent) / 64 / upem,
		descent: float64(m.Descent) / 64 / upem,
		advance: map[rune]float64{},
		kern:    map[[2]rune]float64{},
	}, nil
}

// Face returns the face of family in style st.
func (s *Set) Face(family string, st style.FontStyle) (*Face, error) {
	faces, ok := s.families[family]
	if !ok {
		return nil, fmt.Errorf("no font family %q in %s", family, s.File)
	}
	for i, x := range styles {
		if x == st {
			return faces[i], nil
		}
	}
	return faces[0], nil
}

// Families returns the names of the families, sorted.
func (s *Set) Families() []string {
	names := make([]string, 0, len(s.families))
	for name := range s.families {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// latinKnown marks a pair's kerning as found (stored xor it): no kerning
// is this large.
const latinKnown = math.MinInt32

// loadLatin finds the Latin-1 advances and makes room for the pairs' kerning.
func (f *Face) loadLatin() {
	for r := range f.latinAdv {
		f.latinAdv[r] = f.lookupAdvance(rune(r))
	}
	f.latinKern = make([]atomic.Int32, 256*256)
}

// buffer returns a buffer for reading the font; give it back with f.bufs.Put.
func (f *Face) buffer() *sfnt.Buffer {
	if b, ok := f.bufs.Get().(*sfnt.Buffer); ok {
		return b
	}
	return new(sfnt.Buffer)
}

// em returns the advance of r in em, or -1 when the face has no glyph for r.
func (f *Face) em(r rune) float64 {
	if 0 <= r && r < 256 {
		f.latin.Do(f.loadLatin)
		return f.latinAdv[r]
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.advance[r]; ok {
		return a
	}
	a := f.lookupAdvance(r)
	f.advance[r] = a
	return a
}

// lookupAdvance reads the advance of r from the font: in em, -1 when it has no glyph for r.
func (f *Face) lookupAdvance(r rune) float64 {
	buf := f.buffer()
	defer f.bufs.Put(buf)
	if gi, err := f.font.GlyphIndex(buf, r); err == nil && gi != 0 {
		ppem := fixed.Int26_6(f.unitsPerEm) << 6
		if adv, err := f.font.GlyphAdvance(buf, gi, ppem, font.HintingNone); err == nil {
			return float64(adv) / 64 / f.unitsPerEm
		}
	}
	return -1
}

// Advance returns the advance width of r in em: 0 when the face has no glyph for it.
func (f *Face) Advance(r rune) float64 { return max(f.em(r), 0) }

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool { return f.em(r) >= 0 }

// Missing returns the first rune of s the face has no glyph for, and whether there is one.
func (f *Face) Missing(s string) (rune, bool) {
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if !f.Has(r) {
			return r, true
		}
	}
	return 0, false
}

// Width returns the advance width of s set at size points, in points, with
// the font's kerning between its characters.
func (f *Face) Width(s string, size float64) float64 {
	w := 0.0
	prev := rune(-1)
	for _, r := range s {
		if a := f.em(r); a > 0 {
			w += a
		}
		if prev >= 0 {
			w += f.Kern(prev, r)
		}
		prev = r
	}
	return w * size
}

// Kern returns the kerning the font asks for between a and b, in em: negative
// where they are set closer than their advances; 0 when it has none.
func (f *Face) Kern(a, b rune) float64 {
	if 0 <= a && a < 256 && 0 <= b && b < 256 {
		f.latin.Do(f.loadLatin)
		pair := &f.latinKern[a<<8|b]
		v := pair.Load()
		if v == 0 {
			v = int32(f.lookupKern(a, b)) ^ latinKnown
			pair.Store(v)
		}
		return float64(v^latinKnown) / 64 / f.unitsPerEm
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	key := [2]rune{a, b}
	if k, ok := f.kern[key]; ok {
		return k
	}
	k := float64(f.lookupKern(a, b)) / 64 / f.unitsPerEm
	f.kern[key] = k
	return k
}

// lookupKern reads the kerning of the pair a, b from the font, in 64ths of a
// font unit: 0 when it has none.
func (f *Face) lookupKern(a, b rune) fixed.Int26_6 {
	buf := f.buffer()
	defer f.bufs.Put(buf)
	x, err1 := f.font.GlyphIndex(buf, a)
	y, err2 := f.font.GlyphIndex(buf, b)
	if err1 == nil && err2 == nil && x != 0 && y != 0 {
		ppem := fixed.Int26_6(f.unitsPerEm) << 6
		if v, err := f.font.Kern(buf, x, y, ppem, font.HintingNone); err == nil {
			return v
		}
	}
	return 0
}

// Descriptor is what a PDF font descriptor says of a face (ISO 32000-1,
// 9.8): its measures in em, from the font's own tables.
type Descriptor struct {
	Ascent, Descent float64    // Descent negative, as PDF has it
	CapHeight       float64    // the height of flat capitals
	BBox            [4]float64 // every glyph's box: x min, y min, x max, y max
	ItalicAngle     float64    // degrees from the vertical, negative when leaning right
	Weight          int        // 100 (thin) to 900 (black); 400 regular, 700 bold
	FixedPitch      bool
}

// Descriptor reads the face's descriptor from its head, OS/2 and post tables.
func (f *Face) Descriptor() (Descriptor, error) {
	tables, err := readTables(f.Data)
	if err != nil {
		return Descriptor{}, err
	}
	table := func(tag string, n int) ([]byte, error) {
		t, ok := tables[tag]
		if !ok || t.length < uint32(n) {
			return nil, fmt.Errorf("the font's %s table is missing or short", tag)
		}
		return f.Data[t.offset : t.offset+t.length], nil
	}
	head, err := table("head", 54)
	if err != nil {
		return Descriptor{}, err
	}
	post, err := table("post", 16)
	if err != nil {
		return Descriptor{}, err
	}
	be := binary.BigEndian
	s16 := func(b []byte, at int) float64 { return float64(int16(be.Uint16(b[at:]))) / f.unitsPerEm }
	d := Descriptor{
		Ascent:      f.ascent,
		Descent:     -f.descent,
		CapHeight:   f.ascent, // when the font does not say
		BBox:        [4]float64{s16(head, 36), s16(head, 38), s16(head, 40), s16(head, 42)},
		ItalicAngle: float64(int32(be.Uint32(post[4:]))) / 65536,
		Weight:      400,
		FixedPitch:  be.Uint32(post[12:]) != 0,
	}
	if os2, err := table("OS/2", 6); err == nil {
		d.Weight = int(be.Uint16(os2[4:]))
		if be.Uint16(os2) >= 2 && len(os2) >= 90 {
			d.CapHeight = s16(os2, 88)
		}
	}
	return d, nil
}

// Ascent returns the ascent at size points.
func (f *Face) Ascent(size float64) float64 { return f.ascent * size }

// Descent returns the descent (positive) at size points.
func (f *Face) Descent(size float64) float64 { return f.descent * size }
