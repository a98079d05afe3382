package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
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

// BenchmarkLong builds one long publication, the sample's sections 20 and
// 40 times over (about 240 and 480 pages a language), every edition and
// format, with the collector set as the folio command sets it for that
// input (BatchGC and InputMemory). It reports the time per page built
// (ns/page: the same at both sizes when the cost is linear) and the
// largest heap seen (MB-peak-heap, sampled every few milliseconds).
func BenchmarkLong(b *testing.B) {
	for _, k := range []int{20, 40} {
		src := filepath.Join(b.TempDir(), "source")
		if _, err := series.Long(src, "../../source/civil-society", k); err != nil {
			b.Fatal(err)
		}
		cfg := Config{Source: src, Layouts: "../../layouts", Fonts: "../../fonts", Out: b.TempDir()}
		percent, limit := BatchGC(runtime.NumCPU())
		limit += InputMemory(cfg, runtime.NumCPU())
		b.Run(fmt.Sprintf("sections=%dx", k), func(b *testing.B) {
			defer debug.SetGCPercent(debug.SetGCPercent(percent))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
			peak := make(chan uint64)
			stop := make(chan struct{})
			go func() {
				sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
				var most uint64
				tick := time.NewTicker(5 * time.Millisecond)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						peak <- most
						return
					case <-tick.C:
						metrics.Read(sample)
						most = max(most, sample[0].Value.Uint64())
					}
				}
			}()
			pages := 0
			for b.Loop() {
				os.RemoveAll(cfg.Out)
				res, err := Run(context.Background(), cfg, nil)
				if err != nil || res.Diags.HasErrors() {
					b.Fatal(err, res.Diags.Error())
				}
				for _, o := range res.Outputs {
					if strings.HasSuffix(o.Path, ".print.pdf") {
						pages += o.Pages
					}
				}
			}
			close(stop)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(pages), "ns/page")
			b.ReportMetric(float64(<-peak)/1e6, "MB-peak-heap")
		})
	}
}
