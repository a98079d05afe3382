package pdf

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/page"
)

// structure writes the structure tree: one StructElem per element of the
// page structure that holds content, its kids the element's marked content
// and link annotations merged with its child elements in reading order, and
// the parent tree that leads from content back to its element.
type structure struct {
	f       *file
	pages   []int // page objects
	content map[*page.Elem][]piece
	parents [][]*page.Elem // by page, by MCID
	annotOf []*page.Elem   // the elements of link annotations, by StructParent − len(pages)
	objs    map[*page.Elem]int
	ids     map[string]int // the elements' IDs, to their objects
}

// piece is a piece of an element's own content: a marked-content sequence or
// a link annotation.
type piece struct {
	seq   int // drawing order
	page  int // index
	mcid  int
	annot int // the annotation's object, or 0
}

func newStructure(f *file, pages []int) *structure {
	return &structure{f: f, pages: pages, content: map[*page.Elem][]piece{}, parents: make([][]*page.Elem, len(pages)), objs: map[*page.Elem]int{}, ids: map[string]int{}}
}

// page records page i's marked content.
func (s *structure) page(i int, marked []mark) {
	for mcid, m := range marked {
		s.content[m.elem] = append(s.content[m.elem], piece{seq: m.seq, page: i, mcid: mcid})
		s.parents[i] = append(s.parents[i], m.elem)
	}
}

// annot records the annotation obj of page i as content of e and returns its StructParent key.
func (s *structure) annot(e *page.Elem, obj, i, seq int) int {
	s.content[e] = append(s.content[e], piece{seq: seq, page: i, annot: obj})
	s.annotOf = append(s.annotOf, e)
	return len(s.pages) + len(s.annotOf) - 1
}

// ref is a reference to e's object, or null for content of an element that is
// not in the tree (typesetting should not make any).
func (s *structure) ref(e *page.Elem) string {
	if n, ok := s.objs[e]; ok {
		return fmt.Sprintf("%d 0 R", n)
	}
	return "null"
}

// write writes the tree rooted at root and returns the StructTreeRoot's
// object, or 0 when nothing is tagged.
func (s *structure) write(root *page.Elem) int {
	if root == nil {
		return 0
	}
	first := map[*page.Elem]int{}
	var firstSeq func(e *page.Elem) int
	firstSeq = func(e *page.Elem) int {
		m := math.MaxInt
		for _, p := range s.content[e] {
			m = min(m, p.seq)
		}
		for _, k := range e.Kids {
			m = min(m, firstSeq(k))
		}
		first[e] = m
		return m
	}
	if firstSeq(root) == math.MaxInt {
		return 0
	}
	treeRoot := s.f.reserve()
	roles := map[page.Role]bool{}
	var number func(e *page.Elem)
	number = func(e *page.Elem) {
		s.objs[e] = s.f.reserve()
		roles[e.Role] = true
		for _, k := range e.Kids {
			if first[k] != math.MaxInt {
				number(k)
			}
		}
	}
	number(root)
	s.writeElem(root, treeRoot, first)

	parentTree := s.parentTree()
	roleMap := roleMap(roles)
	var b strings.Builder
	fmt.Fprintf(&b, "<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d", s.objs[root], parentTree, len(s.pages)+len(s.annotOf))
	if len(roleMap) > 0 {
		fmt.Fprintf(&b, " /RoleMap <<%s>>", strings.Join(roleMap, " "))
	}
	if len(s.ids) > 0 {
		fmt.Fprintf(&b, " /IDTree %d 0 R", s.idTree())
	}
	b.WriteString(">>")
	s.f.set(treeRoot, b.String())
	return treeRoot
}

