package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/folio-pub/folio/internal/recent"
)

// file is a PDF as fpdf writes it (a classic cross-reference table, dictionaries
// in the clear, one body per object), opened to be rewritten: objects replaced,
// objects added, then written anew with a fresh cross-reference table.
type file struct {
	version string
	objs    [][]byte // by object number; objs[0] unused; the text between "obj" and "endobj"
	root    int
	info    int
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRe   = regexp.MustCompile(`(?s)trailer\s*<<(.*?)>>\s*startxref`)
	refRe       = regexp.MustCompile(`/(Root|Info) (\d+) 0 R`)
)

// parseFile reads fpdf's output.
func parseFile(raw []byte) (*file, error) {
	m := startxrefRe.FindSubmatch(raw)
	if m == nil {
		return nil, fmt.Errorf("pdf: no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(raw) || !bytes.HasPrefix(raw[xref:], []byte("xref")) {
		return nil, fmt.Errorf("pdf: startxref %d is not a cross-reference table", xref)
	}
	lines := strings.Split(string(raw[xref:]), "\n")
	if len(lines) < 3 {
		return nil, fmt.Errorf("pdf: short cross-reference table")
	}
	head := strings.Fields(lines[1])
	if len(head) != 2 || head[0] != "0" {
		return nil, fmt.Errorf("pdf: cross-reference table of one section expected, got %q", lines[1])
	}
	n, _ := strconv.Atoi(head[1])
	if len(lines) < 2+n {
		return nil, fmt.Errorf("pdf: short cross-reference table")
	}
	offsets := make([]int, n)
	for i := 1; i < n; i++ {
		offsets[i], _ = strconv.Atoi(strings.Fields(lines[2+i])[0])
	}
	f := &file{objs: make([][]byte, n)}
	if v, _, ok := bytes.Cut(raw, []byte("\n")); ok {
		f.version = strings.TrimPrefix(string(v), "%PDF-")
	}
	// an object ends where the next one in the file begins: the offsets
	// in order, looked up, not all read for each object (a long document's
	// PDF has tens of thousands)
	sorted := slices.Clone(offsets[1:])
	slices.Sort(sorted)
	for i := 1; i < n; i++ {
		end := xref
		if k, _ := slices.BinarySearch(sorted, offsets[i]+1); k < len(sorted) && sorted[k] < end {
			end = sorted[k]
		}
		obj := raw[offsets[i]:end]
		prefix := fmt.Sprintf("%d 0 obj\n", i)
		if !bytes.HasPrefix(obj, []byte(prefix)) {
			return nil, fmt.Errorf("pdf: object %d is not where the cross-reference table says", i)
		}
		body := bytes.TrimSuffix(bytes.TrimRight(obj[len(prefix):], "\n"), []byte("endobj"))
		f.objs[i] = bytes.TrimRight(body, "\n")
	}
	tm := trailerRe.FindSubmatch(raw[xref:])
	if tm == nil {
		return nil, fmt.Errorf("pdf: no trailer")
	}
	for _, r := range refRe.FindAllSubmatch(tm[1], -1) {
		v, _ := strconv.Atoi(string(r[2]))
		if string(r[1]) == "Root" {
			f.root = v
		} else {
			f.info = v
		}
	}
	if f.root == 0 || f.info == 0 {
		return nil, fmt.Errorf("pdf: trailer without /Root or /Info")
	}
	return f, nil
}

// own copies the objects that are still as parsed (slices of fpdf's
// output, parsed holding them as parseFile made them) into one array of the
// file's own, so that the output, most of it the pages' content since
// replaced, deflated, is let go: it would be held as long as the file.
func (f *file) own(parsed [][]byte) {
	still := func(i int) bool {
		return i < len(parsed) && len(f.objs[i]) > 0 && len(parsed[i]) > 0 && &f.objs[i][0] == &parsed[i][0]
	}
	n := 0
	for i := range f.objs {
		if still(i) {
			n += len(f.objs[i])
		}
	}
	buf := make([]byte, 0, n)
	for i, obj := range f.objs {
		if still(i) {
			at := len(buf)
			buf = append(buf, obj...)
			f.objs[i] = buf[at:len(buf):len(buf)]
		}
	}
}

// deflateStreams compresses every stream of the file that has no filter, as
// fpdf would have (zlib, best speed, "<</Filter /FlateDecode /Length n>>"),
// with one compressor for all: fpdf, asked to compress, makes a new one for
// each page, which costs more than the compressing.
func (f *file) deflateStreams(z *deflater) error {
	for i, obj := range f.objs {
		d, err := z.deflate(obj)
		if err != nil {
			return fmt.Errorf("pdf: object %d: %w", i, err)
		}
		f.objs[i] = d
	}
	return nil
}

// deflater compresses stream objects, one compressor for all.
type deflater struct {
	z    bytes.Buffer
	zw   *zlib.Writer
	kept *recent.Map[[sha256.Size]byte, []byte] // the streams deflated before; nil for none
}

// deflate returns the stream object obj compressed, or obj when it is no
// stream or already has a filter.
func (d *deflater) deflate(obj []byte) ([]byte, error) {
	head, rest, ok := bytes.Cut(obj, []byte(">>\nstream\n"))
	if !ok || !bytes.HasPrefix(head, []byte("<<")) || bytes.Contains(head, []byte("/Filter")) {
		return obj, nil
	}
	data, ok := bytes.CutSuffix(rest, []byte("\nendstream"))
	if m := lengthRe.FindSubmatch(head); !ok || m == nil || string(m[1]) != strconv.Itoa(len(data)) {
		return nil, fmt.Errorf("a stream whose /Length is not its length")
	}
	var key [sha256.Size]byte
	if d.kept != nil {
		key = sha256.Sum256(obj)
		if z, ok := d.kept.Get(key); ok {
			return z, nil // shared: objects are replaced, never changed in place
		}
	}
	if d.zw == nil {
		zw, err := zlib.NewWriterLevel(&d.z, zlib.BestSpeed)
		if err != nil {
			return nil, err
		}
		d.zw = zw
	}
	d.z.Reset()
	d.zw.Reset(&d.z)
	if _, err := d.zw.Write(data); err != nil {
		return nil, err
	}
	if err := d.zw.Close(); err != nil {
		return nil, err
	}
	dict := lengthRe.ReplaceAll(head, []byte(fmt.Sprintf("/Filter /FlateDecode /Length %d", d.z.Len())))
	z := slices.Concat(dict, []byte(">>\nstream\n"), d.z.Bytes(), []byte("\nendstream"))
	if d.kept != nil {
		d.kept.Put(key, z)
	}
	return z, nil
}

var lengthRe = regexp.MustCompile(`/Length (\d+)`)

// clone returns a copy of f to change: objects are replaced, never changed
// in place, so the copy shares their bytes.
func (f *file) clone() *file {
	c := *f
	c.objs = slices.Clone(f.objs)
	return &c
}

// add adds an object and returns its number.
func (f *file) add(body string) int {
	f.objs = append(f.objs, []byte(body))
	return len(f.objs) - 1
}

// reserve adds an empty object to fill in later, for objects that refer to each other.
func (f *file) reserve() int { return f.add("null") }

// set replaces object n.
func (f *file) set(n int, body string) { f.objs[n] = []byte(body) }

// dict returns object n when it is a dictionary without a stream.
func (f *file) dict(n int) (string, bool) {
	b := f.objs[n]
	if !bytes.HasPrefix(b, []byte("<<")) || bytes.Contains(b, []byte("\nstream\n")) {
		return "", false
	}
	return string(b), true
}

// extend adds entries to the dictionary that is object n.
func (f *file) extend(n int, entries string) error {
	d, ok := f.dict(n)
	if !ok || !strings.HasSuffix(d, ">>") {
		return fmt.Errorf("pdf: object %d is not a dictionary", n)
	}
	f.set(n, d[:len(d)-2]+entries+">>")
	return nil
}

// size is about the length of the written file, a little more.
func (f *file) size() int {
	n := 64 + 128 + 40*len(f.objs) // head, trailer; each object's lines and cross-reference
	for _, o := range f.objs {
		n += len(o)
	}
	return n
}

// writeTo writes the file to w with a fresh cross-reference table and id
// as its document ID (both of the trailer's: the file is written whole,
// never updated). It returns the first error w gives.
func (f *file) writeTo(w io.Writer, id uuid) error {
	if b, ok := w.(*bytes.Buffer); ok {
		b.Grow(f.size()) // at once, not doubling as it fills
	}
	c := &counter{w: w}
	fmt.Fprintf(c, "%%PDF-%s\n%%\xb5\xb6\xb7\xb8\n", f.version)
	offsets := make([]int, len(f.objs))
	for i := 1; i < len(f.objs); i++ {
		offsets[i] = c.n
		fmt.Fprintf(c, "%d 0 obj\n", i)
		c.Write(f.objs[i])
		io.WriteString(c, "\nendobj\n")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs))
	for i := 1; i < len(f.objs); i++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[i])
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(f.objs), f.root, f.info, id[:], id[:], c.n)
	if c.err != nil {
		return c.err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// counter counts the bytes written through it, and keeps the first error.
type counter struct {
	w   io.Writer
	n   int
	err error
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	if c.err == nil {
		c.err = err
	}
	return n, err
}

// pdfString is s as a PDF text string: literal when it is printable ASCII,
// UTF-16BE with a byte-order mark otherwise.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		// a backslash and the parentheses escaped, byte by byte (a
		// strings.Replacer made here would build a 6 kB table a call)
		b := make([]byte, 0, len(s)+2)
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '\\' || c == '(' || c == ')' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return string(append(b, ')'))
	}
	return "<FEFF" + string(appendUTF16Hex(nil, s)) + ">"
}

// appendUTF16Hex appends s in UTF-16BE, as hexadecimal digits.
func appendUTF16Hex(b []byte, s string) []byte {
	for _, u := range utf16.Encode([]rune(s)) {
		b = appendHex16(b, u)
	}
	return b
}

// appendHex16 appends v as four hexadecimal digits.
func appendHex16(b []byte, v uint16) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
}

// num formats a coordinate to the hundredth of a point.
func num(v float64) string { return decimal(v, 2) }

// decimal formats v with at most prec decimals, without trailing zeros.
func decimal(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}
