package main

import (
	"os"
	"runtime"
	"strings"
	"syscall"
)

// hugeHeap asks Linux to back the next size bytes of Go's heap with
// transparent huge pages (2 MiB), where the system gives them only to memory
// that asks (/sys/kernel/mm/transparent_hugepage/enabled set to madvise, as
// on many distributions and VMs); Go's runtime no longer asks itself (since
// Go 1.21.1). A build touches most of its heap once, page by page: on the
// sample some 7,000 pages of 4 KiB, each a page fault of some 14 µs on a
// small VM, a third of the build's CPU time; in huge pages, a few dozen
// faults. It makes a block of size bytes on the heap, not yet touched,
// advises it, and collects it at once, so that what the program allocates
// next lies in it. Only the huge pages touched become the process's memory:
// a size the heap never reaches (the build's soft memory limit) costs
// address space, not memory. It does nothing where the system gives huge
// pages to all memory or to none, where GODEBUG has disablethp=1 (Go's
// switch to turn them off), or where the system commits address space
// strictly (vm.overcommit_memory 2: the block could fail a build that fits).
func hugeHeap(size int, godebug string) {
	if disableTHP(godebug) || !thpOnRequest() || strictOvercommit() {
		return
	}
	adviseHuge(size)
	runtime.GC() // the block is garbage: its pages go back to the heap, untouched
}

// adviseHuge makes a block of size bytes and advises it; an error (a kernel
// without transparent huge pages) leaves the memory as it was.
func adviseHuge(size int) {
	_ = syscall.Madvise(make([]byte, size), syscall.MADV_HUGEPAGE)
}

// disableTHP reports whether GODEBUG (its value) turns transparent huge
// pages off for the heap: disablethp=1, the last setting winning, as Go reads it.
func disableTHP(godebug string) bool {
	off := false
	for _, kv := range strings.Split(godebug, ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(kv), "disablethp="); ok {
			off = v == "1"
		}
	}
	return off
}

// thpOnRequest reports whether Linux gives transparent huge pages to the
// memory that asks for them alone (enabled: "always [madvise] never").
func thpOnRequest() bool {
	data, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && strings.Contains(string(data), "[madvise]")
}

// strictOvercommit reports whether Linux refuses address space it could not
// back with memory (vm.overcommit_memory 2).
func strictOvercommit() bool {
	data, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err == nil && strings.TrimSpace(string(data)) == "2"
}
