package markdown

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestNoteScans: noteDefs and noteRefs find what the regular expressions
// they stand for find, in the sample's sections, in cases at the edges,
// and in random text of the characters that matter.
func TestNoteScans(t *testing.T) {
	t.Parallel()
	def := regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)
	ref := regexp.MustCompile(`\[\^([^\]\s]+)\]`)
	texts := []string{
		"", "[^", "[^]", "[^a]", "[^a]:", "[^a]:x", "   [^a]: x", "    [^a]: x", "\n [^é]:\n[^a b]: [^c]\n",
		"x [^a] [^b]:\n[^[^c]]\r\n[^d]:", "[^a\tb] [^a]", "[^\xff]:", "[^^]: [^]]",
	}
	files, _ := filepath.Glob("../../source/*/*/*.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			const chars = "[^]: \n\tab\r"
			b[i] = chars[rng.IntN(len(chars))]
		}
		texts = append(texts, string(b))
	}
	want := func(re *regexp.Regexp, src []byte) [][4]int {
		var out [][4]int
		for _, m := range re.FindAllSubmatchIndex(src, -1) {
			out = append(out, [4]int{m[0], m[1], m[2], m[3]})
		}
		return out
	}
	for _, s := range texts {
		src := []byte(s)
		if got, w := noteDefs(src), want(def, src); !slices.Equal(got, w) {
			t.Errorf("definitions in %q: %v, want %v", s, got, w)
		}
		if got, w := noteRefs(src), want(ref, src); !slices.Equal(got, w) {
			t.Errorf("references in %q: %v, want %v", s, got, w)
		}
	}
}
