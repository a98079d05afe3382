package csl

import (
	"sort"
	"strings"

	"github.com/folio-pub/folio/internal/lazyre"
)

// locatorTerms are CSL's locator kinds.
var locatorTerms = words(`page chapter section paragraph volume line figure note part verse book column folio number opus issue sub-verbo`)

// locatorRE is a locator's value: numbers, ranges and lists of them, or
// Roman numerals ("12", "12–14", "12, 15", "iv").
var locatorRE = lazyre.New(`^(?:[0-9]+(?:\.[0-9]+)*[a-z]?|[ivxlcdmIVXLCDM]+)(?:\s*(?:[-–,&]|and)\s*(?:[0-9]+(?:\.[0-9]+)*[a-z]?|[ivxlcdmIVXLCDM]+))*`)

// ParseLocator reads the locator at the start of what an author writes
// after a citation key, as Pandoc does: ", p. 12" or "pp. 12–14, emphasis
// added" (a label in the processor's language or English, long or short,
// then a value), or a bare number (a page). It returns the locator's label
// (a CSL term: "page", "chapter"), its value and the rest of the suffix;
// an empty value when the suffix starts with no locator.
func (p *Processor) ParseLocator(suffix string) (label, value, rest string) {
	s := strings.TrimLeft(suffix, " ")
	s = strings.TrimPrefix(s, ",")
	s = strings.TrimLeft(s, " \u00a0")
	type form struct{ text, term string }
	var forms []form
	for _, t := range locatorTerms {
		for _, f := range []string{"short", "long"} {
			for _, pl := range []bool{false, true} {
				name := t
				if t == "sub-verbo" {
					name = "sub verbo"
				}
				if w := p.loc.term(name, f, pl); w != "" {
					forms = append(forms, form{w, name})
				}
			}
		}
	}
	// the longest first: "pp." before "p."
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].text) > len(forms[j].text) })
	label = "page"
	body := s
	for _, f := range forms {
		if len(s) > len(f.text) && strings.EqualFold(s[:len(f.text)], f.text) {
			after := s[len(f.text):]
			if t := strings.TrimLeft(after, " \u00a0"); t != after || strings.HasSuffix(f.text, ".") {
				label, body = f.term, t
				break
			}
		}
	}
	m := locatorRE().FindString(body)
	if m == "" || body == s && !startsDigit(s) {
		return "", "", suffix
	}
	return label, m, body[len(m):]
}

func startsDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }
