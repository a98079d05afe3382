package testtool

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// epubCheckJar is where Debian's epubcheck package puts the jar.
const epubCheckJar = "/usr/share/java/epubcheck.jar"

//go:embed EPUBCheckServer.java
var epubCheckServer string

// NeedEPUBCheck stops the test as Need does when EPUBCheck is missing: java,
// the jar, or javac (EPUBCheck's one JVM per test process is started from
// its source, which needs the JDK's compiler). It returns the java command
// and the jar, for a test that runs EPUBCheck itself (a JVM per call:
// EPUBCheck is the faster way).
func NeedEPUBCheck(t testing.TB) (java, jar string) {
	t.Helper()
	return current().needEPUBCheck(t, epubCheckJar), epubCheckJar
}

// EPUBCheck checks the book at path with EPUBCheck and returns what it
// printed, with an error when its exit status was not 0, or stops the test as
// NeedEPUBCheck does. A test process starts one JVM for all its books and
// checks each book's bytes once: a book checked before (the same bytes, under
// any name) gets the report it got then. Parallel tests may call it; the
// books are checked one at a time.
func EPUBCheck(t testing.TB, path string) (report string, err error) {
	t.Helper()
	java := current().needEPUBCheck(t, epubCheckJar)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := epubChecker.check(java, path, sha256.Sum256(data))
	if err != nil {
		t.Fatalf("EPUBCheck %s: %v", path, err)
	}
	if res.status != 0 {
		return res.report, fmt.Errorf("EPUBCheck %s: exit status %d", filepath.Base(path), res.status)
	}
	return res.report, nil
}

// needEPUBCheck returns the java command.
func (m mode) needEPUBCheck(t testing.TB, jar string) (java string) {
	t.Helper()
	if m.short {
		skipShort(t, "EPUBCheck")
	}
	java = m.need(t, "java")
	if _, err := os.Stat(jar); err != nil {
		m.missing(t, jar+" (install: apt-get install epubcheck)")
	}
	m.need(t, "javac")
	return java
}

// epubChecker is the test process's EPUBCheck: one JVM, started on first
// use, and the report of every book checked so far. It is the package's one
// variable: a JVM shared by the tests of a process is the point.
var epubChecker checker

// checker checks books one at a time.
type checker struct {
	mu      sync.Mutex
	started bool
	server  *server // nil until started, or when it failed to start
	err     error   // why the server failed: no book is checked after
	done    map[[32]byte]result
}

// result is EPUBCheck's verdict on one book.
type result struct {
	status int
	report string
}

func (c *checker) check(java, path string, sum [32]byte) (result, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.done[sum]; ok {
		return r, nil
	}
	if !c.started {
		c.started = true
		c.server, c.err = startServer(java, epubCheckJar)
	}
	if c.err != nil {
		return result{}, c.err
	}
	r, err := c.server.check(path)
	if err != nil {
		c.err = err // the JVM is gone or out of step: no more books
		return r, err
	}
	if c.done == nil {
		c.done = map[[32]byte]result{}
	}
	c.done[sum] = r
	return r, nil
}

// server is EPUBCheckServer.java running in a JVM: a path in, a report out.
type server struct {
	in     io.Writer
	out    *bufio.Reader
	stderr *syncBuffer // what the JVM said on stderr, for a failure
}

// startServer compiles and starts the server, and waits until it is ready.
// The JVM ends when the test process does (its stdin closes).
func startServer(java, jar string) (*server, error) {
	dir, err := os.MkdirTemp("", "folio-epubcheck-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir) // the class is compiled and loaded once ready
	src := filepath.Join(dir, "EPUBCheckServer.java")
	if err := os.WriteFile(src, []byte(epubCheckServer), 0o644); err != nil {
		return nil, err
	}
	// a short-lived JVM on a small machine: the client compiler only and
	// the serial collector start and check a few books in half the CPU time
	// of the defaults
	cmd := exec.Command(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", jar, src)
	s := &server{stderr: &syncBuffer{}}
	cmd.Stderr = s.stderr
	if s.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s.out = bufio.NewReader(stdout)
	if line, err := s.out.ReadString('\n'); err != nil || line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("starting EPUBCheck's server: %q, %v\n%s", line, err, s.stderr)
	}
	return s, nil
}

func (s *server) check(path string) (result, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return result{}, err
	}
	if strings.ContainsAny(abs, "\r\n") {
		return result{}, fmt.Errorf("a path with a line break: %q", abs)
	}
	if _, err := io.WriteString(s.in, abs+"\n"); err != nil {
		return result{}, fmt.Errorf("EPUBCheck's server: %w\n%s", err, s.stderr)
	}
	var r result
	var n int
	if _, err := fmt.Fscanf(s.out, "%d %d\n", &r.status, &n); err != nil {
		return result{}, fmt.Errorf("EPUBCheck's server: %w\n%s", err, s.stderr)
	}
	report := make([]byte, n)
	if _, err := io.ReadFull(s.out, report); err != nil {
		return result{}, fmt.Errorf("EPUBCheck's server: %w\n%s", err, s.stderr)
	}
	r.report = string(report)
	return r, nil
}

// syncBuffer is a bytes.Buffer that the JVM's stderr writes to while a
// failing check reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
