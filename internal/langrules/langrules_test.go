package langrules

import (
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/overlay"
	"github.com/folio-pub/folio/internal/style"
)

// rulesOf returns the rules of a words file of layouts/i18n.
func rulesOf(t *testing.T, lang string) Rules {
	t.Helper()
	w, err := style.LoadWords(overlay.Folder("../../layouts"), lang)
	if err != nil {
		t.Fatal(err)
	}
	return New(w)
}

func TestString(t *testing.T) {
	// words names the file of layouts/i18n the rules come from.
	tests := []struct{ words, in, want string }{
		{"fr", "Qu'est-ce que la société civile ?", "Qu’est-ce que la société civile\u202f?"},
		{"fr", "Attention !", "Attention\u202f!"},
		{"fr", "trois points : un ; deux", "trois points\u00a0: un\u202f; deux"},
		{"fr", "la « société civile »", "la «\u202fsociété civile\u202f»"},
		{"fr", "la «société civile»", "la «\u202fsociété civile\u202f»"},
		{"fr", `dit "bonjour"`, "dit «\u202fbonjour\u202f»"},
		{"fr", "quoi?!", "quoi\u202f?!"},
		{"fr", "à 10:30", "à\u00a010:30"},
		{"fr", "https://example.org", "https://example.org"},
		{"fr", "déjà\u202f?", "déjà\u202f?"},
		{"en", `the "civil society" it's 'here'`, "the “civil society” it’s ‘here’"},
		{"en", "What is it?", "What is it?"},
		// These two rows were For("en-GB") and For("de"), which fell back to
		// English: rules now come from the words file, whatever the tag, and
		// German has its own (TestGerman).
		{"en", `"Yes"`, "“Yes”"},
		{"en", `"Ja"`, "“Ja”"},
		{"en", "see Box 1). Next", "see Box\u00a01). Next"},
		{"fr", "(voir l'encadré 2).", "(voir l’encadré\u00a02)."},
		{"en", "in 2019 the law", "in 2019 the law"},
		{"en", "the 1990s", "the 1990s"},
		{"en", "Article 19 and 20", "Article\u00a019 and\u00a020"},
		// smart dashes, in every language; the language's space before them
		{"en", "years 1990--2000 and a pause --- here", "years 1990–2000 and a pause — here"},
		{"en", "a break -- then", "a break – then"},
		{"fr", "une pause -- ici", "une pause\u00a0– ici"},
		{"fr", "une incise --- là", "une incise\u00a0— là"},
		{"fr", "déjà typé – ici", "déjà typé\u00a0– ici"},
		{"de", "eine Pause -- hier", "eine Pause\u00a0– hier"},
		{"en", "a rule ---- stays, one - too", "a rule ---- stays, one - too"},
		{"en", "see https://example.org/a--b", "see https://example.org/a--b"},
		{"en", "--flag", "–flag"},
	}
	for _, tt := range tests {
		if got := rulesOf(t, tt.words).String(tt.in); got != tt.want {
			t.Errorf("%s %q = %q, want %q", tt.words, tt.in, got, tt.want)
		}
	}
}

func TestApplyAcrossInlines(t *testing.T) {
	p := &doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: `Il dit "`}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "non"}}}, &doc.Text{Text: `" ?`},
		&doc.Code{Text: "a?"},
	}}
	ed := &doc.Edition{Lang: "fr", Title: "Quoi ?", Sections: []*doc.Section{{Blocks: []doc.Block{p}}}}
	rulesOf(t, "fr").Apply(ed)
	got := doc.PlainText(p.Content)
	if want := "Il dit «\u202fnon\u202f»\u202f?a?"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if ed.Title != "Quoi\u202f?" {
		t.Errorf("title %q", ed.Title)
	}
}

// TestDashesNotInCode: -- and --- become dashes in text, never in code.
func TestDashesNotInCode(t *testing.T) {
	p := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "run "}, &doc.Code{Text: "folio --format epub"}, &doc.Text{Text: " -- and"}}}
	ed := &doc.Edition{Lang: "en", Sections: []*doc.Section{{Blocks: []doc.Block{p, &doc.CodeBlock{Text: "a -- b --- c"}}}}}
	rulesOf(t, "en").Apply(ed)
	if got, want := doc.PlainText(p.Content), "run folio --format epub – and"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := ed.Sections[0].Blocks[1].(*doc.CodeBlock).Text; got != "a -- b --- c" {
		t.Errorf("code block %q", got)
	}
}

