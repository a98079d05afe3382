//go:build !linux

package main

// hugeHeap does nothing where transparent huge pages are Linux's alone
// (hugeheap_linux.go).
func hugeHeap(size int, godebug string) {}
