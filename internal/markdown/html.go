package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// HTML in Markdown: a <div> wrapper around Markdown (on lines of its own,
// with blank lines around the Markdown inside, as Pandoc's native_divs and
// GitHub read it) is a fenced div; a comment is nothing; any other HTML is
// an error that shows the Markdown to write instead.

var (
	divOpenTag  = regexp.MustCompile(`(?is)^<div(\s[^<>]*)?>$`)
	divCloseTag = regexp.MustCompile(`(?i)^</div\s*>$`)
	htmlAttr    = regexp.MustCompile(`(?is)([A-Za-z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
	htmlTagName = regexp.MustCompile(`^<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)`)
)

// htmlText is the whole text of an HTML block.
func (c *converter) htmlText(n *ast.HTMLBlock) string {
	var b []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b = append(b, seg.Value(c.src)...)
	}
	if n.HasClosure() {
		b = append(b, n.ClosureLine.Value(c.src)...)
	}
	return string(bytes.TrimSpace(b))
}

// divOpen returns the attributes of n when it is a <div …> line alone.
func (c *converter) divOpen(n ast.Node) (attrs, bool) {
	h, ok := n.(*ast.HTMLBlock)
	if !ok {
		return attrs{}, false
	}
	m := divOpenTag.FindStringSubmatch(c.htmlText(h))
	if m == nil {
		return attrs{}, false
	}
	var a attrs
	for _, kv := range htmlAttr.FindAllStringSubmatch(m[1], -1) {
		v := kv[2] + kv[3] + kv[4]
		switch strings.ToLower(kv[1]) {
		case "id":
			a.id = v
		case "class":
			a.classes = append(a.classes, strings.Fields(v)...)
		default:
			a.keys = append(a.keys, attr{kv[1], v}) // presentation (align, style): nothing to keep
		}
	}
	return a, true
}

// divClose reports whether n is a </div> line alone.
func (c *converter) divClose(n ast.Node) bool {
	h, ok := n.(*ast.HTMLBlock)
	return ok && divCloseTag.MatchString(c.htmlText(h))
}

// blockRange converts the blocks from first up to (not including) end, its
// siblings, reading <div> … </div> wrappers among them as fenced divs.
func (c *converter) blockRange(first, end ast.Node) []doc.Block {
	var out []doc.Block
	for n := first; n != nil && n != end; n = n.NextSibling() {
		if _, ok := n.(*east.FootnoteList); ok {
			continue
		}
		a, ok := c.divOpen(n)
		if !ok {
			if c.divClose(n) {
				c.diags.Add(c.at(n).Pos, "this </div> closes no <div>: remove it")
				continue
			}
			out = append(out, c.block(n)...)
			continue
		}
		closer, depth := n.NextSibling(), 1
		for ; closer != nil && closer != end; closer = closer.NextSibling() {
			if _, ok := c.divOpen(closer); ok {
				depth++
			} else if c.divClose(closer) {
				if depth--; depth == 0 {
					break
				}
			}
		}
		closed := closer != nil && closer != end
		if !closed {
			closer = end
		}
		inner := n.NextSibling()
		out = append(out, c.div(c.at(n).Pos, a, "<div>", closed, func() []doc.Block { return tableCaptions(c.blockRange(inner, closer)) })...)
		if !closed {
			break
		}
		n = closer
	}
	return out
}

// htmlBlock reports an HTML block that is not a div wrapper: nothing for a
// comment, an error with the Markdown to write for anything else.
func (c *converter) htmlBlock(n *ast.HTMLBlock) {
	if n.HTMLBlockType == ast.HTMLBlockType2 {
		return // <!-- a comment -->
	}
	text := c.htmlText(n)
	if strings.HasPrefix(strings.ToLower(text), "<div") || strings.HasSuffix(strings.ToLower(text), "</div>") {
		c.diags.Add(c.at(n).Pos, "raw HTML is not allowed; a <div> is read as a div (as Pandoc's fenced div ::: {#id .class}) only when <div …> and </div> each stand on a line of their own, with a blank line after <div …> and one before </div>")
		return
	}
	c.diags.Add(c.at(n).Pos, "raw HTML is not allowed (it would break the EPUB and has no meaning in the PDF); %s", htmlHint(text))
}

// rawHTML reports inline HTML: nothing for a comment or a closing tag (its
// opening tag is reported), an error with the Markdown to write otherwise.
func (c *converter) rawHTML(n *ast.RawHTML) {
	var b []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(c.src)...)
	}
	text := string(b)
	if strings.HasPrefix(text, "<!--") || strings.HasPrefix(text, "</") {
		return
	}
	off := -1
	if n.Segments.Len() > 0 {
		off = n.Segments.At(0).Start
	}
	c.diags.Add(c.pos(off), "raw HTML is not allowed (it would break the EPUB and has no meaning in the PDF); %s", htmlHint(text))
}

// htmlHint tells the Markdown to write instead of the HTML that starts text.
func htmlHint(text string) string {
	m := htmlTagName.FindStringSubmatch(text)
	if m == nil {
		return "write Markdown instead"
	}
	tag := strings.ToLower(m[1])
	attr := func(name string) string {
		end := strings.IndexByte(text, '>')
		if end < 0 {
			end = len(text)
		}
		for _, kv := range htmlAttr.FindAllStringSubmatch(text[len(m[0]):end], -1) {
			if strings.EqualFold(kv[1], name) {
				return kv[2] + kv[3] + kv[4]
			}
		}
		return ""
	}
	switch tag {
	case "b", "strong":
		return "for <" + tag + ">text</" + tag + "> write **text**"
	case "i", "em", "cite":
		return "for <" + tag + ">text</" + tag + "> write *text*"
	case "code", "kbd", "tt", "samp":
		return "for <" + tag + ">text</" + tag + "> write `text`"
	case "br":
		return "for <br> end the line with a backslash (\\)"
	case "img":
		src, alt := attr("src"), attr("alt")
		if src == "" {
			src = "images/file.png"
		}
		if alt == "" {
			alt = "what the image shows"
		}
		return fmt.Sprintf("for <img> write ![%s](%s)", alt, src)
	case "a":
		href := attr("href")
		if href == "" {
			return "for <a name=…> put {#id} on the heading the link leads to"
		}
		return fmt.Sprintf("for <a href=…>text</a> write [text](%s)", href)
	case "p", "span", "center", "font", "section", "article":
		return "for <" + tag + "> write its text as a paragraph, without the tag"
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return "for <" + tag + "> write a heading: " + strings.Repeat("#", int(tag[1]-'0')) + " text"
	case "ul", "ol", "li":
		return "for <" + tag + "> write a list: lines starting with - (or 1.)"
	case "table", "tr", "td", "th", "thead", "tbody":
		return "for <" + tag + "> write a pipe table: | a | b |"
	case "blockquote":
		return "for <blockquote> start each line with >"
	case "pre":
		return "for <pre> write a code block between lines of ```"
	case "hr":
		return "for <hr> write a line of ---"
	case "sup", "sub":
		return "Markdown has no <" + tag + ">: write the text plainly, or a footnote ([^1]) for a note mark"
	case "details", "summary":
		return "for <" + tag + "> write its text as it should read, or a box (::: box)"
	}
	return "write Markdown instead"
}