func TestTitleWithSubtitle(t *testing.T) {
	if got := rulesOf(t, "fr").TitleWithSubtitle("La société civile", "Rôles"); got != "La société civile\u00a0: Rôles" {
		t.Errorf("fr: %q", got)
	}
	if got := rulesOf(t, "en").TitleWithSubtitle("Civil Society", "Roles"); got != "Civil Society: Roles" {
		t.Errorf("en: %q", got)
	}
	if got := rulesOf(t, "en").TitleWithSubtitle("Civil Society", ""); got != "Civil Society" {
		t.Errorf("no subtitle: %q", got)
	}
}

// TestTypographyIsData sets a language that no words file of folio has, from a
// style.Words literal: every rule follows the data.
func TestTypographyIsData(t *testing.T) {
	r := New(&style.Words{Lang: "xx", Typography: style.Typography{
		Quotes:             style.Quotes{Open: "»", Close: "«"},
		SingleQuotes:       style.Quotes{Open: "›\u202f", Close: "\u202f‹"},
		Apostrophe:         'ʼ',
		SpaceBefore:        style.SpaceBefore{'?': NBSP},
		SpaceBeforeIfTyped: style.SpaceBefore{'%': NNBSP},
		TitleSeparator:     " — ",
	}})
	tests := []struct{ in, want string }{
		{`er sagte "Ja"`, "er sagte »Ja«"},
		{`' so' it's`, "›\u202fso\u202f‹ itʼs"},
		{"wer? 5 % 5%", "wer\u00a0? 5\u202f% 5%"},
		{"« so »", "« so »"}, // no space-inside-guillemets: typed guillemets stay
	}
	for _, tt := range tests {
		if got := r.String(tt.in); got != tt.want {
			t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := r.TitleWithSubtitle("Titel", "Untertitel"); got != "Titel — Untertitel" {
		t.Errorf("title: %q", got)
	}
}

// TestNoTypography: a Words built in Go without typography changes no quote
// and no space, but still ties short numbers.
func TestNoTypography(t *testing.T) {
	r := New(&style.Words{Lang: "xx"})
	if got, want := r.String(`"so" it's « Box 1 » ?`), "\"so\" it's « Box\u00a01 » ?"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestGerman: German is only layouts/i18n/de.yaml.
func TestGerman(t *testing.T) {
	de := rulesOf(t, "de")
	tests := []struct{ in, want string }{
		{`er sagte "Ja"`, "er sagte „Ja“"},
		{`der "dritte Sektor", neben Staat`, "der „dritte Sektor“, neben Staat"},
		{`'halb' richtig`, "‚halb‘ richtig"},
		{`"Er sagte 'nein'."`, "„Er sagte ‚nein‘.“"},
		{`('so')`, "(‚so‘)"},
		{"geht's und gibt's", "geht’s und gibt’s"},
		{"Andreas' Buch", "Andreas’ Buch"},
		{`'geht's?'`, "‚geht’s?‘"},
		{"Was ist das? Achtung! Eins; zwei: drei", "Was ist das? Achtung! Eins; zwei: drei"},
		{"siehe Kasten 1 und Seite 12", "siehe Kasten\u00a01 und Seite\u00a012"},
		{"im Jahr 2019", "im Jahr 2019"},
		{"« so »", "« so »"},
	}
	for _, tt := range tests {
		if got := de.String(tt.in); got != tt.want {
			t.Errorf("de %q = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := de.TitleWithSubtitle("Zivilgesellschaft", "Rollen"); got != "Zivilgesellschaft: Rollen" {
		t.Errorf("title: %q", got)
	}
	p := &doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: `Sie sagt "`}, &doc.Emph{Content: []doc.Inline{&doc.Text{Text: "nie"}}}, &doc.Text{Text: `" und '`},
		&doc.Strong{Content: []doc.Inline{&doc.Text{Text: "halb"}}}, &doc.Text{Text: `'.`},
	}}
	de.Apply(&doc.Edition{Lang: "de", Sections: []*doc.Section{{Blocks: []doc.Block{p}}}})
	if got, want := doc.PlainText(p.Content), "Sie sagt „nie“ und ‚halb‘."; got != want {
		t.Errorf("across inlines: %q, want %q", got, want)
	}
}

// TestTricky: what language rules must leave alone (URLs, e-mail addresses,
// times and ratios, code, text already set right) and what the number rules do.
func TestTricky(t *testing.T) {
	// (A short number after a word is tied to it with a no-break space in
	// every language: "à\u00a010:30".)
	tests := []struct{ words, in, want string }{
		// French punctuation around what must not move
		{"fr", "« l'ONU ? »", "«\u202fl’ONU\u202f?\u202f»"},
		{"fr", "à 10:30 ou 10:30:15", "à\u00a010:30 ou\u00a010:30:15"},
		{"fr", "un rapport de 3:1 ?", "un rapport de\u00a03:1\u202f?"},
		{"fr", "voir https://example.org/policing?lang=fr", "voir https://example.org/policing?lang=fr"},
		{"fr", "voir https://example.org/policing?lang=fr ?", "voir https://example.org/policing?lang=fr\u202f?"},
		{"fr", "voir https://example.org/a;b?c=d!", "voir https://example.org/a;b?c=d\u202f!"},
		{"fr", "(https://example.org/a_(b)) ; ensuite", "(https://example.org/a_(b))\u202f; ensuite"},
		{"fr", "voir www.example.org/x?y=1 ou example.org/policing?lang=fr.", "voir www.example.org/x?y=1 ou example.org/policing?lang=fr."},
		{"fr", "écrire à info@example.org ?", "écrire à info@example.org\u202f?"},
		{"fr", "mailto:info@example.org?subject=RSS", "mailto:info@example.org?subject=RSS"},
		{"fr", "le 2019-05-01 ; puis", "le 2019-05-01\u202f; puis"},
		// already right: nothing changes
		{"fr", "déjà\u202f? «\u202fbien\u202f» l’État\u00a0: 10\u202f000\u202fkm, 35\u202f%", "déjà\u202f? «\u202fbien\u202f» l’État\u00a0: 10\u202f000\u202fkm, 35\u202f%"},
		{"en", "“Yes,” it’s 1990–2000.", "“Yes,” it’s 1990–2000."},
		// percent, units, thousands
		{"fr", "35 % des cas, 35% des cas", "35\u202f% des cas, 35\u202f% des cas"},
		{"fr", "à 5 km, 12 kg et 20 °C", "à\u00a05\u202fkm, 12\u202fkg et\u00a020\u202f°C"},
		{"fr", "2 l’an, 3 kms, 4 minutes", "2 l’an, 3 kms, 4 minutes"},
		{"fr", "10000 personnes, 1000000 d'euros", "10\u202f000 personnes, 1\u202f000\u202f000 d’euros"},
		{"fr", "les 3 000 soldats et 1 000 000 d'habitants", "les\u00a03\u202f000 soldats et\u00a01\u202f000\u202f000 d’habitants"},
		{"fr", "en 1994, en 2019 100 personnes", "en 1994, en 2019 100 personnes"},
		{"fr", "12345,678 et 3,14159", "12\u202f345,678 et\u00a03,14159"},
		{"fr", "ISO 15930-7, A12345", "ISO 15930-7, A12345"},
		{"en", "10000 people", "10000 people"}, // English words ask for no grouping
		// ranges
		{"en", "from 1990-2000, pages 10-12 and 1990-95.", "from 1990–2000, pages\u00a010–12 and 1990–95."},
		{"en", "a 3-1 win, ISO 15930-7, COVID-19, 2019-05-01, 555-1234-5678", "a\u00a03-1 win, ISO 15930-7, COVID-19, 2019-05-01, 555-1234-5678"},
		{"fr", "1990-2000", "1990-2000"}, // French words ask for no range dash
		// NFC: a decomposed é is composed before any rule
		{"fr", "Qu'est-ce que la socie\u0301te\u0301 ?", "Qu’est-ce que la société\u202f?"},
	}
	for _, tt := range tests {
		if got := rulesOf(t, tt.words).String(tt.in); got != tt.want {
			t.Errorf("%s %q = %q, want %q", tt.words, tt.in, got, tt.want)
		}
	}
}

// TestCodeAndLinks: code spans, code blocks and a link whose text is its
// address keep their text; the link's words around it are still set.
func TestCodeAndLinks(t *testing.T) {
	url := "https://example.org/policing?lang=fr"
	p := &doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: "Voir "},
		&doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Text: url}}},
		&doc.Text{Text: " ou "},
		&doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Text: "example.org/policing?lang=fr"}}},
		&doc.Text{Text: " ou "},
		&doc.Link{URL: "mailto:info@example.org", Content: []doc.Inline{&doc.Text{Text: "info@example.org"}}},
		&doc.Text{Text: ", "},
		&doc.Code{Text: "a ? b : 'c'"},
		&doc.Text{Text: " et "},
		&doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Text: "la page ?"}}},
		&doc.Text{Text: " !"},
	}}
	code := &doc.CodeBlock{Text: "x = \"a\" ; y = 'b' ?"}
	ed := &doc.Edition{Lang: "fr", Sections: []*doc.Section{{Blocks: []doc.Block{p, code}}}}
	rulesOf(t, "fr").Apply(ed)
	want := "Voir " + url + " ou example.org/policing?lang=fr ou info@example.org, a ? b : 'c' et la page\u202f?\u202f!"
	if got := doc.PlainText(p.Content); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if code.Text != "x = \"a\" ; y = 'b' ?" {
		t.Errorf("code block changed: %q", code.Text)
	}
}

