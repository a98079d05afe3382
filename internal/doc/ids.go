package doc

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// CleanID makes s safe as an XML id and a URL fragment: letters, digits, '-',
// '_', '.' and ':' stay, runs of anything else become one '-'. Slugs
// (lowercase ASCII) come through unchanged.
func CleanID(s string) string {
	return strings.TrimSuffix(Sanitize(s, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' || r == ':'
	}), "-")
}

// Sanitize keeps the runes of s that keep accepts and turns every run of
// others after the first kept rune into one '-': ids and file names.
func Sanitize(s string, keep func(rune) bool) string {
	var sb strings.Builder
	dash := false
	for _, r := range s {
		if keep(r) {
			sb.WriteRune(r)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
	}
	return sb.String()
}

// langTag is a language tag as folio takes it: a language of two or three
// letters, then subtags (fr, en-GB, pt-BR, zh-Hant).
var langTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// IsLangTag reports whether s is a language tag folio takes, as
// publication.yaml and the termbases name languages.
func IsLangTag(s string) bool { return langTag.MatchString(s) }

// SameLanguage reports whether two BCP 47 tags name the same language (their
// primary subtags are the same, whatever the case: en-GB and en).
func SameLanguage(a, b string) bool {
	pa, _, _ := strings.Cut(a, "-")
	pb, _, _ := strings.Cut(b, "-")
	return strings.EqualFold(pa, pb)
}

// Unique returns base+suffix, or, when taken says that is taken, the first of
// base-2+suffix, base-3+suffix… that is not: how ids and file names are made
// unique in an edition.
func Unique(base, suffix string, taken func(string) bool) string {
	name := base + suffix
	for n := 2; taken(name); n++ {
		name = base + "-" + strconv.Itoa(n) + suffix
	}
	return name
}

// SafeFileName keeps the ASCII letters, digits, '-', '_' and '.' of s and
// turns every run of other characters into one '-'.
func SafeFileName(s string) string {
	return strings.Trim(Sanitize(s, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
	}), "-.")
}
