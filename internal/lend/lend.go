// Package lend keeps what a build's work hands on from one use to the
// next: the compressors of its PDFs and EPUBs, the covers' rows and
// encoders. Each is some megabytes which, made anew for every use, is
// memory the system gives the process page by page; a sync.Pool would drop
// them at the collections between two editions.
package lend

import "sync"

// List is things put back for the next use, the last put taken first. It
// is safe for concurrent use; its zero value is empty.
type List[T any] struct {
	mu    sync.Mutex
	items []T
}

// Get takes a thing put back, or returns the zero value when there is none.
func (l *List[T]) Get() T {
	l.mu.Lock()
	defer l.mu.Unlock()
	var t T
	if n := len(l.items); n > 0 {
		t, l.items = l.items[n-1], l.items[:n-1]
	}
	return t
}

// Put puts t back for the next Get.
func (l *List[T]) Put(t T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.items = append(l.items, t)
}

// Len is how many things are put back, waiting.
func (l *List[T]) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}