// TestBorrowedSection: a section in another language than the edition's (the
// original's, where a translation lacks it) gets that language's rules.
func TestBorrowedSection(t *testing.T) {
	fr := &doc.Section{Title: "Qu'est-ce ?", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: `Il dit "oui" ?`}}}}}
	en := &doc.Section{Lang: "en", Title: "What is it?", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: `He says "yes"?`}}}}}
	note := &doc.Note{Section: en, Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: `It's "so"!`}}}}}
	ed := &doc.Edition{Lang: "fr", Sections: []*doc.Section{fr, en}, Notes: []*doc.Note{note}}
	rulesOf(t, "fr").Apply(ed)
	rulesOf(t, "en").ApplyBorrowed(ed)
	rulesOf(t, "fr").ApplyBorrowed(ed) // nothing: French is the edition's
	text := func(s *doc.Section) string { return doc.PlainText(s.Blocks[0].(*doc.Paragraph).Content) }
	if got, want := text(fr), "Il dit «\u202foui\u202f»\u202f?"; got != want || fr.Title != "Qu’est-ce\u202f?" {
		t.Errorf("French section: %q, %q", got, fr.Title)
	}
	if got, want := text(en), "He says “yes”?"; got != want || en.Title != "What is it?" {
		t.Errorf("English section: %q, %q", got, en.Title)
	}
	if got, want := doc.PlainText(note.Blocks[0].(*doc.Paragraph).Content), "It’s “so”!"; got != want {
		t.Errorf("its note: %q", got)
	}
}

