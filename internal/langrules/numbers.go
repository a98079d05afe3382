package langrules

import (
	"strconv"
	"unicode"
)

// The rules about numbers: thousands grouping, the space between a number and
// its unit, the dash of a number range. Each does nothing unless the
// language's typography asks for it.

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digitsAt returns the end of the run of digits that starts at i.
func digitsAt(rs []rune, i int) int {
	for i < len(rs) && isDigit(rs[i]) {
		i++
	}
	return i
}

// standsAlone reports whether the digits rs[a:b] are a number of their own,
// not part of a word, an identifier, a path or the decimals of another number:
// "12345" and "12345," yes; "A12345", "1.12345", "12345b", "12345/6" no.
func standsAlone(rs []rune, a, b int) bool {
	if a > 0 {
		p := rs[a-1]
		if unicode.IsLetter(p) || isDigit(p) || p == '_' || p == '/' || p == '#' || p == '\\' {
			return false
		}
		if (p == '.' || p == ',') && a > 1 && isDigit(rs[a-2]) {
			return false // decimals
		}
	}
	if b < len(rs) {
		n := rs[b]
		if unicode.IsLetter(n) || isDigit(n) || n == '_' || n == '/' || n == '\\' {
			return false
		}
		if (n == '.' || n == ':') && b+1 < len(rs) && (isDigit(rs[b+1]) || unicode.IsLetter(rs[b+1])) {
			return false
		}
	}
	return true
}

// chained reports whether the digits rs[a:b] are joined by a hyphen to other
// digits: a reference like ISO 15930-7 or a telephone number, not a quantity.
func chained(rs []rune, a, b int) bool {
	return a > 1 && rs[a-1] == '-' && isDigit(rs[a-2]) || b+1 < len(rs) && rs[b] == '-' && isDigit(rs[b+1])
}

// groups finds, in a language that groups thousands, the digits of a number of
// five digits or more after which a separator goes (10000 → 10 000), and the
// spaces typed between groups of three ("3 000", "1 000 000") that become
// the separator. Four-digit numbers (years) are left alone, and so are decimals
// and what keep marks.
func groups(rs []rune, keep []bool) (after, typed []bool) {
	after, typed = make([]bool, len(rs)), make([]bool, len(rs))
	kept := func(a, b int) bool {
		for i := a; i < b; i++ {
			if keep[i] {
				return true
			}
		}
		return false
	}
	for a := 0; a < len(rs); {
		if !isDigit(rs[a]) {
			a++
			continue
		}
		b := digitsAt(rs, a)
		// typed groups: 1 to 3 digits, then one or more " ddd"
		end, spaces := b, []int(nil)
		if b-a <= 3 {
			for end+4 <= len(rs) && rs[end] == ' ' && digitsAt(rs, end+1) == end+4 {
				spaces = append(spaces, end)
				end += 4
			}
		}
		switch {
		case len(spaces) > 0 && standsAlone(rs, a, end) && !chained(rs, a, end) && !kept(a, end):
			for _, sp := range spaces {
				typed[sp] = true
			}
			b = end
		case b-a >= 5 && standsAlone(rs, a, b) && !chained(rs, a, b) && !kept(a, b):
			for i := a; i < b-1; i++ {
				if (b-1-i)%3 == 0 {
					after[i] = true
				}
			}
		}
		a = b
	}
	return after, typed
}

// groupDigits writes a digit, and the thousands separator after it where groups put one.
func (r Rules) groupDigits(w *writer, rs []rune, i int) bool {
	if w.groupAfter == nil || !w.groupAfter[i] {
		return false
	}
	w.out = append(w.out, rs[i], rune(r.t.ThousandsSeparator))
	return true
}

// typedGroupSpace replaces a space typed between groups of thousands with the separator.
func (r Rules) typedGroupSpace(w *writer, rs []rune, i int) bool {
	if w.groupTyped == nil || !w.groupTyped[i] {
		return false
	}
	w.out = append(w.out, rune(r.t.ThousandsSeparator))
	return true
}

// unitSpace replaces the space typed between a number and a unit of the
// language's units with its unit-space: "5 km" → "5\u202fkm". The unit must
// end there: "3 kms" or "2 l’an" are words, not units.
func (r Rules) unitSpace(w *writer, rs []rune, i int) bool {
	if len(r.units) == 0 || rs[i] != ' ' || !isDigit(w.last()) {
		return false
	}
	for _, u := range r.units {
		j := i + 1 + len(u)
		if j > len(rs) || string(rs[i+1:j]) != string(u) {
			continue
		}
		if j < len(rs) && (unicode.IsLetter(rs[j]) || isDigit(rs[j]) || rs[j] == '\'' || rs[j] == '’' || rs[j] == '-') {
			continue
		}
		w.out = append(w.out, rune(r.t.UnitSpace))
		return true
	}
	return false
}

// rangeDash replaces the hyphen typed between two numbers of one to four
// digits that make a range going up with the language's range dash:
// 1990-2000, 10-12, 1990-95. "3-1", "15930-7" and "2019-05-01" stay.
func (r Rules) rangeDash(w *writer, rs []rune, i int) bool {
	if r.t.RangeDash == 0 || rs[i] != '-' || i == 0 || !isDigit(rs[i-1]) || i+1 >= len(rs) || !isDigit(rs[i+1]) {
		return false
	}
	a := i - 1
	for a > 0 && isDigit(rs[a-1]) {
		a--
	}
	b := digitsAt(rs, i+1)
	if i-a > 4 || b-(i+1) > 4 || a > 0 && (rs[a-1] == '-' || rs[a-1] == '.' || rs[a-1] == ',') || b < len(rs) && rs[b] == '-' {
		return false
	}
	if !standsAlone(rs, a, i) || !standsAlone(rs, i+1, b) {
		return false
	}
	from, _ := strconv.Atoi(string(rs[a:i]))
	to, _ := strconv.Atoi(string(rs[i+1 : b]))
	if n := b - (i + 1); n < i-a { // 1990-95: the last digits of the year
		p := 1
		for range n {
			p *= 10
		}
		to += from - from%p
	}
	if to <= from {
		return false
	}
	w.out = append(w.out, rune(r.t.RangeDash))
	return true
}
