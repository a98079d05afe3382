package testtool

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePages writes each page into a new folder and returns their paths.
func writePages(t *testing.T, pages map[string]string) map[string]string {
	dir := t.TempDir()
	paths := map[string]string{}
	for name, body := range pages {
		p := filepath.Join(dir, name+".html")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths[name] = p
	}
	return paths
}

const goodPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A page</title></head>
<body><main><h1>A page</h1><p>Its text.</p></main></body></html>
`

// TestVNU: the Nu HTML Checker, one JVM for both pages, finds what is wrong
// in a page and nothing in a good one (the wrapper reads what it says,
// whatever its exit status).
func TestVNU(t *testing.T) {
	t.Parallel()
	pages := writePages(t, map[string]string{
		"good": goodPage,
		"bad":  strings.Replace(goodPage, "<title>A page</title>", "", 1),
	})
	out := VNU(t, pages["good"], pages["bad"])
	var bad []string
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.Contains(line, "good.html"):
			t.Errorf("a good page has an error: %s", line)
		case strings.Contains(line, "bad.html"):
			bad = append(bad, line)
		default:
			t.Errorf("an error of no page: %q", line)
		}
	}
	if len(bad) == 0 || !strings.Contains(strings.Join(bad, "\n"), "title") {
		t.Errorf("a page without a title: want an error about it, got %q", out)
	}
}

// TestAxe: axe-core, through pa11y, finds an image without a text
// alternative, and nothing in a good page, in both colour schemes.
func TestAxe(t *testing.T) {
	t.Parallel()
	pages := writePages(t, map[string]string{
		"good": goodPage,
		"bad":  strings.Replace(goodPage, "<p>Its text.</p>", `<p><img src="x.png" width="10" height="10"></p>`, 1),
	})
	issues := Axe(t, pages["good"], pages["bad"])
	found := map[string]bool{}
	for _, i := range issues {
		if !strings.HasSuffix(i.URL, "bad.html") {
			t.Errorf("a good page: %s", i)
		}
		if i.Code == "image-alt" {
			found[i.Scheme] = true
		}
	}
	if !found["light"] || !found["dark"] {
		t.Errorf("an image without alt text: want axe's image-alt in both schemes, got %v", issues)
	}
}
