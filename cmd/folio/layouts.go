package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
	"text/tabwriter"

	folio "github.com/folio-pub/folio"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/safefile"
	"github.com/folio-pub/folio/internal/scaffold"
)

const layoutsUsage = `Usage:
  folio layouts [--layouts DIR] [--fonts DIR]   list the built-in layouts, words files and fonts,
                                                and the series' files that add to or override them
  folio layouts copy NAME [DIR]                 write a copy of the built-in layout NAME (or file:
                                                i18n/fr.yaml, fonts.yaml) into DIR (layouts/, or
                                                fonts/ for fonts.yaml) to start from; never overwrites
`

// runLayouts lists what is built in, or copies a built-in file.
func runLayouts(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "copy" {
		return copyBuiltin(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("folio layouts", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.String("layouts", "layouts", "the series' layouts `folder`")
	fs.String("fonts", "fonts", "the series' fonts `folder`")
	fs.Usage = func() { fmt.Fprint(stderr, layoutsUsage) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "folio layouts: unexpected argument %q\n\n%s", fs.Arg(0), layoutsUsage)
		return exitUsage
	}
	layouts := overlay.New(seriesFolder(fs, "layouts"), folio.Layouts(), "layouts")
	fontsDir := overlay.New(seriesFolder(fs, "fonts"), folio.Fonts(), "fonts")
	if err := listBuiltins(stdout, layouts, fontsDir); err != nil {
		fmt.Fprintf(stderr, "folio layouts: %v\n", err)
		return exitError
	}
	return exitOK
}

// listBuiltins writes the built-in files of each kind, and the series'
// files that add to or override them.
func listBuiltins(w io.Writer, layouts, fontsDir *overlay.Dir) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	kinds := []struct {
		title, sub, ext string
		describe        bool // the first line of the file's opening comment
	}{
		{"Layouts (a publication names one: layout: NAME)", ".", ".yaml", true},
		{"Words files, one a language (layouts/i18n/LANG.yaml)", "i18n", ".yaml", false},
		{"Hyphenation patterns (layouts/i18n/hyphenation/)", "i18n/hyphenation", ".dic", false},
	}
	for _, k := range kinds {
		files, err := layouts.Files(k.sub, k.ext)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s:\n", k.title)
		for _, f := range files {
			name := strings.TrimSuffix(path.Base(f.Name), ".yaml")
			line := fmt.Sprintf("  %s\t%s", name, where(f))
			if k.describe {
				file, data, err := layouts.ReadFile(f.Name, limits.YAML)
				if safefile.Unnamed(err) {
					return fmt.Errorf("%s: %w", relative(file), err)
				} else if err != nil {
					return err
				}
				line += "\t" + firstComment(data)
			}
			fmt.Fprintln(tw, strings.TrimRight(line, "\t"))
		}
	}
	manifest, err := fontsDir.Files(".", "fonts.yaml")
	if err != nil {
		return err
	}
	set, err := fonts.Load(fontsDir)
	if err != nil {
		return err
	}
	for _, f := range manifest {
		from := "fonts/fonts.yaml: built in"
		if f.Local != "" {
			from = where(f)
		}
		fmt.Fprintf(tw, "Font families (%s):\n", from)
	}
	for _, name := range set.Families() {
		face, err := set.Face(name, "regular")
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "  %s\t%s\n", name, face.Name)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprint(w, "\nfolio layouts copy NAME writes a built-in layout or file into layouts/ to start from.\n")
	return err
}

// where says where a file is read from.
func where(f overlay.File) string {
	switch {
	case f.Local != "" && f.Builtin:
		return relative(f.Local) + ", over the built-in one"
	case f.Local != "":
		return relative(f.Local)
	}
	return "built in"
}

// firstComment is the first sentence of a YAML file's opening comment, or
// its first line.
func firstComment(data []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(data))
	if sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "#"); ok {
			if i := strings.Index(line, ". "); i >= 0 {
				line = line[:i+1]
			}
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// copyBuiltin writes a copy of a built-in file into a series' folder.
func copyBuiltin(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprint(stdout, layoutsUsage)
		return exitOK
	}
	if len(args) < 1 || len(args) > 2 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "folio layouts copy: give the NAME of a built-in layout or file, and optionally the folder\n\n%s", layoutsUsage)
		return exitUsage
	}
	name, dir, from := args[0], "layouts", overlay.New("", folio.Layouts(), "layouts")
	if name == "fonts.yaml" {
		dir, from = "fonts", overlay.New("", folio.Fonts(), "fonts")
	} else if !strings.Contains(name, "/") && !strings.Contains(name, ".") {
		name += ".yaml" // a layout
	}
	if len(args) == 2 {
		dir = args[1]
	}
	data, err := from.Builtin(name)
	if err != nil {
		fmt.Fprintf(stderr, "folio layouts copy: %q is not built in (folio layouts lists what is)\n", args[0])
		return exitError
	}
	if err := scaffold.Write(dir, []scaffold.File{{Path: name, Data: data}}); err != nil {
		fmt.Fprintf(stderr, "folio layouts copy: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s: it overrides the built-in one; under another name it is a new one\n", filepath.Join(dir, filepath.FromSlash(name)))
	return exitOK
}
