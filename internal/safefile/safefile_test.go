package safefile

import (
	"bytes"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/folio-pub/folio/internal/limits"
)

// tree makes, in a temporary folder, a root folder "in" and a folder "out"
// beside it, each entry of spec made by its function.
func tree(t *testing.T, spec map[string]func(path string) error) (root string) {
	t.Helper()
	dir := t.TempDir()
	root = filepath.Join(dir, "in")
	for _, d := range []string{root, filepath.Join(dir, "out")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, make := range spec {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := make(p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return root
}

func file(data string) func(string) error {
	return func(p string) error { return os.WriteFile(p, []byte(data), 0o644) }
}
func link(to string) func(string) error { return func(p string) error { return os.Symlink(to, p) } }
func fifo(p string) error               { return syscall.Mkfifo(p, 0o644) }
func socket(p string) error {
	l, err := net.Listen("unix", p)
	if err != nil {
		return err
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	return l.Close()
}

func TestRead(t *testing.T) {
	spec := map[string]func(string) error{
		"in/a.md":             file("text"),
		"in/sub/b.md":         file("sub"),
		"in/link-inside.md":   link("sub/b.md"),
		"in/sub/up.md":        link("../a.md"),
		"in/fifo.md":          fifo,
		"in/link-fifo.md":     link("fifo.md"),
		"in/zero.md":          link("/dev/zero"),
		"in/null.md":          link("/dev/null"),
		"in/outside.md":       link("../out/secret.md"),
		"out/secret.md":       file("secret"),
		"in/dangling.md":      link("nothing.md"),
		"in/loop.md":          link("loop.md"),
		"in/linked-out":       link("../out"),
		"in/linked-sub":       link("sub"),
		"in/sock":             socket,
		"in/abs-inside.md":    nil, // made below: an absolute link that stays inside
		"in/big.md":           file(strings.Repeat("x", 11)),
		"in/sub/deeper/c.md":  file("c"),
		"in/sub/deeper/up.md": link("../../../out/secret.md"),
	}
	spec["in/abs-inside.md"] = func(p string) error { return os.Symlink(filepath.Join(filepath.Dir(p), "a.md"), p) }
	root := tree(t, spec)
	tests := []struct {
		name, path string
		want       string // the data, or "error: " and the error's message
	}{
		{"a regular file", "a.md", "text"},
		{"in a folder", "sub/b.md", "sub"},
		{"a link inside the root is followed", "link-inside.md", "sub"},
		{"a link up, still inside", "sub/up.md", "text"},
		{"an absolute link inside", "abs-inside.md", "text"},
		{"through a linked folder inside", "linked-sub/b.md", "sub"},
		{"a FIFO is never opened", "fifo.md", "error: the file is a FIFO (named pipe): folio reads only regular files inside their folder"},
		{"a link to a FIFO", "link-fifo.md", "error: the file is a FIFO (named pipe)"},
		{"a link to /dev/zero", "zero.md", "error: the file is a link to outside "},
		{"a link to /dev/null", "null.md", "error: the file is a link to outside "},
		{"a link out of the root", "outside.md", "error: the file is a link to outside "},
		{"a link out, deeper", "sub/deeper/up.md", "error: the file is a link to outside "},
		{"through a linked folder outside", "linked-out/secret.md", "error: the file is in a linked folder outside "},
		{"a link to nothing", "dangling.md", "error: the file is a link to nothing"},
		{"a link to itself", "loop.md", "error: the file is a link that cannot be followed"},
		{"a folder", "sub", "error: the file is a folder"},
		{"a socket", "sock", "error: the file is a socket"},
		{"a path out of the root", "../out/secret.md", "error: the file is outside "},
		{"too large", "big.md", "error: the file is 0.0 MB; the limit is 0.0 MB"},
		{"missing", "none.md", "error: lstat "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(root, filepath.Join(root, filepath.FromSlash(tt.path)), 10)
			switch {
			case strings.HasPrefix(tt.want, "error: "):
				if err == nil || !strings.HasPrefix(err.Error(), tt.want[len("error: "):]) {
					t.Errorf("Read %s: %q, %v; want %s", tt.path, got, err, tt.want)
				}
			case err != nil || !bytes.Equal(got, []byte(tt.want)):
				t.Errorf("Read %s: %q, %v; want %q", tt.path, got, err, tt.want)
			}
		})
	}
	var tooLarge *limits.TooLargeError
	if _, err := Read(root, filepath.Join(root, "big.md"), 10); !errors.As(err, &tooLarge) {
		t.Errorf("too large: %v is no *limits.TooLargeError", err)
	}
	if _, err := Read(root, filepath.Join(root, "none.md"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v is no fs.ErrNotExist", err)
	}
	// a root given relative to the working folder, as --source is
	t.Chdir(filepath.Dir(root))
	if got, err := Read("in", filepath.Join("in", "link-inside.md"), 10); err != nil || string(got) != "sub" {
		t.Errorf("relative root: %q, %v", got, err)
	}
	if _, err := Read("in", filepath.Join("in", "outside.md"), 10); err == nil || !strings.Contains(err.Error(), "outside in/") {
		t.Errorf("relative root, a link out: %v", err)
	}
}

func TestWalk(t *testing.T) {
	root := tree(t, map[string]func(string) error{
		"in/a.md":           file("a"),
		"in/fifo":           fifo,
		"in/zero":           link("/dev/zero"),
		"in/sub/b.md":       file("b"),
		"in/sub/loop":       link(".."),
		"in/sub/self":       link("."),
		"in/linked":         link("sub"),
		"in/out":            link("../out"),
		"in/skip/c.md":      file("c"),
		"out/secret.md":     file("secret"),
		"in/dangling":       link("none"),
		"in/sub/deep/d.md":  file("d"),
		"in/sub/deep/up.md": link("../b.md"),
	})
	var got []string
	err := Walk(root, root, func(e Entry) error {
		s := e.Rel
		switch {
		case e.Err != nil:
			s += " ! " + strings.TrimSuffix(strings.TrimPrefix(e.Err.Error(), "the file is "), ": folio reads only regular files inside their folder")
		case e.Dir:
			s += "/"
		}
		if strings.Contains(s, "outside") {
			s = s[:strings.Index(s, "outside")+len("outside")]
		}
		got = append(got, s)
		if e.Rel == "skip" {
			return fs.SkipDir
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.md", "dangling ! a link to nothing", "fifo ! a FIFO (named pipe)",
		"linked/", "linked/b.md", "linked/deep/", "linked/deep/d.md", "linked/deep/up.md",
		"linked/loop ! a link to a folder that holds it", "linked/self ! a link to a folder that holds it",
		"out ! a link to outside",
		"skip/",
		"sub/", "sub/b.md", "sub/deep/", "sub/deep/d.md", "sub/deep/up.md",
		"sub/loop ! a link to a folder that holds it", "sub/self ! a link to a folder that holds it",
		"zero ! a link to outside",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Walk found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
