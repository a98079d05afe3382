// Package langrules holds every language's typographic rules in one place and
// applies them to an edition: quotes, apostrophes and French punctuation spacing.
package langrules

import (
	"strings"
	"unicode"

	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/style"
)

// Spaces French typography uses.
const (
	NNBSP = '\u202f' // narrow no-break space: before ; ! ? and inside « »
	NBSP  = '\u00a0' // no-break space: before :
)

// Rules are the typographic rules of one language.
type Rules struct {
	Lang         string
	open, close  string // the double quotation marks
	openSingle   string
	closeSingle  string
	frenchSpaces bool
}

// For returns the rules of a BCP 47 language tag, by its primary subtag.
// Languages without rules of their own get English quotes and no spacing rules.
func For(lang string) Rules {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch primary {
	case "fr":
		return Rules{Lang: lang, open: "«\u202f", close: "\u202f»", openSingle: "“", closeSingle: "”", frenchSpaces: true}
	}
	return Rules{Lang: lang, open: "“", close: "”", openSingle: "‘", closeSingle: "’"}
}

// New returns the rules of the language of w, an edition's words file.
func New(w *style.Words) Rules { return For(w.Lang) }

// Apply applies the rules to the edition's metadata and text.
func (r Rules) Apply(ed *doc.Edition) {
	for _, s := range []*string{&ed.Title, &ed.Subtitle, &ed.Description, &ed.Series} {
		*s = r.String(*s)
	}
	for _, s := range ed.Sections {
		s.Title = r.String(s.Title)
	}
	doc.Walk(ed, func(b doc.Block) {
		if f, ok := b.(*doc.Figure); ok {
			f.Caption = r.String(f.Caption)
			f.Alt = r.String(f.Alt)
		}
		for _, run := range doc.Runs(b) {
			r.inlines(run)
		}
	})
}

// TitleWithSubtitle joins a title and its subtitle for metadata: "Title: Subtitle"
// in English, "Titre : Sous-titre" in French.
func (r Rules) TitleWithSubtitle(title, subtitle string) string {
	if subtitle == "" {
		return title
	}
	sep := ": "
	if r.frenchSpaces {
		sep = " : " // becomes a no-break space before the colon
	}
	return r.String(title + sep + subtitle)
}

// String applies the rules to a standalone piece of text.
func (r Rules) String(s string) string {
	out, _ := r.text(s, ' ')
	return out
}

// inlines rewrites the text of a run of inlines, carrying the previous character
// across element boundaries so that quotes open and close correctly.
func (r Rules) inlines(in []doc.Inline) {
	prev := ' '
	var rec func([]doc.Inline)
	rec = func(in []doc.Inline) {
		for _, n := range in {
			switch n := n.(type) {
			case *doc.Text:
				n.Text, prev = r.text(n.Text, prev)
			case *doc.Emph:
				rec(n.Content)
			case *doc.Strong:
				rec(n.Content)
			case *doc.Link:
				rec(n.Content)
			case *doc.Code:
				prev = 'x'
			case *doc.NoteRef:
				prev = '1'
			case *doc.LineBreak:
				prev = ' '
			}
		}
	}
	rec(in)
}

// opens reports whether a quote after prev opens a quotation.
func opens(prev rune) bool {
	return unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/«“‘\u202f\u00a0", prev)
}

// text applies the rules to s, preceded by prev; it returns the new text and its last character.
func (r Rules) text(s string, prev rune) (string, rune) {
	out := make([]rune, 0, len(s)+8)
	last := func() rune {
		if len(out) == 0 {
			return prev
		}
		return out[len(out)-1]
	}
	// trimSpace drops the spaces just written, to put a no-break space in their place.
	trimSpace := func() bool {
		n := len(out)
		for len(out) > 0 && isSpace(out[len(out)-1]) {
			out = out[:len(out)-1]
		}
		return len(out) < n
	}
	afterOpenGuillemet := func() bool {
		n := len(out)
		return n >= 2 && out[n-2] == '«' && out[n-1] == NNBSP
	}
	rs := []rune(s)
	for i, c := range rs {
		switch {
		case c == ' ' && tiesNumber(rs, i) && len(out) > 0 && unicode.IsLetter(out[len(out)-1]):
			// "Box 1", "page 3", "encadré 2": the number never starts a line
			out = append(out, NBSP)
		case c == '\'' || c == '’':
			if opens(last()) && r.openSingle == "‘" {
				out = append(out, '‘')
			} else {
				out = append(out, '’')
			}
		case c == '"' && opens(last()):
			out = append(out, []rune(r.open)...)
		case c == '"':
			if r.frenchSpaces {
				trimSpace()
			}
			out = append(out, []rune(r.close)...)
		case r.frenchSpaces && c == '«':
			out = append(out, '«', NNBSP)
		case r.frenchSpaces && c == '»':
			trimSpace()
			out = append(out, NNBSP, '»')
		case r.frenchSpaces && (c == ';' || c == '!' || c == '?'):
			spaced := trimSpace()
			p := last()
			if spaced || unicode.IsLetter(p) || unicode.IsDigit(p) || p == '»' || p == ')' || p == '’' {
				out = append(out, NNBSP)
			}
			out = append(out, c)
		case r.frenchSpaces && c == ':':
			if trimSpace() {
				out = append(out, NBSP)
			}
			out = append(out, c)
		case r.frenchSpaces && isSpace(c) && afterOpenGuillemet():
			// the space after « is already there, narrow and unbreakable
		default:
			out = append(out, c)
		}
	}
	return string(out), last()
}

// tiesNumber reports whether the space at i is followed by a number of one to
// three digits that ends a word (a reference like "Box 1", not "2019 reforms").
func tiesNumber(rs []rune, i int) bool {
	j := i + 1
	for j < len(rs) && unicode.IsDigit(rs[j]) {
		j++
	}
	n := j - (i + 1)
	return n >= 1 && n <= 3 && (j == len(rs) || !unicode.IsLetter(rs[j]) && !unicode.IsDigit(rs[j]))
}

func isSpace(r rune) bool { return r == ' ' || r == NBSP || r == NNBSP }
