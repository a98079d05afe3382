package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/pdf/pdftest"
	"github.com/folio-pub/folio/internal/testtool"
)

const fr = "source/civil-society/fr/"

// TestCheckSampleClean: the sample, termbase included, has nothing to report.
func TestCheckSampleClean(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	for _, args := range [][]string{{"check"}, {"check", "--strict"}, {"check", "--lang", "fr"}} {
		if code, _, stderr := p.folioAt(t, args...); code != 0 || stderr != "" {
			t.Errorf("folio %v: exit %d\n%s", args, code, stderr)
		}
	}
}

// TestTranslationMistakes: what a translator may get wrong makes check and
// build fail, saying what and where: the translation's file:line, and the
// original's in the message.
func TestTranslationMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(t *testing.T, p *project)
		want []string // regexps the diagnostics must match
	}{
		{"deleted French section", func(t *testing.T, p *project) {
			os.Remove(p.path(fr + "04-quand-la-societe-civile-aggrave-l-insecurite.md"))
		}, []string{`(?m)^source/civil-society/fr: error: parity/missing-section: section 04 of the original \(source/civil-society/en/04-when-civil-society-makes-insecurity-worse\.md:1:1\) has no fr translation`}},
		{"changed year", func(t *testing.T, p *project) {
			p.edit(t, fr+"04-quand-la-societe-civile-aggrave-l-insecurite.md", func(s string) string { return strings.Replace(s, "en 1994", "en 1995", 1) })
		}, []string{`(?m)^source/civil-society/fr/04-quand-la-societe-civile-aggrave-l-insecurite\.md:7:1: error: parity/numbers: 1994 is in the original \(source/civil-society/en/04-when-civil-society-makes-insecurity-worse\.md:7:1\) and not here$`}},
		{"abstract of another publication", func(t *testing.T, p *project) {
			p.edit(t, fr+"00-a-propos.md", func(s string) string {
				return regexp.MustCompile(`(?m)^La société civile fait entrer.*$`).ReplaceAllString(s,
					"Ce document d'information sur la RSS traite de l'application des principes de bonne gouvernance du secteur de la sécurité (GSS) à la police, par le biais de la réforme de la police.")
			})
		}, []string{
			`(?m)^source/civil-society/fr/00-a-propos\.md:6:1: error: terms/missing: "civil society" in the original \(source/civil-society/en/00-about\.md:6:1\) is not rendered here: expected "société civile"$`,
			`(?m)^source/civil-society/fr/00-a-propos\.md:6:1: warning: terms/extra: "gouvernance du secteur de la sécurité" here`,
		}},
		{"avoided term", func(t *testing.T, p *project) {
			p.edit(t, fr+"01-qu-est-ce-que-la-societe-civile.md", func(s string) string {
				return strings.Replace(s, "principes de redevabilité", "principes d'accountabilité", 1)
			})
		}, []string{`(?m)^source/civil-society/fr/01-qu-est-ce-que-la-societe-civile\.md:29:1: error: terms/avoid: "accountabilité" is a form to avoid \(source/civil-society/terms\.yaml:\d+:\d+\): write "redevabilité" or "obligation de rendre des comptes"$`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProject(t)
			tt.edit(t, p)
			for _, cmd := range []string{"check", "build"} {
				code, stdout, stderr := p.folioAt(t, cmd)
				if code != 1 || stdout != "" {
					t.Errorf("%s: exit %d, stdout %q", cmd, code, stdout)
				}
				for _, w := range tt.want {
					if !regexp.MustCompile(w).MatchString(stderr) {
						t.Errorf("%s: stderr does not match %s:\n%s", cmd, w, stderr)
					}
				}
			}
			if _, err := os.Stat(p.path("output/civil-society")); err == nil {
				t.Error("a build with errors wrote files")
			}
		})
	}
}

