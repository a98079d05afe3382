package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// fencedDiv is a Pandoc fenced div: "::: class" or "::: {#id .class}" ... ":::".
type fencedDiv struct {
	ast.BaseBlock
	Attrs  attrs
	Fence  string // the opening fence's attributes as written, for messages
	Offset int    // byte offset of the opening fence
	Closed bool   // a closing fence was found
}

var kindFencedDiv = ast.NewNodeKind("FencedDiv")

func (n *fencedDiv) Kind() ast.NodeKind { return kindFencedDiv }

func (n *fencedDiv) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Attrs": n.Attrs.String()}, nil)
}

// openFence matches "::: box", ":::box", "::: {.box}", "::: {#id .class}"
// and longer colon runs.
var openFence = regexp.MustCompile(`^ {0,3}:{3,}\s*(\{[^{}]*\}|\.?[A-Za-z][\w-]*)\s*:*\s*$`)
var closeFence = regexp.MustCompile(`^ {0,3}:{3,}\s*$`)

type divParser struct{}

func (divParser) Trigger() []byte { return []byte{':'} }

func (divParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m := openFence.FindSubmatch(bytes.TrimRight(line, "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	fence := string(m[1])
	a, ok := parseAttrs(strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(fence, "{"), "}"), "."), true)
	if !ok {
		return nil, parser.NoChildren
	}
	reader.Advance(seg.Len() - 1)
	return &fencedDiv{Attrs: a, Fence: fence, Offset: seg.Start}, parser.HasChildren
}

func (divParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if closeFence.Match(bytes.TrimRight(line, "\r\n")) {
		// a fence closes the innermost open div: a nested one takes it first
		if inner, ok := node.LastChild().(*fencedDiv); ok && !inner.Closed {
			return parser.Continue | parser.HasChildren
		}
		reader.Advance(seg.Len() - 1)
		node.(*fencedDiv).Closed = true
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (divParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func (divParser) CanInterruptParagraph() bool { return true }

func (divParser) CanAcceptIndentedLine() bool { return false }

// divExtension adds fenced divs to a goldmark parser.
type divExtension struct{}

func (divExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(divParser{}, 50)))
}
