package fonts

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/style"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func TestBuiltinsCoverFrench(t *testing.T) {
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, fam := range []string{"serif", "sans", "mono"} {
		for _, st := range []style.FontStyle{style.Regular, style.Bold, style.Italic, style.BoldItalic} {
			f, err := set.Face(fam, st)
			if err != nil {
				t.Fatal(err)
			}
			text := "àâæçéèêëîïôœùûüÿÀÉÈÇŒ«»’‘“”–—…\u00a0"
			if fam != "mono" { // code is not given French spacing
				text += "\u202f"
			}
			if r, ok := f.Missing(text); ok {
				t.Errorf("%s %s lacks %U", fam, st, r)
			}
		}
	}
	f, _ := set.Face("serif", style.Regular)
	if w := f.Width("mmmm", 10); w < 20 || w > 40 {
		t.Errorf("width of mmmm at 10pt = %v, want about 31", w)
	}
	if f.Has('\u4e2d') {
		t.Error("Liberation Serif should lack CJK glyphs")
	}
}

func TestManifestErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"families:\n  serif: {builtin: times}\n", "fonts.yaml:2:3: error: family serif: unknown built-in \"times\""},
		{"families:\n  serif: {builtin: liberation-serif, weight: 3}\n", "fonts.yaml:2:38: error: unknown key \"weight\" in serif"},
		{"families:\n  brand: {regular: nothere.ttf}\n", "nothere.ttf"},
		{"families:\n  brand: {bold: b.ttf}\n", "at least a regular face"},
		{"families:\n  brand: {regular: ../elsewhere.ttf}\n", "fonts.yaml:2:3: error: family brand: ../elsewhere.ttf: give a file in the fonts folder"},
		{"families:\n  brand: {regular: cff.otf}\n", "fonts.yaml:2:3: error: family brand: cff.otf: an OpenType font with PostScript (CFF) outlines"},
		{"families:\n  brand: {regular: fonts.yaml}\n", "fonts.yaml:2:3: error: family brand: fonts.yaml: not a usable TrueType font"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "fonts.yaml"), []byte(tt.yaml), 0o644)
		os.WriteFile(filepath.Join(dir, "cff.otf"), []byte("OTTO\x00\x09rest of a font"), 0o644)
		_, err := Load(overlay.Folder(dir))
		if err == nil {
			t.Errorf("%q: no error", tt.yaml)
			continue
		}
		if msg := strings.ReplaceAll(err.Error(), dir+"/", ""); !strings.Contains(msg, tt.want) {
			t.Errorf("error = %q, want %q", msg, tt.want)
		}
	}
}

func TestSubset(t *testing.T) {
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, fam := range []string{"serif", "sans"} {
		f, _ := set.Face(fam, style.Regular)
		keep := []rune("Qu’est-ce que la société civile\u202f? «\u202fÉtat\u202f» ÇŒ 0123")
		subset, err := f.Subset(keep)
		if err != nil {
			t.Fatal(err)
		}
		data := subset.Data
		if len(data) > len(f.Data)/2 {
			t.Errorf("%s: subset is %d bytes of %d", fam, len(data), len(f.Data))
		}
		sub, err := NewFace(fam, style.Regular, data)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", fam, err)
		}
		var buf sfnt.Buffer
		for _, r := range keep {
			gi, _ := sub.font.GlyphIndex(&buf, r)
			if gi == 0 || subset.Glyph[r] != uint16(gi) {
				t.Errorf("%s %q: glyph %d in the subset, %d in the map it returns", fam, r, gi, subset.Glyph[r])
			}
			segs, err := sub.font.LoadGlyph(&buf, gi, fixed.I(12), nil)
			if err != nil {
				t.Fatalf("%s %q: %v", fam, r, err)
			}
			if r != ' ' && r != '\u202f' && len(segs) == 0 {
				t.Errorf("%s: %q lost its outline", fam, r)
			}
			if sub.Width(string(r), 10) != f.Width(string(r), 10) {
				t.Errorf("%s: %q changed width", fam, r)
			}
		}
		if gi, _ := sub.font.GlyphIndex(&buf, 'z'); gi != 0 {
			t.Errorf("%s: z is still mapped (glyph %d)", fam, gi)
		}
		// glyphs are numbered anew: .notdef and the kept ones, no empty slots
		distinct := map[rune]bool{}
		for _, r := range keep {
			distinct[r] = true
		}
		// .notdef, one per character, and a few components of accented letters
		if n, want := sub.font.NumGlyphs(), len(distinct)+1+6; n > want {
			t.Errorf("%s: the subset has %d glyphs, want at most %d", fam, n, want)
		}
		again, _ := f.Subset(keep)
		if string(again.Data) != string(data) {
			t.Errorf("%s: subsetting is not deterministic", fam)
		}
	}
}

