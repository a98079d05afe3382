package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/fsnotify/fsnotify"

	"github.com/folio-pub/folio/internal/series"
	"github.com/folio-pub/folio/internal/testtool"
)

// built is the command, built once for the tests of a test process that
// run it as a process of its own; TestMain removes its folder.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// folioBinary builds the command into a temporary folder, once.
func folioBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "folio-test-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "folio")
		if out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// seriesProject is a project folder with n copies of the sample, the layouts and the fonts.
func seriesProject(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"layouts", "fonts"} {
		testtool.CopyDir(t, filepath.Join(dir, d), filepath.Join("..", "..", d))
	}
	if _, err := series.Write(filepath.Join(dir, "source"), filepath.Join("..", "..", "source", "civil-society"), n); err != nil {
		t.Fatal(err)
	}
	return dir
}

// outputsComplete checks that every edition in out is a whole file (a PDF
// that ends with %%EOF, an EPUB that is a readable zip) and returns the
// temporary files folio left there.
func outputsComplete(t *testing.T, out string) (temporaries []string) {
	t.Helper()
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.HasPrefix(d.Name(), "."):
			temporaries = append(temporaries, p)
		case strings.HasSuffix(p, ".pdf"):
			if !bytes.Contains(data[max(0, len(data)-32):], []byte("%%EOF")) {
				t.Errorf("%s is not a whole PDF", p)
			}
		case strings.HasSuffix(p, ".epub"):
			if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
				t.Errorf("%s is not a whole EPUB: %v", p, err)
			}
		}
		return nil
	})
	return temporaries
}

// seriesIDs are the publications of a seriesProject of n.
func seriesIDs(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "source"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.Name())
	}
	return ids
}

// moment is the event on which a test signals a build: stdout has shown
// lines lines ("wrote …", as each publication finishes), or, with lines 0, a
// temporary file has appeared in one of the publications' output folders.
type moment struct {
	name  string
	lines int
}

// signalled is how a signalled build ended.
type signalled struct {
	wrote  []string // its lines on stdout, before and after the signal
	stderr string
	err    error
}

// signalBuild starts folio build with args in dir, writing into out, sends
// it sig at moment m and returns how it ended; the test fails when the build
// ends before the moment comes.
func signalBuild(t *testing.T, bin, dir, out string, m moment, sig os.Signal, args ...string) signalled {
	t.Helper()
	event := make(chan struct{}, 1)
	fire := func() {
		select {
		case event <- struct{}{}:
		default:
		}
	}
	if m.lines == 0 {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		for _, id := range seriesIDs(t, dir) {
			if err := os.MkdirAll(filepath.Join(out, id), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := w.Add(filepath.Join(out, id)); err != nil {
				t.Fatal(err)
			}
		}
		go func() {
			for ev := range w.Events {
				if name := filepath.Base(ev.Name); ev.Has(fsnotify.Create) && strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp") {
					fire()
				}
			}
		}()
	}
	// the PDFs and EPUBs, whose files these tests count (the web edition's
	// are written with them, all or none, by the same step)
	cmd := exec.Command(bin, append([]string{"build", "--format", "pdf,print,epub", "--out", out}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan []string)
	go func() {
		var lines []string
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines = append(lines, sc.Text())
			if len(lines) == m.lines {
				fire()
			}
		}
		ended <- lines
	}()
	var s signalled
	select {
	case <-event:
		cmd.Process.Signal(sig)
		s.wrote = <-ended
	case s.wrote = <-ended:
		cmd.Wait()
		t.Fatalf("%s: the build ended before the signal:\n%s", m.name, strings.Join(s.wrote, "\n"))
	}
	s.err = cmd.Wait()
	s.stderr = stderr.String()
	return s
}

// midBuild fails the test unless the build was stopped before it wrote all
// of its editions.
func midBuild(t *testing.T, m moment, s signalled, editions int) {
	t.Helper()
	n := 0
	for _, line := range s.wrote {
		if strings.HasPrefix(line, "wrote ") {
			n++
		}
	}
	if n >= editions {
		t.Errorf("%s: the build wrote all its %d editions before it was stopped", m.name, editions)
	}
	t.Logf("%s: stopped after %d of %d editions", m.name, n, editions)
}

