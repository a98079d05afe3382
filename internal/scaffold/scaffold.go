// Package scaffold makes the files of a new content repository for folio
// (folio init): a first publication in the languages asked for, whose
// sections show what a section holds and pass the translation checks, a
// GitHub workflow that builds it with folio's action, a .gitignore and a
// README for the team. The files are templates in template/, built into folio.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed template
var templates embed.FS

// Layout is the built-in layout a new publication names.
const Layout = "backgrounder"

// workflow is the GitHub workflow init writes, as it is written (nothing in
// it is filled in, so that linters can read the file itself).
const workflow = "template/workflow.yml"

// Options say what to make.
type Options struct {
	ID    string   // the publication's id (its folder in source/)
	Langs []string // its languages, the original first
}

// File is a file to write: its path, slash-separated, relative to the repository.
type File struct {
	Path string
	Data []byte
}

// Languages returns the languages init has a first publication in, sorted.
func Languages() []string {
	entries, _ := fs.ReadDir(templates, "template/sections") // built in: cannot fail
	var langs []string
	for _, e := range entries {
		langs = append(langs, e.Name())
	}
	return langs
}

// Files returns the files of a new repository, in the order they are written.
func Files(o Options) ([]File, error) {
	if len(o.Langs) == 0 {
		return nil, errors.New("give one language or more")
	}
	known := Languages()
	for i, l := range o.Langs {
		if !slices.Contains(known, l) {
			return nil, fmt.Errorf("no first publication in %q: init writes one in %s (add another language after, see the README)", l, strings.Join(known, ", "))
		}
		if slices.Contains(o.Langs[:i], l) {
			return nil, fmt.Errorf("%s is given twice", l)
		}
	}
	data := struct {
		ID, Layout string
		Langs      []string
	}{o.ID, Layout, o.Langs}
	fill := func(name string) ([]byte, error) {
		text, err := templates.ReadFile("template/" + name)
		if err != nil {
			return nil, err
		}
		t, err := template.New(name).Funcs(template.FuncMap{"join": strings.Join}).Option("missingkey=error").Parse(string(text))
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}
	var files []File
	add := func(to string, data []byte, err error) error {
		files = append(files, File{Path: to, Data: data})
		return err
	}
	pub := "source/" + o.ID + "/"
	pubYAML, err := fill("publication.yaml")
	if err := add(pub+"publication.yaml", pubYAML, err); err != nil {
		return nil, err
	}
	for _, l := range o.Langs {
		entries, err := fs.ReadDir(templates, "template/sections/"+l)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			data, err := templates.ReadFile(path.Join("template/sections", l, e.Name()))
			if err := add(pub+l+"/"+e.Name(), data, err); err != nil {
				return nil, err
			}
		}
	}
	workflow, err := templates.ReadFile(workflow)
	if err := add(".github/workflows/folio.yml", workflow, err); err != nil {
		return nil, err
	}
	ignore, err := templates.ReadFile("template/gitignore")
	if err := add(".gitignore", ignore, err); err != nil {
		return nil, err
	}
	readme, err := fill("README.md")
	if err := add("README.md", readme, err); err != nil {
		return nil, err
	}
	return files, nil
}

// ExistsError tells that init would overwrite files; it wrote nothing.
type ExistsError struct{ Paths []string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; nothing written (folio never overwrites a file here: move it aside, or write into another folder)", strings.Join(e.Paths, ", "))
}

// Write writes files into dir, made if missing: all of them, or, when one
// of them exists (an *ExistsError names each) or cannot be written, none.
func Write(dir string, files []File) error {
	var exist []string
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if _, err := os.Lstat(p); err == nil {
			exist = append(exist, p)
		}
	}
	if exist != nil {
		return &ExistsError{Paths: exist}
	}
	var written []string
	var made []string // folders made, innermost last
	undo := func() {
		for _, p := range written {
			os.Remove(p)
		}
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i]) // only if empty
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		newDirs, err := mkdirAll(filepath.Dir(p))
		made = append(made, newDirs...)
		if err != nil {
			undo()
			return err
		}
		if err := writeNew(p, f.Data); err != nil {
			undo()
			return err
		}
		written = append(written, p)
	}
	return nil
}

// mkdirAll makes dir and its missing parents, and returns those it made, outermost first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		missing = append([]string{d}, missing...)
		if filepath.Dir(d) == d {
			break
		}
	}
	for i, d := range missing {
		if err := os.Mkdir(d, 0o755); err != nil {
			return missing[:i], err
		}
	}
	return missing, nil
}

// writeNew writes a file that must not exist yet.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ID makes a publication id of a folder's name: lowercase letters and
// digits without their accents, dashes between words ("Société civile 2" →
// "societe-civile-2"); "" when nothing of it is left.
func ID(name string) string {
	plain := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(strings.ToLower(name)))
	return strings.Trim(nonID.ReplaceAllString(plain, "-"), "-")
}

var nonID = regexp.MustCompile(`[^a-z0-9]+`)