func TestVerbatim(t *testing.T) {
	s := "Voir https://example.org/a?b=c. Écrire à a.b@example.org, à 10:30 le 2019-05-01 (www.example.org)."
	var got []string
	for _, sp := range Verbatim(s) {
		got = append(got, sp.Kind+":"+s[sp.Start:sp.End])
	}
	want := []string{"url:https://example.org/a?b=c", "email:a.b@example.org", "time:10:30", "date:2019-05-01", "url:www.example.org"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestVerbatimCase: addresses are found whatever their case, and the cheap
// test that lets most text skip the expressions lets none of them through.
func TestVerbatimCase(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"voir WWW.Example.org.", "WWW.Example.org"},
		{"écrire à MailTo:info@example.org", "MailTo:info@example.org"},
		{"DOI:10.1000/182 cité", "DOI:10.1000/182"},
		{"wWw.example.org", "wWw.example.org"},
		{"ww.w.example, www, mailto et doi sans adresse", ""},
	} {
		var got []string
		for _, sp := range Verbatim(c.in) {
			got = append(got, c.in[sp.Start:sp.End])
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("Verbatim(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestVerbatimWhateverTheData: even a language that puts a space before every
// colon, question mark and slash leaves URLs, addresses, times and ratios whole.
func TestVerbatimWhateverTheData(t *testing.T) {
	r := New(&style.Words{Lang: "xx", Typography: style.Typography{
		SpaceBefore: style.SpaceBefore{':': NBSP, '?': NNBSP, '/': NBSP, '%': NNBSP},
	}})
	in := "Wo: 10:30, 3:1, https://example.org/a?b=%20 und a@example.org?"
	want := "Wo\u00a0: 10:30, 3:1, https://example.org/a?b=%20 und a@example.org\u202f?"
	if got := r.String(in); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestOrdinals: French ordinal abbreviations get their ending as a
// superscript, after a number or a roman numeral, and nowhere else.
func TestOrdinals(t *testing.T) {
	fr := rulesOf(t, "fr")
	tests := []struct{ in, want string }{
		{"le 1er mai", "le 1[er] mai"},
		{"la 1re fois, les 2es", "la 1[re] fois, les 2[es]"},
		{"au XIXe siècle, la Ve République", "au XIX[e] siècle, la V[e] République"},
		{"(2nde)", "(2[nde])"},
		{"1ere 10e3 De Le Me CXe", "1ere 10e3 De Le Me CXe"},
		{"voir https://e.org/3e", "voir https://e.org/3e"},
	}
	for _, tc := range tests {
		p := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: tc.in}}}
		ed := &doc.Edition{Lang: "fr", Sections: []*doc.Section{{Blocks: []doc.Block{p}}}}
		fr.Apply(ed)
		var b strings.Builder
		for _, n := range p.Content {
			switch n := n.(type) {
			case *doc.Text:
				b.WriteString(n.Text)
			case *doc.Super:
				b.WriteString("[" + n.Text + "]")
			default:
				t.Fatalf("%T", n)
			}
		}
		if got := strings.ReplaceAll(b.String(), "\u00a0", " "); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	// English has no ordinals in its words file: nothing changes
	p := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "the 1st and 2nd"}}}
	rulesOf(t, "en").Apply(&doc.Edition{Lang: "en", Sections: []*doc.Section{{Blocks: []doc.Block{p}}}})
	if len(p.Content) != 1 {
		t.Errorf("English: %d inlines", len(p.Content))
	}
}

