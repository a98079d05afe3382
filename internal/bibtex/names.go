package bibtex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/csl"
	"golang.org/x/text/unicode/norm"
)

// Names reads a BibTeX name list: names joined by "and" (outside braces),
// each "First von Last", "von Last, First" or "von Last, Jr, First"; a name
// in braces ({World Health Organization}) is an institution, set as is.
func Names(s string) []csl.Name {
	var out []csl.Name
	for _, part := range splitTop(s, " and ") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") && matched(part) {
			out = append(out, csl.Name{Literal: latex(part[1 : len(part)-1])})
			continue
		}
		if part == "others" {
			continue
		}
		out = append(out, name(part))
	}
	return out
}

// matched reports whether the braces that open and close s are one pair.
func matched(s string) bool {
	depth := 0
	for i, r := range s {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return true
}

// splitTop splits s at sep where it is outside braces (sep matched without case).
func splitTop(s, sep string) []string {
	var out []string
	depth, start := 0, 0
	lower := strings.ToLower(s)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 && strings.HasPrefix(lower[i:], sep) {
			out = append(out, s[start:i])
			i += len(sep) - 1
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func name(s string) csl.Name {
	parts := splitTop(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	var n csl.Name
	var vonLast string
	switch len(parts) {
	case 1:
		words := strings.Fields(s)
		// First von Last: the von part starts at the first lower-case word
		firstEnd := len(words) - 1
		for i := 0; i < len(words)-1; i++ {
			if isLowerWord(words[i]) {
				firstEnd = i
				break
			}
		}
		n.Given = latex(strings.Join(words[:firstEnd], " "))
		vonLast = strings.Join(words[firstEnd:], " ")
	case 2:
		vonLast, n.Given = parts[0], latex(parts[1])
	default:
		vonLast, n.Suffix, n.Given = parts[0], latex(parts[1]), latex(strings.Join(parts[2:], ", "))
	}
	words := strings.Fields(vonLast)
	vonEnd := 0
	for i := 0; i < len(words)-1; i++ {
		if isLowerWord(words[i]) {
			vonEnd = i + 1
		}
	}
	n.NonDroppingParticle = latex(strings.Join(words[:vonEnd], " "))
	n.Family = latex(strings.Join(words[vonEnd:], " "))
	return n
}

func isLowerWord(w string) bool {
	w = strings.TrimLeft(w, "{\\")
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// accents are TeX's accent commands and the combining marks they stand for.
var accents = map[byte]rune{
	'`': '\u0300', '\'': '\u0301', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
	'"': '\u0308', 'H': '\u030b', 'c': '\u0327', 'k': '\u0328', 'v': '\u030c', 'u': '\u0306', 'r': '\u030a', 'd': '\u0323', 'b': '\u0331',
}

// symbols are TeX's commands for letters and signs.
var symbols = map[string]string{
	"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "o": "ø", "O": "Ø",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
	"textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘", "S": "§", "P": "¶",
	"ldots": "…", "dots": "…", "textellipsis": "…", "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
}

// latex turns TeX text into plain text: accents and escapes into their
// characters, braces dropped, -- and --- into dashes, ~ into a no-break
// space; \emph{x} and \textit{x} into <i>x</i>, \textbf{x} into <b>x</b>
// (the markup CSL fields hold).
func latex(s string) string {
	if !strings.ContainsAny(s, "\\{}~-") {
		return collapse(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{', '}':
		case '~':
			b.WriteRune('\u00a0')
		case '-':
			i = latexDash(&b, s, i)
		case '\\':
			i = latexCommand(&b, s, i)
		default:
			b.WriteByte(c)
		}
	}
	return collapse(b.String())
}

// latexDash writes the dash at s[i]: --- as an em dash, -- as an en dash,
// - as a hyphen; it returns the index of the dash's last byte.
func latexDash(b *strings.Builder, s string, i int) int {
	switch {
	case strings.HasPrefix(s[i:], "---"):
		b.WriteString("—")
		return i + 2
	case strings.HasPrefix(s[i:], "--"):
		b.WriteString("–")
		return i + 1
	}
	b.WriteByte('-')
	return i
}

// latexCommand writes the command whose backslash is s[i]: an accent, a
// symbol, a font command's argument in its markup, or an unknown command's
// argument as it is; it returns the index of the command's last byte.
func latexCommand(b *strings.Builder, s string, i int) int {
	if i+1 >= len(s) {
		return i
	}
	if end, ok := latexAccent(b, s, i); ok {
		return end
	}
	j := i + 1
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	cmd := s[i+1 : j]
	if cmd == "" && j < len(s) {
		cmd = s[j : j+1]
		j++
	}
	if sym, ok := symbols[cmd]; ok {
		b.WriteString(sym)
		if j < len(s) && s[j] == ' ' && isLetter(cmd[0]) {
			return j
		}
		return j - 1
	}
	if tag := map[string]string{"emph": "i", "textit": "i", "textbf": "b", "textsc": "sc", "textsuperscript": "sup", "textsubscript": "sub"}[cmd]; tag != "" && j < len(s) && s[j] == '{' {
		end := closing(s, j)
		b.WriteString("<" + tag + ">" + latex(s[j+1:end]) + "</" + tag + ">")
		return end
	}
	// an unknown command: its argument is kept
	return j - 1
}

// latexAccent writes the accented letter of an accent command at s[i]
// (\'e, \'{e}, \c{c}, \c c, \'\i) and returns the index of its last
// byte, closing braces included; false when s[i] starts no accent.
func latexAccent(b *strings.Builder, s string, i int) (int, bool) {
	next := s[i+1]
	mark, ok := accents[next]
	if !ok || isLetter(next) && (i+2 >= len(s) || isLetter(s[i+2])) {
		return i, false
	}
	j := i + 2
	for j < len(s) && (s[j] == '{' || s[j] == ' ') {
		j++
	}
	if j >= len(s) {
		return i, false
	}
	r, size := utf8.DecodeRuneInString(s[j:])
	if s[j] == '\\' && j+1 < len(s) && (s[j+1] == 'i' || s[j+1] == 'j') {
		r, size = rune(s[j+1]), 2
	}
	b.WriteString(compose(r, mark))
	i = j + size - 1
	for i+1 < len(s) && s[i+1] == '}' {
		i++
	}
	return i, true
}

// collapse turns runs of spaces, tabs and line ends into one space (a
// no-break space stays).
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }), " ")
}

func closing(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(s) - 1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// compose puts a combining mark on r, as one character where Unicode has one.
func compose(r, mark rune) string { return norm.NFC.String(string(r) + string(mark)) }
