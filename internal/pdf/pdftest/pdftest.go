// Package pdftest reads a PDF's objects for tests, through qpdf, and checks
// its page content: what folio's tests ask of a PDF beyond poppler's tools.
package pdftest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
)

// Objects are a PDF's objects as qpdf --json gives them, by "obj:N 0 R", and
// its "trailer".
type Objects map[string]Object

// Object is one object: a value, or a stream's dictionary and decoded data.
type Object struct {
	Value  any `json:"value"`
	Stream struct {
		Dict map[string]any `json:"dict"`
		Data string         `json:"data"`
	} `json:"stream"`
}

// Read reads file's objects with qpdf, streams decoded, but for images'
// pixels and font programs (a font descriptor's /FontFile, /FontFile2,
// /FontFile3): no test reads them, and decoded they are most of a PDF's
// bytes (Data returns "" for one; its dictionary is read).
func Read(t testing.TB, file string) Objects {
	t.Helper()
	qpdf := testtool.Need(t, "qpdf")
	objs := readJSON(t, qpdf, file, "--json-stream-data=none")
	fonts := map[string]bool{}
	for _, o := range objs {
		d, _ := o.Value.(map[string]any)
		for _, k := range []string{"/FontFile", "/FontFile2", "/FontFile3"} {
			if ref, ok := d[k].(string); ok {
				fonts["obj:"+ref] = true
			}
		}
	}
	var streams []string
	for key, o := range objs {
		if o.Stream.Dict != nil && o.Stream.Dict["/Subtype"] != "/Image" && !fonts[key] {
			// "obj:12 0 R" is --json-object=12,0
			var n, gen int
			if _, err := fmt.Sscanf(key, "obj:%d %d R", &n, &gen); err != nil {
				t.Fatalf("qpdf --json: an object %q", key)
			}
			streams = append(streams, fmt.Sprintf("--json-object=%d,%d", n, gen))
		}
	}
	if len(streams) == 0 {
		return objs
	}
	slices.Sort(streams)
	for key, o := range readJSON(t, qpdf, file, append(streams, "--decode-level=generalized", "--json-stream-data=inline")...) {
		if strings.HasPrefix(key, "obj:") {
			objs[key] = o
		}
	}
	return objs
}

// readJSON reads file's objects with qpdf --json and the options.
func readJSON(t testing.TB, qpdf, file string, options ...string) Objects {
	t.Helper()
	out, err := exec.Command(qpdf, append(append([]string{"--json", "--json-key=qpdf"}, options...), file)...).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs Objects
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	return objs
}

// Dict returns the dictionary at key (a reference "N 0 R" or "trailer"), or nil.
func (q Objects) Dict(key string) map[string]any {
	o, ok := q["obj:"+key]
	if key == "trailer" {
		o, ok = q[key]
	}
	if !ok {
		return nil
	}
	if o.Stream.Dict != nil {
		return o.Stream.Dict
	}
	d, _ := o.Value.(map[string]any)
	return d
}

// Data returns the decoded data of the stream at reference key.
func (q Objects) Data(key string) string {
	b, _ := base64.StdEncoding.DecodeString(q["obj:"+key].Stream.Data)
	return string(b)
}

// Catalog returns the document catalog.
func (q Objects) Catalog() map[string]any {
	root, _ := q.Dict("trailer")["/Root"].(string)
	return q.Dict(root)
}

// Pages returns the reference of every page ("7 0 R"), in order.
func (q Objects) Pages() []string {
	pages, _ := q.Catalog()["/Pages"].(string)
	kids, _ := q.Dict(pages)["/Kids"].([]any)
	var out []string
	for _, k := range kids {
		ref, _ := k.(string)
		out = append(out, ref)
	}
	return out
}

// Link is a link annotation: its text (/Contents) and the page it leads to.
type Link struct {
	Text string
	Page int // from 1; 0 for a link out of the document
}

// Links returns the link annotations of every page, in page order.
func (q Objects) Links() []Link {
	index := map[string]int{}
	pages := q.Pages()
	for i, p := range pages {
		index[p] = i + 1
	}
	var out []Link
	for _, p := range pages {
		annots, _ := q.Dict(p)["/Annots"].([]any)
		for _, a := range annots {
			ref, _ := a.(string)
			d := q.Dict(ref)
			if d["/Subtype"] != "/Link" {
				continue
			}
			text, _ := d["/Contents"].(string)
			l := Link{Text: strings.TrimPrefix(text, "u:")}
			if dest, ok := d["/Dest"].([]any); ok && len(dest) > 0 {
				page, _ := dest[0].(string)
				l.Page = index[page]
			}
			out = append(out, l)
		}
	}
	return out
}

// PageContents returns the content of every page, its streams joined.
func (q Objects) PageContents() []string {
	var out []string
	for _, ref := range q.Pages() {
		var refs []string
		switch c := q.Dict(ref)["/Contents"].(type) {
		case string:
			refs = []string{c}
		case []any:
			for _, r := range c {
				s, _ := r.(string)
				refs = append(refs, s)
			}
		}
		var b strings.Builder
		for _, r := range refs {
			b.WriteString(q.Data(r))
			b.WriteString("\n")
		}
		out = append(out, b.String())
	}
	return out
}

// delimiters end a token of a content stream.
const delimiters = " \t\r\n[]<>(){}/%"

// Unmarked returns the painting operators of a content stream that stand
// outside marked content (BDC/BMC … EMC), and an error for unbalanced marks.
func Unmarked(content string) ([]string, error) {
	painting := map[string]bool{"Tj": true, "TJ": true, "'": true, `"`: true, "f": true, "F": true, "f*": true,
		"S": true, "s": true, "B": true, "B*": true, "b": true, "b*": true, "Do": true, "sh": true, "BI": true}
	var out []string
	depth := 0
	for i := 0; i < len(content); {
		c := content[i]
		switch {
		case c == '(': // a literal string, with escapes and nested parentheses
			n := 0
			for ; i < len(content); i++ {
				switch content[i] {
				case '\\':
					i++
				case '(':
					n++
				case ')':
					n--
				}
				if n == 0 {
					break
				}
			}
			i++
		case c == '<' && i+1 < len(content) && content[i+1] != '<': // a hex string
			for i < len(content) && content[i] != '>' {
				i++
			}
			i++
		case c == '/': // a name
			i++
			for i < len(content) && !strings.ContainsRune(delimiters, rune(content[i])) {
				i++
			}
		case strings.ContainsRune(delimiters, rune(c)):
			i++
		default:
			j := i
			for j < len(content) && !strings.ContainsRune(delimiters, rune(content[j])) {
				j++
			}
			tok := content[i:j]
			i = j
			switch {
			case tok == "BDC" || tok == "BMC":
				depth++
			case tok == "EMC":
				depth--
				if depth < 0 {
					return out, fmt.Errorf("EMC without BDC")
				}
			case painting[tok] && depth == 0:
				out = append(out, tok)
			}
		}
	}
	if depth != 0 {
		return out, fmt.Errorf("%d marked-content sequences left open", depth)
	}
	return out, nil
}

// AllMarked fails t when a page of the PDF at file paints outside marked content.
func AllMarked(t testing.TB, file string) {
	t.Helper()
	pages := Read(t, file).PageContents()
	if len(pages) == 0 || !strings.Contains(strings.Join(pages, ""), "BDC") {
		t.Errorf("%s: no pages, or no marked content on any", file)
	}
	for i, c := range pages {
		if ops, err := Unmarked(c); err != nil || len(ops) > 0 {
			t.Errorf("%s page %d: %v outside marked content (%v)", file, i+1, ops, err)
		}
	}
}
