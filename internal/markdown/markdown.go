// Package markdown reads one section file (CommonMark with pipe tables, footnotes,
// heading ids and fenced-div boxes) into document-model blocks, with positions.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Section is what one file yields: its blocks and its footnotes in order of first reference.
type Section struct {
	Blocks []doc.Block
	Notes  []*doc.Note
	// Partial is set when the text could not be read whole (lists and
	// quotes nested too deep, reported): what depends on all of it (its
	// title, the ids it holds) is not to be checked.
	Partial bool
}

// Parser converts section files. It is safe for concurrent use; between calls
// it keeps only what it learnt of each image file, so that an image shared by
// every edition is decoded once.
type Parser struct {
	md     goldmark.Markdown
	images *imageChecker
}

// RememberImages makes the parser keep what it learns of image files in m,
// and use what m kept from earlier runs. Call it before any Parse.
func (p *Parser) RememberImages(m ImageMemo) { p.images.memo = m }

// CheckImage decodes the image file at path, in the publication folder pubDir, fully, once (as for a figure),
// and tells its format (png, jpeg or gif) and size in pixels, or why it
// cannot be used: damaged, too large, not an image.
func (p *Parser) CheckImage(pubDir, path string) (format string, width, height int, err error) {
	info := p.images.check(pubDir, path)
	return info.format, info.width, info.height, info.err
}

// NewParser returns a parser for folio's Markdown.
func NewParser() *Parser {
	return &Parser{md: goldmark.New(
		goldmark.WithExtensions(tables{}, footnotes{}, divExtension{}),
		goldmark.WithParserOptions(parser.WithAttribute()),
	), images: newImageChecker()}
}

// Parse converts src, the text of file, into blocks. pubDir is the publication
// folder: images resolve inside it. Problems are added to diags with positions.
func (p *Parser) Parse(file string, src []byte, pubDir string, diags *diag.List) *Section {
	c := &converter{file: file, src: src, pubDir: pubDir, diags: diags, lines: lineStarts(src), images: p.images}
	if off := tooDeep(src); off >= 0 {
		// goldmark's time grows fast with the depth: stop before parsing
		c.diags.Add(c.pos(off), "lists and quotes nest more than %d deep here: no page can indent them; flatten them", maxNesting)
		return &Section{Partial: true}
	}
	root := p.md.Parser().Parse(text.NewReader(src))
	sec := &Section{}
	var noteList *east.FootnoteList
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if fl, ok := n.(*east.FootnoteList); ok {
			noteList = fl
		}
	}
	sec.Blocks = c.blockRange(root.FirstChild(), nil)
	c.checkNotes(root, noteList)
	sec.Blocks = tableCaptions(sec.Blocks)
	if noteList != nil {
		c.inNote = true
		for n := noteList.FirstChild(); n != nil; n = n.NextSibling() {
			fn := n.(*east.Footnote)
			note := c.notes[fn.Index]
			if note == nil {
				continue // referred to only from another note: reported there
			}
			note.Pos = c.pos(firstOffset(fn))
			note.Blocks = c.blocks(fn)
		}
		c.inNote = false
	}
	idx := make([]int, 0, len(c.notes))
	for i := range c.notes {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		sec.Notes = append(sec.Notes, c.notes[i])
	}
	return sec
}

