package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/folio-pub/folio/internal/licences"
)

// stamped is the version a release build sets with the linker
// (-ldflags "-X main.stamped=0.1.0", as .goreleaser.yaml does); empty
// otherwise. The only package-level variable: the linker can set nothing else.
var stamped string

// buildFacts is what folio knows of its own build, for `folio version`.
type buildFacts struct {
	version  string // "0.1.0"; "(devel)" when nothing names it
	revision string // the VCS revision, "" when the build recorded none
	time     string // the revision's commit time (RFC 3339), or ""
	modified bool   // the working tree had changes the revision lacks
	goVer    string // the Go toolchain that built folio
	platform string // GOOS/GOARCH
}

// readBuild gathers the facts from the build info (nil when there is none)
// and the version the linker stamped: the stamped version first, then the
// module's version (`go install …@v0.1.0`, or what Go derives from the VCS:
// the tag built, else a pseudo-version such as
// v0.1.1-0.20261207104528-3dc43366a876+dirty), else "(devel)"; a leading
// "v" is dropped, so every release prints as "folio 0.1.0".
func readBuild(info *debug.BuildInfo, stamped string) buildFacts {
	f := buildFacts{version: "(devel)", goVer: runtime.Version(), platform: runtime.GOOS + "/" + runtime.GOARCH}
	if info != nil {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			f.version = v
		}
		if info.GoVersion != "" {
			f.goVer = info.GoVersion
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				f.revision = s.Value
			case "vcs.time":
				f.time = s.Value
			case "vcs.modified":
				f.modified = s.Value == "true"
			}
		}
	}
	if stamped != "" {
		f.version = stamped
	}
	if f.version != "(devel)" {
		f.version = strings.TrimPrefix(f.version, "v")
	}
	return f
}

// String is the line `folio version` prints. It begins "folio VERSION", as
// it always has, so that scripts reading the second word keep working:
//
//	folio 0.1.0 (revision 8e9336a…, 2026-12-07T10:40:00Z; go1.26.8 linux/amd64)
//	folio (devel) (revision 8e9336a…, modified; go1.26.8 linux/amd64)
//	folio (devel) (no VCS revision recorded; go1.26.8 linux/amd64)
func (f buildFacts) String() string {
	var vcs []string
	if f.revision == "" {
		vcs = append(vcs, "no VCS revision recorded")
	} else {
		vcs = append(vcs, "revision "+f.revision)
		if f.time != "" {
			vcs = append(vcs, f.time)
		}
		if f.modified {
			vcs = append(vcs, "modified")
		}
	}
	return fmt.Sprintf("folio %s (%s; %s %s)", f.version, strings.Join(vcs, ", "), f.goVer, f.platform)
}

// runVersion is `folio version [--licences]`.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("folio version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var withLicences bool
	fs.BoolVar(&withLicences, "licences", false, "also print folio's licence and every bundled component's")
	fs.BoolVar(&withLicences, "licenses", false, "the same as --licences")
	const help = "Usage: folio version [--licences]\n\nPrints the version of folio, the VCS revision it was built from (and whether\nthe tree was modified) and the Go that built it; with --licences (or\n--licenses), also folio's licence and every bundled font, pattern, profile\nand Go module with its licence.\n"
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, help)
			return exitOK
		}
		fmt.Fprint(stderr, help)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio version: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	fmt.Fprintln(stdout, readBuild(info, stamped))
	if withLicences {
		fmt.Fprintln(stdout)
		if err := licences.Write(stdout, info); err != nil {
			fmt.Fprintf(stderr, "folio version: %v\n", err)
			return exitError
		}
	}
	return exitOK
}
