// Command sampleseries writes a synthetic series of N publications, numbered
// copies of the sample, for measuring whole-series builds:
//
//	go run ./cmd/sampleseries -n 100 -out series/source
//	go run ./cmd/folio build --source series/source --out series/output
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/folio-pub/folio/internal/series"
)

func main() {
	n := flag.Int("n", 10, "number of publications")
	out := flag.String("out", "", "the source `folder` to write (required)")
	sample := flag.String("sample", "source/civil-society", "the publication `folder` to copy")
	flag.Parse()
	if *out == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	ids, err := series.Write(*out, *sample, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sampleseries:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d publications into %s\n", len(ids), *out)
}
