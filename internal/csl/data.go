package csl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Item is one bibliographic item, as CSL-JSON holds it.
type Item struct {
	ID    string
	Type  string            // book, article-journal, chapter…
	Vars  map[string]string // ordinary and number variables: title, page, DOI…
	Names map[string][]Name // author, editor…
	Dates map[string]Date   // issued, accessed…
	Line  int               // where it starts in its file, for messages (0: unknown)
	Col   int               // the column of its start on that line (0: unknown)
}

// Name is a person or an institution.
type Name struct {
	Family, Given, Suffix string
	DroppingParticle      string // "de" in "Jean de La Fontaine", dropped when inverted
	NonDroppingParticle   string // "van" in "van Gogh", kept with the family name
	Literal               string // an institution, set as is
	CommaSuffix           bool   // "Smith, Jr." rather than "Smith Jr."
	StaticOrdering        bool   // family name first, as in Chinese or Japanese names
}

// Date is a date or a range of two, each year, month (1–12, 13–16 for the
// seasons) and day, 0 when not given.
type Date struct {
	Parts   [][3]int
	Season  int
	Circa   bool
	Literal string
}

func (d Date) empty() bool { return len(d.Parts) == 0 && d.Literal == "" }

// Error is a problem in a CSL-JSON file, at a line and column (0: unknown).
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// ParseJSON reads CSL-JSON: an array of items. An error is an *Error.
func ParseJSON(data []byte) ([]Item, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, jsonError(data, err)
	}
	var items []Item
	off := 0
	for _, r := range raw {
		// the item's offset: its first character after the previous item
		// (whose objects inside it are skipped with it)
		if i := bytes.Index(data[off:], r[:min(len(r), 1)]); i >= 0 {
			off += i
		}
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := off - bytes.LastIndexByte(data[:off], '\n')
		off += max(len(r), 1)
		var m map[string]any
		d := json.NewDecoder(bytes.NewReader(r))
		d.UseNumber()
		if err := d.Decode(&m); err != nil {
			return nil, &Error{Line: line, Col: 1, Msg: "an item must be an object: " + err.Error()}
		}
		it, err := itemOf(m)
		if err != nil {
			return nil, &Error{Line: line, Col: 1, Msg: err.Error()}
		}
		it.Line, it.Col = line, col
		items = append(items, it)
	}
	return items, nil
}

func jsonError(data []byte, err error) error {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 {
		return &Error{Line: 1, Col: 1, Msg: "not CSL-JSON (an array of items): " + err.Error()}
	}
	off = min(off, int64(len(data)))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	return &Error{Line: line, Col: col, Msg: "not CSL-JSON (an array of items): " + err.Error()}
}

// nameVars are the CSL name variables.
var nameVars = setOf(`author chair collection-editor compiler composer container-author contributor curator director editor editorial-director editor-translator executive-producer guest host illustrator interviewer narrator organizer original-author performer producer recipient reviewed-author script-writer series-creator translator`)

// dateVars are the CSL date variables.
var dateVars = setOf(`accessed available-date event-date issued original-date submitted`)

func setOf(list string) map[string]bool {
	m := map[string]bool{}
	for _, v := range words(list) {
		m[v] = true
	}
	return m
}

// itemOf makes an item of a decoded CSL-JSON object.
func itemOf(m map[string]any) (Item, error) {
	it := Item{Vars: map[string]string{}, Names: map[string][]Name{}, Dates: map[string]Date{}}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		switch {
		case k == "id":
			it.ID = scalar(v)
		case k == "type":
			it.Type = scalar(v)
		case nameVars[k]:
			list, ok := v.([]any)
			if !ok {
				return it, fmt.Errorf("%q must be a list of names", k)
			}
			for _, n := range list {
				nm, ok := n.(map[string]any)
				if !ok {
					return it, fmt.Errorf("%q: a name must be an object", k)
				}
				it.Names[k] = append(it.Names[k], nameOf(nm))
			}
		case dateVars[k]:
			d, err := dateOf(v)
			if err != nil {
				return it, fmt.Errorf("%q: %w", k, err)
			}
			it.Dates[k] = d
		default:
			if s := scalar(v); s != "" {
				it.Vars[k] = s
			}
		}
	}
	if it.ID == "" {
		return it, fmt.Errorf("an item has no id")
	}
	if it.Type == "" {
		it.Type = "document"
	}
	return it, nil
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func nameOf(m map[string]any) Name {
	n := Name{Family: scalar(m["family"]), Given: scalar(m["given"]), Suffix: scalar(m["suffix"]),
		DroppingParticle: scalar(m["dropping-particle"]), NonDroppingParticle: scalar(m["non-dropping-particle"]),
		Literal: scalar(m["literal"])}
	if b, ok := m["comma-suffix"]; ok && scalar(b) != "false" && scalar(b) != "" {
		n.CommaSuffix = true
	}
	if b, ok := m["static-ordering"]; ok && scalar(b) != "false" && scalar(b) != "" {
		n.StaticOrdering = true
	}
	if n.Literal == "" && n.Given == "" && n.Family != "" && m["isInstitution"] != nil {
		n.Literal = n.Family
	}
	return n
}

func dateOf(v any) (Date, error) {
	var d Date
	switch x := v.(type) {
	case string:
		return ParseDate(x), nil
	case map[string]any:
		if parts, ok := x["date-parts"].([]any); ok {
			for _, p := range parts {
				ps, ok := p.([]any)
				if !ok {
					return d, fmt.Errorf("date-parts must be lists of numbers")
				}
				var dp [3]int
				for i := 0; i < len(ps) && i < 3; i++ {
					n, err := strconv.Atoi(strings.TrimSpace(scalar(ps[i])))
					if err != nil {
						return d, fmt.Errorf("date-parts: %q is not a number", scalar(ps[i]))
					}
					dp[i] = n
				}
				if dp[0] != 0 || dp[1] != 0 {
					d.Parts = append(d.Parts, dp)
				}
			}
		}
		if len(d.Parts) == 0 {
			if raw := scalar(x["raw"]); raw != "" {
				d = ParseDate(raw)
			}
		}
		d.Literal = scalar(x["literal"])
		if s, err := strconv.Atoi(scalar(x["season"])); err == nil {
			d.Season = s
		}
		if c := scalar(x["circa"]); c != "" && c != "false" && c != "0" {
			d.Circa = true
		}
		return d, nil
	}
	return d, fmt.Errorf("a date must be an object with date-parts, or a string")
}

// ParseDate reads a date as written in BibTeX or EDTF: 2020, 2020-05,
// 2020-05-17, a range 2019/2020 or 2019--2020; anything else is a literal.
func ParseDate(s string) Date {
	s = strings.TrimSpace(s)
	var d Date
	for _, part := range splitRange(s) {
		var dp [3]int
		fs := strings.Split(part, "-")
		if len(fs) > 3 {
			return Date{Literal: s}
		}
		for i, f := range fs {
			n, err := strconv.Atoi(f)
			if err != nil || (i == 0 && len(f) != 4) {
				return Date{Literal: s}
			}
			dp[i] = n
		}
		d.Parts = append(d.Parts, dp)
	}
	return d
}

func splitRange(s string) []string {
	for _, sep := range []string{"/", "--", "–"} {
		if a, b, ok := strings.Cut(s, sep); ok {
			return []string{strings.TrimSpace(a), strings.TrimSpace(b)}
		}
	}
	return []string{s}
}
