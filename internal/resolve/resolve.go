// Package resolve settles, once for each edition, the facts every renderer
// shares: ids and file names, images, section roles, contents, title and date.
package resolve

import (
	"bytes"
	"fmt"
	"image/png"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/langrules"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/safefile"
	"github.com/folio-pub/folio/internal/style"
)

// Edition is an edition with every shared fact settled. Renderers read it and
// never re-derive what it holds.
type Edition struct {
	Doc    *doc.Edition // the text, language rules applied
	Pub    *doc.Publication
	Layout *style.Layout
	// Screen are the layout's colours as the EPUB and the web edition set
	// them, on a ground the reader's theme chooses
	Screen style.Screen
	Words  *style.Words // the words folio generates in this language
	// others are the words of the other languages of its text (sections
	// set in the original's language, spans), by language
	others []*style.Words

	Lang        string
	Title       string
	Subtitle    string
	FullTitle   string // title and subtitle joined the language's way, for metadata
	Series      string // the series in this language, or the publication's
	Description string
	Identifier  string
	Keywords    []string
	Authors     []string // the authors' names, for metadata
	// Credits are the authors as the pages name them: "Name (Affiliation)".
	Credits   []string
	Publisher string
	Rights    string
	Date      time.Time // the publication date; zero when it has none
	DateISO   string    // YYYY-MM-DD, or empty
	DateText  string    // the date as the language writes it ("1er mai 2019"), or empty
	// DateInlines is DateText as running text, ordinal endings as superscripts.
	DateInlines []doc.Inline
	// Imprint is the publisher's details, in the order the back page prints them.
	Imprint []ImprintEntry

	Sections []*Section
	Contents []Entry  // the one contents list, to the layout's contents.depth
	Images   []*Image // every image file, once, in reading order
	// Cover is the cover image publication.yaml names (Name: cover.png or
	// cover.jpg), nil when the renderer draws one from the layout.
	Cover *Image
	// Logo is the layout's logo for this edition's language (a PNG), nil
	// when it has none.
	Logo *Image

	// HasFigures tells whether the edition has figures or images in its
	// text; AllFiguresDescribed whether every one has alt text.
	HasFigures, AllFiguresDescribed bool
	// HasNotes and HasTables tell whether it has footnotes, tables.
	HasNotes, HasTables bool
	// HasEntries tells whether it has a bibliography (citations made one),
	// its entries set as Entries says.
	HasEntries bool
	Entries    EntryStyle
	// Accessibility is what the publisher declares of it, nil when nothing.
	Accessibility *doc.Accessibility
	a11y          a11ySentences
	// Diags are what resolving found: warnings (a box numbered by hand).
	Diags diag.List

	numbers map[doc.Block]*Number // figures, tables, boxes and headings numbered
	byID    map[string]*Number    // the same, by id
	// referred: the ids cross-references refer to, in the order of the first
	referred    map[string]bool
	referredIDs []string

	targets map[string]*Section
	images  map[*doc.Figure]*Image
	// inlineImages are the images set in the text
	inlineImages map[*doc.InlineImage]*Image
	refIDs       map[*doc.NoteRef]string
	firstRef     map[*doc.Note]Ref
	titleIDs     map[*doc.Box]string
	titleLevel   map[*doc.Box]int
	pullQuotes   bool // the edition has a pull quote
	noteHolder   map[*doc.Note]*Section
}

// Section is one section of the edition.
type Section struct {
	Doc   *doc.Section
	Index int    // from 0, in reading order
	Name  string // the stem of its file where an edition has one file per section: section-01…
	Role  doc.RoleInfo
	Title string // plain text
	ID    string // the id of its title
	// Lang is the section's language where it is not the edition's (the
	// original's section set where a translation lacks it); empty otherwise.
	Lang string
	// Notes are the footnotes set after the section's text where notes do not go
	// to the foot of a page (EPUB): those of the section, in order. NotesID is
	// the id of their heading, empty when there are none.
	Notes   []*doc.Note
	NotesID string
}

