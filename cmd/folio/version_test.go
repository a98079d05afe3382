package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/licences"
	"github.com/folio-pub/folio/internal/testtool"
)

func TestVersionLine(t *testing.T) {
	platform := runtime.GOOS + "/" + runtime.GOARCH
	vcs := func(rev, time, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "-trimpath", Value: "true"}, {Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: time}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "8e9336a0c0ffee8e9336a0c0ffee8e9336a0c0ff"
	tests := []struct {
		name    string
		info    *debug.BuildInfo
		stamped string
		want    string
	}{
		{"release build: the stamped version and the revision",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "2026-12-07T10:40:00Z", "false")},
			"0.1.0", "folio 0.1.0 (revision " + rev + ", 2026-12-07T10:40:00Z; go1.26.8 " + platform + ")"},
		{"go install …@v0.1.0: the module's version, without its v",
			&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.1.0"}},
			"", "folio 0.1.0 (no VCS revision recorded; go1.26.0 " + platform + ")"},
		{"a checkout with changes",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "2026-12-07T10:40:00Z", "true")},
			"", "folio (devel) (revision " + rev + ", 2026-12-07T10:40:00Z, modified; go1.26.8 " + platform + ")"},
		{"a checkout past a tag, with changes: Go's pseudo-version",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.1.1-0.20261207104528-3dc43366a876+dirty"}, Settings: vcs(rev, "2026-12-07T10:45:28Z", "true")},
			"", "folio 0.1.1-0.20261207104528-3dc43366a876+dirty (revision " + rev + ", 2026-12-07T10:45:28Z, modified; go1.26.8 " + platform + ")"},
		{"no VCS information",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"", "folio (devel) (no VCS revision recorded; go1.26.8 " + platform + ")"},
		{"no build information at all", nil, "",
			"folio (devel) (no VCS revision recorded; " + runtime.Version() + " " + platform + ")"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := readBuild(tc.info, tc.stamped).String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestVersionLicences: every Go module linked in has a known licence
// (internal/licences checks the texts), and folio version --licences prints
// them.
func TestVersionLicences(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build information")
	}
	mods := licences.Modules()
	for _, d := range info.Deps {
		if _, ok := mods[d.Path]; !ok {
			t.Errorf("module %s is linked, with no licence in internal/licences (Modules) or NOTICE", d.Path)
		}
	}
	var out, errb bytes.Buffer
	if code := run(t.Context(), []string{"version", "--licenses"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"; " + runtime.Version() + " ", "licensed under Apache-2.0", "golang.org/x/text v", "LGPL-2.1-or-later", "OFL-1.1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("folio version --licenses lacks %q:\n%s", want, out.String())
		}
	}
}

// TestVersionNamesRevision builds folio from a git repository (a copy of
// the module: in a git worktree, whose .git is a file, Go records no
// revision) at a tag, with a version stamped by the linker, and with a
// change, and reads each back from `folio version`.
func TestVersionNamesRevision(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds folio twice")
	}
	git := testtool.Need(t, "git")
	repo := t.TempDir()
	// the module: its folders of code and of the files built in, and the files at its root
	for _, d := range []string{"cmd", "internal", "layouts", "fonts"} {
		testtool.CopyDir(t, filepath.Join(repo, d), filepath.Join("..", "..", d))
	}
	rootFiles, err := filepath.Glob(filepath.Join("..", "..", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(rootFiles, filepath.Join("..", "..", "go.mod"), filepath.Join("..", "..", "go.sum")) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repo, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := func(name string, args ...string) string {
		t.Helper()
		c := exec.Command(name, args...)
		c.Dir = repo
		c.Env = append(os.Environ(), "GOFLAGS=", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	cmd(git, "init", "-q")
	cmd(git, "add", ".")
	cmd(git, "-c", "user.name=folio", "-c", "user.email=folio@example.org", "commit", "-q", "-m", "a release")
	cmd(git, "tag", "v0.9.7") // a v0 tag: a v2 or later needs a /v2 module path
	rev := cmd(git, "rev-parse", "HEAD")
	bin := filepath.Join(t.TempDir(), "folio")
	// linked as .goreleaser.yaml links a release: no symbol table and no
	// DWARF (-s -w), which the version does not read and which are most of
	// a link's work
	build := func(ldflags string) string {
		t.Helper()
		cmd("go", "build", "-buildvcs=true", "-trimpath", "-ldflags", "-s -w"+ldflags, "-o", bin, "./cmd/folio")
		return cmd(bin, "version")
	}
	if got, want := build(""), "folio 0.9.7 (revision "+rev+", "; !strings.HasPrefix(got, want) || strings.Contains(got, "modified") {
		t.Errorf("a build at the tag v0.9.7: got %q, want it to begin %q and not say modified", got, want)
	}
	if got, want := build(" -X main.stamped=1.2.3"), "folio 1.2.3 (revision "+rev+", "; !strings.HasPrefix(got, want) {
		t.Errorf("a version stamped as .goreleaser.yaml does: got %q, want it to begin %q", got, want)
	}
	if err := os.WriteFile(filepath.Join(repo, "cmd", "folio", "extra.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := build(""); !strings.Contains(got, "+dirty (revision "+rev+", ") || !strings.Contains(got, ", modified; go") { // v0.9.8-0.…+dirty
		t.Errorf("a build with changes: got %q, want a +dirty version, the revision %s, and modified", got, rev)
	}
}

// TestCrossBuild: folio compiles and links with no C compiler
// (CGO_ENABLED=0) for the platforms the release builds beside this one,
// linked as the release is (-s -w: no symbol table, no DWARF; a link takes
// two thirds of the time). The builds run side by side (a link is mostly
// one core's work) and share the go command's build cache, as any go build
// does: a package that has not changed is not compiled again for a platform.
func TestCrossBuild(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("compiles folio for three platforms")
	}
	for _, p := range []string{"darwin/arm64", "windows/amd64", "linux/arm64"} {
		t.Run(strings.ReplaceAll(p, "/", "-"), func(t *testing.T) {
			t.Parallel()
			goos, goarch, _ := strings.Cut(p, "/")
			c := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", filepath.Join(t.TempDir(), "folio"), ".")
			c.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
			if out, err := c.CombinedOutput(); err != nil {
				t.Errorf("GOOS=%s GOARCH=%s CGO_ENABLED=0 go build: %v\n%s", goos, goarch, err, out)
			}
		})
	}
}
