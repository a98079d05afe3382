package doc

import "strings"

// Role says what a section is: front matter, a chapter, an appendix… A
// section's front matter may give one; the zero Role is an ordinary chapter.
type Role string

// Matter is the part of the book a role belongs to.
type Matter int

// The parts of a book.
const (
	BodyMatter Matter = iota
	FrontMatter
	BackMatter
)

// RoleInfo is what a role means to every renderer, decided here once.
type RoleInfo struct {
	Role   Role
	Matter Matter
	// Semantic is the structural semantics of the section, from the EPUB 3
	// Structural Semantics Vocabulary; ARIA is the matching DPUB-ARIA role.
	Semantic, ARIA string
	// HoldsContents: the section is set before the contents list, on the page
	// after the cover, and the contents list does not repeat it.
	HoldsContents bool
	Doc           string // one line for the README and error messages
}

// roleTable lists every role in the order the README documents them.
func roleTable() []RoleInfo {
	return []RoleInfo{
		{Role: "", Matter: BodyMatter, Semantic: "chapter", ARIA: "doc-chapter", Doc: "an ordinary section (no role given)"},
		{Role: "about", Matter: FrontMatter, Semantic: "preface", ARIA: "doc-preface", HoldsContents: true, Doc: "the \"About this publication\" text, set after the cover with the contents"},
		{Role: "preface", Matter: FrontMatter, Semantic: "preface", ARIA: "doc-preface", Doc: "a preface"},
		{Role: "foreword", Matter: FrontMatter, Semantic: "foreword", ARIA: "doc-foreword", Doc: "a foreword by someone other than the authors"},
		{Role: "acknowledgments", Matter: FrontMatter, Semantic: "acknowledgments", ARIA: "doc-acknowledgments", Doc: "acknowledgements"},
		{Role: "introduction", Matter: BodyMatter, Semantic: "introduction", ARIA: "doc-introduction", Doc: "an introduction"},
		{Role: "conclusion", Matter: BodyMatter, Semantic: "conclusion", ARIA: "doc-conclusion", Doc: "a conclusion"},
		{Role: "epilogue", Matter: BackMatter, Semantic: "epilogue", ARIA: "doc-epilogue", Doc: "an epilogue"},
		{Role: "afterword", Matter: BackMatter, Semantic: "afterword", ARIA: "doc-afterword", Doc: "an afterword"},
		{Role: "appendix", Matter: BackMatter, Semantic: "appendix", ARIA: "doc-appendix", Doc: "an appendix"},
		{Role: "bibliography", Matter: BackMatter, Semantic: "bibliography", ARIA: "doc-bibliography", Doc: "the bibliography: the References section folio adds after the last section when the text cites"},
	}
}

// LookupRole returns what the role named name means; ok is false for an unknown name.
func LookupRole(name string) (info RoleInfo, ok bool) {
	for _, r := range roleTable() {
		if string(r.Role) == name {
			return r, true
		}
	}
	return RoleInfo{}, false
}

// Info returns what r means. An unknown role (the source reader reports it)
// means an ordinary section.
func (r Role) Info() RoleInfo {
	if info, ok := LookupRole(string(r)); ok {
		return info
	}
	info, _ := LookupRole("")
	return info
}

// RoleNames lists the roles a section's front matter may give, for messages.
func RoleNames() string {
	var names []string
	for _, r := range roleTable() {
		if r.Role != "" {
			names = append(names, string(r.Role))
		}
	}
	return strings.Join(names, ", ")
}