type converter struct {
	file   string
	src    []byte
	pubDir string
	diags  *diag.List
	lines  []int
	notes  map[int]*doc.Note // by goldmark footnote index
	inBox  bool
	inNote bool // converting a footnote's text
	depth  int  // lists and quotes open around the block being converted
	deep   bool // too deep nesting was reported
	images *imageChecker
	// remoteNames are the file names suggested for remote images so far
	remoteNames map[string]bool
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// pos converts a byte offset into a position; column counts characters.
func (c *converter) pos(off int) diag.Pos {
	if off < 0 {
		return diag.Pos{File: c.file}
	}
	i := sort.Search(len(c.lines), func(i int) bool { return c.lines[i] > off }) - 1
	col := utf8.RuneCount(c.src[c.lines[i]:min(off, len(c.src))]) + 1
	return diag.Pos{File: c.file, Line: i + 1, Col: col}
}

// firstOffset finds the first source offset inside n.
func firstOffset(n ast.Node) int {
	if d, ok := n.(*fencedDiv); ok {
		return d.Offset
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if off := firstOffset(ch); off >= 0 {
			return off
		}
	}
	return -1
}

func (c *converter) at(n ast.Node) doc.At {
	off := firstOffset(n)
	p := c.pos(off)
	if _, ok := n.(*ast.Heading); ok && off >= 0 {
		p.Col = 1 // point at the start of the heading's line, not at its text
	}
	return doc.At{Pos: p}
}

func (c *converter) blocks(parent ast.Node) []doc.Block {
	return tableCaptions(c.blockRange(parent.FirstChild(), nil))
}

// tableCaptions makes a "Table: …" paragraph after a table (or before one
// that has none after it) the table's caption, as Pandoc does.
func tableCaptions(bs []doc.Block) []doc.Block {
	out := bs[:0]
	for i := 0; i < len(bs); i++ {
		if t, ok := bs[i].(*doc.Table); ok && len(t.Caption) == 0 && i+1 < len(bs) {
			if cap := captionOf(bs[i+1]); cap != nil {
				t.Caption, t.ID = captionID(cap)
				out = append(out, t)
				i++
				continue
			}
		}
		if cap := captionOf(bs[i]); cap != nil && i+1 < len(bs) {
			if t, ok := bs[i+1].(*doc.Table); ok && len(t.Caption) == 0 && (i+2 >= len(bs) || captionOf(bs[i+2]) == nil) {
				t.Caption, t.ID = captionID(cap)
				continue
			}
		}
		out = append(out, bs[i])
	}
	return out
}

// captionID takes the attributes that end a table's caption, Pandoc's
// "Table: Roles {#tbl-roles}", and returns the caption without them and
// the id they give.
func captionID(cap []doc.Inline) ([]doc.Inline, string) {
	last, ok := cap[len(cap)-1].(*doc.Text)
	if !ok {
		return cap, ""
	}
	text := strings.TrimRight(last.Text, " \t\n")
	open := strings.LastIndexByte(text, '{')
	if open < 0 || !strings.HasSuffix(text, "}") {
		return cap, ""
	}
	a, ok := parseAttrs(text[open+1:len(text)-1], false)
	if !ok || a.id == "" {
		return cap, ""
	}
	rest := strings.TrimRight(text[:open], " \t\n")
	out := append([]doc.Inline(nil), cap[:len(cap)-1]...)
	if rest != "" {
		out = append(out, last.Slice(0, len(rest)))
	}
	return out, a.id
}

func isStrong(in doc.Inline) bool {
	_, ok := in.(*doc.Strong)
	return ok
}

// captionOf returns the caption a "Table: …" paragraph gives, or nil.
func captionOf(b doc.Block) []doc.Inline {
	p, ok := b.(*doc.Paragraph)
	if !ok || len(p.Content) == 0 {
		return nil
	}
	first, ok := p.Content[0].(*doc.Text)
	if !ok {
		return nil
	}
	for _, prefix := range []string{"Table:", "table:"} {
		if rest, ok := strings.CutPrefix(first.Text, prefix); ok {
			rest = strings.TrimLeft(rest, " \t\n")
			out := append([]doc.Inline(nil), p.Content[1:]...)
			if rest != "" {
				out = append([]doc.Inline{first.Slice(len(first.Text)-len(rest), len(first.Text))}, out...)
			}
			if len(out) == 0 {
				return nil
			}
			return out
		}
	}
	return nil
}

func (c *converter) block(n ast.Node) []doc.Block {
	switch n := n.(type) {
	case *ast.Heading:
		h := &doc.Heading{At: c.at(n), Level: n.Level, Content: c.inlines(n)}
		if id, ok := n.AttributeString("id"); ok {
			if s, ok := id.([]byte); ok {
				h.ID = string(s)
			}
		}
		for _, a := range n.Attributes() {
			if string(a.Name) != "id" {
				c.diags.Add(h.Pos, "unsupported heading attribute %q (only {#id})", a.Name)
			}
		}
		return []doc.Block{h}
	case *ast.Paragraph, *ast.TextBlock:
		if fig, ok := c.figure(n); ok {
			return fig
		}
		c.warnLineStarts(n)
		in := c.inlines(n)
		if len(in) == 0 {
			return nil
		}
		return []doc.Block{&doc.Paragraph{At: c.at(n), Content: in}}
	case *ast.List:
		l := &doc.List{At: c.at(n), Ordered: n.IsOrdered(), Start: n.Start}
		if !c.enter(l.Pos) {
			return nil
		}
		defer c.leave()
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			l.Items = append(l.Items, c.blocks(item))
		}
		return []doc.Block{l}
	case *ast.Blockquote:
		q := &doc.Quote{At: c.at(n)}
		if !c.enter(q.Pos) {
			return nil
		}
		defer c.leave()
		q.Blocks = c.blocks(n)
		return []doc.Block{q}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var o doc.Origin
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			o.Add(string(seg.Value(c.src)), c.pos(seg.Start))
		}
		t := o.Text()
		return []doc.Block{&doc.CodeBlock{At: c.at(n), Text: strings.TrimRight(t.Text, "\n"), Marks: t.Marks}}
	case *ast.ThematicBreak:
		return []doc.Block{&doc.Rule{At: c.at(n)}}
	case *ast.HTMLBlock:
		c.htmlBlock(n)
		return nil
	case *east.Table:
		return []doc.Block{c.table(n)}
	case *fencedDiv:
		what := "::: " + n.Fence
		return c.div(c.pos(n.Offset), n.Attrs, what, n.Closed, func() []doc.Block { return c.blocks(n) })
	case *ast.LinkReferenceDefinition:
		return nil
	}
	c.diags.Add(c.at(n).Pos, "unsupported Markdown element %s", n.Kind())
	return nil
}

