package build

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/web"
)

// pageLang returns the language of a publication page, <out>/<id>/index.<lang>.html.
func pageLang(path string) (lang string, ok bool) {
	name := filepath.Base(path)
	lang, ok = strings.CutPrefix(name, "index.")
	if !ok {
		return "", false
	}
	lang, ok = strings.CutSuffix(lang, ".html")
	return lang, ok && lang != ""
}

// cards reads the cards of the publication pages among files.
func cards(files []rendered) []web.Card {
	var out []web.Card
	for _, f := range files {
		lang, ok := pageLang(f.path)
		if !ok {
			continue
		}
		if c, err := web.ReadCard(filepath.Base(filepath.Dir(f.path)), lang, f.data); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// writeSeries writes the series' pages into out, all or none, and adds them
// to the result.
func writeSeries(out string, all []web.Card, words func(string) (*style.Words, error), res *Result) error {
	files, err := web.Series(all, words)
	if err != nil {
		res.Diags.AddErr(diag.Pos{}, err)
		return nil
	}
	var rs []rendered
	for _, f := range files {
		rs = append(rs, rendered{path: filepath.Join(out, filepath.FromSlash(f.Name)), data: f.Data})
	}
	changed, err := writeAll(rs)
	if err != nil {
		return fmt.Errorf("the series' pages: %w", err)
	}
	for i, f := range rs {
		res.Site = append(res.Site, Output{Path: f.path, Bytes: len(f.data), Unchanged: !changed[i]})
	}
	return nil
}

// Index writes the series' pages (index.<lang>.html, index.html, the Atom
// feeds and the sitemap) from the publication pages in cfg.Out,
// <id>/index.<lang>.html: after a build in shards, once their outputs are
// put together in one folder. Only cfg.Out and cfg.Layouts (the words) are read.
func Index(cfg Config) (*Result, error) {
	res := &Result{}
	pages, err := filepath.Glob(filepath.Join(cfg.Out, "*", "index.*.html"))
	if err != nil {
		return nil, err
	}
	sort.Strings(pages)
	var all []web.Card
	for _, p := range pages {
		lang, ok := pageLang(p)
		if !ok {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			res.Diags.Add(diag.Pos{File: p}, "%v", err)
			continue
		}
		c, err := web.ReadCard(filepath.Base(filepath.Dir(p)), lang, data)
		if err != nil {
			res.Diags.Add(diag.Pos{File: p}, "not a publication page folio wrote: %v", err)
			continue
		}
		all = append(all, c)
	}
	if res.Diags.HasErrors() {
		return res, nil
	}
	if len(all) == 0 {
		res.Diags.Add(diag.Pos{File: cfg.Out}, "no publication pages (<id>/index.<lang>.html): build the html format first")
		return res, nil
	}
	layouts, _, err := folders(cfg)
	if err != nil {
		res.Diags.AddErr(diag.Pos{}, err)
		return res, nil
	}
	words := map[string]*style.Words{}
	load := func(lang string) (*style.Words, error) {
		return cached(words, lang, func() (*style.Words, error) { return style.LoadWords(layouts, lang) })
	}
	return res, writeSeries(cfg.Out, all, load, res)
}