// TestKilledBuild kills builds at several moments of their write phase, each
// an event the test sees: every file in the output folder is always whole
// (old or new), and the next build removes what a killed one left and
// completes the series.
func TestKilledBuild(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("go test -short: builds a series several times")
	}
	bin := folioBinary(t)
	dir := seriesProject(t, 12)
	out := filepath.Join(dir, "output")
	const editions = 12 * 6
	for _, m := range []moment{
		{"a first temporary file", 0},
		{"a first publication written", 6},
		{"half the series written", editions / 2},
	} {
		s := signalBuild(t, bin, dir, out, m, syscall.SIGKILL, "--cache", "", "--force")
		var ee *exec.ExitError
		if !errors.As(s.err, &ee) || !ee.ProcessState.Sys().(syscall.WaitStatus).Signaled() {
			t.Errorf("%s: the build was not killed: %v", m.name, s.err)
		}
		midBuild(t, m, s, editions)
		outputsComplete(t, out)
	}
	cmd := exec.Command(bin, "build", "--format", "pdf,print,epub", "--cache", "", "--out", out)
	cmd.Dir = dir
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the build after the kills: %v\n%s", err, output)
	}
	if left := outputsComplete(t, out); len(left) > 0 {
		t.Errorf("temporary files left after a complete build: %v", left)
	}
	entries, _ := filepath.Glob(filepath.Join(out, "*", "*.*"))
	if len(entries) != editions {
		t.Errorf("%d editions, want %d", len(entries), editions)
	}
}

// TestTerminatedBuild: SIGTERM (timeout, docker stop, a cancelled CI job)
// stops a build as Ctrl-C does: exit status 1, said once, every
// publication's editions all there or none, and no temporary file left.
func TestTerminatedBuild(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("go test -short: builds a series")
	}
	bin := folioBinary(t)
	dir := seriesProject(t, 12)
	out := filepath.Join(dir, "output")
	m := moment{"a first publication written", 6}
	s := signalBuild(t, bin, dir, out, m, syscall.SIGTERM, "--cache", "")
	var ee *exec.ExitError
	if !errors.As(s.err, &ee) || ee.ExitCode() != 1 {
		t.Errorf("exit: %v, want status 1", s.err)
	}
	if n := strings.Count(s.stderr, "interrupted"); n != 1 || strings.Contains(s.stderr, "context canceled") {
		t.Errorf("stderr says interrupted %d times:\n%s", n, s.stderr)
	}
	midBuild(t, m, s, 12*6)
	if left := outputsComplete(t, out); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	pubs, _ := filepath.Glob(filepath.Join(out, "*"))
	for _, p := range pubs {
		if files, _ := filepath.Glob(filepath.Join(p, "*.*")); len(files) != 0 && len(files) != 6 {
			t.Errorf("%s holds %d of its 6 editions", filepath.Base(p), len(files))
		}
	}
}

// TestFullDisk builds into a file system too small for the series: the build
// fails with a message, and each publication's editions are all there or
// none, with no temporary file left.
func TestFullDisk(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("go test -short: mounts a small file system")
	}
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	bin := folioBinary(t)
	dir := seriesProject(t, 3)
	out := filepath.Join(t.TempDir(), "small")
	os.MkdirAll(out, 0o755)
	// room for about two publications (each about 1.7 MB)
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", out).Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Skipf("this machine cannot mount a tmpfs: %v", err)
		}
		t.Fatal(err)
	}
	defer exec.Command("umount", out).Run()
	cmd := exec.Command(bin, "build", "--format", "pdf,print,epub", "--cache", "", "-j", "1", "--out", out)
	cmd.Dir = dir
	output, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("a build into a full disk succeeded:\n%s", output)
	}
	if !strings.Contains(string(output), "no space left on device") {
		t.Errorf("the message does not say the disk is full:\n%s", output)
	}
	if left := outputsComplete(t, out); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	pubs, _ := filepath.Glob(filepath.Join(out, "*"))
	for _, p := range pubs {
		if files, _ := filepath.Glob(filepath.Join(p, "*.*")); len(files) != 0 && len(files) != 6 {
			t.Errorf("%s holds %d of its 6 editions", filepath.Base(p), len(files))
		}
	}
}
