package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/folio-pub/folio/internal/series"
)

// BenchmarkSeries builds generated series of 1, 10 and 100 copies of the
// sample (2 languages, 2 formats each): a full build with -j 1 and -j 2
// (compare them for the speed-up), an unchanged rebuild from the cache, and
// a rebuild after one French section changed. It reports editions per second
// and the memory the process holds from the system. The garbage collector is
// set as the folio command sets it (BatchGC).
func BenchmarkSeries(b *testing.B) {
	// with the collector set as the folio command sets it
	percent, limit := BatchGC(runtime.NumCPU())
	defer debug.SetGCPercent(debug.SetGCPercent(percent))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	for _, n := range []int{1, 10, 100} {
		src := filepath.Join(b.TempDir(), "source")
		ids, err := series.Write(src, "../../source/civil-society", n)
		if err != nil {
			b.Fatal(err)
		}
		editions := 2 * len(ids)
		base := Config{Source: src, Layouts: "../../layouts", Fonts: "../../fonts"}
		run := func(b *testing.B, cfg Config) {
			res, err := Run(context.Background(), cfg, nil)
			if err != nil || res.Diags.HasErrors() {
				b.Fatal(err, res.Diags.Error())
			}
		}
		report := func(b *testing.B, start time.Time) {
			b.ReportMetric(float64(editions*b.N)/time.Since(start).Seconds(), "editions/s")
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.Sys)/1e6, "MB-sys")
		}
		for _, jobs := range []int{1, 2} {
			b.Run(fmt.Sprintf("n=%d/full/j=%d", n, jobs), func(b *testing.B) {
				cfg := base
				cfg.Jobs, cfg.Out = jobs, b.TempDir()
				start := time.Now()
				for i := 0; i < b.N; i++ {
					os.RemoveAll(cfg.Out)
					run(b, cfg)
				}
				report(b, start)
			})
		}
		cached := base
		cached.Out, cached.Cache = b.TempDir(), b.TempDir()
		b.Run(fmt.Sprintf("n=%d/unchanged", n), func(b *testing.B) {
			run(b, cached) // fill the cache
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				run(b, cached)
			}
			report(b, start)
		})
		b.Run(fmt.Sprintf("n=%d/one-section", n), func(b *testing.B) {
			file := filepath.Join(src, ids[0], "fr", "01-qu-est-ce-que-la-societe-civile.md")
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(file, orig, 0o644)
			start := time.Now()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				os.WriteFile(file, fmt.Appendf(append([]byte(nil), orig...), "\nChange %d.\n", i), 0o644)
				b.StartTimer()
				run(b, cached)
			}
			report(b, start)
		})
	}
}