// maxNesting is how many lists and quotes may nest: more than a page can
// indent, and a clear error instead of work that grows with the cube of the depth.
const maxNesting = 8

// enter opens a list or quote at pos; false (after an error, once a file) when
// it nests too deep to be set.
func (c *converter) enter(pos diag.Pos) bool {
	if c.depth >= maxNesting {
		if !c.deep {
			c.diags.Add(pos, "lists and quotes nest more than %d deep here: no page can indent them; flatten them", maxNesting)
			c.deep = true
		}
		return false
	}
	c.depth++
	return true
}

func (c *converter) leave() { c.depth-- }

// tooDeep returns the offset of the first line whose list marker or quote
// markers nest far deeper than maxNesting allows, or -1. It is a cheap bound
// on the source; the exact depth is checked while converting.
func tooDeep(src []byte) int {
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		if i, deep := deepLine(src[off : off+end]); deep {
			return off + i
		}
		off += end + 1
	}
	return -1
}

// deepLine reports whether a line starts with more quote markers than
// maxNesting, or with a list marker indented further than that many levels
// could be; i is where its marker starts.
func deepLine(line []byte) (i int, deep bool) {
	indent, quotes := 0, 0
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			indent++
		case '\t':
			indent += 4 - indent%4
		case '>':
			quotes++
		default:
			rest := line[i:]
			item := len(rest) > 1 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest[1] == ' '
			return i, quotes > maxNesting || item && indent > 6*maxNesting
		}
	}
	return i, quotes > maxNesting
}

// div converts a fenced div ("::: {#id .class}") or an HTML div wrapper
// (what names it in messages), whose blocks inner converts: a box when its
// class is box, a pull quote when it is pullquote, else its blocks as they
// are, its id given to the first heading or figure among them that has none.
func (c *converter) div(pos diag.Pos, a attrs, what string, closed bool, inner func() []doc.Block) []doc.Block {
	if !closed {
		end := ":::"
		if what == "<div>" {
			end = "</div>"
		}
		c.diags.Add(pos, "this %s is never closed: end it with a line of %s", what, end)
	}
	if a.has("pullquote") {
		return c.pullQuote(pos, a, inner())
	}
	if !a.has("box") {
		for _, class := range a.classes {
			c.diags.Warn(pos, "div class %q is not one folio knows (box, pullquote): its content is set as ordinary text; write ::: box for a box, or leave the class out", class)
		}
		blocks := inner()
		if a.id == "refs" && len(a.classes) == 0 && len(blocks) == 0 {
			// Pandoc's place for the bibliography: resolve sets it there
			return []doc.Block{&doc.Paragraph{At: doc.At{Pos: pos}, ID: "refs"}}
		}
		if a.id != "" && !giveID(blocks, a.id) {
			c.diags.Warn(pos, "the id #%s of this div marks nothing (folio keeps ids on headings, figures and boxes): a link to #%s would fail; put {#%s} on a heading", a.id, a.id, a.id)
		}
		return blocks
	}
	if c.inBox {
		c.diags.Add(pos, "a box cannot contain another box")
	}
	c.inBox = true
	defer func() { c.inBox = false }()
	box := &doc.Box{At: doc.At{Pos: pos}, ID: a.id}
	blocks := inner()
	if len(blocks) > 0 {
		if h, ok := blocks[0].(*doc.Heading); ok {
			box.Title = h.Content
			if box.ID == "" {
				box.ID = h.ID
			}
			blocks = blocks[1:]
		}
	}
	box.Blocks = blocks
	return []doc.Block{box}
}

