package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/folio-pub/folio/internal/build"
	"github.com/folio-pub/folio/internal/pdf/pdftest"
	"github.com/folio-pub/folio/internal/testtool"
)

// project is a copy of the sample project (source, layouts, fonts) in a temp folder.
type project struct {
	dir string
}

func newProject(t *testing.T) *project {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"source", "layouts", "fonts"} {
		testtool.CopyDir(t, filepath.Join(dir, d), filepath.Join("..", "..", d))
	}
	return &project{dir: dir}
}

func (p *project) path(rel string) string { return filepath.Join(p.dir, filepath.FromSlash(rel)) }

func (p *project) edit(t *testing.T, rel string, fn func(string) string) {
	t.Helper()
	data, err := os.ReadFile(p.path(rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p.path(rel), []byte(fn(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// folio runs the command in the project folder, as a user would; the test
// stays in that folder until it ends.
func (p *project) folio(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(p.dir)
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// folioAt runs build or check (args[0]) on the project without changing
// folder, so that tests may run in parallel: the folders are given as
// flags, a file or folder a flag names (--out dist, --cache cache, --report
// r.json) is taken in the project's folder, and the project's folder is
// taken off the paths in what the command prints, which then reads as
// p.folio's. (A report's paths are not: a test that reads them uses p.folio.)
func (p *project) folioAt(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	flags := []string{args[0], "--source", p.path("source"), "--layouts", p.path("layouts"), "--fonts", p.path("fonts"), "--out", p.path("output")}
	for i, a := range args[1:] {
		if pathFlag(args[i]) && a != "" && !filepath.IsAbs(a) {
			a = p.path(a)
		}
		flags = append(flags, a)
	}
	var out, errb bytes.Buffer
	code = run(context.Background(), flags, &out, &errb)
	rel := func(s string) string { return strings.ReplaceAll(s, p.dir+string(filepath.Separator), "") }
	return code, rel(out.String()), rel(errb.String())
}

// pathFlag reports whether the flag of build or check names a file or folder.
func pathFlag(flag string) bool {
	switch flag {
	case "--source", "--layouts", "--fonts", "--out", "--cache", "--report":
		return true
	}
	return false
}

func TestBuildSample(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	code, stdout, stderr := p.folioAt(t, "build")
	if code != 0 {
		t.Fatalf("folio build: exit %d\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("the sample builds with diagnostics:\n%s", stderr)
	}
	var files []string
	for _, lang := range []string{"en", "fr"} {
		for _, ext := range []string{"pdf", "print.pdf", "epub"} {
			f := p.path("output/civil-society/civil-society." + lang + "." + ext)
			if _, err := os.Stat(f); err != nil {
				t.Fatalf("missing %s; stdout:\n%s", f, stdout)
			}
			files = append(files, f)
		}
	}
	// Same input, same bytes.
	first := map[string][]byte{}
	for _, f := range files {
		first[f], _ = os.ReadFile(f)
	}
	if code, _, stderr := p.folioAt(t, "build"); code != 0 {
		t.Fatalf("second build: %s", stderr)
	}
	for _, f := range files {
		again, _ := os.ReadFile(f)
		if !bytes.Equal(first[f], again) {
			t.Errorf("%s differs between two builds of the same input", filepath.Base(f))
		}
	}

	t.Run("pdf", func(t *testing.T) {
		t.Parallel()
		headings := map[string][]string{
			"en": {"What is civil society?", "How can civil society improve SSG?", "When does civil society make insecurity worse?", "Contents"},
			"fr": {"Qu’est-ce que la société civile", "À quels défis la société civile fait-elle face", "Table des matières", "Encadré 1"},
		}
		for lang, want := range headings {
			f := p.path("output/civil-society/civil-society." + lang + ".pdf")
			info := runTool(t, "pdfinfo", f)
			pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
			if n, _ := strconv.Atoi(pages[1]); n < 8 || n > 16 {
				t.Errorf("%s: %s pages, want a backgrounder's 8-16", lang, pages[1])
			}
			if !strings.Contains(info, "Page size:       595.28 x 841.89 pts (A4)") {
				t.Errorf("%s: not A4:\n%s", lang, info)
			}
			if !regexp.MustCompile(`(?m)^Title:\s+(Civil Society|La société civile)`).MatchString(info) {
				t.Errorf("%s: title missing from the metadata:\n%s", lang, info)
			}
			fontsOut := runTool(t, "pdffonts", f)
			lines := strings.Split(strings.TrimSpace(fontsOut), "\n")[2:]
			if len(lines) < 3 {
				t.Errorf("%s: only %d fonts", lang, len(lines))
			}
			for _, l := range lines {
				if fields := strings.Fields(l); len(fields) < 6 || fields[len(fields)-5] != "yes" {
					t.Errorf("%s: font not embedded: %s", lang, l)
				}
			}
			// structure: valid PDF, nested bookmarks, live links, language
			runTool(t, "qpdf", "--check", f)
			outline := runTool(t, "qpdf", "--json", "--json-key=outlines", f)
			if strings.Count(outline, `"title"`) < 10 || !strings.Contains(outline, `"kids": [`+"\n") {
				t.Errorf("%s: the outline lacks nested bookmarks:\n%.600s", lang, outline)
			}
			if !strings.Contains(outline, `"title": "`+want[0]) {
				t.Errorf("%s: no bookmark %q", lang, want[0])
			}
			qdf := filepath.Join(t.TempDir(), "q.pdf")
			runTool(t, "qpdf", "--qdf", "--object-streams=disable", f, qdf)
			raw, _ := os.ReadFile(qdf)
			if n := bytes.Count(raw, []byte("/Subtype /Link")); n < 15 {
				t.Errorf("%s: %d link annotations, want the contents, note marks and cross-references", lang, n)
			}
			if !bytes.Contains(raw, []byte("/URI (https://")) {
				t.Errorf("%s: the external link is not live", lang)
			}
			if !bytes.Contains(raw, []byte("/Lang (u:"+lang+")")) && !bytes.Contains(raw, []byte("/Lang ("+lang+")")) {
				t.Errorf("%s: no /Lang in the catalog", lang)
			}
			if lang == "fr" && !bytes.Contains(raw, []byte("202f003f")) {
				t.Errorf("fr: no narrow no-break space before a question mark")
			}
			text := runTool(t, "pdftotext", "-layout", f, "-")
			for _, h := range want {
				if !strings.Contains(text, h) {
					t.Errorf("%s: %q not found in the PDF's text", lang, h)
				}
			}
			if lang == "fr" {
				for _, w := range []string{"sécurité", "à", "ç", "é", "è", "ê", "É", "«", "»", "’"} {
					if !strings.Contains(text, w) {
						t.Errorf("fr: %q lost in the PDF's text", w)
					}
				}
			}
		}
	})

	// the print edition: same pages as the digital one, with the bleed round
	// the trimmed A4 page on every page, a PDF/X-4 output intent, tagged subsets
	t.Run("print", func(t *testing.T) {
		t.Parallel()
		for _, lang := range []string{"en", "fr"} {
			f := p.path("output/civil-society/civil-society." + lang + ".print.pdf")
			digital := runTool(t, "pdfinfo", p.path("output/civil-society/civil-society."+lang+".pdf"))
			pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(digital)[1]
			info := runTool(t, "pdfinfo", "-box", "-f", "1", "-l", pages, f)
			if !strings.Contains(info, "Pages:           "+pages+"\n") {
				t.Errorf("%s: the print edition's page count differs from the digital one's (%s)", lang, pages)
			}
			if !strings.Contains(info, "PDF subtype:    PDF/X-4") {
				t.Errorf("%s: not identified as PDF/X-4:\n%s", lang, info)
			}
			n, _ := strconv.Atoi(pages)
			for i := 1; i <= n; i++ {
				for box, want := range map[string]string{
					"MediaBox": "0.00     0.00   612.28   858.90",
					"TrimBox":  "8.50     8.50   603.78   850.39",
					"BleedBox": "0.00     0.00   612.28   858.90",
				} {
					if !regexp.MustCompile(fmt.Sprintf(`(?m)^Page +%d %s: +%s$`, i, box, regexp.QuoteMeta(want))).MatchString(info) {
						t.Errorf("%s: page %d %s is not %s", lang, i, box, want)
					}
				}
			}
			runTool(t, "qpdf", "--check", f)
			for _, l := range strings.Split(strings.TrimSpace(runTool(t, "pdffonts", f)), "\n")[2:] {
				if !regexp.MustCompile(`^[A-Z]{6}\+\S+ +CID TrueType +Identity-H +yes yes yes`).MatchString(l) {
					t.Errorf("%s: a font not embedded as a tagged subset: %s", lang, l)
				}
			}
		}
	})

	// the digital edition, as a screen reader gets it: the structure in reading order
	t.Run("tagged", func(t *testing.T) {
		t.Parallel()
		want := map[string][]string{
			"en": {"H1", "Civil Society", "H1", "About this SSR Backgrounder", "LI", "Lbl", "LBody", "What is civil society?",
				"TOC", "TOCI", "H1", "What is civil society?", "Reference", "Note", "Lbl", "Definitions of civil society vary",
				"Figure", "Caption", "Table", "TH:", "/Scope /Column", `"Role"`, "TD", "H1", "What challenges does civil society face?"},
			"fr": {"H1", "La société civile", "TOC", "H3", "Encadré", "Table", "TH:", "TD", "H3", "Encadré"},
		}
		for lang, order := range want {
			f := p.path("output/civil-society/civil-society." + lang + ".pdf")
			info := runTool(t, "pdfinfo", f)
			if !strings.Contains(info, "Tagged:          yes") {
				t.Errorf("%s: not tagged", lang)
			}
			// every piece of page content is tagged or an artifact
			pdftest.AllMarked(t, f)
			pdftest.AllMarked(t, p.path("output/civil-society/civil-society."+lang+".print.pdf"))
			st := runTool(t, "pdfinfo", "-struct-text", f)
			rest := st
			for _, w := range order {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("%s: -struct-text lacks %q where expected", lang, w)
					break
				}
				rest = rest[i+len(w):]
			}
			if strings.Contains(st, "civilsociety") || strings.Contains(st, "sociétécivile") {
				t.Errorf("%s: words run together in the structure's text", lang)
			}
			// the hyphen a line adds inside a word is an artifact: the
			// word reads whole ("bound-" / "aries" on the page)
			if lang == "en" && (strings.Contains(st, "bound-aries") || !strings.Contains(st, "bound\"")) {
				t.Errorf("%s: a word hyphenated at a line's end is not whole in the structure's text", lang)
			}
			qdf := filepath.Join(t.TempDir(), "q.pdf")
			runTool(t, "qpdf", "--qdf", "--object-streams=disable", f, qdf)
			raw, _ := os.ReadFile(qdf)
			if !regexp.MustCompile(`(?i)/Alt (\(|<feff)`).Match(raw) || !bytes.Contains(raw, []byte("/S /Figure")) {
				t.Errorf("%s: no figure with alternate text", lang)
			}
			// PDF/UA: every Note element has an ID
			notes, withID := 0, 0
			for _, obj := range bytes.Split(raw, []byte("endobj")) {
				if bytes.Contains(obj, []byte("/S /Note\n")) {
					notes++
					if regexp.MustCompile(`/ID \(fn\d+\)`).Match(obj) {
						withID++
					}
				}
			}
			if notes < 5 || withID != notes {
				t.Errorf("%s: %d Note elements, %d with an ID", lang, notes, withID)
			}
		}
	})

	t.Run("epubcheck", func(t *testing.T) {
		t.Parallel()
		testtool.NeedEPUBCheck(t)
		for _, lang := range []string{"en", "fr"} {
			f := p.path("output/civil-society/civil-society." + lang + ".epub")
			if st, _ := os.Stat(f); st.Size() > 1<<20 {
				t.Errorf("%s: the EPUB is %d KB: are its fonts subset?", lang, st.Size()>>10)
			}
			out, err := testtool.EPUBCheck(t, f)
			if err != nil || !strings.Contains(out, "No errors or warnings detected") {
				t.Errorf("EPUBCheck %s: %v\n%s", lang, err, out)
			}
		}
	})
}

// replace removes the file at path and makes another there with make.
func replace(t *testing.T, path string, make func(string) error) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := make(path); err != nil {
		t.Fatal(err)
	}
}

func fifo(path string) error { return syscall.Mkfifo(path, 0o644) }

func link(to string) func(string) error { return func(p string) error { return os.Symlink(to, p) } }

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	path := testtool.Need(t, name)
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestBadInput: every kind of bad input gives exit status 1, a path:line:col
// message, and no output; earlier outputs stay as they were.
func TestBadInput(t *testing.T) {
	const en = "source/civil-society/en/"
	tests := []struct {
		name string
		edit func(t *testing.T, p *project)
		want string // a regexp the diagnostics must match
	}{
		{"missing title", func(t *testing.T, p *project) {
			p.edit(t, en+"edition.yaml", func(s string) string { return regexp.MustCompile(`(?m)^title:.*\n`).ReplaceAllString(s, "") })
		}, `^source/civil-society/en/edition\.yaml:1:1: error: missing required key "title"`},
		{"unknown edition key", func(t *testing.T, p *project) {
			p.edit(t, en+"edition.yaml", func(s string) string { return s + "colour: blue\n" })
		}, `^source/civil-society/en/edition\.yaml:\d+:1: error: unknown key "colour"`},
		{"unknown layout key", func(t *testing.T, p *project) {
			p.edit(t, "layouts/backgrounder.yaml", func(s string) string {
				return strings.Replace(s, "colors:\n", "colors:\n  highlight: \"#ff0000\"\n", 1)
			})
		}, `(?m)^layouts/backgrounder\.yaml:\d+:3: error: unknown key "highlight" in colors`},
		{"layout wrong type", func(t *testing.T, p *project) {
			p.edit(t, "layouts/base.yaml", func(s string) string { return strings.Replace(s, "bleed: 3", "bleed: three", 1) })
		}, `(?m)^layouts/base\.yaml:\d+:\d+: error: bleed: expected a number, got "three"`},
		{"raw html", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return s + "\nText with <span>html</span>.\n" })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:11: error: raw HTML is not allowed`},
		{"image outside the publication", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return s + "\n![A map](../../../fonts/fonts.yaml)\n" })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:1: error: image path \.\./\.\./\.\./fonts/fonts\.yaml leaves the publication folder`},
		{"missing image", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return s + "\n![A map](images/map.png)\n" })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:1: error: image images/map\.png not found`},
		{"character the font lacks", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return s + "\nThe word for peace is 和平.\n" })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:23: error: the font LiberationSerif has no glyph for "和" \(U\+548C\)`},
		{"characters the font lacks, each at its column on a paragraph's later line", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string {
				return s + "\nFirst line of a paragraph,\nthen \\*和 and \"和\", `平`.\n"
			})
		}, `(?m)^source/civil-society/en/01-what-is-civil-society\.md:(\d+):8: error: the font LiberationSerif has no glyph for "和".*\n` +
			`source/civil-society/en/01-what-is-civil-society\.md:\d+:15: error: the font LiberationSerif has no glyph for "和".*\n` +
			`source/civil-society/en/01-what-is-civil-society\.md:\d+:20: error: the font LiberationMono has no glyph for "平".*\nfolio build: 3 error`},
		{"a character the font lacks, many times", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string {
				return s + "\n和 and 和,\n和 and 和.\n\nAgain 和 and 和.\n"
			})
		}, `(?m)(:\d+:\d+: error: the font LiberationSerif has no glyph for "和" \(U\+548C\); choose another font in the layout or change the text; Noto Sans CJK SC has it \(Debian: fonts-noto-cjk; Google Fonts: Noto Sans SC\)[^\n]*\n.*){3}` +
			`:\d+:7: error: the font LiberationSerif has no glyph for "和" \(U\+548C\); choose another font in the layout or change the text; 2 more in this file, on line \d+; Noto Sans CJK SC has it[^\n]*\nfolio build: 4 error`},
		{"section file too large", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string {
				return s + strings.Repeat(strings.Repeat("Lorem ipsum dolor sit amet. ", 40)+"\n\n", 4000)
			})
		}, `^source/civil-society/en/01-what-is-civil-society\.md: error: the file is 4\.3 MB; the limit is 4 MB\nfolio build: 1 error`},
		{"edition.yaml too large", func(t *testing.T, p *project) {
			p.edit(t, en+"edition.yaml", func(s string) string { return s + strings.Repeat("# padding\n", 120000) })
		}, `^source/civil-society/en/edition\.yaml: error: the file is 1\.1 MB; the limit is 1 MB\nfolio build: 1 error`},
		{"layout too large", func(t *testing.T, p *project) {
			p.edit(t, "layouts/backgrounder.yaml", func(s string) string { return s + strings.Repeat("# padding\n", 120000) })
		}, `^layouts/backgrounder\.yaml: error: the file is 1\.1 MB; the limit is 1 MB\nfolio build: 1 error`},
		{"hyphenation patterns too large", func(t *testing.T, p *project) {
			p.edit(t, "layouts/i18n/hyphenation/fr.dic", func(s string) string { return s + strings.Repeat("% padding\n", 840000) })
		}, `^layouts/i18n/fr\.yaml:\d+:\d+: error: hyphenation: hyphenation/fr\.dic: the file is 8\.0 MB; the limit is 8 MB\nfolio build: 1 error`},
		{"hyphenation patterns outside the layouts", func(t *testing.T, p *project) {
			p.edit(t, "layouts/i18n/fr.yaml", func(s string) string {
				return strings.Replace(s, "patterns: hyphenation/fr.dic", "patterns: ../../fr.dic", 1)
			})
		}, `^layouts/i18n/fr\.yaml:\d+:\d+: error: hyphenation: \.\./\.\./fr\.dic: give a file in the words file's folder \(hyphenation/<lang>\.dic\)\nfolio build: 1 error`},
		// issue 11's misleading diagnostics: each mistake gives one message, at it
		{"nested box", func(t *testing.T, p *project) {
			nested := "\n::: box\n### Outer\n\nText.\n\n::: box\n### Inner\n\nInner.\n:::\n\nMore.\n:::\n\nAfter.\n"
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return s + nested })
			p.edit(t, "source/civil-society/fr/01-qu-est-ce-que-la-societe-civile.md", func(s string) string { return s + nested })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:1: error: a box cannot contain another box\n` +
			`source/civil-society/fr/01-qu-est-ce-que-la-societe-civile\.md:\d+:1: error: a box cannot contain another box\nfolio build: 2 error`},
		{"wrong type is not also missing", func(t *testing.T, p *project) {
			p.edit(t, en+"edition.yaml", func(s string) string {
				return strings.Replace(s, `title: "Civil Society"`, "title: [Civil, Society]", 1)
			})
		}, `^source/civil-society/en/edition\.yaml:1:8: error: title: expected text, got a list\nfolio build: 1 error`},
		{"invalid UTF-8 at its line", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return s + "\nSome text \xff here.\n" })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:11: error: the file is not UTF-8 text here: save it as UTF-8\nfolio build: 1 error`},
		{"duplicate section number", func(t *testing.T, p *project) {
			data, _ := os.ReadFile(p.path(en + "03-working-with-civil-society.md"))
			os.WriteFile(p.path(en+"03-copy.md"), data, 0o644)
		}, `^source/civil-society/en/03-working-with-civil-society\.md: error: section number 3 is also used by 03-copy\.md\nfolio build: 1 error`},
		{"missing translated section", func(t *testing.T, p *project) {
			os.Remove(p.path("source/civil-society/fr/03-collaboration-avec-la-societe-civile.md"))
		}, `^source/civil-society/fr: error: parity/missing-section: section 03 of the original \(source/civil-society/en/03-working-with-civil-society\.md:1:1\) has no fr translation: .*\nfolio build: 1 error`},
		{"missing parent layout", func(t *testing.T, p *project) {
			p.edit(t, "layouts/backgrounder.yaml", func(s string) string { return strings.Replace(s, "extends: base", "extends: basic", 1) })
		}, `^layouts/backgrounder\.yaml:2:10: error: layout "basic" not found: not in layouts/ nor built in \(folio layouts lists them\)\nfolio build: 1 error`},
		{"misspelt key, with a hint and no cascade", func(t *testing.T, p *project) {
			p.edit(t, en+"edition.yaml", func(s string) string { return strings.Replace(s, "subtitle:", "subtitel:", 1) })
		}, `^source/civil-society/en/edition\.yaml:2:1: error: unknown key "subtitel": did you mean "subtitle"\? \(known keys: .*\)\nfolio build: 1 error`},
		{"mistyped note reference, no translation-check cascade", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return strings.Replace(s, "capital city.[^2]", "capital city.[^9]", 1) })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:18:\d+: error: footnote \[\^9\] is not defined.*\n` +
			`source/civil-society/en/01-what-is-civil-society\.md:40:1: error: footnote \[\^2\] is never referred to.*\nfolio build: 2 error`},
		{"broken internal link", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return s + "\nSee [the box](#no-such-box).\n" })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:5: error: link to #no-such-box`},
		{"title with a character the font lacks", func(t *testing.T, p *project) {
			p.edit(t, en+"edition.yaml", func(s string) string { return strings.Replace(s, "title: ", "title: 市民社会 ", 1) })
		}, `(?m)^source/civil-society/en/edition\.yaml:1:8: error: the font LiberationSans-Bold has no glyph for "市"`},
		// issue 20: metadata set on the cover and the back page, at its YAML key
		{"an emoji in a quoted title", func(t *testing.T, p *project) {
			p.edit(t, en+"edition.yaml", func(s string) string {
				return strings.Replace(s, `title: "Civil Society"`, `title: "Civil 🙂 Society"`, 1)
			})
		}, `^source/civil-society/en/edition\.yaml:1:15: error: the font LiberationSans-Bold has no glyph for "🙂" \(U\+1F642\)`},
		{"an emoji in the publisher", func(t *testing.T, p *project) {
			p.edit(t, "source/civil-society/publication.yaml", func(s string) string {
				return regexp.MustCompile(`(?m)^publisher: .*$`).ReplaceAllString(s, "publisher: DCAF 🙂")
			})
		}, `(?m)^source/civil-society/publication\.yaml:\d+:17: error: the font LiberationSans(-Bold)? has no glyph for "🙂" \(U\+1F642\)`},
		{"a title too long for the cover", func(t *testing.T, p *project) {
			p.edit(t, en+"edition.yaml", func(s string) string {
				return strings.Replace(s, `title: "Civil Society"`, `title: "`+strings.Repeat("Civil Society and Its Many Roles ", 12)+`"`, 1)
			})
		}, `(?m)^source/civil-society/en/edition\.yaml:1:1: error: the title and subtitle need \d+ mm on the cover, which has \d+ mm below its band: shorten it`},
		{"section without a title", func(t *testing.T, p *project) {
			p.edit(t, en+"05-what-challenges-does-civil-society-face.md", func(s string) string {
				return regexp.MustCompile(`(?m)^#+ .*\n`).ReplaceAllString(s, "")
			})
		}, `(?m)^source/civil-society/en/05-what-challenges-does-civil-society-face\.md:1:1: error: the section has no title`},
		{"font family not in the manifest", func(t *testing.T, p *project) {
			p.edit(t, "layouts/base.yaml", func(s string) string {
				return strings.Replace(s, "body:      {font: serif", "body:      {font: brand", 1)
			})
		}, `(?m)^layouts/base\.yaml:\d+:\d+: error: text: body: no font family "brand" in fonts/fonts\.yaml`},
		{"table too wide for the page", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string {
				return s + "\n" + strings.Repeat("| Column ", 16) + "|\n" + strings.Repeat("|---", 16) + "|\n" + strings.Repeat("| value ", 16) + "|\n"
			})
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:3: error: the table needs \d+ mm but the text block is 118 mm wide, even with its text at 7 pt \(the layout's table\.min-size\)`},
		{"footnote longer than a page", func(t *testing.T, p *project) {
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string {
				return s + "\nA claim.[^long]\n\n[^long]: " + strings.Repeat("A note that goes on and on. ", 500) + "\n"
			})
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:\d+: error: footnote \d+ needs \d+ mm with the line that calls it, but the text block is 251 mm high`},
		// issue 20: one rule for the files folio reads, and no hang
		{"a section that is a FIFO", func(t *testing.T, p *project) {
			replace(t, p.path(en+"05-what-challenges-does-civil-society-face.md"), fifo)
		}, `^source/civil-society/en/05-what-challenges-does-civil-society-face\.md: error: the file is a FIFO \(named pipe\): folio reads only regular files inside their folder\nfolio build: 1 error`},
		{"a section linked from outside the source folder", func(t *testing.T, p *project) {
			outside := p.path("secret.md")
			os.WriteFile(outside, []byte("# Secret\n\nNot to be published.\n"), 0o644)
			replace(t, p.path(en+"05-what-challenges-does-civil-society-face.md"), link(outside))
		}, `^source/civil-society/en/05-what-challenges-does-civil-society-face\.md: error: the file is a link to outside source/: folio reads only regular files inside their folder\nfolio build: 1 error`},
		{"a section linked to /dev/zero", func(t *testing.T, p *project) {
			replace(t, p.path(en+"05-what-challenges-does-civil-society-face.md"), link("/dev/zero"))
		}, `^source/civil-society/en/05-what-challenges-does-civil-society-face\.md: error: the file is a link to outside source/`},
		{"edition.yaml linked from outside the source folder", func(t *testing.T, p *project) {
			data, _ := os.ReadFile(p.path(en + "edition.yaml"))
			os.WriteFile(p.path("edition.yaml"), data, 0o644)
			replace(t, p.path(en+"edition.yaml"), link("../../../edition.yaml"))
		}, `^source/civil-society/en/edition\.yaml: error: the file is a link to outside source/`},
		{"a folder named as a section", func(t *testing.T, p *project) {
			os.Mkdir(p.path(en+"06-folder.md"), 0o755)
		}, `^source/civil-society/en/06-folder\.md: error: the file is a folder: folio reads only regular files inside their folder\nfolio build: 1 error`},
		{"a layout that is a FIFO", func(t *testing.T, p *project) {
			replace(t, p.path("layouts/backgrounder.yaml"), fifo)
		}, `^layouts/backgrounder\.yaml: error: the file is a FIFO \(named pipe\)`},
		{"a words file linked from outside the layouts", func(t *testing.T, p *project) {
			data, _ := os.ReadFile(p.path("layouts/i18n/fr.yaml"))
			os.WriteFile(p.path("fr.yaml"), data, 0o644)
			replace(t, p.path("layouts/i18n/fr.yaml"), link("../../fr.yaml"))
		}, `(?m)^layouts/i18n/fr\.yaml: error: the file is a link to outside layouts/`},
		{"a font linked from outside the fonts folder", func(t *testing.T, p *project) {
			os.WriteFile(p.path("Brand.ttf"), []byte("not even a font"), 0o644)
			os.Symlink("../Brand.ttf", p.path("fonts/Brand.ttf"))
			p.edit(t, "fonts/fonts.yaml", func(s string) string { return s + "  brand: {regular: Brand.ttf}\n" })
		}, `^fonts/fonts\.yaml:\d+:3: error: family brand: Brand\.ttf: the file is a link to outside fonts/`},
		{"an image that is a FIFO", func(t *testing.T, p *project) {
			fifo(p.path("source/civil-society/images/pipe.png"))
			p.edit(t, en+"01-what-is-civil-society.md", func(s string) string { return s + "\n![A pipe](images/pipe.png)\n" })
		}, `^source/civil-society/en/01-what-is-civil-society\.md:\d+:1: error: image images/pipe\.png: the file is a FIFO \(named pipe\)`},
		{"a termbase that is a FIFO", func(t *testing.T, p *project) {
			replace(t, p.path("source/civil-society/terms.yaml"), fifo)
		}, `^source/civil-society/terms\.yaml: error: the file is a FIFO \(named pipe\)`},
		// issue 20: a section's own fatal error suppresses what depends on it
		{"nesting deeper than 8, and nothing else", func(t *testing.T, p *project) {
			p.edit(t, en+"05-what-challenges-does-civil-society-face.md", func(s string) string { return ">>>>>>>>> Too deep.\n\n" + s })
		}, `^source/civil-society/en/05-what-challenges-does-civil-society-face\.md:1:11: error: lists and quotes nest more than 8 deep here: no page can indent them; flatten them\nfolio build: 1 error`},
		{"a front matter title that cannot be read, and nothing else", func(t *testing.T, p *project) {
			p.edit(t, en+"05-what-challenges-does-civil-society-face.md", func(s string) string {
				return "---\ntitle: [What challenges\n---\n" + regexp.MustCompile(`(?m)^# .*\n`).ReplaceAllString(s, "")
			})
		}, `^source/civil-society/en/05-what-challenges-does-civil-society-face\.md:2:1: error: invalid YAML: did not find expected ',' or ']'\nfolio build: 1 error`},
		{"a front matter title of the wrong type, and nothing else", func(t *testing.T, p *project) {
			p.edit(t, en+"05-what-challenges-does-civil-society-face.md", func(s string) string {
				return "---\ntitle: [What, challenges]\n---\n" + regexp.MustCompile(`(?m)^# .*\n`).ReplaceAllString(s, "")
			})
		}, `^source/civil-society/en/05-what-challenges-does-civil-society-face\.md:2:8: error: title: expected text, got a list\nfolio build: 1 error`},
		// issue 20: layout numbers within bounds, at their key
		{"a signature that hung the build", func(t *testing.T, p *project) {
			p.edit(t, "layouts/backgrounder.yaml", func(s string) string { return s + "pages: {signature: 1000000}\n" })
		}, `^layouts/backgrounder\.yaml:\d+:20: error: pages: signature is the number of pages the page count is a multiple of: 1, 2, or a multiple of 4 up to 64 \(a folded sheet\), not 1000000\nfolio build: 1 error`},
		{"negative leading", func(t *testing.T, p *project) {
			p.edit(t, "layouts/backgrounder.yaml", func(s string) string { return strings.Replace(s, "leading: 15.5", "leading: -15.5", 1) })
		}, `^layouts/backgrounder\.yaml:16:31: error: text: body: leading is above 0 to 300 pt, not -15\.5\nfolio build: 1 error`},
		{"negative bleed", func(t *testing.T, p *project) {
			p.edit(t, "layouts/base.yaml", func(s string) string { return strings.Replace(s, "bleed: 3", "bleed: -3", 1) })
		}, `^layouts/base\.yaml:7:10: error: page: bleed is from 0 to 25 mm, not -3\nfolio build: 1 error`},
		{"a page larger than a PDF's", func(t *testing.T, p *project) {
			p.edit(t, "layouts/base.yaml", func(s string) string { return strings.Replace(s, "size: A4", "width: 10000\n  height: 297", 1) })
		}, `^layouts/base\.yaml:5:10: error: page: width is from 20 to 5000 mm, not 10000\nfolio build: 1 error`},
		// issue 22: cross-references
		{"an unresolved cross-reference", func(t *testing.T, p *project) {
			p.edit(t, en+"05-what-challenges-does-civil-society-face.md", func(s string) string { return s + "\nSee @fig-missing.\n" })
			p.edit(t, "source/civil-society/fr/05-defis-de-la-societe-civile.md", func(s string) string { return s + "\nVoir la @fig-missing.\n" })
		}, `(?m)^source/civil-society/en/05-what-challenges-does-civil-society-face\.md:\d+:5: error: reference @fig-missing: no figure has the id #fig-missing in this edition`},
		{"a cross-reference to another kind", func(t *testing.T, p *project) {
			for _, f := range []string{en + "02-how-can-civil-society-improve-ssg.md", en + "03-working-with-civil-society.md",
				"source/civil-society/fr/02-contribution-a-la-gss.md", "source/civil-society/fr/03-collaboration-avec-la-societe-civile.md"} {
				p.edit(t, f, func(s string) string { return strings.ReplaceAll(s, "sec-oversight", "fig-oversight") })
			}
		}, `(?m)^source/civil-society/en/03-working-with-civil-society\.md:\d+:\d+: error: reference @fig-oversight: #fig-oversight is a heading's id \(source/civil-society/en/02-how-can-civil-society-improve-ssg\.md:15:1\), not a figure's`},
		{"a duplicate id", func(t *testing.T, p *project) {
			p.edit(t, en+"05-what-challenges-does-civil-society-face.md", func(s string) string { return s + "\n## Again {#fig-actors}\n" })
			p.edit(t, "source/civil-society/fr/05-defis-de-la-societe-civile.md", func(s string) string { return s + "\n## Encore {#fig-actors}\n" })
		}, `(?m)^source/civil-society/en/05-what-challenges-does-civil-society-face\.md:\d+:1: error: id "fig-actors" is already used at source/civil-society/en/01-what-is-civil-society\.md:36:1`},
		{"unknown layout", func(t *testing.T, p *project) {
			p.edit(t, "source/civil-society/publication.yaml", func(s string) string { return strings.Replace(s, "layout: backgrounder", "layout: brochure", 1) })
		}, `^source/civil-society/publication\.yaml:1:9: error: layout "brochure" not found: not in layouts/ nor built in \(folio layouts lists them\)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProject(t)
			// an earlier good build must survive a failed one
			old := p.path("output/civil-society/civil-society.en.pdf")
			os.MkdirAll(filepath.Dir(old), 0o755)
			os.WriteFile(old, []byte("earlier build"), 0o644)
			tt.edit(t, p)
			code, stdout, stderr := p.folioAt(t, "build")
			if code != 1 {
				t.Errorf("exit status %d, want 1\nstderr:\n%s", code, stderr)
			}
			if !regexp.MustCompile(tt.want).MatchString(stderr) {
				t.Errorf("stderr does not match %s:\n%s", tt.want, stderr)
			}
			if strings.Contains(stderr, "panic") || stdout != "" {
				t.Errorf("stdout %q / stderr %q", stdout, stderr)
			}
			if data, _ := os.ReadFile(old); string(data) != "earlier build" {
				t.Error("the failed build changed an earlier output")
			}
			entries, _ := os.ReadDir(filepath.Dir(old))
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("the failed build left files: %v", names)
			}
			// check finds the same problem and also writes nothing
			diagnostics := func(s string) string { return s[:strings.LastIndex(strings.TrimSuffix(s, "\n"), "\n")+1] }
			if code, _, stderr2 := p.folioAt(t, "check"); code != 1 || diagnostics(stderr2) != diagnostics(stderr) {
				t.Errorf("check: exit %d, stderr differs from build's:\n%s", code, stderr2)
			}
		})
	}
}

// TestSpecialFilesUnused: a FIFO, a device or a link out of the project
// anywhere in the folders folio reads, unused, neither hangs nor fails a
// build or check, with the cache (whose key walks every folder) or without;
// a link that stays inside its folder is followed.
func TestSpecialFilesUnused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		make func(p *project) error
		want string // in stdout
	}{
		{"a FIFO in a publication folder", func(p *project) error { return fifo(p.path("source/civil-society/pipe")) }, ""},
		{"a FIFO in a language folder", func(p *project) error { return fifo(p.path("source/civil-society/en/.pipe")) }, ""},
		{"a FIFO in the layouts", func(p *project) error { return fifo(p.path("layouts/i18n/pipe")) }, ""},
		{"a FIFO in the fonts", func(p *project) error { return fifo(p.path("fonts/pipe.ttf")) }, ""},
		{"/dev/zero linked in a publication folder", func(p *project) error { return os.Symlink("/dev/zero", p.path("source/civil-society/images/zero.png")) }, ""},
		{"/dev/zero linked in the layouts", func(p *project) error { return os.Symlink("/dev/zero", p.path("layouts/zero.yaml")) }, ""},
		{"/dev/zero linked in the fonts", func(p *project) error { return os.Symlink("/dev/zero", p.path("fonts/zero.ttf")) }, ""},
		{"a link to the root folder", func(p *project) error { return os.Symlink("/", p.path("source/civil-society/root")) }, ""},
		{"a link loop", func(p *project) error { return os.Symlink("..", p.path("source/civil-society/images/up")) }, ""},
		{"a section linked inside the source folder", func(p *project) error {
			en := p.path("source/civil-society/en/05-what-challenges-does-civil-society-face.md")
			if err := os.Rename(en, p.path("source/shared.md")); err != nil {
				return err
			}
			return os.Symlink("../../shared.md", en)
		}, "civil-society.en.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProject(t)
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"check", "--cache", ""}, {"build", "--cache", "cache"}, {"build", "--cache", "cache"}} {
				code, stdout, stderr := p.folioAt(t, args...)
				if code != 0 || stderr != "" || !strings.Contains(stdout, tt.want) {
					t.Errorf("folio %v: exit %d, stdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
				}
			}
		})
	}
}

// TestCacheFaults: a cache folder that cannot be read or written is one
// warning, and the build goes on without it: every edition written, exit 0,
// even with --strict.
func TestCacheFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		make  func(t *testing.T, p *project) error
		cache string
	}{
		{"--cache naming a file", func(t *testing.T, p *project) error { return os.WriteFile(p.path("cache"), []byte("a file"), 0o644) }, "cache"},
		{"--cache under a file", func(t *testing.T, p *project) error { return os.WriteFile(p.path("file"), []byte("a file"), 0o644) }, "file/cache"},
		{"the records' folder a file", func(t *testing.T, p *project) error {
			os.Mkdir(p.path("cache"), 0o755)
			return os.WriteFile(p.path("cache/publications"), []byte("a file"), 0o644)
		}, "cache"},
		{"a record a FIFO", func(t *testing.T, p *project) error {
			// where the first build keeps the publication's record
			if code, _, stderr := p.folioAt(t, "build", "--strict", "--cache", "cache"); code != 0 {
				return fmt.Errorf("first build: %s", stderr)
			}
			records, _ := filepath.Glob(p.path("cache/publications/*/*.json"))
			if len(records) != 1 {
				return fmt.Errorf("%d records", len(records))
			}
			os.Remove(records[0])
			return fifo(records[0])
		}, "cache"},
		{"the memos' folder a FIFO", func(t *testing.T, p *project) error {
			os.Mkdir(p.path("cache"), 0o755)
			return fifo(p.path("cache/programs"))
		}, "cache"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProject(t)
			if err := tt.make(t, p); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"build", "--strict"}, {"check", "--strict"}} {
				code, stdout, stderr := p.folioAt(t, append(args, "--cache", tt.cache)...)
				if code != 0 || strings.Count(stderr, "warning: the cache could not be used, so the build went on without it: ") != 1 ||
					strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, tt.cache+": warning: ") {
					t.Errorf("folio %v: exit %d, stderr:\n%s\nwant exit 0 and one warning", args, code, stderr)
				}
				if strings.Contains(stderr, "the file is") && !strings.Contains(stderr, "cache/") {
					t.Errorf("folio %v: the warning does not name the cache's file:\n%s", args, stderr)
				}
				// 6 PDFs and EPUBs, 20 files of the web edition, 6 series' pages
				if args[0] == "build" && strings.Count(stdout, "wrote ") != 32 {
					t.Errorf("folio %v: stdout:\n%s\nwant 32 files written", args, stdout)
				}
			}
		})
	}
}

// TestOutInsidePublication: an output folder inside a publication folder
// is warned about and left out of what folio reads, so the cache still hits.
func TestOutInsidePublication(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	for i, want := range []string{"wrote source/civil-society/out/civil-society/civil-society.en.pdf (", "cached, unchanged)"} {
		code, stdout, stderr := p.folioAt(t, "build", "--out", "source/civil-society/out", "--cache", "cache")
		if code != 0 || stderr != "source/civil-society/out: warning: the output folder is inside the source folder source: folio leaves it out of what it reads, but keep it outside\n" {
			t.Errorf("build %d: exit %d, stderr:\n%s", i+1, code, stderr)
		}
		if strings.Count(stdout, want) != 26 && !(i == 0 && strings.Contains(stdout, want)) { // the editions' files, the web edition's too
			t.Errorf("build %d: stdout:\n%s\nwant %q", i+1, stdout, want)
		}
	}
}

// TestWarnings: a warning is reported in the same form but the build succeeds.
func TestWarnings(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	m := image.NewGray(image.Rect(0, 0, 600, 300))
	f, _ := os.Create(p.path("source/civil-society/images/small.png"))
	png.Encode(f, m)
	f.Close()
	p.edit(t, "source/civil-society/en/01-what-is-civil-society.md", func(s string) string {
		return s + "\n![A small grey picture](images/small.png \"Small\")\n"
	})
	code, stdout, stderr := p.folioAt(t, "build", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := regexp.MustCompile(`(?m)^source/civil-society/en/01-what-is-civil-society\.md:\d+:1: warning: image images/small\.png prints at \d+ ppi`)
	if !want.MatchString(stderr) {
		t.Errorf("stderr:\n%s", stderr)
	}
	if !strings.Contains(stdout, "civil-society.en.pdf") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

// TestEveryProblem: one run reports problems of every stage, not just the first.
func TestEveryProblem(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	p.edit(t, "source/civil-society/en/01-what-is-civil-society.md", func(s string) string {
		return s + "\nSome <b>html</b>.\n\nPeace: 和平.\n"
	})
	p.edit(t, "source/civil-society/fr/edition.yaml", func(s string) string { return s + "colour: bleu\n" })
	code, _, stderr := p.folioAt(t, "check")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"raw HTML", "no glyph for \"和\"", "unknown key \"colour\""} {
		if !strings.Contains(stderr, want) {
			t.Errorf("%q not reported:\n%s", want, stderr)
		}
	}
}

// TestReportPath: a report's folder is made when missing; a report that
// cannot be written is an error that hides none of the diagnostics.
func TestReportPath(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	if code, _, stderr := p.folioAt(t, "check", "--report", "reports/new/r.json"); code != 0 || !fileExists(p.path("reports/new/r.json")) {
		t.Errorf("report in a new folder: exit %d, %s", code, stderr)
	}
	p.edit(t, "source/civil-society/en/01-what-is-civil-society.md", func(s string) string { return s + "\nSome <b>html</b>.\n" })
	if err := os.WriteFile(p.path("file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := p.folioAt(t, "check", "--report", "file/r.json")
	if code != 1 || !strings.Contains(stderr, "raw HTML") || !strings.Contains(stderr, "--report:") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1, the content error and the report's", code, stderr)
	}
	// a folder: bad usage, said before anything is built, and nothing left behind
	if err := os.Mkdir(p.path("rep"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := p.folioAt(t, "build", "--report", "rep")
	if code != 2 || stdout != "" || stderr != "folio build: --report: rep is a folder: give the report's file name (rep/report.json)\n" {
		t.Errorf("--report naming a folder: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if fileExists(p.path("rep.tmp")) || fileExists(p.path("output")) {
		t.Error("--report naming a folder left rep.tmp or outputs behind")
	}
	// a folder made while the build runs: the report's error, and no rep.tmp
	if err := writeReport(p.path("rep"), "build", &build.Result{}); err == nil || fileExists(p.path("rep.tmp")) {
		t.Errorf("writing a report over a folder: %v; rep.tmp left: %v", err, fileExists(p.path("rep.tmp")))
	}
}

// TestReportDiagnostics: the report gives each diagnostic as the command
// line does, in JSON: position, severity by name, message; those of no
// publication (a fonts folder --fonts names that does not exist) are listed too.
func TestReportDiagnostics(t *testing.T) {
	type diagnostic struct {
		Pos struct {
			File string `json:"file"`
			Line int    `json:"line"`
		} `json:"pos"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
	}
	var rep struct {
		Errors       int          `json:"errors"`
		Warnings     int          `json:"warnings"`
		Diagnostics  []diagnostic `json:"diagnostics"`
		Publications []struct {
			Diagnostics []diagnostic `json:"diagnostics"`
		} `json:"publications"`
	}
	read := func(p *project) {
		t.Helper()
		data, err := os.ReadFile(p.path("r.json"))
		if err != nil {
			t.Fatal(err)
		}
		rep.Diagnostics, rep.Publications = nil, nil
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatal(err)
		}
	}
	p := newProject(t)
	p.edit(t, "source/civil-society/en/edition.yaml", func(s string) string { return s + "colour: blue\n" })
	if code, _, stderr := p.folio(t, "check", "--report", "r.json"); code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	read(p)
	if len(rep.Publications) != 1 || len(rep.Publications[0].Diagnostics) != 1 || len(rep.Diagnostics) != 0 {
		t.Fatalf("report: %+v", rep)
	}
	d := rep.Publications[0].Diagnostics[0]
	if d.Severity != "error" || d.Pos.File != "source/civil-society/en/edition.yaml" || d.Pos.Line == 0 || !strings.Contains(d.Message, "colour") {
		t.Errorf("diagnostic: %+v", d)
	}
	p.folio(t, "check", "--report", "r.json", "--fonts", "no-such-folder")
	read(p)
	if rep.Errors != 1 || len(rep.Diagnostics) != 1 || rep.Diagnostics[0].Severity != "error" || rep.Diagnostics[0].Message == "" {
		t.Errorf("no fonts: %+v", rep)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "Usage:"},
		{[]string{"publish"}, 2, `unknown command "publish"`},
		{[]string{"build", "--colour"}, 2, "flag provided but not defined: -colour"},
		{[]string{"build", "--format", "docx"}, 2, `unknown format "docx"`},
		{[]string{"build", "--help"}, 0, "--lang"},
		{[]string{"check", "-h"}, 0, "writes nothing"},
		{[]string{"version"}, 0, "; " + runtime.Version() + " "},
		{[]string{"version", "--help"}, 0, "Usage: folio version"},
		{[]string{"version", "x"}, 2, "unexpected argument"},
		{[]string{"help", "check"}, 0, "Usage: folio check"},
		{[]string{"build", "no-such-publication"}, 1, "no publication \"no-such-publication\""},
		{[]string{"check", "--lang", "de"}, 1, "source: error: nothing to build: no edition in de\nsource/civil-society/publication.yaml:2:12: warning: no de edition: the languages are en, fr"},
	}
	p := newProject(t)
	for _, tt := range tests {
		code, stdout, stderr := p.folio(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("folio %v: exit %d, output:\n%s%s\nwant exit %d and %q", tt.args, code, stdout, stderr, tt.code, tt.want)
		}
	}
}

