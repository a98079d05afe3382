// Command folio turns publications written as Markdown sections, one folder per
// language, into print PDF and EPUB 3 editions. Run "folio help" for usage.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"

	"github.com/folio-pub/folio/internal/build"
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/watch"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the content or the build has errors
	exitUsage = 2
)

func main() {
	gc := build.BatchGCSettings(os.Getenv, runtime.NumCPU())
	gc.Apply()
	// Ctrl-C, and the SIGTERM of timeout, docker stop or a cancelled CI job:
	// the build stops and leaves no partial file
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runWith(ctx, os.Args[1:], os.Stdout, os.Stderr, func(cfg build.Config) {
		// a long document holds more while it is typeset: the soft limit
		// grows with the largest edition, so that the collector does not
		// work against it
		limit := gc.Limit + build.InputMemory(cfg, runtime.NumCPU())
		if gc.SetLimit {
			debug.SetMemoryLimit(limit)
		}
		// before a build (check, watch) reads anything: what it allocates,
		// up to that limit, lies in huge pages (not for the commands that
		// allocate little, which the collection it costs would slow)
		hugeHeap(int(min(limit, hugeHeapMax)), os.Getenv("GODEBUG"))
	})
	stop()
	os.Exit(code)
}

// hugeHeapMax bounds the block hugeHeap reserves: on a machine of many
// CPUs the soft limit runs to gigabytes, address space a small container's
// host may refuse to promise (a Go program cannot survive that refusal).
const hugeHeapMax = 1 << 30