// Entry is one line of the contents: a section (Level 1) or one of its headings.
type Entry struct {
	Level   int
	Title   string
	ID      string // where it leads
	Section *Section
	// Pos is where its title is in the source (its heading; the words
	// file for the References folio adds), for messages about the entry.
	Pos diag.Pos
}

// Image is an image file of the edition.
type Image struct {
	Path      string // the file on disk
	Format    string // png, jpeg or gif, from the file's data
	MediaType string // image/png…
	Width     int    // pixels
	Height    int    // pixels
	Name      string // a file name unique in the edition, for editions that carry their images
	// Data is what every edition carries of the file: its bytes, or, for a PNG
	// the PDF cannot draw as it is, the same picture as a plain 8-bit PNG.
	// Nil when the file could not be read: renderers then report it.
	Data []byte
}

// Resolve applies the language rules of words to ed and settles its shared
// facts for layout l. The source reader has checked what it reads. others are
// the words of the languages of sections set in another language than the
// edition's (the original's, where a translation lacks a section): their text
// gets its own language's rules; a section whose language has no words here
// keeps its text as typed.
func Resolve(ed *doc.Edition, l *style.Layout, w *style.Words, others ...*style.Words) *Edition {
	return (*Memo)(nil).Resolve(ed, l, w, others...)
}

// Memo keeps, from one build of a session to the next, what resolving made
// of what did not change: what the language rules of each words file made
// of each text (langrules.Memo), so that an edit to one section runs them
// on that section's text alone, and the screen colours of each layout's
// colours. A words file is known by its pointer: the words a session loaded
// are not changed, and a new words file is a new value. It keeps the texts
// the last two rounds used (Next). It is safe for concurrent use; nil keeps
// nothing.
type Memo struct {
	mu      sync.Mutex
	rules   map[*style.Words]*langrules.Memo
	screens map[style.Colors]style.Screen
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{rules: map[*style.Words]*langrules.Memo{}, screens: map[style.Colors]style.Screen{}}
}

// Next starts a round (a session's build): what neither it nor the last
// round uses goes.
func (m *Memo) Next() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.rules {
		r.Next()
	}
}