// TestAccept: a finding listed under accept in the translation's edition.yaml
// is not reported; an entry that matches nothing is.
func TestAccept(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	p.edit(t, fr+"04-quand-la-societe-civile-aggrave-l-insecurite.md", func(s string) string { return strings.Replace(s, "en 1994", "en 1995", 1) })
	p.edit(t, fr+"edition.yaml", func(s string) string {
		return s + "accept:\n  - {code: parity/numbers, section: 4, subject: \"1994\"}\n"
	})
	if code, _, stderr := p.folioAt(t, "check"); code != 0 || stderr != "" {
		t.Errorf("accepted: exit %d\n%s", code, stderr)
	}
	p.edit(t, fr+"04-quand-la-societe-civile-aggrave-l-insecurite.md", func(s string) string { return strings.Replace(s, "en 1995", "en 1994", 1) })
	code, _, stderr := p.folioAt(t, "check")
	if want := "source/civil-society/fr/edition.yaml:18:5: warning: accept: no parity/numbers finding matches this entry: remove it\n"; code != 0 || stderr != want {
		t.Errorf("stale accept entry: exit %d\n%s\nwant\n%s", code, stderr, want)
	}
	if code, _, _ := p.folioAt(t, "check", "--strict"); code != 1 {
		t.Errorf("--strict: exit %d, want 1", code)
	}
	// a section with an error of its own is not compared: the entry for it
	// is not called stale, and the error is the one message
	p.edit(t, fr+"04-quand-la-societe-civile-aggrave-l-insecurite.md", func(s string) string { return s + "\nSome <b>html</b>.\n" })
	p.edit(t, fr+"04-quand-la-societe-civile-aggrave-l-insecurite.md", func(s string) string { return strings.Replace(s, "en 1994", "en 1995", 1) })
	code, _, stderr = p.folioAt(t, "check")
	if code != 1 || strings.Count(stderr, "\n") != 2 || !strings.Contains(stderr, "raw HTML") || strings.Contains(stderr, "accept:") {
		t.Errorf("a section with an error: exit %d\n%s\nwant its raw HTML error (one for <b>…</b>) and the summary, nothing else", code, stderr)
	}
}

