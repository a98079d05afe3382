// Command sampleseries writes a synthetic series of N publications, numbered
// copies of the sample, for measuring whole-series builds:
//
//	go run ./cmd/sampleseries -n 100 -out series/source
//	go run ./cmd/folio build --source series/source --out series/output
//
// With -long K, one long publication instead: the sample's sections K times.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/folio-pub/folio/internal/series"
)

func main() {
	n := flag.Int("n", 10, "number of publications")
	long := flag.Int("long", 0, "write one publication of the sample's sections `K` times instead")
	out := flag.String("out", "", "the source `folder` to write (required)")
	sample := flag.String("sample", "source/civil-society", "the publication `folder` to copy")
	flag.Parse()
	if *out == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if *long > 0 {
		id, err := series.Long(*out, *sample, *long)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sampleseries:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %s into %s\n", id, *out)
		return
	}
	ids, err := series.Write(*out, *sample, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sampleseries:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d publications into %s\n", len(ids), *out)
}
