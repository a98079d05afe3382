package pdf

import (
	"crypto/sha256"
	"sync"
)

// KeepStreams makes the drawings that share s keep each stream they
// deflate, by a digest of the stream object, and take it from there when a
// later drawing has the same stream: for a session that draws an edition
// again and again (folio watch), where an edit changes the content of a
// few pages, not the others' nor the fonts. What is kept is what the
// drawings of this round and the last used (see NextRound). Call it
// before any drawing.
func (s *Shared) KeepStreams() { s.streams = &keptStreams{cur: map[[sha256.Size]byte][]byte{}} }

// NextRound starts a round of drawings (a session's build): the streams no
// drawing of the last round or this one used are let go.
func (s *Shared) NextRound() {
	if k := s.streams; k != nil {
		k.mu.Lock()
		k.prev, k.cur = k.cur, map[[sha256.Size]byte][]byte{}
		k.mu.Unlock()
	}
}

// keptStreams is the stream objects deflated, by the digest of the object
// before. It is safe for concurrent use.
type keptStreams struct {
	mu        sync.Mutex
	cur, prev map[[sha256.Size]byte][]byte
}

// get returns the deflated object of the object with digest k, kept for
// this round too.
func (k *keptStreams) get(key [sha256.Size]byte) ([]byte, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	d, ok := k.cur[key]
	if !ok {
		if d, ok = k.prev[key]; ok {
			k.cur[key] = d
		}
	}
	return d, ok
}

func (k *keptStreams) put(key [sha256.Size]byte, d []byte) {
	k.mu.Lock()
	k.cur[key] = d
	k.mu.Unlock()
}