// pullQuote makes a pull quote of a div's blocks: one paragraph, set apart.
func (c *converter) pullQuote(pos diag.Pos, a attrs, blocks []doc.Block) []doc.Block {
	if a.id != "" {
		c.diags.Warn(pos, "the id #%s of this pull quote marks nothing (folio keeps ids on headings, figures and boxes): a link to #%s would fail; put {#%s} on a heading", a.id, a.id, a.id)
	}
	if len(blocks) == 1 {
		if p, ok := blocks[0].(*doc.Paragraph); ok {
			return []doc.Block{&doc.PullQuote{At: doc.At{Pos: pos}, Content: p.Content}}
		}
	}
	c.diags.Add(pos, "a pull quote holds one paragraph of text, not %s: write the passage alone between ::: pullquote and :::", describeBlocks(blocks))
	return blocks
}

// describeBlocks names what blocks are, for messages: "nothing", "2 blocks", "a list".
func describeBlocks(blocks []doc.Block) string {
	switch {
	case len(blocks) == 0:
		return "nothing"
	case len(blocks) > 1:
		return fmt.Sprintf("%d blocks", len(blocks))
	}
	name := strings.ToLower(strings.TrimPrefix(fmt.Sprintf("%T", blocks[0]), "*doc."))
	return "a " + name
}

// giveID gives id to the first heading or figure of blocks, if it has none;
// false when none can take it.
func giveID(blocks []doc.Block, id string) bool {
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Heading:
			if b.ID == "" {
				b.ID = id
				return true
			}
		case *doc.Figure:
			if b.ID == "" {
				b.ID = id
				return true
			}
		case *doc.Paragraph, *doc.List, *doc.Quote, *doc.CodeBlock, *doc.Table, *doc.Box, *doc.Rule, *doc.PullQuote:
			// no id of their own: the next heading or figure may take it
		}
	}
	return false
}

func (c *converter) table(n *east.Table) *doc.Table {
	t := &doc.Table{At: c.at(n)}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignLeft:
			t.Align = append(t.Align, doc.AlignLeft)
		case east.AlignCenter:
			t.Align = append(t.Align, doc.AlignCenter)
		case east.AlignRight:
			t.Align = append(t.Align, doc.AlignRight)
		default:
			t.Align = append(t.Align, doc.AlignDefault)
		}
	}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]doc.Inline
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, c.inlines(cell))
		}
		if _, ok := row.(*east.TableHeader); ok {
			t.Header = cells
		} else {
			t.Rows = append(t.Rows, cells)
		}
	}
	t.RowHeaders = len(t.Rows) > 0
	for _, row := range t.Rows {
		t.RowHeaders = t.RowHeaders && len(row) > 1 && len(row[0]) == 1 && isStrong(row[0][0])
	}
	// a "Table: …" line right after the table is read as a last row of one cell
	if n := len(t.Rows); n > 1 && len(t.Rows[n-1]) > 0 {
		last := t.Rows[n-1]
		rest := true
		for _, cell := range last[1:] {
			rest = rest && len(cell) == 0
		}
		if cap := captionOf(&doc.Paragraph{Content: last[0]}); cap != nil && rest {
			t.Rows = t.Rows[:n-1]
			t.Caption, t.ID = captionID(cap)
		}
	}
	return t
}

