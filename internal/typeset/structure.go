package typeset

import "github.com/folio-pub/folio/internal/page"

// outside returns the nearest element that holds e and is neither a link nor
// a note reference: where the text around a link belongs.
func outside(e *page.Elem) *page.Elem {
	for e != nil && (e.Role == page.RoleLink || e.Role == page.RoleReference) {
		e = e.Parent
	}
	return e
}

// up returns the element that holds e, nil for none or a nil e.
func up(e *page.Elem) *page.Elem {
	if e == nil {
		return nil
	}
	return e.Parent
}