// TestStrict: --strict makes a warning an error, and the build writes nothing.
func TestStrict(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	p.edit(t, fr+"edition.yaml", func(s string) string {
		return regexp.MustCompile(`(?m)^subtitle:.*\n`).ReplaceAllString(s, "")
	})
	want := "source/civil-society/fr/edition.yaml:1:1: %s: parity/metadata: subtitle is not given here; the original gives it (source/civil-society/en/edition.yaml:2:1)\n"
	code, _, stderr := p.folioAt(t, "check")
	if code != 0 || stderr != strings.Replace(want, "%s", "warning", 1) {
		t.Errorf("check: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := p.folioAt(t, "build", "--strict")
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, strings.Replace(want, "%s", "error", 1)) {
		t.Errorf("build --strict: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestAllowMissing: a French edition without one of its sections builds with
// --allow-missing, with the English section in its place, marked as English
// in the EPUB (lang on its section) and in the PDF (a /Span with /Lang).
func TestAllowMissing(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	os.Remove(p.path(fr + "04-quand-la-societe-civile-aggrave-l-insecurite.md"))
	code, stdout, stderr := p.folioAt(t, "build", "--allow-missing", "--lang", "fr")
	want := "source/civil-society/fr: warning: parity/missing-section: section 04 has no fr translation: the original's (source/civil-society/en/04-when-civil-society-makes-insecurity-worse.md:1:1) is set in its place, marked as en (--allow-missing)\n"
	if code != 0 || stderr != want {
		t.Fatalf("exit %d\n%s\nwant\n%s", code, stderr, want)
	}
	if !strings.Contains(stdout, "civil-society.fr.pdf") || !strings.Contains(stdout, "civil-society.fr.epub") {
		t.Errorf("stdout:\n%s", stdout)
	}
	files := testtool.ZipFile(t, p.path("output/civil-society/civil-society.fr.epub"))
	var borrowed string
	for name, data := range files {
		if strings.Contains(data, "When does civil society make insecurity worse?") && strings.HasPrefix(name, "EPUB/section-") {
			borrowed = data
		}
	}
	if !strings.Contains(borrowed, `<section epub:type="chapter" role="doc-chapter" lang="en" xml:lang="en"`) {
		t.Errorf("the English section is not marked as English:\n%.600s", borrowed)
	}
	if !strings.Contains(borrowed, "“government-organised non-governmental organisations”") {
		t.Error("the English section does not have English quotes")
	}
	if !strings.Contains(borrowed, `class="notes-title" id="notes-4" lang="fr" xml:lang="fr">Notes<`) {
		t.Error("the generated notes heading is not marked French")
	}
	t.Run("pdf", func(t *testing.T) {
		qdf := filepath.Join(t.TempDir(), "q.pdf")
		runTool(t, "qpdf", "--qdf", "--object-streams=disable", p.path("output/civil-society/civil-society.fr.pdf"), qdf)
		raw, _ := os.ReadFile(qdf)
		if n := bytes.Count(raw, []byte("/Span <</Lang (en)>> BDC")); n < 50 {
			t.Errorf("%d English spans in the PDF", n)
		}
		if bytes.Count(raw, []byte("BDC"))+bytes.Count(raw, []byte("BMC")) != bytes.Count(raw, []byte("EMC")) {
			t.Error("unbalanced marked content")
		}
		// and in the structure: the section, for a screen reader's voice
		if !regexp.MustCompile(`/Lang \(en\)\s*/P \d+ 0 R\s*/S /Sect`).Match(raw) {
			t.Error("no Sect element with /Lang (en)")
		}
		pdftest.AllMarked(t, p.path("output/civil-society/civil-society.fr.pdf"))
		runTool(t, "qpdf", "--check", p.path("output/civil-society/civil-society.fr.pdf"))
	})
	t.Run("epubcheck", func(t *testing.T) {
		out, err := testtool.EPUBCheck(t, p.path("output/civil-society/civil-society.fr.epub"))
		if err != nil || !strings.Contains(out, "No errors or warnings detected") {
			t.Errorf("EPUBCheck: %v\n%s", err, out)
		}
	})
}

// TestURLsAndCodeUntouched: a URL, an autolink, an e-mail address, a time and
// code typed in a French paragraph come out as typed in both formats, while
// the French rules apply around them.
func TestURLsAndCodeUntouched(t *testing.T) {
	t.Parallel()
	p := newProject(t)
	p.edit(t, fr+"05-defis-de-la-societe-civile.md", func(s string) string {
		return strings.Replace(s, "## Le secret", "Voir https://example.org/policing?lang=fr ou <https://example.org/a;b?c=d>, écrire à info@example.org, à 10:30 ; lancer `folio check ; echo ?` : 35 % des cas.\n\n## Le secret", 1)
	})
	code, _, stderr := p.folioAt(t, "build", "--lang", "fr")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := "Voir https://example.org/policing?lang=fr ou https://example.org/a;b?c=d, écrire à info@example.org, à\u00a010:30\u202f; lancer folio check ; echo ?\u00a0: 35\u202f% des cas."
	var xhtml string
	for name, data := range testtool.ZipFile(t, p.path("output/civil-society/civil-society.fr.epub")) {
		// an address is marked where a line may break in it (<wbr/>), its
		// text as typed
		if data = strings.ReplaceAll(data, "<wbr/>", ""); strings.HasPrefix(name, "EPUB/section-") && strings.Contains(data, "example.org/policing") {
			xhtml = data
		}
	}
	text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(xhtml, "")
	if !strings.Contains(text, strings.ReplaceAll(want, "&", "&amp;")) {
		t.Errorf("EPUB text:\n%s\nwant it to contain\n%s", regexp.MustCompile(`(?s).*(Voir https[^\n]*).*`).ReplaceAllString(text, "$1"), want)
	}
	if !strings.Contains(xhtml, `<a href="https://example.org/a;b?c=d">https://example.org/a;b?c=d</a>`) {
		t.Error("the autolink is not as typed")
	}
	t.Run("pdf", func(t *testing.T) {
		pdftext := runTool(t, "pdftotext", p.path("output/civil-society/civil-society.fr.pdf"), "-")
		flat := strings.Join(strings.Fields(pdftext), " ")
		for _, s := range []string{"https://example.org/policing?lang=fr", "https://example.org/a;b?c=d,", "info@example.org,", "10:30", "folio check ; echo ?"} {
			if !strings.Contains(flat, s) {
				t.Errorf("%q is not in the PDF's text as typed", s)
			}
		}
	})
}