// TestPositionsKept: after the rules rewrite a text, each character the
// source typed is still placed at its line and column (the text of a
// paragraph over two lines, as markdown gives it), and what the rules add is
// placed at the character that made them add it.
func TestPositionsKept(t *testing.T) {
	tests := []struct {
		words string
		lines []string // the paragraph's lines in the source, from line 1
		char  string   // a character of the result
		nth   int      // its occurrence, from 0
		want  [2]int   // line, column
	}{
		{"fr", []string{"Il dit : « oui »", "et ; X ici"}, "X", 0, [2]int{2, 6}},
		{"fr", []string{"Il dit : « oui »", "et ; X ici"}, "\u202f", 2, [2]int{2, 4}}, // before ;
		{"fr", []string{"la « société »"}, "\u202f", 0, [2]int{1, 4}},                 // inside «
		{"en", []string{`He said "yes" and`, `"Z" it's Z`}, "Z", 1, [2]int{2, 10}},
		{"en", []string{`He said "yes" and`, `"Z" it's Z`}, "”", 1, [2]int{2, 3}},
		{"fr", []string{"le 1er mai", "le XIXe siècle Y"}, "Y", 0, [2]int{2, 16}},
		{"fr", []string{"e\u0301te\u0301 W"}, "W", 0, [2]int{1, 7}}, // composed by NFC: columns as typed
	}
	for _, tt := range tests {
		var o doc.Origin
		for i, l := range tt.lines {
			if i > 0 {
				o.Add(" ", diag.Pos{})
			}
			o.Add(l, diag.Pos{File: "a.md", Line: i + 1, Col: 1})
		}
		p := &doc.Paragraph{Content: []doc.Inline{o.Text()}}
		ed := &doc.Edition{Lang: tt.words, Sections: []*doc.Section{{Blocks: []doc.Block{p}}}}
		rulesOf(t, tt.words).Apply(ed)
		found := false
		n := 0
		doc.WalkInlineTree(p.Content, func(in doc.Inline) {
			var text string
			var at func(int) diag.Pos
			switch in := in.(type) {
			case *doc.Text:
				text, at = in.Text, in.PosAt
			case *doc.Super:
				text, at = in.Text, in.PosAt
			default:
				return
			}
			for i, r := range text {
				if string(r) != tt.char {
					continue
				}
				if n == tt.nth {
					found = true
					if got := at(i); got.File != "a.md" || got.Line != tt.want[0] || got.Col != tt.want[1] {
						t.Errorf("%q: %q #%d at %s, want %d:%d", tt.lines, tt.char, tt.nth, got, tt.want[0], tt.want[1])
					}
				}
				n++
			}
		})
		if !found {
			t.Errorf("%q: no %q #%d in %q", tt.lines, tt.char, tt.nth, doc.PlainText(p.Content))
		}
	}
}

// TestSpanRules: a span in another language is set with that language's
// rules (its quotes, its spaces), and the text around it with the edition's.
func TestSpanRules(t *testing.T) {
	span := &doc.Span{Lang: "en", Content: []doc.Inline{&doc.Text{Text: `the "rule of law" -- here?`}}}
	p := &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: `Il dit "oui" : `}, span, &doc.Text{Text: " ?"}}}
	ed := &doc.Edition{Lang: "fr", Sections: []*doc.Section{{Blocks: []doc.Block{p}}}}
	rulesOf(t, "fr").Apply(ed)
	rulesOf(t, "en").ApplyBorrowed(ed)
	if got, want := doc.PlainText(span.Content), "the “rule of law” – here?"; got != want {
		t.Errorf("span: got %q, want %q", got, want)
	}
	if got, want := doc.PlainText(p.Content), "Il dit «\u202foui\u202f»\u00a0: the “rule of law” – here?\u202f?"; got != want {
		t.Errorf("paragraph: got %q, want %q", got, want)
	}
}
