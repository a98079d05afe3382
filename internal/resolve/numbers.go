package resolve

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/langrules"
)

// Number is the number of a numbered element (a figure, table or box whose
// id starts with fig-, tbl-, box-, a heading whose id starts with sec-), and
// what names it in the edition's language.
type Number struct {
	Kind doc.RefKind
	ID   string
	// N is the number: "3" for a figure, table or box, counted in reading
	// order across the edition; "2.1" for a heading, its section's number
	// among the body's sections and its place among its section's headings.
	// Empty for a heading of the front or back matter, which is not numbered
	// (a reference to it is its title).
	N     string
	Word  string // the kind's word, as at the start of a sentence: "Figure", "Encadré"
	Title string // a heading's text, for a reference to one not numbered
	// ByHand: a box whose title numbers it as typed ("Box 1: …"): no
	// label is added to its title.
	ByHand bool
}

// Label is the kind's word and the number, joined by a no-break space
// ("Figure 1"); lower sets the word's first letter in lowercase, as in a
// sentence in a language that does.
func (n *Number) Label(lower bool) string {
	if n.N == "" {
		return n.Title
	}
	w := n.Word
	if lower {
		r, size := utf8.DecodeRuneInString(w)
		w = string(unicode.ToLower(r)) + w[size:]
	}
	return w + "\u00a0" + n.N
}

// words returns the word of kind k in the edition's language.
func (r *Edition) word(k doc.RefKind) string {
	n := r.Words.Numbering
	var w, def string
	switch k {
	case doc.RefFigure:
		w, def = n.Figure, "Figure"
	case doc.RefTable:
		w, def = n.Table, "Table"
	case doc.RefBox:
		w, def = n.Box, r.Words.Box
	case doc.RefSection:
		w, def = n.Section, "Section"
	case doc.RefNone:
	}
	if w == "" {
		return def // a words file without numbering, and no built-in one for its language
	}
	return w
}

// number numbers the figures, tables and boxes whose ids have their kind's
// prefix, in reading order across the edition, and the headings whose ids
// start with sec-; a box whose title is numbered by hand keeps its title
// and its place in the count, with a warning. An untitled numbered box
// is titled by its label (Captioned).
func (r *Edition) number() {
	count := map[doc.RefKind]int{}
	byHand := r.byHandPattern()
	body := 0
	for _, s := range r.Sections {
		inBody := s.Role.Matter == doc.BodyMatter
		if inBody {
			body++
		}
		r.numberHeadings(s, inBody, body)
		doc.WalkBlocks(s.Doc.Blocks, func(b doc.Block) {
			var id string
			switch b := b.(type) {
			case *doc.Figure:
				id = b.ID
			case *doc.Table:
				id = b.ID
			case *doc.Box:
				id = b.ID
			case *doc.Heading:
				if r.numbers[b] == nil && doc.RefKindOf(b.ID) == doc.RefSection {
					// in a box, a list or a quote: not numbered, a reference reads its title
					n := &Number{Kind: doc.RefSection, ID: b.ID, Word: r.word(doc.RefSection), Title: strings.TrimSpace(doc.PlainText(b.Content))}
					r.numbers[b], r.byID[b.ID] = n, n
				}
				return
			case *doc.Paragraph, *doc.List, *doc.Quote, *doc.PullQuote, *doc.CodeBlock, *doc.Rule:
				return // never numbered
			}
			kind := doc.RefKindOfBlock(b)
			box, _ := b.(*doc.Box)
			typed := ""
			if box != nil {
				typed = byHandNumber(byHand, box)
			}
			if doc.RefKindOf(id) != kind && typed == "" {
				return
			}
			count[kind]++
			n := &Number{Kind: kind, ID: id, N: strconv.Itoa(count[kind]), Word: r.word(kind), ByHand: typed != ""}
			r.numbers[b] = n
			if doc.RefKindOf(id) == kind {
				r.byID[id] = n
			}
			if box == nil {
				return
			}
			if typed != "" {
				r.warnByHand(box, n, typed)
			}
		})
	}
}

// numberHeadings numbers the headings of section s whose ids start with
// sec-: the section's number (the body's sth) and their place among its
// headings ("2.1"); none outside the body.
func (r *Edition) numberHeadings(s *Section, inBody bool, body int) {
	var at [7]int
	for _, h := range s.Doc.Headings(6) {
		lvl := min(max(h.Level, 1), 6)
		if lvl == 1 {
			at[1] = body
		} else {
			at[lvl]++
		}
		for i := lvl + 1; i < len(at); i++ {
			at[i] = 0
		}
		if doc.RefKindOf(h.ID) != doc.RefSection {
			continue
		}
		n := &Number{Kind: doc.RefSection, ID: h.ID, Word: r.word(doc.RefSection), Title: strings.TrimSpace(doc.PlainText(h.Content))}
		if inBody {
			parts := []string{strconv.Itoa(body)}
			for i := 2; i <= lvl; i++ {
				parts = append(parts, strconv.Itoa(at[i]))
			}
			n.N = strings.Join(parts, ".")
		}
		r.numbers[h] = n
		r.byID[h.ID] = n
	}
}

// byHandPattern matches a box title that numbers itself, "Box 1: …",
// "Encadré 1 : …", in the edition's language.
func (r *Edition) byHandPattern() *regexp.Regexp {
	return regexp.MustCompile(`^(?i:` + regexp.QuoteMeta(r.word(doc.RefBox)) + `)[\s\x{a0}\x{202f}]+(\d+)[\s\x{a0}\x{202f}]*[:.–—]`)
}