// figure returns a Figure when paragraph n holds one image and nothing else
// (but its attributes); a paragraph of its alt text when the image is remote.
func (c *converter) figure(n ast.Node) ([]doc.Block, bool) {
	img, ok := n.FirstChild().(*ast.Image)
	if !ok {
		return nil, false
	}
	a, _ := c.imageAttrs(img)
	if next := img.NextSibling(); next != nil && !isEmptyText(c.src, next) || next != nil && next.NextSibling() != nil {
		return nil, false
	}
	fig := &doc.Figure{At: c.at(n), Alt: strings.TrimSpace(doc.PlainText(c.inlines(img))), Caption: string(img.Title)}
	fig.CaptionPos = fig.Pos
	if lines := n.Lines(); lines.Len() > 0 && len(img.Title) > 0 {
		start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
		if i := bytes.Index(c.src[start:end], img.Title); i >= 0 {
			fig.CaptionPos = c.pos(start + i)
		}
	}
	fig.ID = a.id
	for _, k := range a.keys {
		c.diags.Warn(fig.Pos, "image attribute %s is not used for a figure: a figure is set at the layout's figure width; leave it out", k.key)
	}
	f, remote := c.imageFile(fig.Pos, string(img.Destination), fig.Alt)
	if remote {
		text := fig.Alt
		switch {
		case text == "":
			text = fig.Caption
		case fig.Caption != "" && fig.Caption != fig.Alt:
			text += ": " + fig.Caption
		}
		if text == "" {
			return nil, true
		}
		return []doc.Block{&doc.Paragraph{At: fig.At, Content: []doc.Inline{&doc.Text{Text: text, Pos: fig.Pos}}}}, true
	}
	fig.Src, fig.Path, fig.Format, fig.Width, fig.Height = f.src, f.path, f.format, f.width, f.height
	return []doc.Block{fig}, true
}

// inlineImage converts an image in running text: an InlineImage, or, for a
// remote image, its alt text.
func (c *converter) inlineImage(img *ast.Image) doc.Inline {
	pos := c.pos(img.Pos())
	a, _ := c.imageAttrs(img)
	alt := strings.TrimSpace(doc.PlainText(c.inlines(img)))
	f, remote := c.imageFile(pos, string(img.Destination), alt)
	if remote {
		if alt == "" {
			return nil
		}
		return &doc.Text{Text: alt, Pos: c.pos(max(firstOffset(img), img.Pos()))}
	}
	im := &doc.InlineImage{Src: f.src, Path: f.path, Alt: alt, Pos: pos, Format: f.format, Width: f.width, Height: f.height}
	for _, k := range a.keys {
		var err error
		switch k.key {
		case "width":
			im.SetWidth, err = parseLength(k.value)
		case "height":
			im.SetHeight, err = parseLength(k.value)
		default:
			c.diags.Warn(pos, "image attribute %s is not used: folio reads an image's width and height; leave it out", k.key)
		}
		if err != nil {
			c.diags.Add(pos, "image %s: %s: %v", f.src, k.key, err)
		}
	}
	return im
}

// isEmptyText reports whether n is text with nothing in it (what is left
// after an image's attributes).
func isEmptyText(src []byte, n ast.Node) bool {
	t, ok := n.(*ast.Text)
	return ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0
}

// imageAttrs reads the attributes written right after an image,
// ![alt](src){#id width=50%}, and takes them out of the text that follows.
func (c *converter) imageAttrs(img *ast.Image) (attrs, bool) {
	t, ok := img.NextSibling().(*ast.Text)
	if !ok {
		return attrs{}, false
	}
	v := t.Segment.Value(c.src)
	end := bytes.IndexByte(v, '}')
	if len(v) == 0 || v[0] != '{' || end < 0 {
		return attrs{}, false
	}
	a, ok := parseAttrs(string(v[1:end]), false)
	if !ok {
		return attrs{}, false
	}
	t.Segment = t.Segment.WithStart(t.Segment.Start + end + 1)
	return a, true
}

// imageRef is an image file of the source, checked.
type imageRef struct {
	src, path, format string
	width, height     int
}

