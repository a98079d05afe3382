package yamlconf

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
)

type inner struct {
	Size float64 `yaml:"size"`
	Bold bool    `yaml:"bold"`
}

type config struct {
	Name  string           `yaml:"name"`
	Count int              `yaml:"count"`
	Tags  []string         `yaml:"tags"`
	Inner inner            `yaml:"inner"`
	Named map[string]inner `yaml:"named"`
}

// decode parses data and decodes it into out, as the packages that read YAML
// files do; it reports what DecodeNode reports, false when data does not parse.
func decode(d *Decoder, data []byte, out any) bool {
	root := d.Parse(data)
	if root == nil {
		return false
	}
	return d.DecodeNode(root, out)
}

func TestDecode(t *testing.T) {
	var diags diag.List
	c := config{Name: "kept", Inner: inner{Size: 9}}
	d := Decoder{File: "c.yaml", Diags: &diags}
	decode(&d, []byte("count: 3\ntags: [a, b]\ninner: {bold: true}\nnamed:\n  x: {size: 2.5}\n"), &c)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if c.Name != "kept" || c.Count != 3 || len(c.Tags) != 2 || c.Inner.Size != 9 || !c.Inner.Bold || c.Named["x"].Size != 2.5 {
		t.Errorf("decoded %+v", c)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		offset          int
	}{
		{"unknown key", "nmae: x\n", `c.yaml:1:1: error: unknown key "nmae": did you mean "name"? (known keys: count, inner, name, named, tags)`, 0},
		{"nested unknown", "inner:\n  italic: true\n", `c.yaml:2:3: error: unknown key "italic" in inner`, 0},
		{"not a number", "inner: {size: big}\n", `c.yaml:1:15: error: size: expected a number, got "big"`, 0},
		{"not a whole number", "count: 2.5\n", `c.yaml:1:8: error: count: expected a whole number, got "2.5"`, 0},
		{"not a bool", "inner: {bold: yes please}\n", `c.yaml:1:15: error: bold: expected true or false`, 0},
		{"not a list", "tags: a\n", `c.yaml:1:7: error: tags: expected a list, got "a"`, 0},
		{"not text", "name: [a]\n", `c.yaml:1:7: error: name: expected text, got a list`, 0},
		{"duplicate", "name: a\nname: b\n", `c.yaml:2:1: error: duplicate key "name"`, 0},
		{"syntax", "name: [a\n", `c.yaml:`, 0},
		{"not a mapping", "- a\n", `c.yaml:1:1: error: expected a mapping`, 0},
		{"line offset", "nmae: x\n", `c.yaml:3:1: error: unknown key "nmae"`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			var c config
			d := Decoder{File: "c.yaml", Diags: &diags, LineOffset: tt.offset}
			decode(&d, []byte(tt.src), &c)
			if !strings.Contains(diags.Error(), tt.want) {
				t.Errorf("got %q, want %q", diags.Error(), tt.want)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	var diags diag.List
	var c config
	d := Decoder{File: "c.yaml", Diags: &diags}
	if !decode(&d, []byte(""), &c) || diags.HasErrors() {
		t.Errorf("empty file: %s", diags.Error())
	}
}

func TestNearest(t *testing.T) {
	names := []string{"color", "font", "leading", "size", "space-after", "space-before"}
	for in, want := range map[string]string{
		"colour": "color", "fnot": "font", "ledaing": "leading", "space_after": "space-after", "weight": "", "x": "",
	} {
		if got := nearest(in, names); got != want {
			t.Errorf("nearest(%q) = %q, want %q", in, got, want)
		}
	}
}
