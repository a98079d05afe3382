package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	folio "github.com/folio-pub/folio"
)

func TestID(t *testing.T) {
	tests := []struct{ name, want string }{
		{"demo", "demo"},
		{"Our Series", "our-series"},
		{"Société civile 2", "societe-civile-2"},
		{"--Notes__2026--", "notes-2026"},
		{"日本", ""},
		{".", ""},
	}
	for _, tt := range tests {
		if got := ID(tt.name); got != tt.want {
			t.Errorf("ID(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestLanguages: every language init writes a publication in has built-in words.
func TestLanguages(t *testing.T) {
	langs := Languages()
	if strings.Join(langs, ",") != "de,en,fr" {
		t.Errorf("languages = %v", langs)
	}
	for _, l := range langs {
		if _, err := fs.Stat(folio.Layouts(), "i18n/"+l+".yaml"); err != nil {
			t.Errorf("%s: no built-in words file: %v", l, err)
		}
	}
}

func TestFiles(t *testing.T) {
	files, err := Files(Options{ID: "demo", Langs: []string{"fr", "en"}})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
		if len(f.Data) == 0 {
			t.Errorf("%s is empty", f.Path)
		}
	}
	want := "source/demo/publication.yaml source/demo/fr/01-bienvenue.md source/demo/fr/02-comment-ecrire.md source/demo/fr/edition.yaml " +
		"source/demo/en/01-welcome.md source/demo/en/02-how-to-write.md source/demo/en/edition.yaml .github/workflows/folio.yml .gitignore README.md"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("files:\n%s\nwant\n%s", got, want)
	}
	for _, tt := range []struct {
		langs []string
		want  string
	}{
		{nil, "give one language or more"},
		{[]string{"en", "es"}, `no first publication in "es"`},
		{[]string{"fr", "fr"}, "fr is given twice"},
	} {
		if _, err := Files(Options{ID: "demo", Langs: tt.langs}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Files(%v): err = %v, want %q", tt.langs, err, tt.want)
		}
	}
}

// TestWrite: all the files or none; an existing file is never overwritten.
func TestWrite(t *testing.T) {
	files := []File{{Path: "a/b/one.txt", Data: []byte("1")}, {Path: "two.txt", Data: []byte("2")}}
	t.Run("all", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "new")
		if err := Write(dir, files); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if data, err := os.ReadFile(filepath.Join(dir, f.Path)); err != nil || string(data) != string(f.Data) {
				t.Errorf("%s: %q, %v", f.Path, data, err)
			}
		}
	})
	t.Run("one exists", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "two.txt"), []byte("ours"), 0o644)
		var exists *ExistsError
		if err := Write(dir, files); !errors.As(err, &exists) || len(exists.Paths) != 1 || exists.Paths[0] != filepath.Join(dir, "two.txt") {
			t.Fatalf("err = %v, want an ExistsError naming two.txt", err)
		}
		entries, _ := os.ReadDir(dir)
		if data, _ := os.ReadFile(filepath.Join(dir, "two.txt")); len(entries) != 1 || string(data) != "ours" {
			t.Errorf("%d entries, two.txt %q: want nothing written", len(entries), data)
		}
	})
	t.Run("a failure undoes what was written", func(t *testing.T) {
		dir := t.TempDir()
		// a file where a folder must be made: the second file cannot be written
		bad := []File{{Path: "one.txt", Data: []byte("1")}, {Path: "one.txt/x/two.txt", Data: []byte("2")}}
		if err := Write(dir, bad); err == nil {
			t.Fatal("no error")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("left %d entries", len(entries))
		}
	})
}
