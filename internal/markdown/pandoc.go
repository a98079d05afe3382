package markdown

import (
	"regexp"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/yuin/goldmark/ast"
)

// pandocInlines reads Pandoc's inline syntax in out, the inlines of
// parent: superscripts and subscripts, citations, and the syntax folio
// sets as typed (warned of).
func (c *converter) pandocInlines(parent ast.Node, out []doc.Inline) []doc.Inline {
	if _, code := parent.(*ast.CodeSpan); !code {
		out = c.scripts(out)
		for _, n := range out {
			if sp, ok := n.(*doc.Span); ok {
				sp.Content = c.scripts(sp.Content) // a span's texts are its run's
			}
		}
		c.warnLiterals(out)
	}
	return c.citesOf(parent, out)
}

// scripts makes Pandoc's superscripts (2^10^) and subscripts (H~2~O) in
// the texts of a run: text between two ^ or two ~ on one line, not empty
// and without spaces; an escaped \^ or \~ is text, ~~ (strikeout) is none.
func (c *converter) scripts(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for _, n := range in {
		t, ok := n.(*doc.Text)
		if !ok || !strings.ContainsAny(t.Text, "^~") {
			out = append(out, n)
			continue
		}
		s := t.Text
		from := 0
		for i := 0; i < len(s); i++ {
			mark := s[i]
			if mark != '^' && mark != '~' || c.escaped(t, i) || i+1 < len(s) && (s[i+1] == mark || s[i+1] == '[') || i > 0 && s[i-1] == mark {
				continue
			}
			j := i + 1
			for j < len(s) && s[j] != mark && s[j] != ' ' && s[j] != '\n' {
				j++
			}
			if j >= len(s) || s[j] != mark || j == i+1 || c.escaped(t, j) || j+1 < len(s) && s[j+1] == mark {
				continue
			}
			if from < i {
				out = append(out, t.Slice(from, i))
			}
			out = append(out, &doc.Super{Text: s[i+1 : j], Pos: t.PosAt(i + 1), Sub: mark == '~'})
			from, i = j+1, j
		}
		switch {
		case from == 0:
			out = append(out, t)
		case from < len(s):
			out = append(out, t.Slice(from, len(s)))
		}
	}
	return out
}

// literal is Pandoc syntax folio does not read, found in a text, and what
// to write instead.
type literal struct {
	re   *regexp.Regexp
	what string
}

// literals lists the syntax of Pandoc's Markdown extensions that folio
// would set as typed, each with what to do (docs/coming-from-pandoc.md).
var literals = []literal{
	{regexp.MustCompile(`\$\$[^$]+\$\$`), "display math ($$…$$) is not supported: it is set as typed; write it as an image (a figure) or as text"},
	{regexp.MustCompile(`\$[^\s$](?:[^$]*[^\s$])?\$`), "math ($…$) is not supported: it is set as typed; write it as text (x^2^ and H~2~O give superscripts and subscripts) or as an image"},
	{regexp.MustCompile(`\\[a-zA-Z]+(?:\{[^}]*\})?`), "raw LaTeX (%s) is not supported: it is set as typed; write it in Markdown (*emphasis*, **strong**)"},
	{regexp.MustCompile(`\^\[[^\]]*\]`), "an inline note (^[…]) is not read: it is set as typed; write a footnote: text[^1], and [^1]: the note, after the paragraph"},
	{regexp.MustCompile(`~~[^~]+~~`), "strikeout (~~…~~) is not supported: it is set as typed; leave the text out, or say in words what changed"},
	{regexp.MustCompile(`\[[^\]]*\]\{[^}]*\}`), "a bracketed span ([text]{.class}) is not supported, only a language span ([text]{lang=fr}): it is set as typed, braces and all; write the text alone"},
}

// warnLiterals warns of Pandoc syntax in the texts of a run that folio
// sets as typed: math, raw LaTeX, inline notes, strikeout, bracketed spans,
// raw attributes (`…`{=html}).
func (c *converter) warnLiterals(in []doc.Inline) {
	for i, n := range in {
		switch n := n.(type) {
		case *doc.Text:
			var covered [][]int // what a warning already names
			inside := func(m []int) bool {
				for _, cv := range covered {
					if m[0] < cv[1] && m[1] > cv[0] {
						return true
					}
				}
				return false
			}
			for k, l := range literals {
				for _, m := range l.re.FindAllStringIndex(n.Text, -1) {
					latex := k == 2 // its backslash is in the source: no escape
					if inside(m) || !latex && c.escaped(n, m[0]) {
						continue
					}
					covered = append(covered, m)
					if l.re == literals[1].re && m[1] < len(n.Text) && n.Text[m[1]] >= '0' && n.Text[m[1]] <= '9' {
						continue // "$5 and $10": money, as Pandoc reads it
					}
					msg := strings.Replace(l.what, "%s", n.Text[m[0]:m[1]], 1)
					c.diags.Warn(n.PosAt(m[0]), "%s", msg)
				}
			}
		case *doc.Code:
			if i+1 < len(in) {
				if t, ok := in[i+1].(*doc.Text); ok && strings.HasPrefix(t.Text, "{=") {
					c.diags.Warn(t.Pos, "raw content (`…`{=format}) is not supported: the code and its attribute are set as typed; leave it out")
				}
			}
		case *doc.Span:
			// a language span is made of its run's texts after they were read
			c.warnLiterals(n.Content)
		case *doc.Emph, *doc.Strong, *doc.Link, *doc.Cite, *doc.NoteRef, *doc.Super, *doc.LineBreak, *doc.InlineImage:
			// their texts were checked where they were made
		}
	}
}

// pandocLines are Pandoc block syntax that reaches folio as a paragraph's
// line, and what to write instead.
var pandocLines = []literal{
	{regexp.MustCompile(`^[:~]\s+\S`), "a definition list (a line starting with : or ~) is not supported: it is set as typed; write the term in **bold** and its definition after it"},
	{regexp.MustCompile(`^\|\s`), "a line block (lines starting with |) is not supported: it is set as typed; end each line with a backslash to break it"},
	{regexp.MustCompile(`^\(@[\w-]*\)\s`), "an example list ((@) items) is not supported: it is set as typed; write a numbered list (1. …)"},
	{regexp.MustCompile(`^\+[-=:+]+\+\s*$`), "a grid table (+---+ lines) is not supported: it is set as typed; write a pipe table (| a | b |)"},
}

// warnLineStarts warns of Pandoc block syntax among a paragraph's lines.
func (c *converter) warnLineStarts(n ast.Node) {
	lines := n.Lines()
	warned := map[*regexp.Regexp]bool{} // once a paragraph
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := string(seg.Value(c.src))
		for _, l := range pandocLines {
			if l.re.MatchString(line) && !warned[l.re] {
				warned[l.re] = true
				c.diags.Warn(c.pos(seg.Start), "%s", l.what)
				break
			}
		}
	}
}
