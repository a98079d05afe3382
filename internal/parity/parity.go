// Package parity checks that the editions of a publication say the same
// thing: each translation against the original (the first language of
// publication.yaml), section by section and, where their structure allows,
// block by block. It reports sections missing or added, structure that
// drifted, link targets, numbers and metadata fields that one side lacks, and
// terms of a termbase that are not rendered, rendered where the other side
// has no such term, or written in a form to avoid. Each finding has a stable
// code and is reported at the translation's position, naming the original's;
// an edition accepts a finding by listing it under accept in its edition.yaml.
package parity

import (
	"crypto/sha256"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// Code is the stable name of a kind of finding.
type Code struct {
	Name     string
	Severity diag.Severity
	Doc      string // one line, for the README
}

// Codes lists every kind of finding, in the order the README documents them.
func Codes() []Code {
	return []Code{
		{doc.MissingSection, diag.Error, "a section of the original has no translation (a warning with --allow-missing, which sets the original's section in its place)"},
		{"parity/extra-section", diag.Error, "a section of the translation has no counterpart in the original"},
		{"parity/structure", diag.Error, "a paired section has a different number of headings of a level, boxes, pull quotes, figures, tables, table rows, list items or footnotes"},
		{"parity/links", diag.Error, "a link target (#id) is in one section of a pair and not in the other; for a URL a warning (a language's part of an address, /en/ or ?lang=fr, does not count)"},
		{"parity/references", diag.Error, "a cross-reference (@fig-x, [see @box-y]) is in one section of a pair and not in the other, or refers to another id"},
		{"parity/numbers", diag.Error, "a number of the original (a year, a count, a percentage) is not in the translation"},
		{"parity/metadata", diag.Warning, "a field of edition.yaml is given in one language and not in the other (not those each language gives or not: series, identifier, publisher, rights, authors), or a different number of keywords"},
		{"terms/missing", diag.Error, "a term of the termbase is in the original and none of its forms is in the translation"},
		{"terms/extra", diag.Warning, "a term is in the translation and none of its forms is in the original (a sign of text about something else)"},
		{"terms/avoid", diag.Error, "a form the termbase says to avoid is used"},
	}
}

func lookupCode(name string) (Code, bool) {
	for _, c := range Codes() {
		if c.Name == name {
			return c, true
		}
	}
	return Code{}, false
}

// Options are what the checks read besides the editions.
type Options struct {
	Terms *Termbase // nil for no termbase
	// Broken reports a section file with errors of its own (nil: none). Such
	// a section is not compared with its counterpart: what a comparison
	// found would follow from those errors (a mistyped note reference is
	// not also a missing number and an extra note).
	Broken func(file string) bool
	// TermRules returns how a language's words match the termbase's forms
	// (its words file's termbase key), nil when its words file could not be
	// read: the terms are then not checked in that language (the file's
	// error is reported where it is read). A nil function: every language's
	// words match as they are.
	TermRules func(lang string) *style.TermRules
	// Memo, when not nil, keeps what each pair of sections gave for the
	// next Check of the same publication (see Memo). The TermRules of a
	// language must then be the same value, pointer for pointer, while
	// they are the same rules.
	Memo *Memo
}

// rules returns the termbase rules of lang (nil: words match as they are),
// and false when they could not be read.
func (c *checker) rules(lang string) (*style.TermRules, bool) {
	if c.opt.TermRules == nil {
		return nil, true
	}
	r := c.opt.TermRules(lang)
	return r, r != nil
}

// finding is one thing a check found, before accept lists are applied.
type finding struct {
	code     string
	severity diag.Severity
	ed       *doc.Edition // whose accept list applies
	section  int          // the section's number, or -1
	subject  string       // what it is about: a term, a number, a target, a field
	pos      diag.Pos     // where it is reported: in ed
	msg      string
}

type checker struct {
	opt      Options
	findings []finding
	texts    map[sectionOf]*sectionText // each section read once, for every check that reads it
	split    map[split][]string         // each text split into words once (words)
	// the sections of each translation not compared (Options.Broken), by number
	uncompared map[*doc.Edition]map[int]bool
	termsSum   [sha256.Size]byte // the digest of the termbase's entries, for the memo
}

// sectionOf is a section of an edition (a section set from the original in
// a translation has the translation's notes).
type sectionOf struct {
	ed *doc.Edition
	s  *doc.Section
}

// read returns section s of ed as the checks read it, reading it on first use.
func (c *checker) read(ed *doc.Edition, s *doc.Section) *sectionText {
	return memo(c.texts, sectionOf{ed, s}, func() *sectionText { return read(ed, s) })
}

// memo returns m[k], making it with mk and keeping it on first use.
func memo[K comparable, V any](m map[K]V, k K, mk func() V) V {
	v, ok := m[k]
	if !ok {
		v = mk()
		m[k] = v
	}
	return v
}

func (c *checker) add(code string, ed *doc.Edition, section int, subject string, pos diag.Pos, format string, args ...any) {
	info, _ := lookupCode(code)
	c.findings = append(c.findings, finding{code: code, severity: info.Severity, ed: ed, section: section, subject: subject, pos: pos,
		msg: code + ": " + fmt.Sprintf(format, args...)})
}

// Check compares each edition of eds that is a translation with orig, the
// original edition (nil when it could not be read: then only the termbase's
// forms to avoid are checked; neither is compared when one lacks a section
// file that could not be read), and checks every edition of eds for forms to
// avoid. eds are the editions being built; orig may be among them. Findings
// go to diags, less those each edition accepts; an accept entry that matches
// nothing is a warning.
func Check(orig *doc.Edition, eds []*doc.Edition, opt Options, diags *diag.List) {
	c := &checker{opt: opt, texts: map[sectionOf]*sectionText{}, split: map[split][]string{}, uncompared: map[*doc.Edition]map[int]bool{}}
	if opt.Memo != nil {
		opt.Memo.next()
		if opt.Terms != nil {
			c.termsSum = opt.Terms.digest()
		}
	}
	compared := map[*doc.Edition]bool{}
	for _, ed := range eds {
		// an edition with a section file that could not be read is not
		// compared: its missing section is already reported
		if orig != nil && ed != orig && ed.Lang != orig.Lang && !orig.Incomplete && !ed.Incomplete {
			c.compare(orig, ed)
			compared[ed] = true
		}
		c.avoid(ed)
	}
	for _, ed := range eds {
		c.report(ed, compared[ed] || orig == ed, diags)
	}
}

// report adds the findings about ed that its accept list does not take to
// diags, and warns of accept entries that took none (when ed was checked).
func (c *checker) report(ed *doc.Edition, checked bool, diags *diag.List) {
	used := make([]bool, len(ed.Accept))
	for i, a := range ed.Accept {
		if _, ok := lookupCode(a.Code); !ok && a.Code != "" {
			var names []string
			for _, k := range Codes() {
				names = append(names, k.Name)
			}
			diags.Add(a.Pos, "accept: unknown code %q (known: %s)", a.Code, strings.Join(names, ", "))
			used[i] = true
		}
	}
	for _, f := range c.findings {
		if f.ed != ed {
			continue
		}
		accepted := false
		for i, a := range ed.Accept {
			if a.Takes(f.code, f.section, f.subject, f.pos.Line) {
				used[i], accepted = true, true
			}
		}
		if accepted {
			continue
		}
		if f.severity == diag.Warning {
			diags.Warn(f.pos, "%s", f.msg)
		} else {
			diags.Add(f.pos, "%s", f.msg)
		}
	}
	for i, a := range ed.Accept {
		// an entry for a section not compared may match once it is
		uncompared := len(c.uncompared[ed]) > 0 && (a.Section == nil || c.uncompared[ed][*a.Section])
		if !used[i] && checked && !uncompared {
			diags.Warn(a.Pos, "accept: no %s finding matches this entry: remove it", a.Code)
		}
	}
}

// compare checks translation tr against the original orig.
func (c *checker) compare(orig, tr *doc.Edition) {
	c.metadata(orig, tr)
	trDir := filepath.Dir(tr.File)
	byNumber := map[int]*doc.Section{}
	for _, s := range tr.Sections {
		byNumber[s.Number] = s
	}
	inOrig := map[int]bool{}
	for _, os := range orig.Sections {
		inOrig[os.Number] = true
		ts := byNumber[os.Number]
		switch {
		case ts == nil:
			c.add(doc.MissingSection, tr, os.Number, "", diag.Pos{File: trDir},
				"section %02d of the original (%s) has no %s translation: add it as %s (or build with --allow-missing)",
				os.Number, c.read(orig, os).start(), tr.Lang, filepath.Join(trDir, fmt.Sprintf("%02d-<slug>.md", os.Number)))
		case ts.Lang != "" && ts.Lang != tr.Lang:
			f := len(c.findings)
			c.add(doc.MissingSection, tr, os.Number, "", diag.Pos{File: trDir},
				"section %02d has no %s translation: the original's (%s) is set in its place, marked as %s (--allow-missing)",
				os.Number, tr.Lang, c.read(orig, os).start(), ts.Lang)
			c.findings[f].severity = diag.Warning
		case c.opt.Broken != nil && (c.opt.Broken(os.File) || c.opt.Broken(ts.File)):
			// compared once its errors are mended
			if c.uncompared[tr] == nil {
				c.uncompared[tr] = map[int]bool{}
			}
			c.uncompared[tr][os.Number] = true
		default:
			c.kept(c.pairKey(c.read(orig, os), c.read(tr, ts)), tr, func() { c.section(orig, tr, os, ts) })
		}
	}
	for _, ts := range tr.Sections {
		if !inOrig[ts.Number] {
			c.add("parity/extra-section", tr, ts.Number, "", diag.Pos{File: ts.File, Line: 1, Col: 1},
				"section %02d has no counterpart in the original (%s): the original's sections are in %s",
				ts.Number, orig.Lang, filepath.Dir(orig.File))
		}
	}
}

// metadata compares the fields the two edition.yaml files give.
// perLanguage are the keys of edition.yaml an edition gives or not
// whatever the original does: its own settings, and the publication's
// metadata given in its language (falling back to publication.yaml's).
var perLanguage = map[string]bool{"accept": true, "hyphenation": true,
	"publisher": true, "rights": true, "authors": true, "series": true, "identifier": true}

func (c *checker) metadata(orig, tr *doc.Edition) {
	var keys []string
	seen := map[string]bool{}
	for _, m := range []map[string]diag.Pos{orig.Fields, tr.Fields} {
		for k := range m {
			if !seen[k] && !perLanguage[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	top := diag.Pos{File: tr.File, Line: 1, Col: 1}
	for _, k := range keys {
		op, inOrig := orig.Fields[k]
		tp, inTr := tr.Fields[k]
		switch {
		case inOrig && !inTr:
			c.add("parity/metadata", tr, -1, k, top, "%s is not given here; the original gives it (%s)", k, op)
		case inTr && !inOrig:
			c.add("parity/metadata", tr, -1, k, tp, "%s is given here, not in the original (%s)", k, orig.File)
		case k == "keywords" && len(orig.Keywords) != len(tr.Keywords):
			c.add("parity/metadata", tr, -1, k, tp, "%d keywords here, %d in the original (%s)", len(tr.Keywords), len(orig.Keywords), op)
		}
	}
}

// section compares a pair of sections.
func (c *checker) section(orig, tr *doc.Edition, os, ts *doc.Section) {
	o, t := c.read(orig, os), c.read(tr, ts)
	c.structure(tr, o, t)
	pairs := align(o, t)
	c.links(tr, o, t, pairs)
	for _, p := range pairs {
		c.numbers(tr, ts.Number, p)
		c.terms(tr, ts.Number, o.lang, t.lang, p)
	}
}

// structure compares how many of each kind of element the two sections have.
func (c *checker) structure(tr *doc.Edition, o, t *sectionText) {
	for _, kind := range structureKinds {
		op, tp := o.structure[kind], t.structure[kind]
		if len(op) == len(tp) {
			continue
		}
		if len(tp) < len(op) {
			at := t.start()
			if len(tp) > 0 {
				at = tp[len(tp)-1]
			}
			c.add("parity/structure", tr, t.sec.Number, kind, at, "%d %s here, %d in the original, whose %s has no counterpart here (%s)",
				len(tp), kind, len(op), ordinal(len(tp)+1), op[len(tp)])
		} else {
			other := o.start()
			if len(op) > 0 {
				other = op[len(op)-1]
			}
			c.add("parity/structure", tr, t.sec.Number, kind, tp[len(op)], "%d %s here, %d in the original (%s): this is the %s",
				len(tp), kind, len(op), other, ordinal(len(op)+1))
		}
	}
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// links compares the link targets of the two sections: a target of one that
// the other lacks is reported where the translation has it, or where the
// translation's text paired with the original's link is.
func (c *checker) links(tr *doc.Edition, o, t *sectionText, pairs []pair) {
	trAt := map[diag.Pos]diag.Pos{} // the original's unit → the translation's paired with it
	for _, p := range pairs {
		for _, u := range p.orig {
			trAt[u.pos] = p.trPos()
		}
	}
	type target struct {
		raw      string
		pos, at  diag.Pos // the link, and where the translation's counterpart would be
		internal bool
	}
	targets := func(st *sectionText, paired bool) (map[string]target, []string) {
		m := map[string]target{}
		var order []string
		for _, u := range st.units {
			for _, l := range u.links {
				key, internal := linkKey(l.target, st.lang)
				if _, ok := m[key]; ok {
					continue
				}
				at := l.pos
				if paired {
					if p, ok := trAt[u.pos]; ok {
						at = p
					} else {
						at = t.start()
					}
				}
				m[key] = target{raw: l.target, pos: l.pos, at: at, internal: internal}
				order = append(order, key)
			}
		}
		return m, order
	}
	om, oorder := targets(o, true)
	tm, torder := targets(t, false)
	for _, k := range oorder {
		if _, ok := tm[k]; !ok {
			l := om[k]
			f := len(c.findings)
			if ref, isRef := strings.CutPrefix(l.raw, "@"); isRef {
				c.add("parity/references", tr, t.sec.Number, l.raw, l.at, "the original refers to @%s (%s); this section does not", ref, l.pos)
				continue
			}
			c.add("parity/links", tr, t.sec.Number, l.raw, l.at, "the original links to %s (%s); this section does not", l.raw, l.pos)
			if !l.internal {
				c.findings[f].severity = diag.Warning
			}
		}
	}
	for _, k := range torder {
		if _, ok := om[k]; !ok {
			l := tm[k]
			f := len(c.findings)
			if ref, isRef := strings.CutPrefix(l.raw, "@"); isRef {
				c.add("parity/references", tr, t.sec.Number, l.raw, l.pos, "refers to @%s, which the original's section does not (%s)", ref, o.start())
				continue
			}
			c.add("parity/links", tr, t.sec.Number, l.raw, l.pos, "links to %s, which the original's section does not (%s)", l.raw, o.start())
			if !l.internal {
				c.findings[f].severity = diag.Warning
			}
		}
	}
}

var urlWord = regexp.MustCompile(`[^/?&=#._\-+]+`)

// linkKey is what two link targets are compared by: the id of an internal
// link; a URL lowercased in its scheme and host, without a final slash, and
// with its language (a path segment, a subdomain or a query value that is
// the language's tag: /en/, fr.example.org, ?lang=fr) replaced, so that each
// language's own page of a site is the same target.
func linkKey(target, lang string) (key string, internal bool) {
	if strings.HasPrefix(target, "#") || strings.HasPrefix(target, "@") {
		return target, true
	}
	u := target
	if p, err := url.Parse(target); err == nil && p.Host != "" {
		p.Scheme, p.Host = strings.ToLower(p.Scheme), strings.ToLower(p.Host)
		u = p.String()
	}
	u = strings.TrimSuffix(u, "/")
	primary, _, _ := strings.Cut(lang, "-")
	u = urlWord.ReplaceAllStringFunc(u, func(w string) string {
		if strings.EqualFold(w, lang) || strings.EqualFold(w, primary) {
			return "{lang}"
		}
		return w
	})
	return u, false
}

// numbers reports the numbers of the original's text that the translation's lacks.
func (c *checker) numbers(tr *doc.Edition, section int, p pair) {
	have := map[string]bool{}
	for _, n := range c.numbersIn(joined(p.tr)) {
		have[n] = true
	}
	for _, n := range c.numbersIn(joined(p.orig)) {
		if !have[n] {
			c.add("parity/numbers", tr, section, n, p.trPos(), "%s is in the original (%s) and not here", n, p.origPos())
		}
	}
}

// terms reports the terms of the termbase that one side of a pair has and the other lacks.
func (c *checker) terms(tr *doc.Edition, section int, olang, tlang string, p pair) {
	if c.opt.Terms == nil {
		return
	}
	orules, ok1 := c.rules(olang)
	trules, ok2 := c.rules(tlang)
	if !ok1 || !ok2 {
		return
	}
	oin, tin := c.termsIn(joined(p.orig), olang, orules), c.termsIn(joined(p.tr), tlang, trules)
	for i, term := range c.opt.Terms.Terms {
		of, ok1 := lookup(term.forms, olang)
		tf, ok2 := lookup(term.forms, tlang)
		if !ok1 || !ok2 {
			continue
		}
		inOrig, inTr := formAt(of, oin[i]), formAt(tf, tin[i])
		switch {
		case inOrig != nil && inTr == nil:
			c.add("terms/missing", tr, section, inOrig.text, p.trPos(), "%q in the original (%s) is not rendered here: expected %s",
				inOrig.text, p.origPos(), term.alternatives(tlang))
		case inTr != nil && inOrig == nil:
			c.add("terms/extra", tr, section, inTr.text, p.trPos(), "%q here has no %s in the original (%s): is this text about something else?",
				inTr.text, term.alternatives(olang), p.origPos())
		}
	}
}

// avoid reports every use, in ed's text and metadata, of a form the termbase
// says to avoid.
func (c *checker) avoid(ed *doc.Edition) {
	if c.opt.Terms == nil {
		return
	}
	check := func(text, lang string, section int, pos diag.Pos) {
		r, ok := c.rules(lang)
		if !ok {
			return
		}
		w := c.words(text, r)
		for _, term := range c.opt.Terms.Terms {
			bad, _ := lookup(term.avoid, lang)
			for _, form := range bad {
				n := count(c.words(form.text, r), w, r)
				if n == 0 {
					continue
				}
				times := ""
				if n > 1 {
					times = fmt.Sprintf(" (%d times)", n)
				}
				instead := ""
				if alt := term.alternatives(lang); alt != "" {
					instead = ": write " + alt
				}
				c.add("terms/avoid", ed, section, form.text, pos, "%q is a form to avoid%s (%s)%s", form.text, times, term.Pos, instead)
			}
		}
	}
	for _, f := range []struct {
		key  string
		text string
	}{{"title", ed.Title}, {"subtitle", ed.Subtitle}, {"description", ed.Description}, {"series", ed.Series}, {"keywords", strings.Join(ed.Keywords, "; ")}} {
		if pos, ok := ed.Fields[f.key]; ok {
			check(f.text, ed.Lang, -1, pos)
		}
	}
	for _, s := range ed.Sections {
		st := c.read(ed, s)
		c.kept(c.avoidKey(st), ed, func() {
			for _, u := range st.units {
				check(u.text, st.lang, s.Number, u.pos)
			}
		})
	}
}
