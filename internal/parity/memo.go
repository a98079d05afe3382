package parity

import (
	"crypto/sha256"
	"encoding/binary"
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
// alone). Within the pair compared again, what the checks read of each
// piece of text (its numbers, the terms it has) is taken from the memo
// when the same text was read before: an edit to one paragraph reads that
// paragraph's alone. It keeps what the last two checks used; give each
// publication its own. It is safe for concurrent use.
type Memo struct {
	found   *recent.Map[memoKey, []finding]
	numbers *recent.Map[string, []string] // a text's numbers (numbers)
	terms   *recent.Map[termsKey, []int]  // the terms a text has (checker.termsIn)
	hits    atomic.Int64                  // checks not run again, for the tests
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{found: recent.New[memoKey, []finding](), numbers: recent.New[string, []string](), terms: recent.New[termsKey, []int]()}
}

// next starts a check: what the check before the last used goes.
func (m *Memo) next() {
	m.found.Next()
	m.numbers.Next()
	m.terms.Next()
}

// termsKey is what the terms a text has depend on: the text, its language
// and that language's rules, and the termbase's entries (their digest).
type termsKey struct {
	terms      [sha256.Size]byte
	text, lang string
	r          *style.TermRules
}

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
	var d digester
	d.str("pair")
	d.bytes(c.termsSum[:])
	d.bytes(o.digest())
	d.bytes(t.digest())
	return memoKey{sum: d.sum(), orules: c.memoRules(o.lang), trules: c.memoRules(t.lang)}
}

// avoidKey is the key of the check of st for forms to avoid.
func (c *checker) avoidKey(st *sectionText) memoKey {
	var d digester
	d.str("avoid")
	d.bytes(c.termsSum[:])
	d.bytes(st.digest())
	return memoKey{sum: d.sum(), trules: c.memoRules(st.lang)}
}

// memoRules returns the rules of lang, nil when none or without a termbase.
func (c *checker) memoRules(lang string) *style.TermRules {
	if c.opt.Terms == nil {
		return nil
	}
	r, _ := c.rules(lang)
	return r
}

// digest returns the digest of what the checks read of st, made on first
// use: a section is read by the check of its pair and by the check for
// forms to avoid, and an original's by the check of each translation.
func (st *sectionText) digest() []byte {
	if st.sum != nil {
		return st.sum
	}
	var d digester
	d.str(st.lang)
	d.num(st.sec.Number)
	d.str(st.sec.File)
	d.pos(st.start())
	d.num(len(st.units))
	for _, u := range st.units {
		d.str(u.class)
		d.pos(u.pos)
		d.str(u.text)
		d.flag(u.group)
		d.num(len(u.links))
		for _, l := range u.links {
			d.str(l.target)
			d.pos(l.pos)
		}
	}
	for _, kind := range structureKinds {
		d.num(len(st.structure[kind]))
		for _, p := range st.structure[kind] {
			d.pos(p)
		}
	}
	sum := d.sum()
	st.sum = sum[:]
	return st.sum
}

// digest returns the digest of the termbase's entries.
func (tb *Termbase) digest() [sha256.Size]byte {
	var d digester
	d.num(len(tb.Terms))
	for _, t := range tb.Terms {
		d.pos(t.Pos)
		for _, m := range []map[string][]phrase{t.forms, t.avoid} {
			langs := slices.Sorted(maps.Keys(m))
			d.num(len(langs))
			for _, l := range langs {
				d.str(l)
				d.num(len(m[l]))
				for _, p := range m[l] {
					d.str(p.text)
				}
			}
		}
	}
	return d.sum()
}

// digester collects the values a digest is made of, one after another, each
// string or list of bytes with its length, so that no two lists write the
// same bytes; they are hashed at once, at the end.
type digester struct{ b []byte }

func (d *digester) num(n int)    { d.b = binary.AppendVarint(d.b, int64(n)) }
func (d *digester) str(s string) { d.num(len(s)); d.b = append(d.b, s...) }

func (d *digester) bytes(b []byte) { d.num(len(b)); d.b = append(d.b, b...) }

func (d *digester) flag(v bool) {
	if v {
		d.num(1)
	} else {
		d.num(0)
	}
}

func (d *digester) pos(p diag.Pos) {
	d.str(p.File)
	d.num(p.Line)
	d.num(p.Col)
}

// sum is the digest of what was written.
func (d *digester) sum() [sha256.Size]byte { return sha256.Sum256(d.b) }