// byHandNumber returns the number a box's title gives itself, or "".
func byHandNumber(p *regexp.Regexp, b *doc.Box) string {
	if m := p.FindStringSubmatch(strings.TrimSpace(doc.PlainText(b.Title))); m != nil {
		return m[1]
	}
	return ""
}

// warnByHand says that a box's title numbers it by hand, and how to let
// folio number it.
func (r *Edition) warnByHand(b *doc.Box, n *Number, typed string) {
	pos := b.Pos
	doc.WalkInlineTree(b.Title, func(in doc.Inline) {
		if t, ok := in.(*doc.Text); ok && pos == b.Pos && t.Pos.Line != 0 {
			pos = t.Pos
		}
	})
	how := "folio numbers a box whose id starts with box- itself, and @" + b.ID + " refers to it: write the title without its number"
	if doc.RefKindOf(b.ID) != doc.RefBox {
		how = "folio numbers boxes itself: give this one an id that starts with box- (::: {.box #box-…}), write the title without its number and refer to the box as @box-…"
	}
	also := ""
	if typed != n.N {
		also = "; it is box " + n.N + " in this edition's count"
	}
	r.Diags.Warn(pos, "this box's title is numbered by hand (%q%s): %s", n.Word+" "+typed, also, how)
}

// Referred returns the ids the edition's cross-references refer to, each
// once, in the order of their first reference.
func (r *Edition) Referred() []string { return r.referredIDs }

// NumberOf returns the number of b, nil when b is not numbered.
func (r *Edition) NumberOf(b doc.Block) *Number { return r.numbers[b] }

// Label returns what is set before the caption of b (a figure's caption, a
// table's, a box's title): its kind's word and number and the language's
// separator, "Figure 1: " (just "Figure 1" when caption is false: it has no
// caption). Empty when b is not numbered or its title numbers it by hand.
func (r *Edition) Label(b doc.Block, caption bool) string {
	n := r.numbers[b]
	if n == nil || n.ByHand {
		return ""
	}
	if !caption {
		return n.Label(false)
	}
	sep := r.Words.Numbering.Separator
	if sep == "" {
		sep = ": "
	}
	return n.Label(false) + sep
}

// Captioned returns run, the caption of b (a table's caption, a box's
// title), after b's label ("Table 1: …"); run itself when b has no label.
func (r *Edition) Captioned(b doc.Block, run []doc.Inline) []doc.Inline {
	l := r.Label(b, len(run) > 0)
	if l == "" {
		return run
	}
	// a message about the label points at the block it labels
	return append([]doc.Inline{doc.MadeText(l, b.Position())}, run...)
}

// FigureCaption returns the caption of a figure as it is set: its label
// and its caption ("Figure 1: The actors"); nil when it has neither.
func (r *Edition) FigureCaption(f *doc.Figure) []doc.Inline {
	var run []doc.Inline
	if strings.TrimSpace(f.Caption) != "" {
		run = []doc.Inline{&doc.Text{Text: f.Caption, Pos: f.CaptionPos}}
	}
	return r.Captioned(f, run)
}

// cites settles what each citation group of the edition sets: for a group
// of cross-references, each item's prefix, its target's word and number
// (lowercase in a sentence where the language says so) as a link, and its
// suffix; for a group that holds citations, its source as typed.
func (r *Edition) cites(rules langrules.Rules) {
	lower := r.Words.Numbering.Lowercase
	doc.Walk(r.Doc, func(b doc.Block) {
		for _, run := range doc.Runs(b) {
			doc.WalkInlineTree(run, func(in doc.Inline) {
				c, ok := in.(*doc.Cite)
				if !ok {
					return
				}
				if c.Content != nil && !c.Crossrefs() {
					return // a citation, formatted by citations
				}
				c.Content = r.citeContent(c, rules, lower)
				for _, it := range c.Items {
					if n := r.byID[it.Key]; n != nil && !r.referred[it.Key] && c.Crossrefs() {
						r.referred[it.Key] = true
						r.referredIDs = append(r.referredIDs, it.Key)
					}
				}
			})
		}
	})
}

func (r *Edition) citeContent(c *doc.Cite, rules langrules.Rules, lower bool) []doc.Inline {
	asTyped := []doc.Inline{&doc.Text{Text: c.Source, Pos: c.Pos}}
	if !c.Crossrefs() {
		return asTyped
	}
	var out []doc.Inline
	text := func(s string, pos diag.Pos) {
		if s != "" {
			out = append(out, &doc.Text{Text: rules.String(s), Pos: pos})
		}
	}
	for i, it := range c.Items {
		n := r.byID[it.Key]
		if n == nil || n.Kind != it.Kind() {
			return asTyped // reported by the source reader
		}
		if i > 0 {
			out = append(out, &doc.Text{Text: ", ", Pos: it.Pos})
		}
		text(it.Prefix, it.Pos)
		label := &doc.Text{Text: n.Label(lower && !it.Capital), Pos: it.Pos}
		out = append(out, &doc.Link{URL: "#" + n.ID, Content: []doc.Inline{label}, Pos: it.Pos})
		text(it.Suffix, it.Pos)
	}
	return out
}
