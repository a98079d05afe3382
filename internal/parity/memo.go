package parity

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"maps"
	"slices"
	"sync/atomic"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/recent"
	"github.com/folio-pub/folio/internal/style"
)

// Memo keeps, from one Check of a publication to the next, what the checks
// of each pair of sections found (and what the termbase's forms to avoid
// found in each section), by what they read: the two sections' text,
// links, structure and positions, the termbase's entries and the
// languages' rules. A pair whose every input is as before is not compared
// again (folio watch: an edit to one section compares that section's pair
// alone). It keeps what the last two checks used; give each publication
// its own. It is safe for concurrent use.
type Memo struct {
	found *recent.Map[memoKey, []finding]
	hits  atomic.Int64 // checks not run again, for the tests
}

// NewMemo returns an empty memo.
func NewMemo() *Memo { return &Memo{found: recent.New[memoKey, []finding]()} }

// memoKey is a check's inputs: their digest, and the rules of the two
// languages (nil where none), which a words file gives.
type memoKey struct {
	sum            [sha256.Size]byte
	orules, trules *style.TermRules
}

// kept runs check, which adds the findings of a check with inputs k about
// ed, unless the memo has them: then it adds those.
func (c *checker) kept(k memoKey, ed *doc.Edition, check func()) {
	m := c.opt.Memo
	if m == nil {
		check()
		return
	}
	if found, ok := m.found.Get(k); ok {
		m.hits.Add(1)
		for _, f := range found {
			f.ed = ed
			c.findings = append(c.findings, f)
		}
		return
	}
	from := len(c.findings)
	check()
	found := slices.Clone(c.findings[from:])
	for i := range found {
		found[i].ed = nil // the edition of the check that asks
	}
	m.found.Put(k, found)
}

// pairKey is the key of the comparison of sections o and t.
func (c *checker) pairKey(o, t *sectionText) memoKey {
	h := sha256.New()
	write(h, "pair")
	h.Write(c.termsSum)
	o.digest(h)
	t.digest(h)
	k := memoKey{orules: c.memoRules(o.lang), trules: c.memoRules(t.lang)}
	h.Sum(k.sum[:0])
	return k
}

// avoidKey is the key of the check of st for forms to avoid.
func (c *checker) avoidKey(st *sectionText) memoKey {
	h := sha256.New()
	write(h, "avoid")
	h.Write(c.termsSum)
	st.digest(h)
	k := memoKey{trules: c.memoRules(st.lang)}
	h.Sum(k.sum[:0])
	return k
}

// memoRules returns the rules of lang, nil when none or without a termbase.
func (c *checker) memoRules(lang string) *style.TermRules {
	if c.opt.Terms == nil {
		return nil
	}
	r, _ := c.rules(lang)
	return r
}

// digest writes what the checks read of st to h.
func (st *sectionText) digest(h hash.Hash) {
	write(h, st.lang, st.sec.Number, st.sec.File, st.start(), len(st.units))
	for _, u := range st.units {
		write(h, u.class, u.pos, u.text, u.group, len(u.links))
		for _, l := range u.links {
			write(h, l.target, l.pos)
		}
	}
	for _, kind := range structureKinds {
		write(h, len(st.structure[kind]))
		for _, p := range st.structure[kind] {
			write(h, p)
		}
	}
}

// digest writes the termbase's entries to h.
func (tb *Termbase) digest(h hash.Hash) {
	write(h, len(tb.Terms))
	for _, t := range tb.Terms {
		write(h, t.Pos)
		for _, m := range []map[string][]phrase{t.forms, t.avoid} {
			langs := slices.Sorted(maps.Keys(m))
			write(h, len(langs))
			for _, l := range langs {
				write(h, l, len(m[l]))
				for _, p := range m[l] {
					write(h, p.text)
				}
			}
		}
	}
}

// write writes each of vs to h, each string with its length, so that no
// two lists write the same bytes.
func write(h hash.Hash, vs ...any) {
	var buf [binary.MaxVarintLen64]byte
	num := func(n int) { h.Write(buf[:binary.PutVarint(buf[:], int64(n))]) }
	for _, v := range vs {
		switch v := v.(type) {
		case string:
			num(len(v))
			h.Write([]byte(v))
		case int:
			num(v)
		case bool:
			if v {
				num(1)
			} else {
				num(0)
			}
		case diag.Pos:
			write(h, v.File, v.Line, v.Col)
		default:
			panic("parity: no digest for a value of this type")
		}
	}
}