// TestSubsetUnhinted: a subset without hinting has the same glyphs,
// outlines (composite accented letters included) and widths as the hinted
// one, no hinting programs and no instructions, and is smaller.
func TestSubsetUnhinted(t *testing.T) {
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	keep := []rune("Qu’est-ce que la société civile\u202f? «\u202fÉtat\u202f» ÇŒ 0123 àéèêëîïôöùûüç")
	for _, fam := range []string{"serif", "sans", "mono"} {
		f, _ := set.Face(fam, style.Regular)
		hinted, err := f.Subset(keep)
		if err != nil {
			t.Fatal(err)
		}
		bare, err := f.SubsetUnhinted(keep)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes hinted, %d unhinted", fam, len(hinted.Data), len(bare.Data))
		if len(bare.Data) >= len(hinted.Data)*3/4 {
			t.Errorf("%s: unhinted %d bytes, hinted %d", fam, len(bare.Data), len(hinted.Data))
		}
		tables, err := readTables(bare.Data)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range []string{"fpgm", "prep", "cvt "} {
			if _, ok := tables[tag]; ok {
				t.Errorf("%s: the unhinted subset has %q", fam, tag)
			}
		}
		h, err := NewFace(fam, style.Regular, hinted.Data)
		if err != nil {
			t.Fatal(err)
		}
		b, err := NewFace(fam, style.Regular, bare.Data)
		if err != nil {
			t.Fatalf("%s: the unhinted subset does not parse: %v", fam, err)
		}
		var hb, bb sfnt.Buffer
		for _, r := range keep {
			hg, _ := h.font.GlyphIndex(&hb, r)
			bg, _ := b.font.GlyphIndex(&bb, r)
			if hg != bg || bare.Glyph[r] != hinted.Glyph[r] {
				t.Errorf("%s %q: glyph %d unhinted, %d hinted", fam, r, bg, hg)
			}
			hs, err1 := h.font.LoadGlyph(&hb, hg, fixed.I(1000), nil)
			bs, err2 := b.font.LoadGlyph(&bb, bg, fixed.I(1000), nil)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(hs, bs) {
				t.Errorf("%s %q: the outline changed (%v, %v)", fam, r, err1, err2)
			}
			if b.Width(string(r), 10) != h.Width(string(r), 10) {
				t.Errorf("%s: %q changed width", fam, r)
			}
		}
	}
}

