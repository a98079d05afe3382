package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDeflateStreams: a stream without a filter is deflated, with a /Length
// that is its new length; a stream with one, and a dictionary, are left as
// they are; a stream whose /Length is not its length is an error.
func TestDeflateStreams(t *testing.T) {
	t.Parallel()
	content := strings.Repeat("BT 72 700 Td <0041> Tj ET\n", 40)
	f := &file{objs: [][]byte{nil,
		[]byte("<</Type /Pages /Kids [] /Count 0>>"),
		[]byte("<</Length " + strconv.Itoa(len(content)) + ">>\nstream\n" + content + "\nendstream"),
		[]byte("<</Filter /DCTDecode /Length 3>>\nstream\nabc\nendstream"),
	}}
	if err := f.deflateStreams(&deflater{}); err != nil {
		t.Fatal(err)
	}
	if string(f.objs[1]) != "<</Type /Pages /Kids [] /Count 0>>" || string(f.objs[3]) != "<</Filter /DCTDecode /Length 3>>\nstream\nabc\nendstream" {
		t.Errorf("objects without an unfiltered stream changed: %q, %q", f.objs[1], f.objs[3])
	}
	m := regexp.MustCompile(`(?s)^<</Filter /FlateDecode /Length (\d+)>>\nstream\n(.*)\nendstream$`).FindSubmatch(f.objs[2])
	if m == nil || string(m[1]) != strconv.Itoa(len(m[2])) {
		t.Fatalf("the content stream is not deflated with its length: %.60q", f.objs[2])
	}
	zr, err := zlib.NewReader(bytes.NewReader(m[2]))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); string(got) != content {
		t.Error("the deflated stream does not inflate to the content")
	}
	bad := &file{objs: [][]byte{nil, []byte("<</Length 99>>\nstream\nabc\nendstream")}}
	if err := bad.deflateStreams(&deflater{}); err == nil {
		t.Error("a wrong /Length is not an error")
	}
}

// TestKeepStreams: a Shared that keeps streams gives a stream it deflated
// before, the same bytes as deflating it anew, to a later drawing, while a
// drawing of this round or the last used it; then it lets it go.
func TestKeepStreams(t *testing.T) {
	t.Parallel()
	obj := func(content string) []byte {
		return []byte("<</Length " + strconv.Itoa(len(content)) + ">>\nstream\n" + content + "\nendstream")
	}
	page, other := obj(strings.Repeat("BT 72 700 Td <0041> Tj ET\n", 40)), obj("0 0 m 10 10 l S")
	want, err := (&deflater{}).deflate(page)
	if err != nil {
		t.Fatal(err)
	}
	s := NewShared()
	s.KeepStreams()
	for _, tc := range []struct {
		name      string
		round     bool // a new round first
		obj       []byte
		kept      bool // deflated before
		keptAfter int  // streams kept after
	}{
		{"first drawn", false, page, false, 1},
		{"drawn again", false, page, true, 1},
		{"the next round", true, page, true, 1},
		{"another stream", true, other, false, 2}, // the page was used the round before
		{"a round without the page", true, other, true, 1},
		{"the page after two rounds", true, page, false, 2},
	} {
		if tc.round {
			s.NextRound()
		}
		_, kept := s.streams.Get(sha256.Sum256(tc.obj))
		z := s.deflater()
		got, err := z.deflate(tc.obj)
		s.done(z)
		if err != nil {
			t.Fatal(err)
		}
		if kept != tc.kept || s.streams.Len() != tc.keptAfter {
			t.Errorf("%s: kept before %v (want %v), %d streams kept after (want %d)", tc.name, kept, tc.kept, s.streams.Len(), tc.keptAfter)
		}
		if bytes.Equal(tc.obj, page) && !bytes.Equal(got, want) {
			t.Errorf("%s: the bytes differ from a stream deflated anew", tc.name)
		}
	}
}

// TestParseOwn: parseFile finds each object, in whatever order the file
// holds them, up to where the next begins; own then copies those still as
// parsed out of the raw output (the same bytes, the raw bytes no longer read
// through them) and leaves a replaced one as it is.
func TestParseOwn(t *testing.T) {
	t.Parallel()
	bodies := []string{"", "<</Type /Catalog /Pages 3 0 R>>", "<</Title (t)>>", "<</Type /Pages /Kids [] /Count 0>>"}
	var b strings.Builder
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(bodies))
	for _, i := range []int{3, 1, 2} { // not in the order of their numbers
		offsets[i] = b.Len()
		b.WriteString(strconv.Itoa(i) + " 0 obj\n" + bodies[i] + "\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n0 4\n0000000000 65535 f \n")
	for _, o := range offsets[1:] {
		b.WriteString(strings.Repeat("0", 10-len(strconv.Itoa(o))) + strconv.Itoa(o) + " 00000 n \n")
	}
	b.WriteString("trailer\n<</Size 4 /Root 1 0 R /Info 2 0 R>>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	raw := []byte(b.String())
	f, err := parseFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(bodies); i++ {
		if string(f.objs[i]) != bodies[i] {
			t.Errorf("object %d: %q, want %q", i, f.objs[i], bodies[i])
		}
	}
	parsed := slices.Clone(f.objs)
	f.objs[2] = []byte("<</Title (new)>>")
	replaced := f.objs[2]
	f.own(parsed)
	clear(raw)
	for i, want := range []string{"", bodies[1], "<</Title (new)>>", bodies[3]} {
		if string(f.objs[i]) != want {
			t.Errorf("after own, object %d: %q, want %q", i, f.objs[i], want)
		}
	}
	if &f.objs[2][0] != &replaced[0] {
		t.Error("own copied an object that was replaced")
	}
}
