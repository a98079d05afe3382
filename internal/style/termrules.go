package style

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// TermRules are how the forms of a termbase match the words of a text in
// the language (the words file's optional termbase key), so that the
// translation checks find a term in its regular plural or after an elided
// article. Without them, a form matches only the same words.
type TermRules struct {
	// Plurals are the language's regular plural endings.
	Plurals []Plural `yaml:"plurals"`
	// Elision lists the words that drop their vowel before an apostrophe
	// (French l', d', qu'): the word after the apostrophe is matched.
	Elision []string `yaml:"elision"`
	// Possessive lists the endings a possessive adds after an apostrophe
	// (English 's): the word before the apostrophe is matched.
	Possessive []string `yaml:"possessive"`
}

// Plural is a regular plural ending: Plural added to a word, or, when
// Singular is given, in place of the singular ending Singular (policy,
// policies: "y ies").
type Plural struct{ Singular, Plural string }

// UnmarshalYAMLNode reads "ending" (added) or "singular plural" (replaced).
func (p *Plural) UnmarshalYAMLNode(n *yaml.Node) error {
	f := strings.Fields(n.Value)
	if n.Kind != yaml.ScalarNode || len(f) == 0 || len(f) > 2 {
		return fmt.Errorf(`expected a plural ending ("s") or a singular ending and its plural ("y ies"), got %s`, describeNode(n))
	}
	*p = Plural{Plural: f[len(f)-1]}
	if len(f) == 2 {
		p.Singular = f[0]
	}
	return nil
}
