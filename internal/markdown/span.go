package markdown

import (
	"slices"

	"github.com/folio-pub/folio/internal/doc"
	"golang.org/x/text/language"
)

// spans finds Pandoc's bracketed spans with a language, [text]{lang=xx}, in
// a run of inlines (goldmark leaves their brackets and attributes as text)
// and makes each a doc.Span of its content. Brackets that close without
// attributes, or with attributes but no lang, are left as they are (a
// citation group, a link's text). A language that is not a known BCP 47
// tag is an error at its attribute.
func (c *converter) spans(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	in = slices.Clone(in)
	for k := 0; k < len(in); k++ {
		t, ok := in[k].(*doc.Text)
		if !ok {
			out = append(out, in[k])
			continue
		}
		found := false
		for i := 0; i < len(t.Text) && !found; i++ {
			if t.Text[i] != '[' || c.escaped(t, i) {
				continue
			}
			end, ok := c.spanEnd(in, k, i+1)
			if !ok {
				continue
			}
			found = true
			if i > 0 {
				out = append(out, t.Slice(0, i))
			}
			var content []doc.Inline
			last := in[end.k].(*doc.Text)
			if end.k == k {
				content = append(content, t.Slice(i+1, end.close))
			} else {
				content = append(content, t.Slice(i+1, len(t.Text)))
				content = append(content, in[k+1:end.k]...)
				content = append(content, last.Slice(0, end.close))
			}
			content = slices.DeleteFunc(content, func(n doc.Inline) bool { t, ok := n.(*doc.Text); return ok && t.Text == "" })
			lang := end.lang
			if tag, err := language.Parse(lang); err != nil || !doc.IsLangTag(lang) || tag.IsRoot() {
				c.diags.Add(last.PosAt(end.close+1), "unknown language %q in a span: write a BCP 47 tag such as en, fr or pt-BR, [text]{lang=en}", lang)
			}
			out = append(out, &doc.Span{Lang: lang, Content: c.cites(content, false), Pos: t.PosAt(i)})
			// what follows the attributes is read again, for more spans
			in[end.k] = last.Slice(end.after, len(last.Text))
			k = end.k - 1
		}
		if !found {
			out = append(out, t)
		}
	}
	return slices.DeleteFunc(out, func(n doc.Inline) bool { t, ok := n.(*doc.Text); return ok && t.Text == "" })
}

// spanClose is where a span's brackets close: in in[k], at byte close, its
// attributes ending before byte after; lang is its language.
type spanClose struct {
	k, close, after int
	lang            string
}

// spanEnd finds the closing bracket of a bracket opened in in[k] before byte
// from, followed at once by attributes with a lang; false when the bracket
// closes otherwise, or never.
func (c *converter) spanEnd(in []doc.Inline, k, from int) (spanClose, bool) {
	depth := 0
	for ; k < len(in); k, from = k+1, 0 {
		t, ok := in[k].(*doc.Text)
		if !ok {
			continue
		}
		for j := from; j < len(t.Text); j++ {
			switch {
			case t.Text[j] != '[' && t.Text[j] != ']' || c.escaped(t, j):
			case t.Text[j] == '[':
				depth++
			case depth > 0:
				depth--
			default:
				rest := t.Text[j+1:]
				if len(rest) == 0 || rest[0] != '{' {
					return spanClose{}, false
				}
				end := 1
				for end < len(rest) && rest[end] != '}' {
					end++
				}
				if end == len(rest) {
					return spanClose{}, false
				}
				a, ok := parseAttrs(rest[1:end], false)
				if !ok {
					return spanClose{}, false
				}
				for _, kv := range a.keys {
					if kv.key == "lang" {
						return spanClose{k: k, close: j, after: j + 1 + end + 1, lang: kv.value}, true
					}
				}
				return spanClose{}, false
			}
		}
	}
	return spanClose{}, false
}