// TestDescriptor: the measures a PDF font descriptor gives, read from the
// Liberation faces' tables (values from their head, OS/2 and post tables).
func TestDescriptor(t *testing.T) {
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		family string
		st     style.FontStyle
		weight int
		italic bool
		fixed  bool
	}{
		{"serif", style.Regular, 400, false, false},
		{"serif", style.BoldItalic, 700, true, false},
		{"sans", style.Bold, 700, false, false},
		{"mono", style.Regular, 400, false, true},
	} {
		f, err := set.Face(tc.family, tc.st)
		if err != nil {
			t.Fatal(err)
		}
		d, err := f.Descriptor()
		if err != nil {
			t.Fatal(err)
		}
		if d.Weight != tc.weight || (d.ItalicAngle < -5) != tc.italic || d.FixedPitch != tc.fixed {
			t.Errorf("%s %s: weight %d, italic angle %.1f, fixed pitch %v", tc.family, tc.st, d.Weight, d.ItalicAngle, d.FixedPitch)
		}
		if !(d.Descent < 0 && d.Descent > -0.4 && d.Ascent > 0.8 && d.Ascent < 1 && d.CapHeight > 0.6 && d.CapHeight < d.Ascent) {
			t.Errorf("%s %s: ascent %.3f, descent %.3f, cap height %.3f", tc.family, tc.st, d.Ascent, d.Descent, d.CapHeight)
		}
		if !(d.BBox[0] < 0 && d.BBox[1] <= d.Descent && d.BBox[2] > 0.7 && d.BBox[3] >= d.Ascent) {
			t.Errorf("%s %s: bounding box %v", tc.family, tc.st, d.BBox)
		}
	}
}

// FuzzSubset: a damaged font file gives an error, never a panic.
func FuzzSubset(f *testing.F) {
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		f.Fatal(err)
	}
	face, _ := set.Face("sans", style.Regular)
	f.Add(face.Data[:4096], 10)
	f.Add(face.Data, 0)
	f.Fuzz(func(t *testing.T, data []byte, flip int) {
		if len(data) > 0 {
			data = append([]byte(nil), data...)
			data[uint(flip)%uint(len(data))] ^= 0x5a
		}
		subsetTrueType(data, map[rune]uint16{'A': 36, 'a': 68, 'é': 200}, false)
	})
}

// TestFamilyFromFiles: a family of TrueType files in the fonts folder; faces not
// given fall back to the regular one.
func TestFamilyFromFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Brand-Regular.ttf"), liberationsansregular.TTF, 0o644)
	os.WriteFile(filepath.Join(dir, "Brand-Bold.ttf"), liberationsansbold.TTF, 0o644)
	os.WriteFile(filepath.Join(dir, "fonts.yaml"), []byte("families:\n  brand: {regular: Brand-Regular.ttf, bold: Brand-Bold.ttf}\n"), 0o644)
	set, err := Load(overlay.Folder(dir))
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := set.Face("brand", style.Regular)
	bold, _ := set.Face("brand", style.Bold)
	italic, _ := set.Face("brand", style.Italic)
	if reg.Name != "LiberationSans" || bold.Name != "LiberationSans-Bold" || italic != reg {
		t.Errorf("faces: %s, %s, %s", reg.Name, bold.Name, italic.Name)
	}
	if _, err := set.Face("serif", style.Regular); err == nil {
		t.Error("a family the manifest does not list was found")
	}
}

// TestSubsetBeyondBMP: a character beyond the Basic Multilingual Plane gets a
// format 12 character map, which a parser reads back.
func TestSubsetBeyondBMP(t *testing.T) {
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := set.Face("sans", style.Regular)
	var buf sfnt.Buffer
	a, _ := f.font.GlyphIndex(&buf, 'A')
	b, _ := f.font.GlyphIndex(&buf, 'B')
	data, _, err := subsetTrueType(f.Data, map[rune]uint16{'A': uint16(a), 0x1F600: uint16(b)}, false)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []rune{'A', 0x1F600} {
		if gi, err := sub.GlyphIndex(&buf, r); err != nil || gi == 0 {
			t.Errorf("%U: glyph %d, %v", r, gi, err)
		}
	}
	if gi, _ := sub.GlyphIndex(&buf, 'B'); gi != 0 {
		t.Error("B is mapped")
	}
}

