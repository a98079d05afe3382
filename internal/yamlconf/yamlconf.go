// Package yamlconf decodes folio's YAML files (publication, edition, front matter,
// layouts, fonts, words) strictly: unknown keys and wrong types are positioned errors.
package yamlconf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/safefile"
	"go.yaml.in/yaml/v3"
)

// Unmarshaler is implemented by field types that decode and validate themselves.
// A returned error is reported at the node's position.
type Unmarshaler interface {
	UnmarshalYAMLNode(n *yaml.Node) error
}

// Decoder decodes the YAML of one file into Go structs, collecting diagnostics.
type Decoder struct {
	File  string
	Diags *diag.List
	// LineOffset is added to every line (for front matter inside a larger file).
	LineOffset int
}

// Open reads and parses file, a file inside the folder root (by the rule of
// package safefile). When the file does not exist it reports missing
// (whose position defaults to the file) instead of the system's message. It
// returns the decoder for the file and its top-level mapping, or a nil mapping
// after reporting why.
func Open(root, file string, diags *diag.List, missing *diag.Diagnostic) (*Decoder, *yaml.Node) {
	data, err := safefile.Read(root, file, limits.YAML)
	return open(file, data, err, diags, missing)
}

// OpenIn is Open for the file name of a folder laid over built-in files:
// the folder's file, else the built-in one (see package overlay).
func OpenIn(dir *overlay.Dir, name string, diags *diag.List, missing *diag.Diagnostic) (*Decoder, *yaml.Node) {
	file, data, err := dir.ReadFile(name, limits.YAML)
	return open(file, data, err, diags, missing)
}

// open parses the data read from file, or reports why it could not be read.
func open(file string, data []byte, err error, diags *diag.List, missing *diag.Diagnostic) (*Decoder, *yaml.Node) {
	dec := &Decoder{File: file, Diags: diags}
	switch {
	case err == nil:
		return dec, dec.Parse(data)
	case errors.Is(err, fs.ErrNotExist) && missing != nil:
		m := *missing
		if m.Pos.File == "" {
			m.Pos.File = file
		}
		diags.AddErr(m.Pos, &m)
	default:
		diags.Add(diag.Pos{File: file}, "%v", err)
	}
	return dec, nil
}

// Parse parses data and returns its top-level mapping node, or nil after reporting
// an error. Empty input yields an empty mapping.
func (d *Decoder) Parse(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		}
		d.Diags.AddErr(d.pos(nil), d.syntaxError(err))
		return nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		}
		d.Diags.AddErr(d.pos(root), diag.Errorf(d.pos(root), "expected a mapping of keys to values"))
		return nil
	}
	return root
}

// DecodeNode decodes a parsed node into out, a pointer to a struct. Fields already
// set in out keep their values unless the YAML sets them (so a layout can extend another).
// It reports whether decoding produced no error.
func (d *Decoder) DecodeNode(n *yaml.Node, out any) bool {
	before := d.Diags.HasErrors()
	d.value(n, reflect.ValueOf(out).Elem(), "")
	return before || !d.Diags.HasErrors()
}

// Pos returns the position of node n in the file.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos { return d.pos(n) }

// TextPos is where the text of scalar n starts: after its opening quote when
// it is quoted (a block scalar's text starts on the next line, at a column
// YAML does not give: its indicator's position then).
func (d *Decoder) TextPos(n *yaml.Node) diag.Pos {
	p := d.pos(n)
	if n != nil && n.Kind == yaml.ScalarNode && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		p.Col++
	}
	return p
}

func (d *Decoder) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.File, Line: 1 + d.LineOffset, Col: 1}
	}
	return diag.Pos{File: d.File, Line: n.Line + d.LineOffset, Col: n.Column}
}

// syntaxError turns a yaml.v3 parse error ("yaml: line 3: ...") into a diagnostic.
func (d *Decoder) syntaxError(err error) *diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, e := strconv.Atoi(rest[:i]); e == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return diag.Errorf(diag.Pos{File: d.File, Line: line + d.LineOffset, Col: 1}, "invalid YAML: %s", msg)
}

// PosUnmarshaler is implemented by field types that also keep where they were
// written, to point later diagnostics at it.
type PosUnmarshaler interface {
	UnmarshalYAMLAt(n *yaml.Node, pos diag.Pos) error
}

var (
	unmarshalerType    = reflect.TypeOf((*Unmarshaler)(nil)).Elem()
	posUnmarshalerType = reflect.TypeOf((*PosUnmarshaler)(nil)).Elem()
)

func (d *Decoder) value(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if d.unmarshaled(n, v, key) {
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structValue(n, v, key)
	case reflect.Slice:
		d.sliceValue(n, v, key)
	case reflect.Map:
		d.mapValue(n, v, key)
	default:
		d.scalarValue(n, v, key)
	}
}

