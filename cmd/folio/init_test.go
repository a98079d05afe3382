package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
)

// initProject runs folio init with args into a new folder, "Our Series",
// and returns it; the test fails unless init succeeds.
func initProject(t *testing.T, args ...string) *project {
	t.Helper()
	parent := &project{dir: t.TempDir()}
	if code, _, stderr := parent.folio(t, append([]string{"init"}, append(args, "Our Series")...)...); code != exitOK {
		t.Fatalf("folio init: exit %d\n%s", code, stderr)
	}
	return &project{dir: parent.path("Our Series")}
}

// TestInit: folio init, then folio build there with no layouts/ or fonts/:
// every edition, no diagnostic, EPUBCheck clean.
func TestInit(t *testing.T) {
	p := initProject(t, "--lang", "en,fr,de")
	for _, f := range []string{"source/our-series/publication.yaml", "source/our-series/en/01-welcome.md",
		"source/our-series/de/edition.yaml", ".github/workflows/folio.yml", ".gitignore", "README.md"} {
		if _, err := os.Stat(p.path(f)); err != nil {
			t.Errorf("init wrote no %s", f)
		}
	}
	for _, d := range []string{"layouts", "fonts"} {
		if _, err := os.Stat(p.path(d)); err == nil {
			t.Errorf("init wrote a %s folder: the built-in one is meant to do", d)
		}
	}
	code, stdout, stderr := p.folio(t, "build", "--cache", "")
	if code != exitOK || stderr != "" {
		t.Fatalf("folio build after init: exit %d, diagnostics:\n%s", code, stderr)
	}
	var epubs []string
	for _, lang := range []string{"en", "fr", "de"} {
		for _, ext := range []string{"pdf", "print.pdf", "epub"} {
			f := "output/our-series/our-series." + lang + "." + ext
			if !strings.Contains(stdout, "wrote "+f) {
				t.Errorf("no %s; stdout:\n%s", f, stdout)
			}
			if ext == "epub" {
				epubs = append(epubs, p.path(f))
			}
		}
	}
	// what the sections show: a footnote, a box, a link to a heading, in the text of the PDF
	text := runTool(t, "pdftotext", p.path("output/our-series/our-series.fr.pdf"), "-")
	for _, want := range []string{"Encadré 1 : Ce que folio produit", "au pied de la page", "La section suivante"} {
		if !strings.Contains(text, want) {
			t.Errorf("the French PDF lacks %q", want)
		}
	}
	for _, f := range epubs {
		out, err := testtool.EPUBCheck(t, f)
		if err != nil || !strings.Contains(out, "No errors or warnings detected") {
			t.Errorf("EPUBCheck %s: %v\n%s", filepath.Base(f), err, out)
		}
	}
}

// TestInitSameBytes: init writes the same files whenever it runs, each
// language's sections pass the checks whichever language is the original,
// and the id is derived from the folder's name.
func TestInitSameBytes(t *testing.T) {
	a, b := initProject(t), initProject(t, "--lang", "fr,en", "--id", "premiere")
	for _, f := range []string{".github/workflows/folio.yml", ".gitignore", "source/our-series/en/01-welcome.md"} {
		want, _ := os.ReadFile(a.path(f))
		got, err := os.ReadFile(b.path(strings.Replace(f, "our-series", "premiere", 1)))
		if err != nil || !bytes.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s differs between two inits (%v)", f, err)
		}
	}
	pub, _ := os.ReadFile(b.path("source/premiere/publication.yaml"))
	if !regexp.MustCompile(`(?m)^layout: backgrounder\b`).Match(pub) || !regexp.MustCompile(`(?m)^languages: \[fr, en\]`).Match(pub) {
		t.Errorf("publication.yaml:\n%s", pub)
	}
	if code, _, stderr := b.folio(t, "check", "--cache", ""); code != exitOK || stderr != "" {
		t.Errorf("folio check with French the original: exit %d\n%s", code, stderr)
	}
}

