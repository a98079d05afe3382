package source

import (
	"errors"
	"path/filepath"
	"sort"
	"strings"

	"github.com/folio-pub/folio/internal/bibtex"
	"github.com/folio-pub/folio/internal/csl"
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/safefile"
)

// readBibliography reads the bibliography files publication.yaml names (at
// pos): CSL-JSON (.json) or BibTeX and BibLaTeX (.bib), as reference
// managers export them. A problem in a file is reported at its line and
// column; an entry given twice, at the second. It returns the items and
// where each starts, by id.
func readBibliography(dir string, files []string, pos diag.Pos, diags *diag.List) ([]csl.Item, map[string]diag.Pos) {
	items := []csl.Item{} // not nil: the publication names a bibliography
	where := map[string]diag.Pos{}
	for _, name := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		data, err := safefile.Read(dir, file, limits.Bibliography)
		if err != nil {
			diags.Add(pos, "bibliography %s: %v", name, err)
			continue
		}
		var got []csl.Item
		switch strings.ToLower(filepath.Ext(name)) {
		case ".json":
			got, err = csl.ParseJSON(data)
		case ".bib", ".bibtex":
			got, err = bibtex.Parse(data)
		default:
			diags.Add(pos, "bibliography %s: give a CSL-JSON file (.json) or a BibTeX or BibLaTeX file (.bib), as Zotero exports them", name)
			continue
		}
		if err != nil {
			var je *csl.Error
			var be *bibtex.Error
			switch {
			case errors.As(err, &je):
				diags.Add(diag.Pos{File: file, Line: je.Line, Col: je.Col}, "bibliography: %s", je.Msg)
			case errors.As(err, &be):
				diags.Add(diag.Pos{File: file, Line: be.Line, Col: be.Col}, "bibliography: %s", be.Msg)
			default:
				diags.Add(diag.Pos{File: file}, "bibliography: %v", err)
			}
			continue
		}
		for _, it := range got {
			at := diag.Pos{File: file, Line: it.Line, Col: max(it.Col, 1)}
			if prev, dup := where[it.ID]; dup {
				diags.Add(at, "bibliography: entry %q is given twice (first at %s)", it.ID, prev)
				continue
			}
			where[it.ID] = at
			items = append(items, it)
		}
	}
	return items, where
}

// checkCitations reports each citation whose key the publication's
// bibliography lacks (an error), or every citation, once for each key,
// when the publication names no bibliography (a warning: it is set as
// typed, as before folio read citations).
func checkCitations(ed *doc.Edition, diags *diag.List) {
	var refs []csl.Item
	if ed.Pub != nil {
		refs = ed.Pub.References
		if _, named := ed.Pub.Fields["bibliography"]; named && len(refs) == 0 {
			return // its files were reported
		}
	}
	keys := map[string]bool{}
	for _, it := range refs {
		keys[it.ID] = true
	}
	warned := map[string]bool{}
	doc.WalkInlines(ed, func(in doc.Inline) {
		c, ok := in.(*doc.Cite)
		if !ok {
			return
		}
		for _, it := range c.Items {
			if it.Kind() != doc.RefNone || keys[it.Key] {
				continue
			}
			if refs == nil {
				if !warned[it.Key] {
					warned[it.Key] = true
					diags.Warn(it.Pos, "citation @%s: publication.yaml names no bibliography, so it is set as typed; name one (bibliography: references.json or references.bib), or refer to a figure, table, box or section with an id that starts with %s", it.Key, refPrefixes())
				}
				continue
			}
			diags.Add(it.Pos, "citation @%s: no entry %q in the bibliography%s", it.Key, it.Key, nearest(it.Key, keys))
		}
	})
}

// nearest suggests the key closest to key, if one is close.
func nearest(key string, keys map[string]bool) string {
	var ks []string
	for k := range keys {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	best, bestD := "", 3
	for _, k := range ks {
		if d := distance(strings.ToLower(key), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean @" + best + "?)"
}

// distance is the edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// refPrefixes lists the prefixes of the numbered kinds, for messages.
func refPrefixes() string {
	var ps []string
	for _, k := range doc.RefKinds() {
		ps = append(ps, k.Prefix())
	}
	return strings.Join(ps, ", ")
}
