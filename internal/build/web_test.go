package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/series"
	"github.com/folio-pub/folio/internal/testtool"
)

// buildWeb builds cfg and returns the output folder's files by path relative to it.
func buildWeb(t *testing.T, cfg Config, ids ...string) map[string][]byte {
	t.Helper()
	res, err := Run(context.Background(), cfg, ids)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.Error())
	}
	return readTree(t, cfg.Out)
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var (
	attrURL  = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	idAttr   = regexp.MustCompile(`\sid="([^"]*)"`)
	external = regexp.MustCompile(`<link[^>]*rel="stylesheet"[^>]*href="https?:|<script[^>]*src=|@import|url\(["']?https?:`)
)

// checkLinks reports every local link or image of the HTML pages that leads
// to no file or to no element of its page, and every stylesheet, script or
// font that is not the site's own.
func checkLinks(t *testing.T, files map[string][]byte) {
	t.Helper()
	ids := map[string]map[string]bool{}
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			ids[name] = map[string]bool{}
			for _, m := range idAttr.FindAllSubmatch(data, -1) {
				ids[name][string(m[1])] = true
			}
		}
	}
	links := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".css") {
			continue
		}
		if m := external.Find(data); m != nil {
			t.Errorf("%s: a stylesheet, script or font from elsewhere: %s", name, m)
		}
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range attrURL.FindAllSubmatch(data, -1) {
			u := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "mailto:") || u == "data:," {
				continue // a link out of the site, in the text
			}
			links++
			file, frag, _ := strings.Cut(u, "#")
			target := name
			if file != "" {
				target = filepath.ToSlash(filepath.Join(filepath.Dir(name), file))
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: %s leads to no file", name, u)
				continue
			}
			if frag != "" && !ids[target][frag] {
				t.Errorf("%s: %s leads to no element of %s", name, u, target)
			}
		}
	}
	if links < 50 {
		t.Errorf("only %d local links and images checked", links)
	}
}

// TestWebEdition builds the sample's web edition: the series' pages, the
// publication pages and the reading editions, every link and image of them
// leading somewhere, nothing loaded from elsewhere; the French publication
// page has the French about text and questions, not the English ones (the
// seed's own page had another publication's abstract in French); the Nu HTML
// Checker and axe-core find nothing.
func TestWebEdition(t *testing.T) {
	t.Parallel()
	out, _ := sharedBuild(t, "sample") // every format: the publication page offers the others
	files := readTree(t, out)
	for _, name := range []string{"index.html", "index.en.html", "index.fr.html", "feed.en.xml", "feed.fr.xml", "sitemap.xml",
		"civil-society/index.en.html", "civil-society/index.fr.html", "civil-society/civil-society.en.html",
		"civil-society/civil-society.fr.html", "civil-society/civil-society.en.cover.png", "civil-society/civil-society.fr.css"} {
		if files[name] == nil {
			t.Errorf("no %s", name)
		}
	}
	checkLinks(t, files)
	fr, en := string(files["civil-society/index.fr.html"]), string(files["civil-society/index.en.html"])
	for _, want := range []string{
		"La société civile fait entrer les points de vue",
		"Qu’est-ce que la société civile\u202f?",
		"À quels défis la société civile fait-elle face\u202f?",
		"Télécharger", `hreflang="en" href="index.en.html"`,
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("the French publication page lacks %q", want)
		}
	}
	for _, english := range []string{"Civil society brings the views", "What is civil society?", "Download"} {
		if strings.Contains(fr, english) {
			t.Errorf("the French publication page has the English %q", english)
		}
		if !strings.Contains(en, english) {
			t.Errorf("the English publication page lacks %q", english)
		}
	}
	for _, want := range []string{`"@type": "Report"`, `name="citation_title"`, `name="citation_pdf_url" content="https://folio-pub.github.io/folio/civil-society/civil-society.en.pdf"`,
		`property="og:image"`, `"workTranslation"`, `"encoding"`} {
		if !strings.Contains(en, want) {
			t.Errorf("the English publication page lacks %s", want)
		}
	}
	if !strings.Contains(string(files["sitemap.xml"]), `hreflang="fr" href="https://folio-pub.github.io/folio/civil-society/index.fr.html"`) {
		t.Error("the sitemap lacks the French alternate of the publication page")
	}
	if !bytes.Equal(files["index.html"], files["index.en.html"]) {
		t.Error("index.html is not the first language's index")
	}

	var pages []string
	for name := range files {
		// index.html is index.en.html's bytes (above), checked under that name
		if strings.HasSuffix(name, ".html") && name != "index.html" {
			pages = append(pages, filepath.Join(out, name))
		}
	}
	slices.Sort(pages)
	if errs := testtool.VNU(t, pages...); errs != "" {
		t.Errorf("the Nu HTML Checker:\n%s", errs)
	}
	for _, issue := range testtool.Axe(t, pages...) {
		t.Errorf("axe: %s", issue)
	}
}