// TestKern: the font's kerning is applied in measuring and placing text.
func TestKern(t *testing.T) {
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []style.FontStyle{style.Regular, style.Bold} {
		for _, fam := range []string{"serif", "sans"} {
			f, _ := set.Face(fam, st)
			if k := f.Kern('A', 'V'); k >= 0 {
				t.Errorf("%s: AV kerned by %v em, want closer", f.Name, k)
			}
			if w, sum := f.Width("AV", 10), f.Width("A", 10)+f.Width("V", 10); w >= sum {
				t.Errorf("%s: AV set %.2f pt wide, its letters %.2f", f.Name, w, sum)
			}
			if k := f.Kern('o', 'n'); k != 0 {
				t.Errorf("%s: on kerned by %v", f.Name, k)
			}
			if w, sum := f.Width("VAV", 10), f.Width("V", 10)*2+f.Width("A", 10)+2*f.Kern('V', 'A')*10; math.Abs(w-sum) > 1e-9 {
				t.Errorf("%s: VAV set %.3f pt wide, its advances and kerning %.3f", f.Name, w, sum)
			}
		}
	}
}

// TestLatin: the Latin-1 advances and kerning, read without the lock, are
// the font's, as for every other character; and concurrent readers agree.
func TestLatin(t *testing.T) {
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := set.Face("serif", style.Italic)
	const chars = "AVTWYLoaey.,’«»é\u00a0"
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, a := range chars {
				if got, want := f.em(a), f.lookupAdvance(a); got != want {
					t.Errorf("%q: advance %v, the font says %v", a, got, want)
				}
				for _, b := range chars {
					if got, want := f.Kern(a, b), float64(f.lookupKern(a, b))/64/f.unitsPerEm; got != want {
						t.Errorf("%q%q: kerning %v, the font says %v", a, b, got, want)
					}
				}
			}
		}()
	}
	wg.Wait()
	if f.Kern('A', 'V') >= 0 || f.Kern('T', 'o') >= 0 {
		t.Error("AV and To are not kerned")
	}
}

// BenchmarkWidth measures a paragraph's words with the font's kerning, and
// adds up their advances alone: the difference is what kerning costs.
func BenchmarkWidth(b *testing.B) {
	set, _ := Load(overlay.Folder("../../fonts"))
	f, _ := set.Face("serif", style.Regular)
	words := strings.Fields("Civil society brings the views, knowledge and concerns of the public into decisions about security, decisions that governments have often preferred to take behind closed doors. AVATAR Towards Yellow")
	b.Run("kerned", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, w := range words {
				f.Width(w, 11)
			}
		}
	})
	b.Run("advances", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, w := range words {
				x := 0.0
				for _, r := range w {
					x += f.em(r)
				}
				_ = x * 11
			}
		}
	})
}

// TestSubsetsKept: a face gives the subset it made last for the same
// characters (in any order, repeated or not; hinted or not apart), the
// very one; one it let go, after keptSubsets others, is made again, the
// same bytes.
func TestSubsetsKept(t *testing.T) {
	t.Parallel()
	set, err := Load(overlay.Folder("../../fonts"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := set.Face("serif", style.Regular)
	first, err := f.SubsetUnhinted([]rune("société civile"))
	if err != nil {
		t.Fatal(err)
	}
	same := func(a, b Subset) bool { return len(a.Data) > 0 && &a.Data[0] == &b.Data[0] }
	for _, tc := range []struct {
		name     string
		runes    string
		unhinted bool
		kept     bool
	}{
		{"the same characters", "société civile", true, true},
		{"in another order, repeated", "civile société société", true, true},
		{"hinted", "société civile", false, false},
		{"others", "État", true, false},
	} {
		sub, err := f.subset([]rune(tc.runes), tc.unhinted)
		if err != nil {
			t.Fatal(err)
		}
		if same(sub, first) != tc.kept {
			t.Errorf("%s: kept %v, want %v", tc.name, same(sub, first), tc.kept)
		}
	}
	for i := range keptSubsets {
		if _, err := f.SubsetUnhinted([]rune{rune('a' + i)}); err != nil {
			t.Fatal(err)
		}
	}
	again, err := f.SubsetUnhinted([]rune("société civile"))
	if err != nil {
		t.Fatal(err)
	}
	if same(again, first) || !bytes.Equal(again.Data, first.Data) {
		t.Error("a subset let go is not made again with the same bytes")
	}
}
