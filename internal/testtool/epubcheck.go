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
	"runtime"
	"strings"
	"sync"
	"testing"
)

// epubCheckJar is where Debian's epubcheck package puts the jar.
const epubCheckJar = "/usr/share/java/epubcheck.jar"

//go:embed EPUBCheckServer.java
var epubCheckServer string

// NeedEPUBCheck stops the test as Need does when EPUBCheck is missing: java,
// the jar, or javac (EPUBCheck's JVMs, one or two a test process, are started from
// its source, which needs the JDK's compiler). It returns the java command
// and the jar, for a test that runs EPUBCheck itself (a JVM per call:
// EPUBCheck is the faster way).
func NeedEPUBCheck(t testing.TB) (java, jar string) {
	t.Helper()
	return current().needEPUBCheck(t, epubCheckJar), epubCheckJar
}

// EPUBCheck checks the book at path with EPUBCheck and returns what it
// printed, with an error when its exit status was not 0, or stops the test as
// NeedEPUBCheck does. A test process starts one JVM for its books, and a
// second when a book waits while the first is busy (parallel tests call
// it), and checks each book's bytes once: a book checked before or being
// checked (the same bytes, under any name) gets the report it got then.
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

// epubChecker is the test process's EPUBCheck: its JVMs, started when
// needed, and the report of every book checked so far. It is the package's
// one variable: JVMs shared by the tests of a process are the point.
var epubChecker = checker{max: min(2, runtime.GOMAXPROCS(0))}

// checker checks books on up to max JVMs, each one book at a time.
type checker struct {
	max int

	mu      sync.Mutex
	started int       // JVMs started, or starting
	idle    []*server // the started ones not checking a book
	freed   *sync.Cond
	err     error // why a server failed: no book is checked after
	done    map[[32]byte]*verdict
}

// verdict is EPUBCheck's verdict on one book once ready is closed.
type verdict struct {
	ready chan struct{}
	res   result
	err   error
}

// result is EPUBCheck's report on one book.
type result struct {
	status int
	report string
}

func (c *checker) check(java, path string, sum [32]byte) (result, error) {
	c.mu.Lock()
	if v, ok := c.done[sum]; ok {
		c.mu.Unlock()
		<-v.ready
		return v.res, v.err
	}
	if c.done == nil {
		c.done = map[[32]byte]*verdict{}
		c.freed = sync.NewCond(&c.mu)
	}
	v := &verdict{ready: make(chan struct{})}
	c.done[sum] = v
	defer close(v.ready)
	s, err := c.server(java)
	c.mu.Unlock()
	if err != nil {
		v.err = err
		return result{}, err
	}
	v.res, v.err = s.check(path)
	c.mu.Lock()
	defer c.mu.Unlock()
	if v.err != nil {
		c.err = v.err // the JVM is gone or out of step: no more books
	} else {
		c.idle = append(c.idle, s)
	}
	c.freed.Broadcast()
	return v.res, v.err
}

// server returns an idle server, a new one while fewer than max are
// started, or the first to be freed. It is called with c.mu held.
func (c *checker) server(java string) (*server, error) {
	for {
		if c.err != nil {
			return nil, c.err
		}
		if n := len(c.idle); n > 0 {
			s := c.idle[n-1]
			c.idle = c.idle[:n-1]
			return s, nil
		}
		if c.started < c.max {
			c.started++
			c.mu.Unlock()
			s, err := startServer(java, epubCheckJar)
			c.mu.Lock()
			if err != nil && c.err == nil {
				c.err = err
			}
			c.freed.Broadcast()
			return s, err
		}
		c.freed.Wait()
	}
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
