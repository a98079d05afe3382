package page

// Elem is an element of the document's logical structure, in reading order:
// what a tagged PDF's structure tree holds. Items on pages point to the
// element they belong to; an item that belongs to none (running heads,
// folios, rules, backgrounds) is an artifact.
type Elem struct {
	Role   Role
	Alt    string // alternate description: a figure's alt text, a link's text
	Lang   string // BCP 47, only when it differs from the document's
	Scope  string // for TH: Column or Row
	ID     string // for a Note: the note's id, unique in the document
	Parent *Elem
	Kids   []*Elem
}

// Role is a standard structure type of PDF 1.7 (ISO 32000-1, 14.8.4), or
// Aside, which stands for a standard type (see Standard).
type Role string

// The roles typesetting gives.
const (
	RoleDocument Role = "Document"
	RoleSect     Role = "Sect"
	RoleAside    Role = "Aside" // a box; not standard in PDF 1.7: see RoleMap
	// RolePullQuote is a pull quote, set apart as an aside is (the EPUB's
	// aside epub:type="pullquote"); not standard: see RoleMap
	RolePullQuote Role = "PullQuote"
	RoleP         Role = "P"
	RoleL         Role = "L"
	RoleLI        Role = "LI"
	RoleLbl       Role = "Lbl"
	RoleLBody     Role = "LBody"
	RoleTable     Role = "Table"
	RoleTR        Role = "TR"
	RoleTH        Role = "TH"
	RoleTD        Role = "TD"
	RoleFigure    Role = "Figure"
	RoleCaption   Role = "Caption"
	RoleNote      Role = "Note"
	RoleReference Role = "Reference"
	RoleLink      Role = "Link"
	RoleSpan      Role = "Span" // a passage in another language (its Lang)
	RoleTOC       Role = "TOC"
	RoleTOCI      Role = "TOCI"
	RoleCode      Role = "Code"
	RoleQuote     Role = "BlockQuote"
)

// Standard returns the standard structure type r stands for: r itself, or the
// type a tagged PDF's RoleMap maps it to.
func (r Role) Standard() Role {
	if r == RoleAside || r == RolePullQuote {
		return RoleSect
	}
	return r
}

// Heading returns the role of a heading of level 1 to 6.
func Heading(level int) Role {
	level = min(max(level, 1), 6)
	return Role("H" + string(rune('0'+level)))
}

// Add appends a new element of role r to e and returns it; on a nil e (text
// measured, not set) it adds nothing and returns nil.
func (e *Elem) Add(r Role) *Elem {
	if e == nil {
		return nil
	}
	k := &Elem{Role: r, Parent: e}
	e.Kids = append(e.Kids, k)
	return k
}

// Attach makes e, made on its own (a footnote), a kid of parent; it does
// nothing when e already has a parent.
func (e *Elem) Attach(parent *Elem) {
	if e == nil || parent == nil || e.Parent != nil {
		return
	}
	e.Parent = parent
	parent.Kids = append(parent.Kids, e)
}