const usage = `folio turns Markdown publications into PDF and EPUB editions.

Usage:
  folio build [flags] [PUB...]   build every publication, or only those named
  folio check [flags] [PUB...]   check everything a build would read; write nothing
  folio watch [flags] [PUB...]   build, then build again what changes, until interrupted
  folio index [flags]            write the series' web pages from the publication pages built (after shards)
  folio init [flags] [DIR]       make a new content repository: a first publication, a workflow
  folio layouts                  list the built-in layouts, words and fonts ("copy NAME": a copy to edit)
  folio version [--licences]     print the version and build (and the licences)
  folio help [COMMAND]           show help

Run "folio COMMAND --help" for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runWith(ctx, args, stdout, stderr, nil)
}

// runWith is run, calling input (when not nil) with a build's configuration
// before it starts: the folio command sets the collector's limit by it.
func runWith(ctx context.Context, args []string, stdout, stderr io.Writer, input func(build.Config)) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build", "check", "watch":
		return runBuild(ctx, cmd, rest, stdout, stderr, input)
	case "init":
		return runInit(rest, stdout, stderr)
	case "index":
		return runIndex(rest, stdout, stderr)
	case "layouts":
		return runLayouts(rest, stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(rest, stdout, stderr)
	case "help", "--help", "-help", "-h":
		if len(rest) > 0 && (rest[0] == "build" || rest[0] == "check" || rest[0] == "watch") {
			return runBuild(ctx, rest[0], []string{"--help"}, stdout, stderr, nil)
		}
		if len(rest) > 0 && rest[0] == "index" {
			return runIndex([]string{"--help"}, stdout, stderr)
		}
		if len(rest) > 0 && rest[0] == "init" {
			return runInit([]string{"--help"}, stdout, stderr)
		}
		if len(rest) > 0 && rest[0] == "layouts" {
			return runLayouts([]string{"--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "folio: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

func runBuild(ctx context.Context, cmd string, args []string, stdout, stderr io.Writer, input func(build.Config)) int {
	fs := flag.NewFlagSet("folio "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg build.Config
	var langs, formats string
	fs.StringVar(&cfg.Source, "source", "source", "the source `folder` of publications")
	fs.StringVar(&cfg.Layouts, "layouts", "layouts", "the layouts `folder`, laid over the built-in layouts and words (used alone when the default folder does not exist)")
	fs.StringVar(&cfg.Fonts, "fonts", "fonts", "the fonts `folder` (with fonts.yaml), laid over the built-in fonts (used alone when the default folder does not exist)")
	fs.StringVar(&cfg.Out, "out", "output", "the output `folder`")
	fs.StringVar(&langs, "lang", "", "only these `languages`, comma-separated (default: every language of each publication)")
	fs.IntVar(&cfg.Jobs, "j", 0, "build up to `N` editions at once (default: the number of CPUs)")
	defaultCache := ""
	if dir, err := os.UserCacheDir(); err == nil {
		defaultCache = filepath.Join(dir, "folio")
	}
	fs.StringVar(&cfg.Cache, "cache", defaultCache, "keep built editions in `folder` and reuse those whose inputs did not change (\"\" for none)")
	fs.BoolVar(&cfg.Force, "force", false, "build every edition again, cached or not")
	var quiet bool
	var report string
	fs.BoolVar(&quiet, "quiet", false, "print only the diagnostics")
	fs.StringVar(&report, "report", "", "write a JSON report of every publication and edition (status, outputs, time, diagnostics) to `file`")
	var shard string
	fs.StringVar(&shard, "shard", "", "build only shard `K/N` of the publications (a stable hash of each id picks its shard)")
	fs.StringVar(&formats, "format", "", "only these `formats`, comma-separated: "+build.FormatNames()+" (default: all)")
	fs.BoolVar(&cfg.Strict, "strict", false, "treat every warning as an error")
	fs.BoolVar(&cfg.AllowMissing, "allow-missing", false, "where a translation lacks a section, set the original's, marked with its language, and warn")
	var diagnostics string
	fs.StringVar(&diagnostics, "diagnostics", "", "how diagnostics are printed: `text`, or github: also as GitHub Actions workflow commands on stdout, which annotate the lines (default: github when GITHUB_ACTIONS=true, else text)")
	fs.Usage = func() {
		what := "Builds the editions of every publication in the source folder, or of those named,\ninto OUT/<id>/, one file per language and format:\n\n" + build.FormatHelp()
		switch cmd {
		case "check":
			what = "Reads and checks everything a build would read, reports every problem, and writes nothing."
		case "watch":
			what = "Builds, then builds again each publication whose files change (every publication when a layout,\nwords file or font changes), printing what it rebuilt and the diagnostics, until interrupted.\nOnly the editions a changed file feeds are typeset again; the others are kept in memory."
		}
		fmt.Fprintf(stderr, "Usage: folio %s [flags] [PUB...]\n\n%s\n\nFlags:\n", cmd, what)
		printFlags(stderr, fs)
		fmt.Fprint(stderr, "\nExit status: 0 success (warnings allowed), 1 errors in the content or build, 2 bad usage.\n")
	}
	ids, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	cfg.Layouts, cfg.Fonts = seriesFolder(fs, "layouts"), seriesFolder(fs, "fonts")
	var err error
	for _, l := range strings.Split(langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			cfg.Langs = append(cfg.Langs, l)
		}
	}
	if cfg.Formats, err = build.ParseFormats(formats); err != nil {
		fmt.Fprintf(stderr, "folio %s: --format: %v\n", cmd, err)
		return exitUsage
	}
	if cfg.Shard, err = build.ParseShard(shard); err != nil {
		fmt.Fprintf(stderr, "folio %s: --shard: %v\n", cmd, err)
		return exitUsage
	}
	if fi, err := os.Stat(report); report != "" && err == nil && fi.IsDir() {
		fmt.Fprintf(stderr, "folio %s: --report: %s is a folder: give the report's file name (%s)\n", cmd, report, filepath.Join(report, "report.json"))
		return exitUsage
	}
	ann, err := newAnnotator(diagnostics, os.Getenv, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "folio %s: --diagnostics: %v\n", cmd, err)
		return exitUsage
	}
	if cfg.Jobs < 0 {
		fmt.Fprintf(stderr, "folio %s: -j: give a number of editions, 1 or more\n", cmd)
		return exitUsage
	}
	cfg.DryRun = cmd == "check"
	if input != nil {
		input(cfg)
	}
	pr := &printer{out: stdout, status: stderr, live: isTerminal(stderr) && !quiet, quiet: quiet, dryRun: cfg.DryRun,
		finished: map[int]build.PubReport{}, running: map[int]string{}}
	cfg.Progress = pr.progress
	if cmd == "watch" {
		pr.onlyBuilt = true
		err := watch.Run(ctx, cfg, ids, watch.Reports{Built: func(res *build.Result, err error) {
			pr.clear()
			pr.reset()
			tell(stderr, ann, cmd, res, report)
			state := "waiting for changes"
			if err != nil {
				fmt.Fprintf(stderr, "folio watch: %v\n", err)
			} else if res != nil && !res.Diags.HasErrors() {
				state = "no errors; " + state // said after a fix too, when the files come from the cache
			}
			fmt.Fprintf(stderr, "folio watch: %s (interrupt to stop)\n", state)
		}, Watching: func(what string) {
			pr.clear()
			fmt.Fprintf(stderr, "folio watch: %s\n", what)
		}, Stopped: pr.stopped})
		if err != nil {
			fmt.Fprintf(stderr, "folio watch: %v\n", err)
			return exitError
		}
		return exitOK
	}
	res, err := build.Run(ctx, cfg, ids)
	pr.clear()
	if res != nil && !quiet {
		printSite(stdout, res.Site)
	}
	if !tell(stderr, ann, cmd, res, report) {
		return exitError
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "folio %s: interrupted; every publication's files are as before or complete\n", cmd)
		return exitError
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
	return exitOK
}

// printFlags writes the help of each flag of fs, long ones with two dashes.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		fmt.Fprintf(w, "  %s%s %s\n    \t%s", dash, f.Name, name, usage)
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %q)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// parseArgs parses flags and operands (publication names, a folder) given
// in any order. ok is false when parsing ends the command, with its exit
// status: help was asked for (0) or the flags are wrong (2).
func parseArgs(fs *flag.FlagSet, args []string) (operands []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		if fs.NArg() == 0 {
			return operands, exitOK, true
		}
		operands = append(operands, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// seriesFolder is the folder the flag name gives, or "" (folio's built-in
// files alone) when the flag was not given and its default folder does not
// exist: a series needs its own layouts/ and fonts/ only to add to or
// override the built-in ones. A folder named with the flag must exist.
func seriesFolder(fs *flag.FlagSet, name string) string {
	dir := fs.Lookup(name).Value.String()
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	if _, err := os.Stat(dir); err != nil && !given && errors.Is(err, os.ErrNotExist) {
		return ""
	}
	return dir
}

// tell prints a build's diagnostics (each also as an annotation when ann is
// not nil), then writes its report when one is asked for (a report that
// cannot be written does not hide them); false when the report could not be
// written. The report keeps the diagnostics as they are, never annotations.
func tell(stderr io.Writer, ann *annotator, cmd string, res *build.Result, report string) bool {
	if res == nil {
		return true
	}
	for _, d := range res.Diags.Items() {
		if ann != nil {
			ann.annotate(d)
		}
		d.Pos.File = relative(d.Pos.File)
		fmt.Fprintln(stderr, d.Error())
	}
	if report != "" {
		if err := writeReport(report, cmd, res); err != nil {
			fmt.Fprintf(stderr, "folio %s: --report: %v\n", cmd, err)
			return false
		}
	}
	return true
}

// annotator prints diagnostics as GitHub Actions workflow commands too
// (--diagnostics github), so that the runner annotates the lines they name.
type annotator struct {
	out  io.Writer // stdout, where GitHub's documentation has workflow commands written
	root string    // the repository root (GITHUB_WORKSPACE, else the working folder): paths are relative to it
}

// newAnnotator reads --diagnostics: "text", "github", or "" for github when
// GITHUB_ACTIONS is "true" and text otherwise; nil for text.
func newAnnotator(format string, getenv func(string) string, out io.Writer) (*annotator, error) {
	if format == "" {
		format = "text"
		if getenv("GITHUB_ACTIONS") == "true" {
			format = "github"
		}
	}
	switch format {
	case "text":
		return nil, nil
	case "github":
	default:
		return nil, fmt.Errorf("%q: want text or github", format)
	}
	root := getenv("GITHUB_WORKSPACE")
	if root == "" {
		root = "."
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	return &annotator{out: out, root: root}, nil
}

// annotate prints d as a workflow command, its file relative to the root.
func (a *annotator) annotate(d diag.Diagnostic) {
	if d.Pos.File != "" {
		d.Pos.File = a.path(d.Pos.File)
	}
	fmt.Fprintln(a.out, d.Annotation())
}

// path names p relative to the root with forward slashes, as GitHub names a
// file of the repository; a path outside the root stays absolute.
func (a *annotator) path(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	rel, err := filepath.Rel(a.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// printer shows a build's progress: each publication's files as it is
// written, in the order publications were named (so the lines do not depend
// on -j), and on a terminal a live line of what is being built.
type printer struct {
	out, status io.Writer
	live, quiet bool
	dryRun      bool
	onlyBuilt   bool // print only the files built, not those from the cache
	next        int
	finished    map[int]build.PubReport
	running     map[int]string
	shownLive   bool
	done, total int
}

func (p *printer) progress(ev build.Progress) {
	p.done, p.total = ev.Done, ev.Total
	if ev.Started {
		p.running[ev.Index] = ev.Publication.ID
	} else {
		delete(p.running, ev.Index)
		p.finished[ev.Index] = ev.Publication
	}
	p.clear()
	for {
		rep, ok := p.finished[p.next]
		if !ok {
			break
		}
		delete(p.finished, p.next)
		p.next++
		if !p.quiet {
			p.files(rep)
		}
	}
	if p.live && len(p.running) > 0 {
		idx := make([]int, 0, len(p.running))
		for i := range p.running {
			idx = append(idx, i)
		}
		sort.Ints(idx)
		var names []string
		for _, i := range idx {
			names = append(names, p.running[i])
		}
		fmt.Fprintf(p.status, "[%d/%d] building %s", p.done, p.total, strings.Join(names, ", "))
		p.shownLive = true
	}
}

// reset makes the printer ready for the next build.
func (p *printer) reset() {
	p.next, p.done, p.total = 0, 0, 0
	clear(p.finished)
	clear(p.running)
}

// stopped forgets a watch build that a change stopped: the next build says
// it all, from its first publication on.
func (p *printer) stopped() {
	p.clear()
	p.reset()
}

// clear erases the live line.
func (p *printer) clear() {
	if p.shownLive {
		fmt.Fprint(p.status, "\r\x1b[K")
		p.shownLive = false
	}
}

// files prints the files of a publication that was written.
func (p *printer) files(rep build.PubReport) {
	for _, e := range rep.Editions {
		if e.Status == "failed" {
			continue
		}
		for _, o := range e.Outputs {
			if p.onlyBuilt && o.Cached {
				continue
			}
			verb := "wrote"
			if p.dryRun {
				verb = "ok"
			}
			var detail []string
			if o.Pages > 0 {
				detail = append(detail, fmt.Sprintf("%d pages", o.Pages))
			}
			if o.Bytes > 0 {
				detail = append(detail, fmt.Sprintf("%d KB", (o.Bytes+1023)/1024))
			}
			if o.Cached {
				detail = append(detail, "cached")
			}
			if o.Unchanged {
				detail = append(detail, "unchanged")
			}
			line := verb + " " + relative(o.Path)
			if len(detail) > 0 {
				line += " (" + strings.Join(detail, ", ") + ")"
			}
			fmt.Fprintln(p.out, line)
		}
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// writeReport writes the JSON report of a build to file, whole or not at all.
func writeReport(file, cmd string, res *build.Result) error {
	type summary struct {
		Command  string `json:"command"`
		Errors   int    `json:"errors"`
		Warnings int    `json:"warnings"`
		// the diagnostics of no publication (a missing fonts folder, say)
		Diagnostics  []diag.Diagnostic `json:"diagnostics"`
		Publications []build.PubReport `json:"publications"`
		// the series' web pages (index, feeds, sitemap), when written
		Site []build.Output `json:"site"`
	}
	// empty lists are [] and never null, so that `jq '.publications[]'` works
	// on a shard assigned no publication
	sum := summary{Command: cmd, Diagnostics: []diag.Diagnostic{}, Publications: []build.PubReport{}, Site: []build.Output{}}
	sum.Site = append(sum.Site, res.Site...)
	for _, p := range res.Publications {
		if p.Diagnostics == nil {
			p.Diagnostics = []diag.Diagnostic{}
		}
		sum.Publications = append(sum.Publications, p)
	}
	ofPublications := map[diag.Diagnostic]int{}
	for _, p := range res.Publications {
		for _, d := range p.Diagnostics {
			ofPublications[d]++
		}
	}
	for _, d := range res.Diags.Items() {
		if d.Severity == diag.Error {
			sum.Errors++
		} else {
			sum.Warnings++
		}
		if ofPublications[d] > 0 {
			ofPublications[d]--
		} else {
			sum.Diagnostics = append(sum.Diagnostics, d)
		}
	}
	data, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, file); err != nil {
		os.Remove(tmp) // a folder made since the command began, say
		return err
	}
	return nil
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
