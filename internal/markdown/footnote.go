package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// footnotes reads footnotes ([^label] and "[^label]: text") into goldmark's
// footnote nodes, as goldmark's extension.Footnote does (this is its syntax,
// after its extension/footnote.go, MIT licence), in time linear in the
// notes: goldmark's looks each reference up among all the definitions and
// sorts the notes by insertion, which made 20,000 notes take minutes. The
// definitions end as a FootnoteList, the document's last child, of the
// notes referred to (each Footnote's Index the order of its first
// reference); each reference is a FootnoteLink with that Index.
type footnotes struct{}

var (
	footnoteListKey = parser.NewContextKey() // *east.FootnoteList, once a definition is read
	footnoteByLabel = parser.NewContextKey() // map[string]*east.Footnote, made at the first reference
)

// labelLimit is the longest a note's label may be, as for CommonMark's link labels.
const labelLimit = 999

func (footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(noteDefParser{}, 999)),
		parser.WithInlineParsers(util.Prioritized(noteRefParser{}, 101)),
		parser.WithASTTransformers(util.Prioritized(noteLister{}, 999)),
	)
}

// noteDefParser reads a definition, "[^label]: text", and what is indented under it.
type noteDefParser struct{}

func (noteDefParser) Trigger() []byte { return []byte{'['} }

func (noteDefParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+1 >= len(line) || line[pos] != '[' || line[pos+1] != '^' {
		return nil, parser.NoChildren
	}
	open := pos + 2
	//lint:ignore SA1019 a label is on one line, as goldmark's footnotes read it
	closure := util.FindClosure(line[open:min(len(line), open+labelLimit)], '[', ']', false, false)
	if closure < 0 {
		return nil, parser.NoChildren
	}
	closes := open + closure
	next := closes + 1
	if next >= len(line) || line[next] != ':' {
		return nil, parser.NoChildren
	}
	padding := segment.Padding
	label := reader.Value(text.NewSegment(segment.Start+open-padding, segment.Start+closes-padding))
	if util.IsBlank(label) {
		return nil, parser.NoChildren
	}
	item := east.NewFootnote(label)
	pos = next + 1 - padding
	if pos >= len(line) {
		reader.Advance(pos)
		return item, parser.NoChildren
	}
	reader.AdvanceAndSetPadding(pos, padding)
	return item, parser.HasChildren
}

func (noteDefParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	childpos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	if childpos < 0 {
		return parser.Close
	}
	reader.AdvanceAndSetPadding(childpos, padding)
	return parser.Continue | parser.HasChildren
}

// Close moves the definition into the list of definitions.
func (noteDefParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	list, _ := pc.Get(footnoteListKey).(*east.FootnoteList)
	if list == nil {
		list = east.NewFootnoteList()
		pc.Set(footnoteListKey, list)
		node.Parent().InsertBefore(node.Parent(), node, list)
	}
	node.Parent().RemoveChild(node.Parent(), node)
	list.AppendChild(list, node)
}

func (noteDefParser) CanInterruptParagraph() bool { return true }

func (noteDefParser) CanAcceptIndentedLine() bool { return false }

// noteRefParser reads a reference, [^label], to a note defined anywhere in
// the document (inlines are read once every block is).
type noteRefParser struct{}

// Trigger: '!' too, as "![^1]" would otherwise be read as an image.
func (noteRefParser) Trigger() []byte { return []byte{'!', '['} }

func (noteRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos+1 >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	//lint:ignore SA1019 a label is on one line, as goldmark's footnotes read it
	closure := util.FindClosure(line[pos:min(len(line), pos+labelLimit)], '[', ']', false, false)
	if closure < 0 {
		return nil
	}
	closes := pos + closure
	def := definitions(pc)[string(block.Value(text.NewSegment(segment.Start+pos, segment.Start+closes)))]
	if def == nil {
		return nil // no such note: checkNotes reports it
	}
	block.Advance(closes + 1)
	list := pc.Get(footnoteListKey).(*east.FootnoteList)
	if def.Index < 0 {
		list.Count++
		def.Index = list.Count
	}
	if line[0] == '!' {
		parent.AppendChild(parent, ast.NewTextSegment(text.NewSegment(segment.Start, segment.Start+1)))
	}
	return east.NewFootnoteLink(def.Index)
}

// definitions maps each label to its (first) definition, made once.
func definitions(pc parser.Context) map[string]*east.Footnote {
	if m, ok := pc.Get(footnoteByLabel).(map[string]*east.Footnote); ok {
		return m
	}
	m := map[string]*east.Footnote{}
	if list, ok := pc.Get(footnoteListKey).(*east.FootnoteList); ok {
		for n := list.FirstChild(); n != nil; n = n.NextSibling() {
			fn := n.(*east.Footnote)
			if _, dup := m[string(fn.Ref)]; !dup {
				m[string(fn.Ref)] = fn
			}
		}
	}
	pc.Set(footnoteByLabel, m)
	return m
}

// noteLister keeps the notes referred to, in the order of their first
// reference, as the document's last child.
type noteLister struct{}

func (noteLister) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	list, _ := pc.Get(footnoteListKey).(*east.FootnoteList)
	pc.Set(footnoteListKey, nil)
	pc.Set(footnoteByLabel, nil)
	if list == nil {
		return
	}
	used := make([]ast.Node, list.Count+1)
	for n := list.FirstChild(); n != nil; {
		next := n.NextSibling()
		list.RemoveChild(list, n)
		if i := n.(*east.Footnote).Index; i > 0 && used[i] == nil {
			used[i] = n
		}
		n = next
	}
	list.Parent().RemoveChild(list.Parent(), list)
	if list.Count == 0 {
		return
	}
	for _, n := range used[1:] {
		list.AppendChild(list, n)
	}
	doc.AppendChild(doc, list)
}