// imageFile checks the image dest that an image at pos names, with alt
// text alt: a file of the publication folder, decoded, or a remote image
// (remote true, a warning: it is never fetched).
func (c *converter) imageFile(pos diag.Pos, dest, alt string) (f imageRef, remote bool) {
	if u, err := url.Parse(dest); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		name := doc.SafeFileName(path.Base(u.Path))
		if name == "" {
			name = "image"
		}
		ext := strings.ToLower(path.Ext(name))
		if ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".gif" {
			ext = ".png"
		}
		// each remote image of the file gets a name of its own
		name = doc.Unique(strings.TrimSuffix(name, path.Ext(name)), ext, func(n string) bool { return c.remoteNames[n] })
		if c.remoteNames == nil {
			c.remoteNames = map[string]bool{}
		}
		c.remoteNames[name] = true
		shown := "its alt text is set in its place"
		if alt == "" {
			shown = "it has no alt text, so nothing is set in its place"
			alt = "what it shows"
		}
		c.diags.Warn(pos, "remote image %s is not fetched (a build reads only its own files); %s. To show it, save it as images/%s (PNG, JPEG or GIF) and write ![%s](images/%s)", dest, shown, name, alt, name)
		return imageRef{}, true
	}
	if alt == "" {
		c.diags.Add(pos, "image %s has no alt text: describe it between the brackets, ![like this](%s)", dest, dest)
	}
	f.src, f.path = c.resolve(pos, dest)
	if f.path != "" {
		info := c.images.check(c.pubDir, f.path)
		switch {
		case errors.Is(info.err, fs.ErrNotExist):
			c.diags.Add(pos, "image %s not found in %s", f.src, c.pubDir)
			f.path = ""
		case info.err != nil:
			c.diags.Add(pos, "image %s: %v", f.src, info.err)
		default:
			f.format, f.width, f.height = info.format, info.width, info.height
		}
	}
	return f, false
}

// resolve checks that an asset path stays inside the publication folder and
// returns it slash-separated and as a file path.
func (c *converter) resolve(pos diag.Pos, dest string) (src, file string) {
	src, file, err := AssetPath(c.pubDir, dest)
	if err != nil {
		c.diags.Add(pos, "image %v", err)
	}
	return src, file
}

// AssetPath checks that dest, an image path of the source, names a path
// inside the publication folder pubDir, and returns it slash-separated and as
// a file path (empty on error); a link that leads out of the folder is
// refused where the file is read, by safefile's rule. The error starts with
// dest.
func AssetPath(pubDir, dest string) (src, file string, err error) {
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "data:") {
		return dest, "", fmt.Errorf("%s must be a file in the publication folder, not a URL", dest)
	}
	if path.IsAbs(dest) || filepath.IsAbs(dest) || filepath.VolumeName(dest) != "" {
		return dest, "", fmt.Errorf("path %s must be relative to the publication folder", dest)
	}
	clean := path.Clean(dest)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return dest, "", fmt.Errorf("path %s leaves the publication folder %s", dest, pubDir)
	}
	// a link inside the folder that leads out of it is refused where the file
	// is read, by safefile's rule, as every input is
	return clean, filepath.Join(pubDir, filepath.FromSlash(clean)), nil
}

// inlineList gathers a parent's inlines: adjacent pieces of text make one
// Text, each character placed in the source.
type inlineList struct {
	out  []doc.Inline
	text *doc.Origin
}

func (l *inlineList) flush() {
	if l.text != nil {
		l.out = append(l.out, l.text.Text())
		l.text = nil
	}
}

func (l *inlineList) add(in doc.Inline) {
	if t, ok := in.(*doc.Text); ok {
		if l.text == nil {
			l.text = &doc.Origin{}
		}
		l.text.AddText(t)
		return
	}
	l.flush()
	l.out = append(l.out, in)
}

func (c *converter) inlines(parent ast.Node) []doc.Inline {
	var l inlineList
	add := l.add
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			add(c.cleanText(c.text(n.Segment, n.IsRaw())))
			if n.HardLineBreak() {
				add(&doc.LineBreak{})
			} else if n.SoftLineBreak() {
				add(&doc.Text{Text: " "})
			}
		case *ast.String:
			add(&doc.Text{Text: string(n.Value)})
		case *ast.Emphasis:
			if n.Level >= 2 {
				add(&doc.Strong{Content: c.inlines(n)})
			} else {
				add(&doc.Emph{Content: c.inlines(n)})
			}
		case *ast.CodeSpan:
			add(c.codeSpan(n))
		case *ast.Link:
			for _, in := range c.link(n) {
				add(in)
			}
		case *ast.AutoLink:
			add(c.autoLink(n))
		case *ast.Image:
			if im := c.inlineImage(n); im != nil {
				add(im)
			}
		case *ast.RawHTML:
			c.rawHTML(n)
		case *east.FootnoteLink:
			if ref := c.footnoteRef(n); ref != nil {
				add(ref)
			}
		case *east.FootnoteBacklink:
		default:
			c.diags.Add(c.pos(firstOffset(n)), "unsupported Markdown element %s", n.Kind())
		}
	}
	l.flush()
	out := l.out
	switch parent.(type) {
	case *ast.Link, *ast.Image:
		// no span in a link's text or an image's alt text
	default:
		out = c.spans(out)
	}
	return c.pandocInlines(parent, out)
}

