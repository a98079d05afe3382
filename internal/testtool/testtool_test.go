package testtool

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeTB records how a test would stop; like testing.T, Skipf and Fatalf end
// the goroutine.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// run calls fn as a test body would be called, on a goroutine of its own.
func run(fn func(t testing.TB)) *fakeTB {
	f := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f
}

func TestNeed(t *testing.T) {
	const absent = "folio-no-such-validator"
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name            string
		m               mode
		cmd             string
		skipped, failed string // substrings; "" means it must not happen
		found           bool
	}{
		{"short skips, even in CI", mode{short: true, ci: true}, absent, "go test -short", "", false},
		{"short skips a validator that is installed", mode{short: true}, self, "go test -short", "", false},
		{"missing in CI fails", mode{ci: true}, absent, "", "CI=true and a validator is missing: " + absent, false},
		{"missing on a laptop skips", mode{}, absent, "validator missing: " + absent, "", false},
		{"installed runs", mode{ci: true}, self, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			f := run(func(tb testing.TB) { got = tt.m.need(tb, tt.cmd) })
			check(t, f, tt.skipped, tt.failed)
			if tt.found && got != self {
				t.Errorf("need returned %q, want %q", got, self)
			}
		})
	}
}

func TestNeedEPUBCheck(t *testing.T) {
	noJar := filepath.Join(t.TempDir(), "epubcheck.jar")
	f := run(func(tb testing.TB) { mode{short: true, ci: true}.needEPUBCheck(tb, noJar) })
	check(t, f, "go test -short: skipping what needs the external validator EPUBCheck", "")

	// java may be missing too; either way CI fails.
	f = run(func(tb testing.TB) { mode{ci: true}.needEPUBCheck(tb, noJar) })
	check(t, f, "", "CI=true and a validator is missing: ")
}

func check(t *testing.T, f *fakeTB, skipped, failed string) {
	t.Helper()
	if skipped == "" && f.skipped != "" || !strings.Contains(f.skipped, skipped) {
		t.Errorf("skipped %q, want %q", f.skipped, skipped)
	}
	if failed == "" && f.failed != "" || !strings.Contains(f.failed, failed) {
		t.Errorf("failed %q, want %q", f.failed, failed)
	}
}
