package build

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/parity"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/typeset"
)

// Session builds again and again in one process (folio watch), keeping
// between builds what did not change: the fonts, layouts and words loaded,
// the image files checked, the PDFs' profiles, streams deflated and pages'
// colours set (pdf.Shared), the EPUBs' files deflated (epub.Shared), the
// covers drawn (cover.Memo), and the files of every edition built, which
// are taken as they are, not resolved, typeset or rendered again, until
// Changed names a file that feeds the edition. The publications are read
// and their translations checked at every build, for their diagnostics,
// but only the section files whose bytes changed are parsed again
// (source.Reader.KeepSections), only the pairs of sections whose text
// changed compared again (parity.Memo), the language rules run only on
// text they were not given (resolve.Memo), and, in an edition set again,
// only the paragraphs whose words changed are broken into lines again
// (typeset.Memo); the files it wrote that the system says are as it left
// them are not read back, nor those it knows it left with other bytes. Run
// is one build of a new session, which keeps no edition (publications
// stream to disk as they are built). Its methods are not for concurrent
// use, but for Differs, which may be asked while Run runs.
type Session struct {
	cfg  Config
	b    *builder                     // nil until the first build, and after a shared file changed
	kept map[string]editionResult     // pubID/lang → the edition last built, with no error
	seen map[string][sha256.Size]byte // file → the digest of its bytes when Changed last saw it
	once bool                         // Run's session: its one build keeps no edition in memory
	disk *written                     // the files it wrote; nil for Run's session
	mu   sync.Mutex                   // guards kept while a build runs
}

// NewSession returns a session that builds with cfg.
func NewSession(cfg Config) *Session {
	return &Session{cfg: cfg, kept: map[string]editionResult{}, seen: map[string][sha256.Size]byte{}}
}

// Run builds ids as Run does, taking each edition that nothing changed in
// since it was last built from memory.
func (s *Session) Run(ctx context.Context, ids []string) (*Result, error) {
	res := &Result{}
	named := ids // none: every publication, and the series' pages
	ids, ok := listed(s.cfg, ids, &res.Diags)
	if !ok {
		return res, nil
	}
	if s.b == nil {
		if s.b = newBuilder(s.cfg, &res.Diags); s.b == nil {
			return res, nil
		}
		if !s.once {
			// parsed again only when their bytes change, each pair of
			// sections compared again only when one of them does, and each
			// paragraph broken into lines again only when its words do
			s.b.reader.KeepSections()
			s.b.parities = map[string]*parity.Memo{}
			s.b.typesets = map[string]*typeset.Memo{}
			s.b.pdfs.KeepStreams()  // the pages an edit leaves as they were, deflated once
			s.b.epubs.KeepEntries() // and the EPUBs' files
			// the language rules run again only on text they were not given
			s.b.resolved = resolve.NewMemo()
		}
	}
	s.b.pdfs.NextRound()
	s.b.epubs.NextRound()
	s.b.resolved.Next()
	s.b.session = s
	if !s.once && s.disk == nil {
		s.disk = &written{files: map[string]writtenFile{}}
	}
	return s.b.run(ctx, named, ids, res)
}

// Changed tells the session that the files or folders at paths may have
// changed (were written, made, removed or renamed): the editions they feed
// are built again at the next Run. A file of a language's folder feeds that
// edition (every edition of the publication with --allow-missing, which
// may borrow its sections), any other file of a publication's folder every
// edition of it; a file outside the publications (a layout, words file,
// font) makes the session forget everything it kept. A file whose bytes
// are those Changed last saw of it (an editor's chmod after its write)
// changed nothing. Changed reports whether anything did.
func (s *Session) Changed(paths ...string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := false
	for _, p := range paths {
		if s.cfg.Out != "" && within(s.cfg.Out, p) {
			continue // what folio writes
		}
		if s.same(p) {
			continue
		}
		changed = true
		rel, err := filepath.Rel(s.cfg.Source, p)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		switch {
		case err != nil || rel == "." || parts[0] == "..":
			s.b = nil // a layout, words file or font, or the source folder itself
			clear(s.kept)
		case len(parts) == 1:
			// a file of the source folder (terms.yaml): the translation
			// checks, made at every build, read it; no edition is set from it
		case len(parts) > 2 && doc.IsLangTag(parts[1]) && !s.cfg.AllowMissing:
			delete(s.kept, parts[0]+"/"+parts[1])
			s.forget(p)
		default:
			// an image a section shows, say: its sections are parsed again
			s.forget(filepath.Join(s.cfg.Source, parts[0]))
			for k := range s.kept {
				if strings.HasPrefix(k, parts[0]+"/") {
					delete(s.kept, k)
				}
			}
		}
	}
	return changed
}

// Differs reports whether the file at p may hold other bytes than when
// Changed last saw it: it does, it cannot be read, or Changed never saw it.
// It remembers nothing, and may be asked while a build runs, to tell
// whether that build set out from a file that has changed since.
func (s *Session) Differs(p string) bool {
	if s.cfg.Out != "" && within(s.cfg.Out, p) {
		return false // what folio writes
	}
	sum, ok := digest(p)
	if !ok {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.seen[p]
	return !ok || old != sum
}

// forget makes the session's reader parse again the section files at path
// or inside it.
func (s *Session) forget(path string) {
	if s.b != nil {
		s.b.reader.Forget(path)
	}
}

// same reports whether the file at p holds the bytes it held when Changed
// last saw it, and remembers what it holds now. A folder, or a file that
// cannot be read, is never the same.
func (s *Session) same(p string) bool {
	sum, ok := digest(p)
	if !ok {
		delete(s.seen, p)
		return false
	}
	if old, ok := s.seen[p]; ok && old == sum {
		return true
	}
	s.seen[p] = sum
	return false
}

// digest is the digest of the bytes of the file at p; false when it cannot
// be read (a folder, a file gone), which Changed and Differs take as changed.
func digest(p string) ([sha256.Size]byte, bool) {
	data, err := os.ReadFile(p)
	if err != nil {
		return [sha256.Size]byte{}, false
	}
	return sha256.Sum256(data), true
}

// written returns what the session knows of the files it wrote; nil for none.
func (s *Session) written() *written {
	if s == nil {
		return nil
	}
	return s.disk
}

// keptEdition returns the edition of id in lang as last built, its files
// marked cached, if nothing changed in it since.
func (s *Session) keptEdition(id, lang string) (editionResult, bool) {
	if s == nil {
		return editionResult{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.kept[id+"/"+lang]
	if !ok {
		return editionResult{}, false
	}
	e.files = slices.Clone(e.files)
	for j := range e.files {
		e.files[j].cached = true
	}
	e.duration = 0
	return e, true
}

// keep keeps an edition built with no error for the next builds.
func (s *Session) keep(id string, e editionResult) {
	if s == nil || s.once || e.err != nil || e.diags.HasErrors() || len(e.files) == 0 || s.cfg.DryRun {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kept[id+"/"+e.lang] = e
}
