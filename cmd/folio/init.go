package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/folio-pub/folio/internal/scaffold"
	"github.com/folio-pub/folio/internal/source"
)

// runInit makes a new content repository.
func runInit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("folio init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	langs := fs.String("lang", "en,fr", "the publication's `languages`, comma-separated, the original first (built in: "+strings.Join(scaffold.Languages(), ", ")+")")
	id := fs.String("id", "", "the publication's `id`, its folder in source/ (default: DIR's name, lowercase letters, digits and dashes)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: folio init [flags] [DIR]

Makes a new content repository in DIR (the current folder when absent): a first
publication, source/ID/, whose sections show a heading id, a footnote, a link
and a box in every language; .github/workflows/folio.yml, which builds it on
GitHub with folio's action; .gitignore; and a README.md for the team. Then
"cd DIR && folio build" builds it. The layouts and fonts are built into folio.
It never overwrites a file: when one exists, it writes nothing.

Flags:
`)
		printFlags(stderr, fs)
	}
	dirs, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	dir := "."
	switch len(dirs) {
	case 0:
	case 1:
		dir = dirs[0]
	default:
		fmt.Fprintf(stderr, "folio init: give one folder, not %d\n", len(dirs))
		return exitUsage
	}
	if *id == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			fmt.Fprintf(stderr, "folio init: %v\n", err)
			return exitError
		}
		if *id = scaffold.ID(filepath.Base(abs)); *id == "" {
			fmt.Fprintf(stderr, "folio init: --id: no id can be made of the folder's name %q: give one (lowercase letters, digits and dashes)\n", filepath.Base(abs))
			return exitUsage
		}
	}
	if !source.ValidID(*id) {
		fmt.Fprintf(stderr, "folio init: --id %q: use lowercase letters, digits and dashes between them\n", *id)
		return exitUsage
	}
	var list []string
	for _, l := range strings.Split(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			list = append(list, l)
		}
	}
	files, err := scaffold.Files(scaffold.Options{ID: *id, Langs: list})
	if err != nil {
		fmt.Fprintf(stderr, "folio init: --lang: %v\n", err)
		return exitUsage
	}
	if err := scaffold.Write(dir, files); err != nil {
		fmt.Fprintf(stderr, "folio init: %v\n", err)
		return exitError
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(dir, filepath.FromSlash(f.Path)))
	}
	next := "folio build"
	if dir != "." {
		next = "cd " + dir + " && " + next
	}
	fmt.Fprintf(stdout, "\nNext: %s, then open output/%s/. Write in source/%s/; README.md says more.\n", next, *id, *id)
	return exitOK
}
