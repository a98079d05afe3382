package overlay

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/folio-pub/folio/internal/limits"
)

// builtin is a built-in layouts folder: base and backgrounder, two words files.
var builtin = fstest.MapFS{
	"base.yaml":         {Data: []byte("builtin base\n")},
	"backgrounder.yaml": {Data: []byte("builtin backgrounder\n")},
	"i18n/en.yaml":      {Data: []byte("builtin en\n")},
	"i18n/fr.yaml":      {Data: []byte("builtin fr\n")},
}

// local writes a series' layouts folder with files, and returns it.
func local(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "layouts")
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadFile(t *testing.T) {
	series := map[string]string{"base.yaml": "local base\n", "custom.yaml": "local custom\n", "i18n/fr.yaml": "local fr\n"}
	tests := []struct {
		name     string
		local    map[string]string // nil: no folder
		builtin  fs.FS
		file     string
		wantPath string // relative to the folder, or a builtin: path
		wantData string
		missing  bool
	}{
		{"built in alone", nil, builtin, "backgrounder.yaml", "builtin:layouts/backgrounder.yaml", "builtin backgrounder\n", false},
		{"a local file wins", series, builtin, "base.yaml", "base.yaml", "local base\n", false},
		{"a local file adds", series, builtin, "custom.yaml", "custom.yaml", "local custom\n", false},
		{"not overridden", series, builtin, "backgrounder.yaml", "builtin:layouts/backgrounder.yaml", "builtin backgrounder\n", false},
		{"a local words file wins", series, builtin, "i18n/fr.yaml", "i18n/fr.yaml", "local fr\n", false},
		{"a built-in words file", series, builtin, "i18n/en.yaml", "builtin:layouts/i18n/en.yaml", "builtin en\n", false},
		{"neither", series, builtin, "i18n/de.yaml", "i18n/de.yaml", "", true},
		{"neither, no folder", nil, builtin, "brochure.yaml", "layouts/brochure.yaml", "", true},
		{"no built-ins", series, nil, "backgrounder.yaml", "backgrounder.yaml", "", true},
		{"not a path inside", series, builtin, "../base.yaml", "../base.yaml", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := ""
			if tt.local != nil {
				dir = local(t, tt.local)
			}
			d := New(dir, tt.builtin, "layouts")
			p, data, err := d.ReadFile(tt.file, limits.YAML)
			want := tt.wantPath
			if !IsBuiltin(want) && dir != "" {
				want = filepath.Join(dir, filepath.FromSlash(want))
			}
			if p != filepath.FromSlash(want) {
				t.Errorf("path = %q, want %q", p, want)
			}
			if tt.missing {
				if !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("err = %v, want one that is fs.ErrNotExist", err)
				}
				if _, ok := d.Find(tt.file); ok {
					t.Errorf("Find(%q) found it", tt.file)
				}
				return
			}
			if err != nil || string(data) != tt.wantData {
				t.Errorf("data = %q, %v; want %q", data, err, tt.wantData)
			}
			if found, ok := d.Find(tt.file); !ok || found != p {
				t.Errorf("Find(%q) = %q, %v; want %q", tt.file, found, ok, p)
			}
		})
	}
}

func TestReadFileLimit(t *testing.T) {
	d := New("", builtin, "layouts")
	var tooLarge *limits.TooLargeError
	if _, _, err := d.ReadFile("base.yaml", 4); !errors.As(err, &tooLarge) {
		t.Errorf("a built-in file over the limit: err = %v, want a *limits.TooLargeError", err)
	}
}

func TestFiles(t *testing.T) {
	dir := local(t, map[string]string{"base.yaml": "", "custom.yaml": "", "notes.txt": "", "i18n/de.yaml": "", "i18n/fr.yaml": ""})
	d := New(dir, builtin, "layouts")
	tests := []struct {
		sub, ext string
		want     []File
	}{
		{".", ".yaml", []File{
			{Name: "backgrounder.yaml", Builtin: true},
			{Name: "base.yaml", Builtin: true, Local: filepath.Join(dir, "base.yaml")},
			{Name: "custom.yaml", Local: filepath.Join(dir, "custom.yaml")},
		}},
		{"i18n", ".yaml", []File{
			{Name: "i18n/de.yaml", Local: filepath.Join(dir, "i18n", "de.yaml")},
			{Name: "i18n/en.yaml", Builtin: true},
			{Name: "i18n/fr.yaml", Builtin: true, Local: filepath.Join(dir, "i18n", "fr.yaml")},
		}},
		{"i18n/hyphenation", ".dic", []File{}},
	}
	for _, tt := range tests {
		got, err := d.Files(tt.sub, tt.ext)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Files(%q, %q) = %+v, want %+v", tt.sub, tt.ext, got, tt.want)
		}
	}
}

func TestMissing(t *testing.T) {
	tests := []struct {
		local   string
		builtin fs.FS
		want    string
	}{
		{"layouts", builtin, "not in layouts/ nor built in"},
		{"", builtin, "not built in (and there is no layouts/ folder)"},
		{"my/layouts", nil, "not in my/layouts/"},
	}
	for _, tt := range tests {
		if got := New(tt.local, tt.builtin, "layouts").Missing(); got != tt.want {
			t.Errorf("Missing() = %q, want %q", got, tt.want)
		}
	}
}