func TestBuildSelection(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	code, stdout, stderr := p.folioAt(t, "build", "civil-society", "--lang", "fr", "--format", "epub", "--out", "dist")
	if code != 0 {
		t.Fatal(stderr)
	}
	if strings.TrimSpace(stdout) == "" || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, "dist/civil-society/civil-society.fr.epub") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

// TestReportQuietAndCache: --quiet prints nothing on success, --report writes
// every edition's status, and a second build with the same cache takes every
// edition from it and rewrites nothing.
// TestReportEmptyShard: the report of a shard assigned no publication lists
// them as [], not null, so that `jq '.publications[]'` reads it.
func TestReportEmptyShard(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	empty := 0
	for _, shard := range []string{"1/2", "2/2"} {
		code, _, stderr := p.folioAt(t, "check", "--quiet", "--cache", "", "--shard", shard, "--report", "r.json")
		if code != 0 {
			t.Fatalf("--shard %s: exit %d\n%s", shard, code, stderr)
		}
		data, err := os.ReadFile(p.path("r.json"))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("null")) {
			t.Errorf("--shard %s: the report has a null:\n%s", shard, data)
		}
		if bytes.Contains(data, []byte(`"publications": []`)) {
			empty++
		}
	}
	if empty != 1 {
		t.Errorf("%d of the two shards of one publication were empty, want 1", empty)
	}
}

