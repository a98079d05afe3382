package build

import (
	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/page"
)

// PubReport is what became of one publication.
type PubReport struct {
	ID          string            `json:"id"`
	Editions    []EditionReport   `json:"editions"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
}

// EditionReport is what became of one edition.
type EditionReport struct {
	Lang     string   `json:"lang"`
	Status   string   `json:"status"` // built, cached, checked (a dry run) or failed
	Outputs  []Output `json:"outputs"`
	Duration float64  `json:"seconds"` // typesetting and rendering, or reading the cache
	// Typesetting is how well the edition could be set (see page.Stats);
	// absent when it could not be.
	Typesetting *page.Stats `json:"typesetting,omitempty"`
}

// Output is a file written (or, in a dry run, that would be).
type Output struct {
	Path  string `json:"path"`
	Pages int    `json:"pages,omitempty"` // PDF pages; 0 for EPUB
	Bytes int    `json:"bytes"`           // 0 in a dry run, which draws nothing
	// Unchanged: the file already held these bytes and was left as it was.
	Unchanged bool `json:"unchanged,omitempty"`
	Cached    bool `json:"cached,omitempty"` // taken from the cache, not typeset and rendered again
}

// Result is what a build did and found.
type Result struct {
	Outputs      []Output
	Diags        diag.List
	Publications []PubReport // in the order they were named or listed
	// Site are the series' pages (web edition): its index, feeds and sitemap.
	Site []Output
}

// finishReport completes the report once the publication is done: its
// diagnostics, and each edition's status and written outputs.
func (r *pubResult) finishReport(dryRun bool) {
	r.report.Diagnostics = r.diags.Items()
	for i := range r.report.Editions {
		e := &r.report.Editions[i]
		switch {
		case r.err != nil || r.diags.HasErrors():
			e.Status, e.Outputs = "failed", nil
		case dryRun:
			e.Status = "checked"
		}
		for j := range e.Outputs {
			for _, o := range r.outputs {
				if o.Path == e.Outputs[j].Path {
					e.Outputs[j] = o
				}
			}
		}
	}
}
