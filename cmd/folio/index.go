package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/folio-pub/folio/internal/build"
)

// runIndex writes the series' web pages from the publication pages in the
// output folder: what a build in shards leaves to one step at the end.
func runIndex(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("folio index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg build.Config
	fs.StringVar(&cfg.Out, "out", "output", "the output `folder`, with the publications' web pages (<id>/index.<lang>.html)")
	fs.StringVar(&cfg.Layouts, "layouts", "layouts", "the layouts `folder`, whose words files are laid over the built-in ones (used alone when the default folder does not exist)")
	var quiet bool
	fs.BoolVar(&quiet, "quiet", false, "print only the diagnostics")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: folio index [flags]\n\nWrites the series' web pages into OUT from the publication pages there (OUT/<id>/index.<lang>.html):\nindex.<lang>.html and index.html, and, when publication.yaml gives url:, feed.<lang>.xml and sitemap.xml.\nfolio build writes them itself when it builds every publication; after a build in shards, run it\nonce on the shards' outputs put together.\n\nFlags:\n")
		printFlags(stderr, fs)
		fmt.Fprint(stderr, "\nExit status: 0 success, 1 errors, 2 bad usage.\n")
	}
	operands, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(operands) > 0 {
		fmt.Fprintf(stderr, "folio index: takes no arguments (%s)\n", strings.Join(operands, " "))
		return exitUsage
	}
	cfg.Layouts = seriesFolder(fs, "layouts")
	res, err := build.Index(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "folio index: %v\n", err)
		return exitError
	}
	for _, d := range res.Diags.Items() {
		d.Pos.File = relative(d.Pos.File)
		fmt.Fprintln(stderr, d.Error())
	}
	if res.Diags.HasErrors() {
		return exitError
	}
	if !quiet {
		printSite(stdout, res.Site)
	}
	return exitOK
}

// printSite prints the series' pages written.
func printSite(stdout io.Writer, site []build.Output) {
	for _, o := range site {
		line := fmt.Sprintf("wrote %s (%d KB", relative(o.Path), (o.Bytes+1023)/1024)
		if o.Unchanged {
			line += ", unchanged"
		}
		fmt.Fprintln(stdout, line+")")
	}
}