func (c *converter) codeSpan(n *ast.CodeSpan) *doc.Code {
	var o doc.Origin
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if t, ok := ch.(*ast.Text); ok {
			o.Add(string(t.Segment.Value(c.src)), c.pos(t.Segment.Start))
		}
	}
	t := o.Text()
	return &doc.Code{Text: t.Text, Pos: t.Pos, Marks: t.Marks}
}

// link returns the link n, or its content set as plain text when the link
// is refused.
func (c *converter) link(n *ast.Link) []doc.Inline {
	// the link's text starts one character after its opening bracket
	pos := c.pos(max(firstOffset(n)-1, -1))
	content := c.inlines(n)
	if !c.checkLink(pos, string(n.Destination), doc.PlainText(content)) {
		return content // set as plain text
	}
	return []doc.Inline{&doc.Link{URL: string(n.Destination), Content: content, Pos: pos}}
}

func (c *converter) autoLink(n *ast.AutoLink) *doc.Link {
	url := string(n.URL(c.src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(url, "mailto:") {
		url = "mailto:" + url
	}
	pos := c.pos(n.Pos())
	c.checkLink(pos, url, url)
	label := &doc.Text{Text: string(n.Label(c.src)), Pos: pos}
	if off := n.Pos(); off >= 0 && off < len(c.src) {
		if i := bytes.Index(c.src[off:], []byte(label.Text)); i >= 0 {
			label.Pos = c.pos(off + i)
		}
	}
	return &doc.Link{URL: url, Content: []doc.Inline{label}, Pos: pos}
}

// footnoteRef returns the reference to the note n calls, nil (with an
// error) inside a note.
func (c *converter) footnoteRef(n *east.FootnoteLink) *doc.NoteRef {
	if c.inNote {
		c.diags.Add(c.pos(n.Pos()), "a footnote cannot refer to another footnote: put that text in this note")
		return nil
	}
	if c.notes == nil {
		c.notes = map[int]*doc.Note{}
	}
	note := c.notes[n.Index]
	if note == nil {
		note = &doc.Note{}
		c.notes[n.Index] = note
	}
	return &doc.NoteRef{Note: note}
}

// escape finds what a text segment writes otherwise than as itself: a
// backslash escape, an entity or a numeric character reference.
var escape = regexp.MustCompile("\\\\[!-/:-@\\[-`{-~]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

// text returns the text of a segment, escapes resolved unless it is raw,
// each character placed in the source.
func (c *converter) text(seg text.Segment, raw bool) *doc.Text {
	b := seg.Value(c.src)
	var o doc.Origin
	// a segment is on one line: columns follow from its start's
	pos, last := c.pos(seg.Start), 0
	at := func(off int) diag.Pos {
		pos.Col += utf8.RuneCount(b[last:off])
		last = off
		return pos
	}
	if !raw && bytes.ContainsAny(b, "\\&") { // what every escape starts with: most text has none
		for _, m := range escape.FindAllIndex(b, -1) {
			from := last
			o.Add(unescape(b[from:m[0]]), at(from))
			o.Add(unescape(b[m[0]:m[1]]), at(m[0]))
			at(m[1])
		}
	}
	o.Add(string(b[last:]), at(last))
	return o.Text()
}

func unescape(b []byte) string {
	b = util.ResolveEntityNames(b)
	b = util.ResolveNumericReferences(b)
	b = util.UnescapePunctuations(b)
	return string(bytes.ReplaceAll(b, []byte{0}, []byte("\uFFFD")))
}
