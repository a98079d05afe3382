// Package recent keeps values by key for as long as they are used: those
// used in this round or the last one (a round is a build of folio watch's
// session), so that what an edit left as it was is found again and what
// it replaced is let go.
package recent

import "sync"

// Map is values by key, kept while used. It is safe for concurrent use.
type Map[K comparable, V any] struct {
	mu        sync.Mutex
	cur, prev map[K]V
}

// New returns an empty map.
func New[K comparable, V any]() *Map[K, V] { return &Map[K, V]{cur: map[K]V{}} }

// Get returns the value of k, kept for this round too.
func (m *Map[K, V]) Get(k K) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.cur[k]
	if !ok {
		if v, ok = m.prev[k]; ok {
			m.cur[k] = v
		}
	}
	return v, ok
}

// Put keeps v as the value of k.
func (m *Map[K, V]) Put(k K, v V) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cur[k] = v
}

// Next starts a round: what neither the last round nor this one uses goes.
func (m *Map[K, V]) Next() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.prev, m.cur = m.cur, map[K]V{}
}

// Len is how many values are kept.
func (m *Map[K, V]) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := len(m.cur)
	for k := range m.prev {
		if _, ok := m.cur[k]; !ok {
			n++
		}
	}
	return n
}
