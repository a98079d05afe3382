package typeset

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/page"
	"github.com/folio-pub/folio/internal/resolve"
	"github.com/folio-pub/folio/internal/style"
)

// memoText is a section whose paragraphs take every way through breaking:
// hyphenated justified text with emphasis, links, code, a note and a soft
// hyphen; an address broken where Chicago lets it and a word too long for
// the measure (a warning); a balanced heading; list items, a hard line
// break, a table's cells, a box and a note.
const memoText = `A {#a}

Civil society brings the views, *knowledge and concerns* of the public into decisions about security, **decisions that governments** have often preferred to take behind closed doors, as [the report](https://example.org/report) shows.[^1] When independent organisations, researchers, journalists and community groups can follow what the ` + "`police`" + ` and the armed forces do, the Xyzzy` + "\u00ad" + `plughthing institutions are more likely to serve the people they exist to protect.

See https://example.org/reports/2019/security-sector-governance-and-civil-society-final.pdf and ` + "`" + longCode + "`" + ` too, which no measure holds.

## A heading long enough to be set on two lines, balanced in the measure

- a list item with text long enough to wrap over two lines in the list's measure
- a second item

Yet civil society is no guarantee of good governance: some groups defend narrow interests, some lack the means to be heard, and some feed violence instead of reducing it, which the accountability of institutions cannot mend.

A first line\
and a second, after a hard break.

| Role | What it does |
|---|---|
| Watchdog | Monitors the behaviour of the security institutions and documents abuses |

::: box
### A box {#box-a}

Text in a box, narrower than the text block, set in its own style with its own measure.
:::

[^1]: A note whose text wraps over a line or two, with [a link](https://example.org/note) in it.
`

// longCode is code too wide for the measure.
const longCode = "security_sector_governance_and_civil_society_in_the_final_report_of_the_independent_review"

// TestMemoAsFresh: an edition set again and again with a Memo, after
// edits that change a paragraph's lines, move a paragraph, take a warning
// away, change its hyphenation list, is set as without one: the same
// pages, structure and diagnostics; and the memo is used (paragraphs not
// broken again).
func TestMemoAsFresh(t *testing.T) {
	t.Parallel()
	m := newMarkdownSetter(t, "en")
	memo := NewMemo()
	const (
		civil   = "Civil society brings the views,"
		yet     = "Yet civil society is no guarantee"
		longish = " and `" + longCode + "` too"
	)
	para := func(src, start string) string {
		i := strings.Index(src, start)
		return src[i : i+strings.Index(src[i:], "\n\n")+2]
	}
	edited := strings.Replace(memoText, "the public into decisions", "the general public and its representatives into decisions", 1)
	moved := strings.Replace(edited, para(edited, yet), "", 1)
	moved = strings.Replace(moved, civil, para(edited, yet)+civil, 1)
	prev, all := "", 0
	for i, tc := range []struct {
		name        string
		src         string
		unbreakable bool // each word hyphenated before in the hyphenation list, whole
		broken      int  // paragraphs broken again; -1: all, as at first
		changed     bool // lines not as before
	}{
		{"the first setting", memoText, false, -1, true},
		{"again", memoText, false, 0, false},
		{"a paragraph's lines changed", edited, false, 1, true},
		{"a paragraph moved", moved, false, 0, true},
		{"a warning gone", strings.Replace(moved, longish, "", 1), false, 1, true},
		{"the hyphenation list", strings.Replace(moved, longish, "", 1), true, -1, true},
		{"as at first, without it", memoText, false, -1, true},
	} {
		var diags diag.List
		ed := m.edition("Memo", tc.src, t.TempDir(), &diags)
		if tc.unbreakable {
			for _, w := range hyphenated(prev) {
				ed.Doc.Hyphenation = append(ed.Doc.Hyphenation, doc.HyphenationException{Word: w})
			}
			if len(ed.Doc.Hyphenation) == 0 {
				t.Fatalf("%s: no word hyphenated before", tc.name)
			}
		}
		broken := memo.broken
		var kept, fresh diag.List
		got := setWith(t, ed, Options{Fonts: m.fonts, Memo: memo}, &kept)
		want := setWith(t, ed, Options{Fonts: m.fonts}, &fresh)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the pages differ from those set without a memo:\n%s", tc.name, diff(dump(got), dump(want)))
		}
		if !reflect.DeepEqual(kept.Items(), fresh.Items()) {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", tc.name, kept.Error(), fresh.Error())
		}
		if i == 0 && !strings.Contains(fresh.Error(), "is wider than the measure") {
			t.Errorf("%s: no warning of a word too long: %s", tc.name, fresh.Error())
		}
		n := memo.broken - broken
		if i == 0 {
			all = n
		}
		if want := tc.broken; n != want && (want >= 0 || n != all) {
			t.Errorf("%s: %d paragraphs broken, want %d (of %d)", tc.name, n, want, all)
		}
		if d := dump(want); (d != prev) != tc.changed {
			t.Errorf("%s: lines changed %v, want %v", tc.name, d != prev, tc.changed)
		}
		prev = dump(want)
	}
}

