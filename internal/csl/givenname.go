package csl

import "strings"

// Given-name disambiguation (disambiguate-add-givenname): a name set short
// ("Malone") is set with its given name, as initials ("N. J. Malone") or in
// full ("Nolan J. Malone"), where that tells two people or two cites apart.

// givenLevel is how much of a name's given name is shown: as the style
// sets the name, with initials, or in full.
const (
	givenAsStyled = iota
	givenInitials
	givenInFull
)

// personKey names a person: family name, particle and given name.
func personKey(n Name) string {
	given := strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(n.Given) // "J. J." is "J.J."
	return n.NonDroppingParticle + "\x00" + n.Family + "\x00" + given
}

// familyKey is what a short form shows of a name.
func familyKey(n Name) string { return n.NonDroppingParticle + "\x00" + n.Family }

// givenRule reads the style's givenname-disambiguation-rule: whether it
// applies to every cited name that shares a family name with another
// person (global: all-names, primary-name…), only to the first name of a
// cite (primary), and only with initials.
func givenRule(mode *elem) (global, primary, initialsOnly bool) {
	rule := mode.get("givenname-disambiguation-rule")
	if rule == "" {
		rule = "by-cite"
	}
	return rule != "by-cite", strings.HasPrefix(rule, "primary-name"), strings.HasSuffix(rule, "-with-initials")
}

// citedNames are the names a cite's first names element shows: the
// authors, else the editors.
func citedNames(it *Item) []Name {
	for _, v := range []string{"author", "editor", "translator"} {
		if ns := it.Names[v]; len(ns) > 0 {
			return ns
		}
	}
	return nil
}

// givenGlobal decides, for a global rule, how each person's name is shown:
// where two people share a family name, with initials when their initials
// differ, else in full.
func (p *Processor) givenGlobal(primary, initialsOnly bool) {
	people := map[string]map[string]Name{} // family → person → name
	for _, id := range p.order {
		for i, n := range citedNames(p.items[id]) {
			if primary && i > 0 || literalName(n) || n.Given == "" {
				continue
			}
			f := familyKey(n)
			if people[f] == nil {
				people[f] = map[string]Name{}
			}
			people[f][personKey(n)] = n
		}
	}
	for _, ps := range people {
		if len(ps) < 2 {
			continue
		}
		inits := map[string]int{}
		for _, n := range ps {
			inits[initials(n.Given, ".", true)]++
		}
		for k, n := range ps {
			level := givenInitials
			if inits[initials(n.Given, ".", true)] > 1 && !initialsOnly {
				level = givenInFull
			}
			p.givenPerson[k] = level
		}
	}
}

// givenByCite shows the given names of the cites of an ambiguous group,
// with initials then in full, until they differ. Where that tells none
// apart (one person's works), or not all of them and a year-suffix will,
// they are set as styled again.
func (p *Processor) givenByCite(g []string, initialsOnly, yearSuffix bool, render func(string) string) {
	top := givenInFull
	if initialsOnly {
		top = givenInitials
	}
	best, bestLevel := 1, givenAsStyled
	for level := givenInitials; level <= top; level++ {
		seen := map[string]bool{}
		for _, id := range g {
			p.givenCite[id] = level
			seen[render(id)] = true
		}
		if len(seen) == len(g) {
			return
		}
		if len(seen) > best {
			best, bestLevel = len(seen), level
		}
	}
	for _, id := range g {
		if bestLevel == givenAsStyled || yearSuffix {
			delete(p.givenCite, id)
		} else {
			p.givenCite[id] = bestLevel
		}
	}
}

// givenLevelOf is how the i-th name of a cite's list is shown.
func (c *ctx) givenLevelOf(n Name, i int) int {
	if c.sort || c.mode != c.p.style.citation {
		return givenAsStyled
	}
	_, primary, _ := givenRule(c.mode)
	if primary && i > 0 {
		return givenAsStyled
	}
	return max(c.p.givenPerson[personKey(n)], c.p.givenCite[c.item.ID])
}
