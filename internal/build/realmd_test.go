package build

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/pdf/pdftest"
	"github.com/folio-pub/folio/internal/testtool"
)

// realSeries makes a series of one publication of one section, the Markdown
// file md, in a temporary folder, and returns its source folder.
func realSeries(t *testing.T, name, md string) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "source")
	pub := filepath.Join(src, name)
	if err := os.MkdirAll(filepath.Join(pub, "en"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	for file, text := range map[string]string{
		"publication.yaml": "layout: backgrounder\nlanguages: [en]\ndate: 2026-01-01\n",
		"en/edition.yaml":  "title: \"" + name + "\"\n",
		"en/01-readme.md":  string(data),
	} {
		if err := os.WriteFile(filepath.Join(pub, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

var (
	linkDest   = regexp.MustCompile(`\]\([^)\s]*(?:\s+"[^"]*")?\)|\]\[[^\]]*\]`)
	refDef     = regexp.MustCompile(`(?m)^ {0,3}\[[^\]]+\]:.*$`)
	imageAttrs = regexp.MustCompile(`\)\{[^}]*\}`)
	htmlTag    = regexp.MustCompile(`<!--[\s\S]*?-->|</?div[^>]*>`)
	fenceInfo  = regexp.MustCompile("(?m)^(\\s*(?:```|~~~)[`~]*).*$")
	wordRun    = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// markdownWords are the words a reader sees of Markdown: its text, without
// link and image addresses (an image's alt text stands for it), reference
// definitions, attributes, div tags and comments.
func markdownWords(md string) []string {
	md = refDef.ReplaceAllString(md, "")
	md = imageAttrs.ReplaceAllString(md, ")")
	md = linkDest.ReplaceAllString(md, "]")
	md = htmlTag.ReplaceAllString(md, " ")
	md = fenceInfo.ReplaceAllString(md, "$1")
	md = strings.ReplaceAll(md, "`", "")
	return wordRun.FindAllString(md, -1)
}

// pdfWords are the words of a PDF's text, as pdftotext extracts it, and all
// its letters and digits in a row: pdftotext joins the two parts of a word
// broken after a hyphen ("standards-compliant" reads "standardscompliant").
func pdfWords(t *testing.T, pdf string) (map[string]bool, string) {
	t.Helper()
	out, err := exec.Command(testtool.Need(t, "pdftotext"), "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	words := map[string]bool{}
	for _, w := range wordRun.FindAllString(text, -1) {
		words[w] = true
	}
	return words, strings.Join(wordRun.FindAllString(text, -1), "")
}

// TestRealMarkdown builds real READMEs and documentation pages of
// well-known projects (testdata/real, each with its licence and source):
// each builds with warnings only, and its PDF loses no word of its
// Markdown (the alt text of a remote image stands for it).
func TestRealMarkdown(t *testing.T) {
	t.Parallel()
	testtool.Need(t, "pdftotext")
	dirs, _ := filepath.Glob("testdata/real/*")
	if len(dirs) < 3 {
		t.Fatalf("%d real documents, want 3 at least", len(dirs))
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, f := range []string{"SOURCE", "source.md"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Fatal(err)
				}
			}
			if lic, _ := filepath.Glob(filepath.Join(dir, "LICENSE*")); len(lic) == 0 {
				t.Fatal("no licence file")
			}
			out := t.TempDir()
			src := realSeries(t, name, filepath.Join(dir, "source.md"))
			res, err := Run(context.Background(), Config{Source: src, Layouts: "../../layouts", Fonts: "../../fonts", Out: out, Formats: []Format{"pdf", "epub"}}, nil)
			if err != nil || res.Diags.HasErrors() {
				t.Fatalf("%v\n%s", err, res.Diags.Error())
			}
			t.Logf("%d warnings", len(res.Diags.Items()))
			md, _ := os.ReadFile(filepath.Join(dir, "source.md"))
			have, flat := pdfWords(t, filepath.Join(out, name, name+".en.pdf"))
			var lost []string
			for _, w := range markdownWords(string(md)) {
				if !have[w] && !strings.Contains(flat, w) {
					lost = append(lost, w)
				}
			}
			if len(lost) > 0 {
				t.Errorf("%d words of the Markdown are not in the PDF: %q", len(lost), lost)
			}
			msg, err := testtool.EPUBCheck(t, filepath.Join(out, name, name+".en.epub"))
			if err != nil || !strings.Contains(msg, "No errors or warnings detected") {
				t.Errorf("EPUBCheck: %v\n%s", err, msg)
			}
		})
	}
}

// TestCompat builds testdata/compat (a README as GitHub and Pandoc write
// it: badges, images in the text, div wrappers, comments, links to files, a
// remote figure) with warnings only, each at its line; the tagged PDF
// gives each image in the text a Figure with its alt text.
func TestCompat(t *testing.T) {
	t.Parallel()
	pdfinfo := testtool.Need(t, "pdfinfo")
	out, res := sharedBuild(t, "compat")
	got := strings.ReplaceAll(res.Diags.Error(), filepath.FromSlash("testdata/compat/source/compat/en/"), "")
	for _, want := range []string{
		"01-readme.md:5:2: warning: remote image https://example.org/badge.svg is not fetched",
		"01-readme.md:6:2: warning: remote image https://example.org/licence.svg",
		"01-readme.md:12:1: warning: div class \"note\" is not one folio knows",
		"01-readme.md:34:9: warning: link [installation guide](INSTALL.md) to a file is set as plain text",
		"01-readme.md:37:1: warning: remote image https://example.org/screenshot.png",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if n := len(res.Diags.Items()); n != 5 {
		t.Errorf("%d diagnostics, want 5:\n%s", n, got)
	}
	pdf := filepath.Join(out, "compat", "compat.en.pdf")
	q := pdftest.Read(t, pdf)
	alts := map[string]bool{}
	for _, o := range q {
		if d, _ := o.Value.(map[string]any); d["/S"] == "/Figure" {
			alts[fmt.Sprint(d["/Alt"])] = true
		}
	}
	for _, alt := range []string{"u:tool icon", "u:small icon", "u:book icon"} {
		if !alts[alt] {
			t.Errorf("no Figure with /Alt %s in the tagged PDF: %v", alt, alts)
		}
	}
	st, err := exec.Command(pdfinfo, "-struct-text", pdf).CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	rest := string(st)
	for _, w := range []string{"P", `"The tool "`, "Figure", "Figure", "Link", "Figure", "Formats", "A box from HTML", "A box from Quarto", "A screenshot of the tool"} {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("-struct-text lacks %q after what came before:\n%s", w, st)
		}
		rest = rest[i+len(w):]
	}
	msg, err := testtool.EPUBCheck(t, filepath.Join(out, "compat", "compat.en.epub"))
	if err != nil || !strings.Contains(msg, "No errors or warnings detected") {
		t.Errorf("EPUBCheck: %v\n%s", err, msg)
	}
}