// setWith typesets ed with opt, with no error.
func setWith(t *testing.T, ed *resolve.Edition, opt Options, diags *diag.List) *page.Document {
	t.Helper()
	d, err := Typeset(context.Background(), ed, opt, diags)
	if err != nil || d == nil || diags.HasErrors() {
		t.Fatalf("%v %s", err, diags.Error())
	}
	return d
}

// hyphenated returns the words a dump's lines break inside of: "gover-",
// "nance" gives "governance".
func hyphenated(dump string) []string {
	lines := strings.Split(dump, "\n")
	var words []string
	for i := 0; i+1 < len(lines); i++ {
		head, ok := strings.CutSuffix(lines[i], "-")
		f := strings.Fields(head)
		g := strings.Fields(lines[i+1])
		if !ok || len(f) < 2 || len(g) < 2 {
			continue
		}
		w := f[len(f)-1] + strings.TrimRightFunc(g[1], func(r rune) bool { return !unicode.IsLetter(r) })
		if strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
			words = append(words, w)
		}
	}
	return words
}

// diff returns the first lines where a and b differ.
func diff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "got  " + la[i] + "\nwant " + lb[i]
		}
	}
	return "(the dumps are alike: what differs is not in them)"
}

// TestMemoLines: lines made again from the memo are those broken afresh,
// every field of every word and segment (their place in the text, their
// positions, a piece's start inside its word), and give the same warnings,
// for paragraphs hyphenated, with soft hyphens, addresses, words too long
// for the measure, links, code, a note mark and a hard break, in styles
// justified, ragged and balanced, in narrow and wide measures.
func TestMemoLines(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	memo := NewMemo()
	memo.start(ts.ed)
	pos := diag.Pos{File: "x.md", Line: 3, Col: 5}
	note := &doc.Note{Number: 4, ID: "fn4"}
	inputs := [][]doc.Inline{
		{&doc.Text{Text: "Civil society brings the views, knowledge and concerns of the public into decisions about security, decisions that governments have often preferred to take behind closed doors.", Pos: pos}},
		{&doc.Text{Text: "See the report at ", Pos: pos},
			&doc.Link{URL: "https://example.org/", Content: []doc.Inline{&doc.Text{Text: "https://example.org/reports/2019/security-sector-governance-and-civil-society-final.pdf", Pos: pos}}},
			&doc.Text{Text: " and Donaudampfschifffahrtsgesellschaftskapitänsmütze too.", Pos: pos}},
		{&doc.Text{Text: "a longer-term plan for the Xyzzy\u00adplughthing and the Xyzzy\u00adplugh\u00adthingamajig, ", Pos: pos},
			&doc.Emph{Content: []doc.Inline{&doc.Text{Text: "institutionalisation of accountability", Pos: pos}}},
			&doc.Code{Text: "security_sector_governance_and_civil_society_in_the_final_report", Pos: pos},
			&doc.NoteRef{Note: note},
			&doc.Text{Text: " representation", Pos: pos}, &doc.LineBreak{},
			&doc.Strong{Content: []doc.Inline{&doc.Text{Text: "after a hard break, governance", Pos: pos}}}},
	}
	for _, in := range inputs {
		for _, st := range []*style.TextStyle{&ts.l.Text.Body, &ts.l.Text.Box, &ts.l.Text.Heading2, &ts.l.Text.Caption} {
			for _, m := range []measure{flat(60), flat(150), {300, 280}} {
				var want, got diag.List
				ts.memo, ts.diags = nil, &want
				wantLines := ts.linesIn(in, ts.st(st), m, nil)
				ts.memo, ts.diags = memo, &diag.List{}
				ts.linesIn(in, ts.st(st), m, nil) // broken, and kept
				ts.diags = &got
				before := memo.broken
				gotLines := ts.linesIn(in, ts.st(st), m, nil) // made again
				if memo.broken != before {
					t.Fatalf("%v: broken again", m)
				}
				for _, ls := range [][]line{wantLines, gotLines} {
					for i := range ls {
						clearSrc(&ls[i])
					}
				}
				if !reflect.DeepEqual(gotLines, wantLines) {
					t.Errorf("%s, measure %v: the lines made again differ:\n%q\nwant\n%q", st.Font.Name, m, texts(gotLines), texts(wantLines))
				}
				if !reflect.DeepEqual(got.Items(), want.Items()) {
					t.Errorf("%s, measure %v: diagnostics\n%s\nwant\n%s", st.Font.Name, m, got.Error(), want.Error())
				}
			}
		}
	}
}