// unmarshaled decodes n into v by v's own method, when its type has one
// (PosUnmarshaler before Unmarshaler), and reports whether it did.
func (d *Decoder) unmarshaled(n *yaml.Node, v reflect.Value, key string) bool {
	if v.CanAddr() && v.Addr().Type().Implements(posUnmarshalerType) {
		if err := v.Addr().Interface().(PosUnmarshaler).UnmarshalYAMLAt(n, d.pos(n)); err != nil {
			d.Diags.Add(d.pos(n), "%s%v", keyPrefix(key), err)
		}
		return true
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		if err := v.Addr().Interface().(Unmarshaler).UnmarshalYAMLNode(n); err != nil {
			d.Diags.Add(d.pos(n), "%s%v", keyPrefix(key), err)
		}
		return true
	}
	return false
}

func (d *Decoder) sliceValue(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		v.Set(reflect.Zero(v.Type()))
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.Diags.Add(d.pos(n), "%sexpected a list, got %s", keyPrefix(key), Describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, s.Index(i), key)
	}
	v.Set(s)
}

func (d *Decoder) mapValue(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.MappingNode {
		d.Diags.Add(d.pos(n), "%sexpected a mapping of names to values, got %s", keyPrefix(key), Describe(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		elem := reflect.New(v.Type().Elem()).Elem()
		if old := v.MapIndex(reflect.ValueOf(k.Value)); old.IsValid() {
			elem.Set(old)
		}
		d.value(val, elem, k.Value)
		v.SetMapIndex(reflect.ValueOf(k.Value), elem)
	}
}

// scalarValue decodes text, a number or a boolean.
func (d *Decoder) scalarValue(n *yaml.Node, v reflect.Value, key string) {
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.Diags.Add(d.pos(n), "%sexpected text, got %s", keyPrefix(key), Describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || err != nil {
			d.Diags.Add(d.pos(n), "%sexpected a number, got %s", keyPrefix(key), Describe(n))
			return
		}
		v.SetFloat(f)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			d.Diags.Add(d.pos(n), "%sexpected a whole number, got %s", keyPrefix(key), Describe(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.Diags.Add(d.pos(n), "%sexpected true or false, got %s", keyPrefix(key), Describe(n))
			return
		}
		v.SetBool(n.Value == "true")
	default:
		panic(fmt.Sprintf("yamlconf: unsupported field type %s", v.Type()))
	}
}

func (d *Decoder) structValue(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.MappingNode {
		d.Diags.Add(d.pos(n), "%sexpected a mapping of keys to values, got %s", keyPrefix(key), Describe(n))
		return
	}
	fields := keys(v.Type())
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		name := k.Value
		if seen[name] {
			d.Diags.Add(d.pos(k), "duplicate key %q", name)
			continue
		}
		seen[name] = true
		idx, ok := fields[name]
		if !ok {
			hint := ""
			if near := nearest(name, names); near != "" {
				hint = fmt.Sprintf(": did you mean %q?", near)
			}
			d.Diags.Add(d.pos(k), "unknown key %q%s%s (known keys: %s)", name, inKey(key), hint, strings.Join(names, ", "))
			continue
		}
		d.value(val, v.Field(idx), name)
	}
}

// keys returns the keys a struct type takes, with the index of each one's field.
func keys(t reflect.Type) map[string]int {
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = i
	}
	return fields
}

// Meant returns the key of v (a struct that DecodeNode decodes into) that
// key is, or that it is a misspelling of (the hint of the unknown key's
// error), and whether there is one.
func Meant(v any, key string) (string, bool) {
	fields := keys(reflect.TypeOf(v))
	if _, ok := fields[key]; ok {
		return key, true
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	near := nearest(key, names)
	return near, near != ""
}

// Find returns the key node of key in mapping n, or nil.
func Find(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

// Value returns the value node of key in mapping n, or nil.
func Value(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func keyPrefix(key string) string {
	if key == "" {
		return ""
	}
	return key + ": "
}

func inKey(key string) string {
	if key == "" {
		return ""
	}
	return " in " + key
}

// Describe names a value in a message: "a mapping", "a list", "nothing", or
// the value quoted.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return strconv.Quote(n.Value)
}

// nearest returns the name closest to s by edit distance when it is close
// enough to be a misspelling of it (at most one letter in three off), or "".
func nearest(s string, names []string) string {
	limit := max(1, len([]rune(s))/3)
	best, bestDist := "", limit+1
	for _, n := range names {
		if d := distance(s, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// distance is the edit distance between a and b, by runes, counting the swap
// of two neighbouring letters as one edit (optimal string alignment).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
