// Command folio turns publications written as Markdown sections, one folder per
// language, into print PDF and EPUB 3 editions. Run "folio help" for usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/folio-pub/folio/internal/build"
	"github.com/folio-pub/folio/internal/diag"
)

const version = "0.1.0"

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the content or the build has errors
	exitUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `folio turns Markdown publications into PDF and EPUB editions.

Usage:
  folio build [flags] [PUB...]   build every publication, or only those named
  folio check [flags] [PUB...]   check everything a build would read; write nothing
  folio version                  print the version
  folio help [COMMAND]           show help

Run "folio COMMAND --help" for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build", "check":
		return runBuild(ctx, cmd, rest, stdout, stderr)
	case "version", "--version", "-version":
		if len(rest) > 0 {
			if rest[0] == "-h" || rest[0] == "-help" || rest[0] == "--help" {
				fmt.Fprint(stdout, "Usage: folio version\n\nPrints the version of folio.\n")
				return exitOK
			}
			fmt.Fprintf(stderr, "folio version: unexpected argument %q\n", rest[0])
			return exitUsage
		}
		fmt.Fprintf(stdout, "folio %s\n", version)
		return exitOK
	case "help", "--help", "-help", "-h":
		if len(rest) > 0 && (rest[0] == "build" || rest[0] == "check") {
			return runBuild(ctx, rest[0], []string{"--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "folio: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

func runBuild(ctx context.Context, cmd string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("folio "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg build.Config
	var langs, formats string
	fs.StringVar(&cfg.Source, "source", "source", "the source `folder` of publications")
	fs.StringVar(&cfg.Layouts, "layouts", "layouts", "the layouts `folder`")
	fs.StringVar(&cfg.Fonts, "fonts", "fonts", "the fonts `folder` (with fonts.yaml)")
	fs.StringVar(&cfg.Out, "out", "output", "the output `folder`")
	fs.StringVar(&langs, "lang", "", "only these `languages`, comma-separated (default: every language of each publication)")
	fs.StringVar(&formats, "format", "", "only these `formats`, comma-separated: "+build.FormatNames()+" (default: all)")
	fs.BoolVar(&cfg.Strict, "strict", false, "treat every warning as an error")
	fs.BoolVar(&cfg.AllowMissing, "allow-missing", false, "where a translation lacks a section, set the original's, marked with its language, and warn")
	fs.Usage = func() {
		what := "Builds the editions of every publication in the source folder, or of those named,\ninto OUT/<id>/, one file per language and format:\n\n" + build.FormatHelp()
		if cmd == "check" {
			what = "Reads and checks everything a build would read, reports every problem, and writes nothing."
		}
		fmt.Fprintf(stderr, "Usage: folio %s [flags] [PUB...]\n\n%s\n\nFlags:\n", cmd, what)
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			if name != "" {
				name = " " + name
			}
			fmt.Fprintf(stderr, "  --%s%s\n    \t%s", f.Name, name, usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(stderr, " (default %q)", f.DefValue)
			}
			fmt.Fprintln(stderr)
		})
		fmt.Fprint(stderr, "\nExit status: 0 success (warnings allowed), 1 errors in the content or build, 2 bad usage.\n")
	}
	// flags and publication names may come in any order
	var ids []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		ids = append(ids, fs.Arg(0))
		args = fs.Args()[1:]
	}
	for _, l := range strings.Split(langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			cfg.Langs = append(cfg.Langs, l)
		}
	}
	var err error
	if cfg.Formats, err = build.ParseFormats(formats); err != nil {
		fmt.Fprintf(stderr, "folio %s: --format: %v\n", cmd, err)
		return exitUsage
	}
	cfg.DryRun = cmd == "check"
	res, err := build.Run(ctx, cfg, ids)
	if res != nil {
		for _, d := range res.Diags.Items() {
			d.Pos.File = relative(d.Pos.File)
			fmt.Fprintln(stderr, d.Error())
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "folio %s: %v\n", cmd, err)
		return exitError
	}
	if res.Diags.HasErrors() {
		n := 0
		for _, d := range res.Diags.Items() {
			if d.Severity == diag.Error {
				n++
			}
		}
		fmt.Fprintf(stderr, "folio %s: %d error(s); nothing written for the publications that have them\n", cmd, n)
		return exitError
	}
	for _, o := range res.Outputs {
		verb := "wrote"
		if cfg.DryRun {
			verb = "ok"
		}
		detail := fmt.Sprintf("%d KB", (o.Bytes+1023)/1024)
		if o.Pages > 0 {
			detail = fmt.Sprintf("%d pages, %s", o.Pages, detail)
		}
		fmt.Fprintf(stdout, "%s %s (%s)\n", verb, relative(o.Path), detail)
	}
	return exitOK
}

// relative shows a path relative to the current folder when it lies below it.
func relative(p string) string {
	if p == "" || !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