// clearSrc takes out of a line what only a memo's setting numbers.
func clearSrc(l *line) {
	ws := append([]*word(nil), l.next)
	for i := range l.words {
		ws = append(ws, &l.words[i])
	}
	for _, w := range ws {
		if w == nil {
			continue
		}
		w.src = 0
		for j := range w.segs {
			w.segs[j].src = 0
		}
		if w.hyphen != nil {
			w.hyphen.src = 0
		}
	}
}

// TestMemoDigest: a paragraph's digest changes with each thing breaking
// reads of its words, style and measure, and with which of its segments
// share an element, a note or a colour; not with what only this build's
// document gives them (which element, note, position, description).
func TestMemoDigest(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	body := ts.st(&ts.l.Text.Body)
	root := &page.Elem{Role: page.RoleP}
	note := &doc.Note{Number: 1, ID: "fn1"}
	pos := diag.Pos{File: "x.md", Line: 1, Col: 1}
	b := &wordBuilder{st: body, diags: &diag.List{}, missing: &missingGlyphs{}}
	b.inlines([]doc.Inline{&doc.Text{Text: "Civil society brings ", Pos: pos},
		&doc.Link{URL: "https://example.org/", Content: []doc.Inline{&doc.Text{Text: "the views", Pos: pos}}},
		&doc.NoteRef{Note: note}, &doc.Text{Text: " of the public.", Pos: pos}}, inlineState{elem: root})
	b.flush(0)
	base := b.words
	italic := body.face(false, true)
	other := &page.Elem{Role: page.RoleSpan}
	for _, tc := range []struct {
		name   string
		change func(ws []word, st *textStyle, m *measure)
		same   bool
	}{
		{"a text", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].text = "Civic" }, false},
		{"a face", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].face = italic }, false},
		{"a size", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].size++ }, false},
		{"a segment's width", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].width++ }, false},
		{"a word's width", func(ws []word, _ *textStyle, _ *measure) { ws[0].width++ }, false},
		{"a space", func(ws []word, _ *textStyle, _ *measure) { ws[0].space++ }, false},
		{"a hard break", func(ws []word, _ *textStyle, _ *measure) { ws[0].forceBreak = true }, false},
		{"a rise", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].rise = 1 }, false},
		{"a link", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].url = "https://example.org/" }, false},
		{"an anchor", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].anchor = "a" }, false},
		{"a language", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].lang = "fr" }, false},
		{"code", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].nohyph = true }, false},
		{"an image", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].image = &page.Image{} }, false},
		{"a note mark", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].note = note }, false},
		{"an element of its own", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].elem = other }, false},
		{"no element", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].elem = nil }, false},
		{"a colour of its own", func(ws []word, _ *textStyle, _ *measure) { ws[0].segs[0].color.R++ }, false},
		{"the measure", func(_ []word, _ *textStyle, m *measure) { m.first-- }, false},
		{"a hanging indent", func(_ []word, _ *textStyle, m *measure) { m.rest-- }, false},
		{"the alignment", func(_ []word, st *textStyle, _ *measure) { st.align = style.Left }, false},
		{"a heading", func(_ []word, st *textStyle, _ *measure) { st.heading = true }, false},
		{"another build's elements", func(ws []word, _ *textStyle, _ *measure) {
			made := map[*page.Elem]*page.Elem{} // one new for each, as a new build makes them
			renew(ws, func(s *seg) {
				if s.elem != nil && made[s.elem] == nil {
					made[s.elem] = &page.Elem{Role: s.elem.Role}
				}
				s.elem = made[s.elem]
			})
		}, true},
		{"another build's note", func(ws []word, _ *textStyle, _ *measure) {
			renew(ws, func(s *seg) {
				if s.note != nil {
					s.note = &doc.Note{Number: 1, ID: "fn1"}
				}
			})
		}, true},
		{"other positions", func(ws []word, _ *textStyle, _ *measure) { ws[1].pos.Line, ws[1].start = 9, 99 }, true},
		{"another colour for all", func(ws []word, _ *textStyle, _ *measure) { renew(ws, func(s *seg) { s.color.G++ }) }, true},
		{"another description", func(ws []word, _ *textStyle, _ *measure) { renew(ws, func(s *seg) { s.desc += "!" }) }, true},
	} {
		var k paraKeyer
		faces := map[*fonts.Face]uint64{}
		want := k.digest(copyWords(base), body, flat(200), faces)
		ws, st, m := copyWords(base), *body, flat(200)
		tc.change(ws, &st, &m)
		if got := k.digest(ws, &st, m, faces); (got == want) != tc.same {
			t.Errorf("%s: the digest the same %v, want %v", tc.name, got == want, tc.same)
		}
	}
}

