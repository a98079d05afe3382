package parity

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
	"github.com/folio-pub/folio/internal/yamlconf"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// Termbase is the terminology of a publication: source/terms.yaml for the
// whole series and source/<id>/terms.yaml for the publication, in that order.
type Termbase struct {
	Terms []*Term
}

// Term is one entry of a termbase: the accepted forms of a concept in each
// language, and the forms to avoid.
type Term struct {
	Pos diag.Pos // where the entry starts

	forms, avoid map[string][]phrase // language tag → accepted forms, forms to avoid
}

// Forms returns the accepted forms of the term in language lang, as written.
func (t *Term) Forms(lang string) []string { return texts(t.forms[lang]) }

// Avoided returns the forms of the term to avoid in language lang, as written.
func (t *Term) Avoided(lang string) []string { return texts(t.avoid[lang]) }

func texts(ps []phrase) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.text)
	}
	return out
}

// phrase is a form, as written; it is matched by its words in the
// language's rules.
type phrase struct {
	text string
}

// LoadTerms reads the termbases of publication id in the source folder root:
// root/terms.yaml and root/<id>/terms.yaml, either or both of which may be
// absent. Problems go to diags, with positions.
func LoadTerms(root, id string, diags *diag.List) *Termbase {
	tb := &Termbase{}
	for _, file := range []string{filepath.Join(root, "terms.yaml"), filepath.Join(root, id, "terms.yaml")} {
		if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		tb.read(root, file, diags)
	}
	return tb
}

// read adds the entries of one termbase file, in the source folder:
//
//	terms:
//	  - en: civil society
//	    fr: société civile
//	  - en: accountability
//	    fr: [redevabilité, obligation de rendre des comptes]
//	    avoid:
//	      fr: [accountabilité]
func (tb *Termbase) read(folder, file string, diags *diag.List) {
	dec, root := yamlconf.Open(folder, file, diags, nil)
	if root == nil {
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; k.Value != "terms" {
			diags.Add(dec.Pos(k), "unknown key %q (known keys: terms)", k.Value)
		}
	}
	list := yamlconf.Value(root, "terms")
	if list == nil {
		diags.Add(dec.Pos(nil), `missing key "terms": a list of entries like {en: civil society, fr: société civile}`)
		return
	}
	if list.Kind != yaml.SequenceNode {
		diags.Add(dec.Pos(list), "terms: expected a list of entries, one per concept")
		return
	}
	for _, item := range list.Content {
		if t := readTerm(dec, item, diags); t != nil {
			tb.Terms = append(tb.Terms, t)
		}
	}
}

// readTerm reads one entry: language tags to one form or a list of forms, and
// an optional avoid mapping of the same shape.
func readTerm(dec *yamlconf.Decoder, n *yaml.Node, diags *diag.List) *Term {
	if n.Kind != yaml.MappingNode {
		diags.Add(dec.Pos(n), "a term is a mapping of language tags to forms, e.g. {en: civil society, fr: société civile}")
		return nil
	}
	t := &Term{Pos: dec.Pos(n), forms: map[string][]phrase{}, avoid: map[string][]phrase{}}
	ok := true
	langForms := func(m *yaml.Node, phrases map[string][]phrase) {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if !doc.IsLangTag(k.Value) {
				diags.Add(dec.Pos(k), "%q is not a language tag like en, fr or pt-BR", k.Value)
				ok = false
				continue
			}
			if _, dup := phrases[k.Value]; dup {
				diags.Add(dec.Pos(k), "language %s is given twice", k.Value)
				ok = false
				continue
			}
			forms := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				forms = v.Content
			}
			if len(forms) == 0 {
				diags.Add(dec.Pos(v), "%s: give at least one form", k.Value)
				ok = false
			}
			for _, f := range forms {
				if f.Kind != yaml.ScalarNode || f.Tag == "!!null" || strings.TrimSpace(f.Value) == "" {
					diags.Add(dec.Pos(f), "%s: expected a form (words), or a list of forms", k.Value)
					ok = false
					continue
				}
				p := phrase{text: strings.TrimSpace(norm.NFC.String(f.Value))}
				if len(words(p.text, nil)) == 0 {
					diags.Add(dec.Pos(f), "%s: %q has no words", k.Value, f.Value)
					ok = false
					continue
				}
				phrases[k.Value] = append(phrases[k.Value], p)
			}
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == "avoid" {
			if v.Kind != yaml.MappingNode {
				diags.Add(dec.Pos(v), "avoid: expected a mapping of language tags to forms, e.g. {fr: [accountabilité]}")
				ok = false
				continue
			}
			langForms(v, t.avoid)
		}
	}
	rest := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "avoid" {
			rest.Content = append(rest.Content, n.Content[i], n.Content[i+1])
		}
	}
	langForms(rest, t.forms)
	if ok && len(t.forms) == 0 && len(t.avoid) == 0 {
		diags.Add(t.Pos, "the term gives no forms: give each language's, e.g. {en: civil society, fr: société civile}")
		return nil
	}
	if !ok {
		return nil
	}
	return t
}