// langRules returns the language rules of w, which keep what they make in
// m and take what it kept.
func (m *Memo) langRules(w *style.Words) langrules.Rules {
	if m == nil {
		return langrules.New(w)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.rules[w]
	if r == nil {
		r = langrules.NewMemo(w)
		m.rules[w] = r
	}
	return r.Rules()
}

// screen returns style.ScreenColors(c), made once in m.
func (m *Memo) screen(c style.Colors) style.Screen {
	if m == nil {
		return style.ScreenColors(c)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.screens[c]
	if !ok {
		s = style.ScreenColors(c)
		m.screens[c] = s
	}
	return s
}

// Resolve is Resolve with what m kept: the same edition, the language rules
// run only on text they were not given before.
func (m *Memo) Resolve(ed *doc.Edition, l *style.Layout, w *style.Words, others ...*style.Words) *Edition {
	pub := ed.Pub
	if pub == nil {
		pub = &doc.Publication{}
	}
	if ed.Series == "" {
		ed.Series = pub.Series // the series name in this language, else the publication's
	}
	rules := m.langRules(w)
	rules.Apply(ed)
	for _, o := range others {
		m.langRules(o).ApplyBorrowed(ed)
	}
	safeIDs(ed)
	r := &Edition{
		Doc: ed, Pub: pub, Layout: l, Words: w, others: others,
		Lang: ed.Lang, Title: ed.Title, Subtitle: ed.Subtitle, FullTitle: rules.TitleWithSubtitle(ed.Title, ed.Subtitle),
		Series: ed.Series, Description: ed.Description, Identifier: ed.Identifier, Keywords: ed.Keywords,
		Publisher: or(ed.Publisher, pub.Publisher), Rights: or(ed.Rights, pub.Rights),
		targets: map[string]*Section{}, images: map[*doc.Figure]*Image{}, inlineImages: map[*doc.InlineImage]*Image{}, refIDs: map[*doc.NoteRef]string{}, firstRef: map[*doc.Note]Ref{},
		titleIDs: map[*doc.Box]string{}, titleLevel: map[*doc.Box]int{}, noteHolder: map[*doc.Note]*Section{},
		numbers: map[doc.Block]*Number{}, byID: map[string]*Number{}, referred: map[string]bool{},
	}
	authors := pub.Authors
	if len(ed.Authors) > 0 {
		authors = ed.Authors // this language's
	}
	for _, a := range authors {
		r.Authors = append(r.Authors, a.Name)
		credit := a.Name
		if a.Affiliation != "" {
			credit += " (" + a.Affiliation + ")"
		}
		r.Credits = append(r.Credits, credit)
	}
	if pub.Date != "" {
		// a date that does not parse is reported by the source reader
		if d, err := time.Parse("2006-01-02", pub.Date); err == nil {
			r.Date, r.DateISO, r.DateText = d, pub.Date, w.FormatDate(pub.Date)
			r.DateInlines = rules.Ordinals([]doc.Inline{&doc.Text{Text: r.DateText, Pos: diag.Pos{File: w.File}}})
		}
	}
	r.imprint(w)
	if l != nil {
		r.Screen = m.screen(l.Colors)
		r.citations(rules)
		r.entries()
	}
	r.sections()
	r.number()
	r.cites(rules)
	r.ids()
	r.titleLevels()
	r.pullQuotes = has[*doc.PullQuote](r)
	r.contents()
	r.loadImages()
	if c := pub.Cover; c != nil {
		if mt, ext, ok := imageFormat(c.Format); ok {
			r.Cover = &Image{Path: c.Path, Format: c.Format, MediaType: mt, Width: c.Width, Height: c.Height, Name: "cover" + ext}
			r.Cover.Data, _ = safefile.Read(pub.Dir, c.Path, limits.Image)
		}
	}
	if l != nil {
		if data := l.Cover.Logo.For(r.Lang); data != nil {
			if cfg, err := png.DecodeConfig(bytes.NewReader(data)); err == nil {
				printable, _ := printablePNG(data, l.Cover.Logo.Path)
				r.Logo = &Image{Path: "layouts/" + l.Cover.Logo.Path, Format: "png", MediaType: "image/png", Width: cfg.Width, Height: cfg.Height, Name: "logo.png", Data: printable}
			}
		}
	}
	r.Accessibility = pub.Accessibility
	r.HasNotes, r.HasTables = len(ed.Notes) > 0, has[*doc.Table](r)
	offers := []string{w.A11ySummary}
	if r.HasNotes {
		offers = append(offers, w.A11yNotes)
	}
	if r.HasTables {
		offers = append(offers, w.A11yTables)
	}
	if r.HasFigures && r.AllFiguresDescribed {
		offers = append(offers, w.A11yFigures)
	}
	r.a11y.offers = rules.String(joinSentences(offers))
	r.a11y.pages = rules.String(w.A11yPages)
	r.a11y.order, r.a11y.moved, r.a11y.movedOne = rules.String(w.A11yOrder), w.A11yOrderMoved, or(w.A11yOrderMovedOne, w.A11yOrderMoved)
	r.a11y.rules = rules
	if a := r.Accessibility; a != nil && a.ConformsTo != "" {
		r.a11y.evaluation = strings.NewReplacer("{conformance}", a.ConformsTo, "{certifier}", a.CertifiedBy).Replace(w.A11yConformance)
	} else {
		r.a11y.evaluation = w.A11yUnevaluated
	}
	r.a11y.evaluation = rules.String(r.a11y.evaluation)
	return r
}

// WordsFor returns the words of language lang in the edition: its own, or
// those of another language its text has (a span's, a borrowed section's),
// matched by tag, else by language whatever the region; nil for a language
// it has no words file for.
func (r *Edition) WordsFor(lang string) *style.Words {
	if lang == "" || lang == r.Lang {
		return r.Words
	}
	for _, o := range r.others {
		if o.Lang == lang {
			return o
		}
	}
	if doc.SameLanguage(lang, r.Lang) {
		return r.Words
	}
	for _, o := range r.others {
		if doc.SameLanguage(o.Lang, lang) {
			return o
		}
	}
	return nil
}

// OtherWords are the words files of the other languages of the edition's text.
func (r *Edition) OtherWords() []*style.Words { return r.others }

// or is a, or b when a is empty: an edition's field, else the publication's.
func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// a11ySentences are the parts of the accessibility summary, language rules applied.
type a11ySentences struct {
	offers     string // what the edition offers: contents, headings, and the notes, tables and figures' text alternatives it has
	pages      string // that the print edition's pages are marked
	order      string // that the reading order follows the print edition
	moved      string // that it does, but for the floats on pages {pages}; rules not yet applied
	movedOne   string // the same for one page ("page {pages}"); rules not yet applied
	evaluation string // the conformance claim and by whom, or that no one evaluated it
	rules      langrules.Rules
}

// PrintFacts are what the print edition's pages tell the accessibility summary.
type PrintFacts struct {
	PageList bool // the EPUB marks and lists the print edition's pages
	// MovedPages are the folios of the pages where the print edition sets a
	// figure or box out of the reading order.
	MovedPages []string
}

// AccessibilitySummary says in the edition's language what the edition offers
// readers of assistive technology (only what it has: notes, tables, text
// alternatives), whether the print edition's page numbers are marked, where
// the print edition's order differs from the reading order, and who evaluated
// it, if anyone.
func (r *Edition) AccessibilitySummary(f PrintFacts) string {
	parts := []string{r.a11y.offers}
	if f.PageList {
		parts = append(parts, r.a11y.pages)
	}
	moved := r.a11y.moved
	if len(f.MovedPages) == 1 {
		moved = r.a11y.movedOne
	}
	if len(f.MovedPages) > 0 && moved != "" {
		parts = append(parts, r.a11y.rules.String(strings.ReplaceAll(moved, "{pages}", strings.Join(f.MovedPages, ", "))))
	} else {
		parts = append(parts, r.a11y.order)
	}
	parts = append(parts, r.a11y.evaluation)
	return joinSentences(parts)
}

// joinSentences joins the sentences given, the empty ones left out.
func joinSentences(parts []string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

func (r *Edition) sections() {
	for i, s := range r.Doc.Sections {
		sec := &Section{Doc: s, Index: i, Name: fmt.Sprintf("section-%02d", i+1), Role: s.Role.Info(), Title: strings.TrimSpace(s.Title), ID: s.ID}
		if s.Lang != r.Lang {
			sec.Lang = s.Lang
		}
		if sec.Title == "" {
			sec.Title = strconv.Itoa(i + 1)
		}
		r.Sections = append(r.Sections, sec)
	}
	bySource := map[*doc.Section]*Section{}
	for _, s := range r.Sections {
		bySource[s.Doc] = s
	}
	for _, n := range r.Doc.Notes {
		holder := bySource[n.Section]
		if holder == nil && len(r.Sections) > 0 {
			holder = r.Sections[len(r.Sections)-1]
		}
		if holder != nil {
			holder.Notes = append(holder.Notes, n)
			r.noteHolder[n] = holder
		}
	}
}

// ids records where every id of the source is, and makes the ids the source
// does not give (box titles, note references, notes headings) unique in the edition.
func (r *Edition) ids() {
	used := map[string]bool{}
	claim := func(s *Section, id string) {
		if id == "" {
			return
		}
		used[id] = true
		if _, ok := r.targets[id]; !ok {
			r.targets[id] = s
		}
	}
	for _, s := range r.Sections {
		claim(s, s.ID)
		visit := func(b doc.Block) {
			switch b := b.(type) {
			case *doc.Heading:
				claim(s, b.ID)
			case *doc.Box:
				claim(s, b.ID)
			case *doc.Figure:
				claim(s, b.ID)
			case *doc.Table:
				claim(s, b.ID)
			case *doc.Paragraph:
				claim(s, b.ID) // a bibliography entry's
			case *doc.List, *doc.Quote, *doc.CodeBlock, *doc.Rule, *doc.PullQuote:
				// no id of its own
			}
		}
		doc.WalkBlocks(s.Doc.Blocks, visit)
		for _, n := range s.Notes {
			claim(s, n.ID)
			doc.WalkBlocks(n.Blocks, visit)
		}
	}
	uniq := func(id string) string {
		cand := doc.Unique(id, "", func(c string) bool { return used[c] })
		used[cand] = true
		return cand
	}
	for _, s := range r.Sections {
		made := func(b doc.Block) {
			if box, ok := b.(*doc.Box); ok && (len(box.Title) > 0 || r.numbers[box] != nil) {
				r.titleIDs[box] = uniq(box.ID + "-title")
			}
			for _, run := range doc.Runs(b) {
				doc.WalkInlineTree(run, func(in doc.Inline) {
					if ref, ok := in.(*doc.NoteRef); ok && ref.Note != nil {
						id := uniq("fnref" + strconv.Itoa(ref.Note.Number))
						r.refIDs[ref] = id
						if _, seen := r.firstRef[ref.Note]; !seen {
							r.firstRef[ref.Note] = Ref{Section: s, ID: id}
						}
					}
				})
			}
		}
		doc.WalkBlocks(s.Doc.Blocks, made)
		for _, n := range s.Notes {
			doc.WalkBlocks(n.Blocks, made)
		}
		if len(s.Notes) > 0 {
			s.NotesID = uniq("notes")
		}
	}
}

// contents lists every section and, to the layout's contents.depth, its headings.
func (r *Edition) contents() {
	depth := 1
	if r.Layout != nil {
		depth = max(r.Layout.Contents.Depth, 1)
	}
	for _, s := range r.Sections {
		at := diag.Pos{File: s.Doc.File} // a title from the front matter
		for _, h := range s.Doc.Headings(1) {
			if h.Level == 1 && (h.Pos.Line > 0 || at.File == "") {
				at = h.Pos
				break
			}
		}
		r.Contents = append(r.Contents, Entry{Level: 1, Title: s.Title, ID: s.ID, Section: s, Pos: at})
		for _, h := range s.Doc.Headings(depth) {
			if h.Level < 2 {
				continue
			}
			if t := strings.TrimSpace(doc.PlainText(h.Content)); t != "" {
				r.Contents = append(r.Contents, Entry{Level: h.Level, Title: t, ID: h.ID, Section: s, Pos: h.Pos})
			}
		}
	}
}

// Target returns the section that holds id, an id of the edition.
func (r *Edition) Target(id string) (*Section, bool) {
	s, ok := r.targets[id]
	return s, ok
}

// NoteHolder returns the section after whose text note n is set.
func (r *Edition) NoteHolder(n *doc.Note) (*Section, bool) {
	s, ok := r.noteHolder[n]
	return s, ok
}

// Ref is a place in the edition: an id and the section that holds it.
type Ref struct {
	Section *Section
	ID      string
}

// FirstRef returns the first reference to note n, where its number links back to.
func (r *Edition) FirstRef(n *doc.Note) (Ref, bool) {
	ref, ok := r.firstRef[n]
	return ref, ok
}

// RefID returns the id of a note reference.
func (r *Edition) RefID(ref *doc.NoteRef) string { return r.refIDs[ref] }

// TitleID returns the id of a box's title, or "" for an untitled box (a
// numbered box is titled by its number).
func (r *Edition) TitleID(b *doc.Box) string { return r.titleIDs[b] }

// Image returns the image of a figure, or nil when its file could not be read.
func (r *Edition) Image(fig *doc.Figure) *Image { return r.images[fig] }

// HasInlineImages tells whether images are set in the edition's text.
func (r *Edition) HasInlineImages() bool { return len(r.inlineImages) > 0 }

// HasPullQuotes tells whether the edition sets any pull quote.
func (r *Edition) HasPullQuotes() bool { return r.pullQuotes }

// InlineImage returns the image file of an image set in the text, or nil when
// its file could not be read.
func (r *Edition) InlineImage(im *doc.InlineImage) *Image { return r.inlineImages[im] }
