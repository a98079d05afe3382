package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkFootnotes checks (reads, resolves, typesets) one section of n
// paragraphs, each with its footnote, for n of 2,000 and 20,000: the time per
// note (ns/note) must stay about the same, the cost growing linearly with the
// notes (20,000 took 250 s before a search for each note's page was made
// constant-time).
func BenchmarkFootnotes(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			src := filepath.Join(b.TempDir(), "source")
			writeNotes(b, src, n)
			cfg := Config{Source: src, Layouts: "../../layouts", Fonts: "../../fonts", Out: b.TempDir(), DryRun: true, Jobs: 1}
			start := time.Now()
			for i := 0; i < b.N; i++ {
				res, err := Run(context.Background(), cfg, nil)
				if err != nil || res.Diags.HasErrors() {
					b.Fatal(err, res.Diags.Error())
				}
			}
			b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*n), "ns/note")
		})
	}
}

// writeNotes writes a publication "notes" into src: one English section of
// n short paragraphs, each calling its own footnote.
func writeNotes(tb testing.TB, src string, n int) {
	tb.Helper()
	dir := filepath.Join(src, "notes", "en")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	var s strings.Builder
	s.WriteString("# Notes\n\n")
	for i := range n {
		fmt.Fprintf(&s, "Paragraph %d makes a claim.[^n%d]\n\n", i, i)
	}
	for i := range n {
		fmt.Fprintf(&s, "[^n%d]: Note %d, its source.\n\n", i, i)
	}
	for name, text := range map[string]string{
		"publication.yaml":    "layout: backgrounder\nlanguages: [en]\ndate: 2020-01-01\npublisher: P\n",
		"en/edition.yaml":     "title: Notes\n",
		"en/01-many-notes.md": s.String(),
	} {
		if err := os.WriteFile(filepath.Join(src, "notes", name), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
