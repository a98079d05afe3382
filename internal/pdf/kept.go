package pdf

import (
	"crypto/sha256"

	"github.com/folio-pub/folio/internal/recent"
)

// KeepStreams makes the drawings that share s keep each stream they
// deflate, by a digest of the stream object, and take it from there when a
// later drawing has the same stream: for a session that draws an edition
// again and again (folio watch), where an edit changes the content of a
// few pages, not the others' nor the fonts; and each page's content with
// its colours set (colorContent), by a digest of the content as drawn and
// the colours it names. What is kept is what the drawings of this round
// and the last used (see NextRound). Call it before any drawing.
func (s *Shared) KeepStreams() {
	s.streams = recent.New[[sha256.Size]byte, []byte]()
	s.pages = recent.New[[sha256.Size]byte, recolored]()
}

// recolored returns the pages' contents kept with their colours set; nil
// unless KeepStreams (or s is nil).
func (s *Shared) recolored() *recent.Map[[sha256.Size]byte, recolored] {
	if s == nil {
		return nil
	}
	return s.pages
}

// NextRound starts a round of drawings (a session's build): the streams no
// drawing of the last round or this one used are let go.
func (s *Shared) NextRound() {
	if s.streams != nil {
		s.streams.Next()
		s.pages.Next()
	}
}