// TestInitRefuses: init writes nothing when one of its files exists, and
// bad flags are usage errors.
func TestInitRefuses(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("ours\n"), 0o644)
	code, stdout, stderr := (&project{dir: dir}).folio(t, "init", "--id", "x")
	if code != exitError || !strings.Contains(stderr, "README.md already exists; nothing written") || stdout != "" {
		t.Errorf("init over a README: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	entries, _ := os.ReadDir(dir)
	if data, _ := os.ReadFile(filepath.Join(dir, "README.md")); len(entries) != 1 || string(data) != "ours\n" {
		t.Errorf("init over a README wrote %d entries, README %q", len(entries), data)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a language with no first publication", []string{"--lang", "en,xx"}, `--lang: no first publication in "xx": init writes one in de, en, fr`},
		{"a language twice", []string{"--lang", "en,en"}, "--lang: en is given twice"},
		{"a bad id", []string{"--id", "Our Series"}, `--id "Our Series": use lowercase letters, digits and dashes`},
		{"two folders", []string{"a", "b"}, "give one folder, not 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := (&project{dir: t.TempDir()}).folio(t, append([]string{"init"}, tt.args...)...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

// TestLocalLayout: a layout of the series extends the built-in base and
// changes one colour, which the PDF then draws; a words file of the series
// overrides the built-in one.
func TestLocalLayout(t *testing.T) {
	p := initProject(t)
	os.MkdirAll(p.path("layouts/i18n"), 0o755)
	os.WriteFile(p.path("layouts/custom.yaml"), []byte("# Ours.\nextends: base\ncolors:\n  accent: \"#c0ffee\"\n"), 0o644)
	p.edit(t, "source/our-series/publication.yaml", func(s string) string {
		return strings.Replace(s, "layout: backgrounder", "layout: custom", 1)
	})
	if code, _, stderr := p.folio(t, "layouts", "copy", "i18n/en.yaml"); code != exitOK {
		t.Fatalf("folio layouts copy: %s", stderr)
	}
	p.edit(t, "layouts/i18n/en.yaml", func(s string) string { return strings.Replace(s, "contents: Contents", "contents: In this issue", 1) })
	code, _, stderr := p.folio(t, "build", "--cache", "", "--format", "pdf")
	if code != exitOK || stderr != "" {
		t.Fatalf("build with a local layout: exit %d\n%s", code, stderr)
	}
	qdf := filepath.Join(t.TempDir(), "q.pdf")
	runTool(t, "qpdf", "--qdf", "--object-streams=disable", p.path("output/our-series/our-series.en.pdf"), qdf)
	raw, _ := os.ReadFile(qdf)
	// #c0ffee is 192, 255, 238; fpdf writes each over 255 with three decimals
	if !bytes.Contains(raw, []byte("0.753 1.000 0.933 rg")) {
		t.Error("the PDF does not draw the local layout's accent #c0ffee")
	}
	if bytes.Contains(raw, []byte("0.000 0.341 0.490 rg")) {
		t.Error("the PDF still draws the backgrounder's accent #00577d")
	}
	if text := runTool(t, "pdftotext", p.path("output/our-series/our-series.en.pdf"), "-"); !strings.Contains(text, "In this issue") {
		t.Error("the local words file's contents heading is not in the PDF")
	}
}

// TestBuiltinPosition: a font manifest of the series that lacks a family
// the built-in base layout names is reported at the built-in file's line.
func TestBuiltinPosition(t *testing.T) {
	p := initProject(t)
	os.MkdirAll(p.path("fonts"), 0o755)
	os.WriteFile(p.path("fonts/fonts.yaml"), []byte("families:\n  sans: {builtin: liberation-sans}\n  mono: {builtin: liberation-mono}\n"), 0o644)
	code, _, stderr := p.folio(t, "build", "--cache", "")
	if want := regexp.MustCompile(`(?m)^builtin:layouts/base\.yaml:\d+:\d+: error: text: body: no font family "serif" in fonts/fonts\.yaml$`); code != exitError || !want.MatchString(stderr) {
		t.Errorf("a manifest without serif: exit %d, stderr:\n%s\nwant a line matching %s", code, stderr, want)
	}
}

// TestLayoutsCommand: folio layouts lists the built-in files and the
// series' files over them; copy writes a built-in file and never overwrites.
func TestLayoutsCommand(t *testing.T) {
	checkout, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := &project{dir: dir}
	code, stdout, stderr := p.folio(t, "layouts")
	if code != exitOK {
		t.Fatalf("folio layouts: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		`(?m)^  backgrounder +built in +SSR Backgrounder: short, question-led policy explainers\.$`,
		`(?m)^  base +built in +The base layout: a plain A4 document\.$`,
		`(?m)^  fr +built in$`,
		`(?m)^  fr\.dic +built in$`,
		`(?m)^Font families \(fonts/fonts\.yaml: built in\):\n(  .*\n)*  serif +LiberationSerif$`,
	} {
		if !regexp.MustCompile(want).MatchString(stdout) {
			t.Errorf("folio layouts: no line matching %s in\n%s", want, stdout)
		}
	}
	copies := []struct {
		args []string
		file string
		code int
		want string
	}{
		{[]string{"backgrounder"}, "layouts/backgrounder.yaml", exitOK, "wrote layouts/backgrounder.yaml: it overrides the built-in one"},
		{[]string{"backgrounder"}, "", exitError, "layouts/backgrounder.yaml already exists; nothing written"},
		{[]string{"i18n/de.yaml", "my-layouts"}, "my-layouts/i18n/de.yaml", exitOK, "wrote my-layouts/i18n/de.yaml"},
		{[]string{"fonts.yaml"}, "fonts/fonts.yaml", exitOK, "wrote fonts/fonts.yaml"},
		{[]string{"brochure"}, "", exitError, `"brochure" is not built in (folio layouts lists what is)`},
		{[]string{"../base.yaml"}, "", exitError, `"../base.yaml" is not built in`},
		{nil, "", exitUsage, "give the NAME of a built-in layout or file"},
	}
	for _, c := range copies {
		code, stdout, stderr := p.folio(t, append([]string{"layouts", "copy"}, c.args...)...)
		if code != c.code || !strings.Contains(stdout+stderr, c.want) {
			t.Errorf("folio layouts copy %v: exit %d, %q; want %d and %q", c.args, code, stdout+stderr, c.code, c.want)
		}
		if c.file == "" {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, c.file))
		name := strings.TrimPrefix(strings.TrimPrefix(filepath.ToSlash(c.file), "my-"), "layouts/")
		want, _ := os.ReadFile(filepath.Join(checkout, filepath.FromSlash(strings.Replace(c.file, "my-layouts", "layouts", 1))))
		if err != nil || !bytes.Equal(got, want) || len(want) == 0 {
			t.Errorf("copy of %s: %d bytes (%v), want the built-in file's %d", name, len(got), err, len(want))
		}
	}
	code, stdout, _ = p.folio(t, "layouts")
	for _, want := range []string{
		`(?m)^  backgrounder +layouts/backgrounder\.yaml, over the built-in one +SSR Backgrounder`,
		`(?m)^Font families \(fonts/fonts\.yaml, over the built-in one\):`,
	} {
		if code != exitOK || !regexp.MustCompile(want).MatchString(stdout) {
			t.Errorf("folio layouts in a series: no line matching %s in\n%s", want, stdout)
		}
	}
}

// TestNamedFolders: a folder --layouts or --fonts names must exist (only
// the default folders may be missing, for the built-in files alone).
func TestNamedFolders(t *testing.T) {
	p := initProject(t)
	os.WriteFile(p.path("afile"), nil, 0o644)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--layouts", "nothere"}, "nothere: error: no such folder (--layouts names it; without the flag, a series with no layouts/ folder uses folio's built-in layouts)"},
		{[]string{"--fonts", "nothere"}, "nothere: error: no such folder (--fonts names it;"},
		{[]string{"--fonts", "afile"}, "afile: error: not a folder: the fonts folder must be one"},
	}
	for _, tt := range tests {
		code, stdout, stderr := p.folio(t, append([]string{"build", "--cache", ""}, tt.args...)...)
		if code != exitError || !strings.HasPrefix(stderr, tt.want) || stdout != "" {
			t.Errorf("build %v: exit %d, stdout %q, stderr %q; want 1 and %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
}

// TestLocalLayerFileRule: the files of a series' layouts/ and fonts/, laid
// over the built-in ones, are read by the rule of package safefile: a FIFO,
// a device or a link out of the folder is an error at the file, whether it
// overrides a built-in file or adds one; unused, it neither hangs nor fails
// a build, a check or folio layouts' listing of what it does not read.
func TestLocalLayerFileRule(t *testing.T) {
	// outside writes a file beside layouts/ and returns its path
	outside := func(p *project, name string) string {
		os.WriteFile(p.path(name), []byte("extends: base\n"), 0o644)
		return p.path(name)
	}
	tests := []struct {
		name string
		make func(p *project) error
		want string // a regexp stderr must match; "" for a build with no diagnostic
		// listed: folio layouts reads the file (a layout's description), so
		// names it in its error
		listed bool
	}{
		{"a local layout over the built-in one, a FIFO", func(p *project) error {
			return fifo(p.path("layouts/backgrounder.yaml"))
		}, `^layouts/backgrounder\.yaml: error: the file is a FIFO \(named pipe\): folio reads only regular files inside their folder\nfolio build: 1 error`, false},
		{"a local base, linked to /dev/zero", func(p *project) error {
			return os.Symlink("/dev/zero", p.path("layouts/base.yaml"))
		}, `^layouts/base\.yaml: error: the file is a link to outside layouts/`, false},
		{"a local layout over the built-in one, linked from outside", func(p *project) error {
			return os.Symlink(outside(p, "backgrounder.yaml"), p.path("layouts/backgrounder.yaml"))
		}, `^layouts/backgrounder\.yaml: error: the file is a link to outside layouts/`, false},
		{"a local words file, linked from outside", func(p *project) error {
			return os.Symlink(outside(p, "fr.yaml"), p.path("layouts/i18n/fr.yaml"))
		}, `(?m)^layouts/i18n/fr\.yaml: error: the file is a link to outside layouts/`, false},
		{"a local font manifest, a FIFO", func(p *project) error {
			return fifo(p.path("fonts/fonts.yaml"))
		}, `^fonts/fonts\.yaml: error: the file is a FIFO \(named pipe\)`, false},
		{"an unused FIFO among the local layouts", func(p *project) error { return fifo(p.path("layouts/pipe.yaml")) }, "", true},
		{"an unused FIFO among the local words files", func(p *project) error { return fifo(p.path("layouts/i18n/xx.yaml")) }, "", false},
		{"an unused FIFO among the local patterns", func(p *project) error {
			os.MkdirAll(p.path("layouts/i18n/hyphenation"), 0o755)
			return fifo(p.path("layouts/i18n/hyphenation/xx.dic"))
		}, "", false},
		{"/dev/zero linked among the local fonts", func(p *project) error { return os.Symlink("/dev/zero", p.path("fonts/zero.ttf")) }, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := initProject(t)
			os.MkdirAll(p.path("layouts/i18n"), 0o755)
			os.MkdirAll(p.path("fonts"), 0o755)
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check", "--cache", ""}, {"build", "--cache", "cache"}, {"build", "--cache", "cache"}} {
				code, stdout, stderr := p.folio(t, args...)
				if tt.want == "" {
					if code != exitOK || stderr != "" || args[0] == "build" && !strings.Contains(stdout, "our-series.en.pdf") {
						t.Errorf("folio %v: exit %d, stdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
					}
					continue
				}
				want := strings.Replace(tt.want, "folio build", "folio "+args[0], 1)
				if code != exitError || !regexp.MustCompile(want).MatchString(stderr) {
					t.Errorf("folio %v: exit %d, stderr:\n%s\nwant a match of %s", args, code, stderr, want)
				}
			}
			if tt.listed {
				if code, _, stderr := p.folio(t, "layouts"); code != exitError || !strings.Contains(stderr, "layouts/pipe.yaml: the file is a FIFO") {
					t.Errorf("folio layouts: exit %d, stderr:\n%s\nwant the FIFO named", code, stderr)
				}
			}
		})
	}
}