// copyWords copies words and their segments.
func copyWords(words []word) []word {
	out := slices.Clone(words)
	for i := range out {
		out[i].segs = slices.Clone(out[i].segs)
	}
	return out
}

// renew changes each segment of ws with change.
func renew(ws []word, change func(*seg)) {
	for i := range ws {
		for j := range ws[i].segs {
			change(&ws[i].segs[j])
		}
	}
}

// TestMemoForgets: the memo keeps the paragraphs the last two settings
// used, no others: a paragraph's lines before an edit are kept one setting
// more, then let go.
func TestMemoForgets(t *testing.T) {
	t.Parallel()
	m := newMarkdownSetter(t, "en")
	memo := NewMemo()
	edited := strings.Replace(memoText, "the public into decisions", "the general public into decisions", 1)
	var kept []int
	for _, src := range []string{memoText, edited, edited} {
		var diags diag.List
		setWith(t, m.edition("Memo", src, t.TempDir(), &diags), Options{Fonts: m.fonts, Memo: memo}, &diags)
		kept = append(kept, memo.paras.Len())
	}
	if kept[1] != kept[0]+1 || kept[2] != kept[0] {
		t.Errorf("paragraphs kept after each setting: %v, want n, n+1 (the edited one's lines before and after), n", kept)
	}
}

// TestMemoKeepsImages: lines made again from the memo keep an image set in
// a word that breaking cut into pieces (a word too wide for the measure,
// as a hyphenated one would), as the lines broken afresh do: the image of
// this build's word, in the same piece, as wide.
func TestMemoKeepsImages(t *testing.T) {
	t.Parallel()
	ts, _ := setter(t, "en")
	memo := NewMemo()
	memo.start(ts.ed)
	st := ts.st(&ts.l.Text.Body)
	face := st.face(false, false)
	fig := &page.Elem{Role: page.RoleFigure, Alt: "icon"}
	image := seg{face: face, size: st.size, nohyph: true, width: 9, elem: fig, image: &page.Image{W: 9, H: 9, Alt: "icon", Elem: fig}}
	text := func(s string) seg { return seg{text: s, face: face, size: st.size, width: face.Width(s, st.size)} }
	wordOf := func(space float64, segs ...seg) word {
		w := word{segs: segs, space: space}
		for _, s := range segs {
			w.width += s.width
		}
		return w
	}
	words := []word{
		wordOf(2.5, text("See")),
		wordOf(2.5, image, text("Donaudampfschifffahrtsgesellschaftskapitänsmütze")),
		wordOf(2.5, text("Donaudampfschifffahrts"), image, text("gesellschaftskapitänsmütze")),
		wordOf(0, text("Donaudampfschifffahrtsgesellschaftskapitänsmütze"), image),
	}
	for _, m := range []measure{flat(60), flat(150), {300, 280}} {
		ts.memo = nil
		wantLines, _ := ts.breakLines(copyWords(words), st, m)
		ts.memo = memo
		ts.keptLines(copyWords(words), st, m) // broken, and kept
		before := memo.broken
		gotLines, _ := ts.keptLines(copyWords(words), st, m) // made again
		if memo.broken != before {
			t.Fatalf("%v: broken again", m)
		}
		images := 0
		for _, ls := range [][]line{wantLines, gotLines} {
			for i := range ls {
				clearSrc(&ls[i])
				for _, w := range ls[i].words {
					for _, s := range w.segs {
						if s.image != nil {
							images++
						}
					}
				}
			}
		}
		if images != 2*3 {
			t.Errorf("measure %v: %d images in the lines broken and made again, want 3 in each", m, images)
		}
		if !reflect.DeepEqual(gotLines, wantLines) {
			t.Errorf("measure %v: the lines made again differ:\n%q\nwant\n%q", m, texts(gotLines), texts(wantLines))
		}
	}
}
