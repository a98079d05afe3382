package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/folio-pub/folio/internal/series"
	"github.com/folio-pub/folio/internal/testtool"
)

// folioBinary builds the command into a temporary folder.
func folioBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "folio")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
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

// signalBuild starts folio build with args in dir, sends it sig after a
// while, and returns what it wrote on stderr and how it ended.
func signalBuild(t *testing.T, bin, dir string, after time.Duration, sig os.Signal, args ...string) (stderr string, err error) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"build"}, args...)...)
	cmd.Dir = dir
	var buf bytes.Buffer
	cmd.Stderr = &buf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(after)
	cmd.Process.Signal(sig)
	err = cmd.Wait()
	return buf.String(), err
}

// TestKilledBuild kills builds at several moments of their write phase: every
// file in the output folder is always whole (old or new), and the next build
// removes what a killed one left and completes the series.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("go test -short: builds a series several times")
	}
	bin := folioBinary(t)
	dir := seriesProject(t, 12)
	out := filepath.Join(dir, "output")
	for _, delay := range []time.Duration{300 * time.Millisecond, 700 * time.Millisecond, 1200 * time.Millisecond} {
		signalBuild(t, bin, dir, delay, syscall.SIGKILL, "--cache", "", "--force", "--out", out)
		outputsComplete(t, out)
	}
	cmd := exec.Command(bin, "build", "--cache", "", "--out", out)
	cmd.Dir = dir
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the build after the kills: %v\n%s", err, output)
	}
	if left := outputsComplete(t, out); len(left) > 0 {
		t.Errorf("temporary files left after a complete build: %v", left)
	}
	entries, _ := filepath.Glob(filepath.Join(out, "*", "*.*"))
	if len(entries) != 12*6 {
		t.Errorf("%d editions, want %d", len(entries), 12*6)
	}
}

// TestTerminatedBuild: SIGTERM (timeout, docker stop, a cancelled CI job)
// stops a build as Ctrl-C does: exit status 1, said once, every file whole
// and no temporary file left.
func TestTerminatedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("go test -short: builds a series")
	}
	bin := folioBinary(t)
	dir := seriesProject(t, 12)
	out := filepath.Join(dir, "output")
	stderr, err := signalBuild(t, bin, dir, 700*time.Millisecond, syscall.SIGTERM, "--cache", "", "--out", out)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Errorf("exit: %v, want status 1", err)
	}
	if n := strings.Count(stderr, "interrupted"); n != 1 || strings.Contains(stderr, "context canceled") {
		t.Errorf("stderr says interrupted %d times:\n%s", n, stderr)
	}
	if left := outputsComplete(t, out); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestFullDisk builds into a file system too small for the series: the build
// fails with a message, and each publication's editions are all there or
// none, with no temporary file left.
func TestFullDisk(t *testing.T) {
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
	cmd := exec.Command(bin, "build", "--cache", "", "-j", "1", "--out", out)
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