// lookup returns the entry of m for language lang: its own tag, else its
// primary language (fr for fr-CA).
func lookup[V any](m map[string]V, lang string) (V, bool) {
	if v, ok := m[lang]; ok {
		return v, true
	}
	primary, _, _ := strings.Cut(lang, "-")
	v, ok := m[primary]
	return v, ok
}

// alternatives lists the accepted forms in lang, quoted: "a" or "b".
func (t *Term) alternatives(lang string) string {
	ps, _ := lookup(t.forms, lang)
	var q []string
	for _, p := range ps {
		q = append(q, `"`+p.text+`"`)
	}
	return strings.Join(q, " or ")
}

// words splits text into the words terms are matched by: lowercase (accents
// kept); hyphens and other punctuation separate words. With a language's
// rules r, a word that elides before an apostrophe is left out (l'État,
// d'information, qu'elle), and so is a possessive's ending ('s); without
// them (nil), a word keeps its apostrophe.
func words(s string, r *style.TermRules) []string {
	s = strings.ToLower(norm.NFC.String(s))
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != '\'' && r != '’'
	}) {
		w = strings.Trim(strings.ReplaceAll(w, "’", "'"), "'")
		if head, tail, ok := strings.Cut(w, "'"); ok && r != nil {
			switch {
			case slices.Contains(r.Possessive, tail):
				w = head // possessive: society's
			case slices.Contains(r.Elision, head):
				w = tail // elision: l'état, d'information, qu'est-ce, jusqu'à
			}
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// split is a text and the rules it is split into words by.
type split struct {
	text string
	r    *style.TermRules
}

// words returns words(text, r), splitting each text once for all the
// checks: a form is matched against every block, and a block is read by
// the terms check and the forms to avoid.
func (c *checker) words(text string, r *style.TermRules) []string {
	return memo(c.split, split{text, r}, func() []string { return words(text, r) })
}

// inflects reports whether word is form or a regular plural of it, or the
// other way round, by the language's rules r (nil: the same word only):
// société/sociétés, bureau/bureaux, policy/policies, national/nationaux,
// Gesellschaft/Gesellschaften.
func inflects(form, word string, r *style.TermRules) bool {
	if form == word {
		return true
	}
	if r == nil || len(form) > 1 && len(word) > 1 && form[0] != word[0] {
		return false // a plural shares its singular's first letter: a quick no for most words
	}
	return plural(form, word, r) || plural(word, form, r)
}

// plural reports whether pl is a regular plural of sing by the rules r.
func plural(sing, pl string, r *style.TermRules) bool {
	for _, p := range r.Plurals {
		stem, ok := strings.CutSuffix(sing, p.Singular)
		if ok && stem != "" && pl == stem+p.Plural {
			return true
		}
	}
	return false
}

// count returns how many times a phrase of words pw occurs in text, a slice
// of words; both split by the language's rules r.
func count(pw, text []string, r *style.TermRules) int {
	n := 0
	for i := 0; i+len(pw) <= len(text); i++ {
		match := true
		for j, w := range pw {
			if !inflects(w, text[i+j], r) {
				match = false
				break
			}
		}
		if match {
			n++
		}
	}
	return n
}

// termsIn returns, for each term of the termbase, the index of the first
// of its forms in lang that text has, or -1 for none; text and forms split
// into words by r. A text read before is not read again (Memo).
func (c *checker) termsIn(text, lang string, r *style.TermRules) []int {
	k := termsKey{terms: c.termsSum, text: text, lang: lang, r: r}
	if c.opt.Memo != nil {
		if in, ok := c.opt.Memo.terms.Get(k); ok {
			return in
		}
	}
	words := c.words(text, r)
	in := make([]int, len(c.opt.Terms.Terms))
	for i, term := range c.opt.Terms.Terms {
		in[i] = -1
		forms, _ := lookup(term.forms, lang)
		for j := range forms {
			if count(c.words(forms[j].text, r), words, r) > 0 {
				in[i] = j
				break
			}
		}
	}
	if c.opt.Memo != nil {
		c.opt.Memo.terms.Put(k, in)
	}
	return in
}

// formAt returns the form at index i of ps, nil for -1 (none).
func formAt(ps []phrase, i int) *phrase {
	if i < 0 {
		return nil
	}
	return &ps[i]
}