// writeElem writes element e, a kid of the object parent, and its kids that
// hold content (first: each element's first content in drawing order).
func (s *structure) writeElem(e *page.Elem, parent int, first map[*page.Elem]int) {
	own := s.content[e]
	sort.SliceStable(own, func(i, j int) bool { return own[i].seq < own[j].seq })
	var elems []*page.Elem
	for _, k := range e.Kids {
		if first[k] != math.MaxInt {
			elems = append(elems, k)
		}
	}
	// content on one page names it once, on the element
	pg := -1
	for _, p := range own {
		if p.annot == 0 {
			if pg == -1 {
				pg = p.page
			} else if pg != p.page {
				pg = -2
			}
		}
	}
	kids := s.kids(own, elems, first, pg >= 0)
	var b strings.Builder
	fmt.Fprintf(&b, "<</Type /StructElem /S /%s /P %d 0 R /K [%s]", e.Role, parent, strings.Join(kids, " "))
	if pg >= 0 {
		fmt.Fprintf(&b, " /Pg %d 0 R", s.pages[pg])
	}
	if e.Alt != "" && e.Role != page.RoleLink {
		fmt.Fprintf(&b, " /Alt %s", pdfString(e.Alt))
	}
	if e.Lang != "" {
		fmt.Fprintf(&b, " /Lang %s", pdfString(e.Lang))
	}
	if _, dup := s.ids[e.ID]; e.ID != "" && !dup {
		fmt.Fprintf(&b, " /ID %s", pdfString(e.ID))
		s.ids[e.ID] = s.objs[e]
	}
	if e.Scope != "" {
		fmt.Fprintf(&b, " /A <</O /Table /Scope /%s>>", e.Scope)
	}
	b.WriteString(">>")
	s.f.set(s.objs[e], b.String())
	for _, k := range elems {
		s.writeElem(k, s.objs[e], first)
	}
}

// kids lists an element's own content and child elements, in drawing order;
// child elements keep their order (notes are drawn at the page's foot but
// read where they are referenced). onePage: the element names the page of
// its content.
func (s *structure) kids(own []piece, elems []*page.Elem, first map[*page.Elem]int, onePage bool) []string {
	var kids []string
	i, j := 0, 0
	for i < len(own) || j < len(elems) {
		if i < len(own) && (j == len(elems) || own[i].seq < first[elems[j]]) {
			p := own[i]
			if p.annot != 0 {
				kids = append(kids, fmt.Sprintf("<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", p.annot, s.pages[p.page]))
			} else if onePage {
				kids = append(kids, strconv.Itoa(p.mcid))
			} else {
				kids = append(kids, fmt.Sprintf("<</Type /MCR /Pg %d 0 R /MCID %d>>", s.pages[p.page], p.mcid))
			}
			i++
			continue
		}
		kids = append(kids, fmt.Sprintf("%d 0 R", s.objs[elems[j]]))
		j++
	}
	return kids
}

// parentTree writes the parent tree: for each page, the elements of its
// marked content; for each annotation, its element.
func (s *structure) parentTree() int {
	var nums strings.Builder
	for i, elems := range s.parents {
		refs := make([]string, len(elems))
		for j, e := range elems {
			refs[j] = s.ref(e)
		}
		fmt.Fprintf(&nums, "%d [%s] ", i, strings.Join(refs, " "))
	}
	for j, e := range s.annotOf {
		fmt.Fprintf(&nums, "%d %s ", len(s.pages)+j, s.ref(e))
	}
	return s.f.add("<</Nums [" + strings.TrimSpace(nums.String()) + "]>>")
}

// idTree writes the ID tree, a name tree from each element's ID to the
// element (ISO 32000-1, 14.7.2), as one node: its keys sorted as their
// strings' bytes.
func (s *structure) idTree() int {
	type entry struct {
		key string // the string's bytes: as written when ASCII, else UTF-16BE with its mark
		id  string
	}
	var entries []entry
	for id := range s.ids {
		k := id
		if !strings.HasPrefix(pdfString(id), "(") {
			k = utf16BE(id)
		}
		entries = append(entries, entry{k, id})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	var b strings.Builder
	b.WriteString("<</Names [")
	for i, e := range entries {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s %d 0 R", pdfString(e.id), s.ids[e.id])
	}
	b.WriteString("]>>")
	return s.f.add(b.String())
}

// roleMap maps the roles used that are not standard to those they stand for, sorted.
func roleMap(roles map[page.Role]bool) []string {
	var m []string
	for r := range roles {
		if std := r.Standard(); std != r {
			m = append(m, fmt.Sprintf("/%s /%s", r, std))
		}
	}
	sort.Strings(m)
	return m
}