func TestReportQuietAndCache(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	code, stdout, stderr := p.folioAt(t, "build", "--quiet", "--cache", "cache", "--report", "report.json")
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	var rep struct {
		Errors       int `json:"errors"`
		Publications []struct {
			ID       string `json:"id"`
			Editions []struct {
				Lang    string `json:"lang"`
				Status  string `json:"status"`
				Outputs []struct {
					Path string `json:"path"`
				} `json:"outputs"`
				Typesetting *struct {
					Pages            int `json:"pages"`
					Lines            int `json:"lines"`
					HyphenatedLines  int `json:"hyphenated-lines"`
					LongestHyphenRun int `json:"longest-hyphen-run"`
					Overfull         int `json:"overfull-lines"`
					Emergency        int `json:"emergency-lines"`
				} `json:"typesetting"`
			} `json:"editions"`
		} `json:"publications"`
	}
	read := func() {
		data, err := os.ReadFile(p.path("report.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatal(err)
		}
	}
	read()
	if len(rep.Publications) != 1 || len(rep.Publications[0].Editions) != 2 {
		t.Fatalf("report: %+v", rep)
	}
	for _, e := range rep.Publications[0].Editions {
		if e.Status != "built" || len(e.Outputs) != 13 { // PDFs, EPUB, the web edition's 10
			t.Errorf("%s: status %s, %d outputs", e.Lang, e.Status, len(e.Outputs))
		}
	}
	code, stdout, _ = p.folioAt(t, "build", "--cache", "cache", "--report", "report.json")
	if code != 0 || strings.Count(stdout, "(") != 32 || strings.Count(stdout, "cached, unchanged") != 26 {
		t.Errorf("second build: exit %d, stdout:\n%s", code, stdout)
	}
	read()
	for _, e := range rep.Publications[0].Editions {
		if e.Status != "cached" {
			t.Errorf("%s: status %s, want cached", e.Lang, e.Status)
		}
		// the typesetting figures, kept in the cache with the files
		ts := e.Typesetting
		if ts == nil || ts.Pages < 10 || ts.Lines < 200 || ts.HyphenatedLines == 0 || ts.LongestHyphenRun > 2 || ts.Overfull != 0 || ts.Emergency != 0 {
			t.Errorf("%s: typesetting figures %+v", e.Lang, ts)
		}
	}
}

// TestPrinterOrder: files are printed in the order publications were named,
// whatever order they finish in.
func TestPrinterOrder(t *testing.T) {
	var out bytes.Buffer
	p := &printer{out: &out, status: io.Discard, finished: map[int]build.PubReport{}, running: map[int]string{}}
	pub := func(id string) build.PubReport {
		return build.PubReport{ID: id, Editions: []build.EditionReport{{Lang: "en", Status: "built", Outputs: []build.Output{{Path: id + ".pdf"}}}}}
	}
	for _, i := range []int{2, 0, 1} {
		p.progress(build.Progress{Index: i, Total: 3, Started: true, Publication: build.PubReport{ID: string(rune('a' + i))}})
	}
	for _, i := range []int{2, 0, 1} {
		p.progress(build.Progress{Index: i, Total: 3, Publication: pub(string(rune('a' + i)))})
	}
	if got, want := out.String(), "wrote a.pdf\nwrote b.pdf\nwrote c.pdf\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestPrinterAfterStop: a watch build stopped by a change, which had begun
// (and finished) publications, leaves nothing in the printer: the next
// build's files are printed from its first publication on.
func TestPrinterAfterStop(t *testing.T) {
	var out bytes.Buffer
	p := &printer{out: &out, status: io.Discard, onlyBuilt: true, finished: map[int]build.PubReport{}, running: map[int]string{}}
	failed := build.PubReport{ID: "a", Editions: []build.EditionReport{{Lang: "fr", Status: "failed"}}}
	built := build.PubReport{ID: "a", Editions: []build.EditionReport{{Lang: "fr", Status: "built", Outputs: []build.Output{{Path: "a.fr.pdf"}}}}}
	p.progress(build.Progress{Index: 0, Total: 2, Started: true, Publication: build.PubReport{ID: "a"}})
	p.progress(build.Progress{Index: 1, Total: 2, Started: true, Publication: build.PubReport{ID: "b"}})
	p.progress(build.Progress{Index: 0, Total: 2, Publication: failed, Done: 1}) // then the build was stopped
	p.stopped()
	p.progress(build.Progress{Index: 0, Total: 1, Started: true, Publication: build.PubReport{ID: "a"}})
	p.progress(build.Progress{Index: 0, Total: 1, Publication: built, Done: 1})
	if got, want := out.String(), "wrote a.fr.pdf\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