// TestWebSeriesInShards: a series built in shards, their outputs put
// together, gets from Index the same series' pages as one build of it all
// writes; without url: there is no feed and no sitemap.
func TestWebSeriesInShards(t *testing.T) {
	t.Parallel()
	src := filepath.Join(t.TempDir(), "source")
	if _, err := series.Write(src, "../../source/civil-society", 3); err != nil {
		t.Fatal(err)
	}
	cfg := sampleConfig(filepath.Join(t.TempDir(), "whole"))
	cfg.Source = src
	cfg.Formats = []Format{"epub", "html"}
	whole := buildWeb(t, cfg)
	merged := filepath.Join(t.TempDir(), "merged")
	for k := 1; k <= 2; k++ {
		c := cfg
		c.Out, c.Shard = merged, Shard{K: k, N: 2}
		for name := range buildWeb(t, c) {
			if !strings.Contains(name, "/") {
				t.Errorf("shard %d wrote the series' page %s", k, name)
			}
		}
	}
	res, err := Index(Config{Out: merged, Layouts: "../../layouts"})
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Error())
	}
	got := readTree(t, merged)
	names := 0
	for name, data := range whole {
		if strings.Contains(name, "/") {
			continue
		}
		names++
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s: folio index after shards differs from the whole build's", name)
		}
	}
	if names != 6 {
		t.Errorf("%d series' pages, want 6 (two indexes, index.html, two feeds, the sitemap)", names)
	}
	if n := strings.Count(string(whole["index.en.html"]), "<article"); n != 3 {
		t.Errorf("the series index lists %d publications, want 3", n)
	}

	// without url: no absolute address, so no feed and no sitemap
	pubs, _ := filepath.Glob(filepath.Join(src, "*", "publication.yaml"))
	for _, p := range pubs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		data = regexp.MustCompile(`(?m)^url:.*\n`).ReplaceAll(data, nil)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg.Out = filepath.Join(t.TempDir(), "no-url")
	noURL := buildWeb(t, cfg)
	for _, name := range []string{"feed.en.xml", "sitemap.xml"} {
		if noURL[name] != nil {
			t.Errorf("without url: a %s", name)
		}
	}
	if noURL["index.en.html"] == nil || bytes.Contains(noURL["index.en.html"], []byte("https:")) {
		t.Error("without url: want a series index with no absolute address")
	}
}

// TestWebCached: the web edition's files, many to an edition and some in
// folders, come back from the cache whole, the same bytes, and the series'
// pages are written from them as from a build.
func TestWebCached(t *testing.T) {
	t.Parallel()
	cfg := cachedProject(t)
	cfg.Formats = []Format{"epub", "html"}
	first := buildWeb(t, cfg)
	os.RemoveAll(cfg.Out)
	res, err := Run(context.Background(), cfg, nil)
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Error())
	}
	for _, o := range res.Outputs {
		if !o.Cached {
			t.Errorf("%s: not from the cache", o.Path)
		}
	}
	again := readTree(t, cfg.Out)
	if len(again) != len(first) || len(first) < 20 {
		t.Errorf("%d files from the cache, %d built", len(again), len(first))
	}
	for name, data := range first {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s: not the same bytes from the cache", name)
		}
	}
}
