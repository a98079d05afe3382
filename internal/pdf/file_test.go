package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
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
