// Package source reads publications from the source folder (publication.yaml,
// <lang>/edition.yaml, <lang>/NN-slug.md) into the document model, with positions.
package source

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/doc"
	"github.com/folio-pub/folio/internal/limits"
	"github.com/folio-pub/folio/internal/markdown"
	"github.com/folio-pub/folio/internal/safefile"
	"github.com/folio-pub/folio/internal/yamlconf"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	sectionPattern = regexp.MustCompile(`^(\d+)-(.+)\.md$`)
)

type publicationFile struct {
	Layout    string     `yaml:"layout"`
	Languages []string   `yaml:"languages"`
	Date      string     `yaml:"date"`
	Authors   authorList `yaml:"authors"`
	Publisher string     `yaml:"publisher"`
	Series    string     `yaml:"series"`
	Rights    string     `yaml:"rights"`
	// Accessibility is what the publisher declares after evaluating the
	// editions; without it the EPUB makes no conformance claim.
	Accessibility accessibilityFile `yaml:"accessibility"`
	// Cover is a cover image (PNG or JPEG) in the publication folder for the
	// EPUB, instead of the one folio draws from the layout.
	Cover string `yaml:"cover"`
	// URL is where the output folder is published (https://…/), for the web
	// edition's absolute links: sitemap, feed, canonical and social metadata.
	URL string `yaml:"url"`
	// Bibliography names the files of the works the text cites: CSL-JSON
	// (.json) or BibTeX/BibLaTeX (.bib), one or a list.
	Bibliography fileList `yaml:"bibliography"`
}

// siteURL checks the address publication.yaml's url: gives and returns it
// ending in /; "" when it gives none, or one that is not an http(s) address.
func siteURL(s string, pos diag.Pos, diags *diag.List) string {
	if s == "" {
		return ""
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		diags.Add(pos, "url %q: give the address the output folder is published at, https://host/path/", s)
		return ""
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

// authorList is a list of authors, each a name or {name, affiliation}.
type authorList []doc.Author

// UnmarshalYAMLNode reads the list.
func (a *authorList) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("give a list of names, each a name or {name: …, affiliation: …}")
	}
	for _, c := range n.Content {
		switch c.Kind {
		case yaml.ScalarNode:
			*a = append(*a, doc.Author{Name: c.Value})
		case yaml.MappingNode:
			var au struct {
				Name        string `yaml:"name"`
				Affiliation string `yaml:"affiliation"`
			}
			if err := c.Decode(&au); err != nil || au.Name == "" {
				return fmt.Errorf("an author is a name or {name: …, affiliation: …}")
			}
			for i := 0; i+1 < len(c.Content); i += 2 {
				if k := c.Content[i].Value; k != "name" && k != "affiliation" {
					return fmt.Errorf("unknown key %q (name, affiliation)", k)
				}
			}
			*a = append(*a, doc.Author{Name: au.Name, Affiliation: au.Affiliation})
		default:
			return fmt.Errorf("an author is a name or {name: …, affiliation: …}")
		}
	}
	return nil
}

// fileList is one file name or a list of them.
type fileList []string

// UnmarshalYAMLNode reads a name or a list of names.
func (f *fileList) UnmarshalYAMLNode(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*f = fileList{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return fmt.Errorf("bibliography: give a file name or a list of them")
	}
	*f = list
	return nil
}

type accessibilityFile struct {
	Hazards             []string `yaml:"hazards"`
	ConformsTo          string   `yaml:"conforms-to"`
	CertifiedBy         string   `yaml:"certified-by"`
	CertifierCredential string   `yaml:"certifier-credential"`
}

// hazards are the values of schema:accessibilityHazard.
var hazards = []string{"none", "flashing", "noFlashingHazard", "motionSimulation", "noMotionSimulationHazard",
	"sound", "noSoundHazard", "unknownFlashingHazard", "unknownMotionSimulationHazard", "unknownSoundHazard", "unknown"}

// conformance is the form of an EPUB Accessibility 1.1 conformance claim.
var conformance = regexp.MustCompile(`^EPUB Accessibility 1\.1 - WCAG 2\.[0-2] Level (A|AA|AAA)$`)

type editionFile struct {
	Title       string   `yaml:"title"`
	Subtitle    string   `yaml:"subtitle"`
	Description string   `yaml:"description"`
	Identifier  string   `yaml:"identifier"`
	Keywords    []string `yaml:"keywords"`
	Series      string   `yaml:"series"`
	// Publisher, Rights and Authors in this language, when they differ
	// from publication.yaml's.
	Publisher   string       `yaml:"publisher"`
	Rights      string       `yaml:"rights"`
	Authors     authorList   `yaml:"authors"`
	Accept      []acceptFile `yaml:"accept"`
	Hyphenation []string     `yaml:"hyphenation"`
}

// acceptFile is one entry of edition.yaml's accept: a finding of the
// translation checks the edition accepts (package parity says which codes exist).
type acceptFile struct {
	Code    string        `yaml:"code"`
	Section sectionNumber `yaml:"section"`
	Subject string        `yaml:"subject"`
	Line    int           `yaml:"line"`
}

// sectionNumber is an optional section number (NN); 0 is the about section.
type sectionNumber struct{ n *int }

// UnmarshalYAMLNode reads a whole number, 0 or more.
func (s *sectionNumber) UnmarshalYAMLNode(n *yaml.Node) error {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || v < 0 {
		return fmt.Errorf("expected a section number (the NN of NN-slug.md)")
	}
	s.n = &v
	return nil
}

type frontMatter struct {
	Title string `yaml:"title"`
	Role  string `yaml:"role"`
}

// ValidID reports whether id is a publication id: lowercase letters, digits
// and single dashes between them.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// List returns the ids of the publications in root (folders with a publication.yaml), sorted.
func List(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("reading the source folder: %w", err)
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(root, e.Name(), "publication.yaml")); err == nil {
				ids = append(ids, e.Name())
			}
		}
	}
	return ids, nil
}

// Reader reads publications. It is safe for concurrent use.
type Reader struct {
	Root string // the source folder
	// AllowMissing fills the sections a translation lacks with those of the
	// original (the first language of publication.yaml), each marked with
	// the original's language (doc.Section.Lang).
	AllowMissing bool
	md           *markdown.Parser
	kept         *keptSections // nil unless KeepSections
}

// NewReader returns a reader of the source folder root.
func NewReader(root string) *Reader {
	return &Reader{Root: root, md: markdown.NewParser()}
}

// RememberImages makes the reader keep what it learns of image files in m
// and trust what m kept from earlier runs (see markdown.ImageMemo). Call it
// before any Read.
func (r *Reader) RememberImages(m markdown.ImageMemo) { r.md.RememberImages(m) }

// Read reads publication id with the editions of langs (all its languages when
// langs is empty). Diagnostics, warnings included, go to diags; the publication
// is nil when it could not be read at all.
func (r *Reader) Read(id string, langs []string, diags *diag.List) *doc.Publication {
	dir := filepath.Join(r.Root, id)
	file := filepath.Join(dir, "publication.yaml")
	if !ValidID(id) {
		diags.Add(diag.Pos{File: dir}, "publication folder name %q: use lowercase letters, digits and dashes", id)
	}
	dec, root := yamlconf.Open(r.Root, file, diags, diag.Errorf(diag.Pos{}, "no publication %q: %s is missing", id, file))
	if root == nil {
		return nil
	}
	var pf publicationFile
	dec.DecodeNode(root, &pf)
	start := diag.Pos{File: file, Line: 1, Col: 1}
	// a key that is there with a wrong value was reported by the decoder
	if pf.Layout == "" && yamlconf.Find(root, "layout") == nil {
		diags.Add(start, "missing required key \"layout\"")
	}
	if len(pf.Languages) == 0 && yamlconf.Find(root, "languages") == nil {
		diags.Add(start, "missing required key \"languages\" (BCP 47 tags, the original first)")
	}
	langNode := yamlconf.Value(root, "languages")
	for i, l := range pf.Languages {
		p := dec.Pos(langNode)
		if langNode != nil && i < len(langNode.Content) {
			p = dec.Pos(langNode.Content[i])
		}
		if !doc.IsLangTag(l) {
			diags.Add(p, "language %q is not a BCP 47 tag like en, fr or pt-BR", l)
		}
		for _, prev := range pf.Languages[:i] {
			if prev == l {
				diags.Add(p, "language %q is listed twice", l)
			}
		}
	}
	if pf.Date != "" {
		if _, err := time.Parse("2006-01-02", pf.Date); err != nil {
			diags.Add(dec.Pos(yamlconf.Value(root, "date")), "date %q: write it YYYY-MM-DD", pf.Date)
		}
	}
	pf.URL = siteURL(pf.URL, dec.Pos(yamlconf.Value(root, "url")), diags)
	pub := &doc.Publication{
		URL: pf.URL,
		ID:  id, Dir: dir, Layout: pf.Layout, LayoutPos: dec.Pos(yamlconf.Value(root, "layout")), Languages: pf.Languages, Date: pf.Date,
		Authors: pf.Authors, Publisher: pf.Publisher, Series: pf.Series, Rights: pf.Rights,
		Accessibility: readAccessibility(dec, root, pf.Accessibility, diags), Fields: map[string]diag.Pos{}, Texts: map[string]diag.Pos{},
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		pub.Fields[root.Content[i].Value] = dec.Pos(root.Content[i])
		pub.Texts[root.Content[i].Value] = dec.TextPos(root.Content[i+1])
	}
	if pf.Cover != "" {
		pub.Cover = r.readCover(dir, pf.Cover, dec.Pos(yamlconf.Value(root, "cover")), diags)
	}
	if len(pf.Bibliography) > 0 {
		pub.References, pub.ReferencePos = readBibliography(dir, pf.Bibliography, dec.Pos(yamlconf.Value(root, "bibliography")), diags)
	}
	// Editions come in the order of publication.yaml, whatever the order of
	// langs: the first language is the original.
	want := pf.Languages
	if len(langs) > 0 {
		want = nil
		for _, l := range pf.Languages {
			if contains(langs, l) {
				want = append(want, l)
			}
		}
		for _, l := range langs {
			if !contains(pf.Languages, l) {
				diags.Warn(dec.Pos(langNode), "no %s edition: the languages are %s", l, strings.Join(pf.Languages, ", "))
			}
		}
	}
	for _, lang := range want {
		if !doc.IsLangTag(lang) {
			continue
		}
		p := dec.Pos(langNode)
		if ed, _ := r.readEdition(pub, lang, p, diags); ed != nil {
			pub.Editions = append(pub.Editions, ed)
		}
	}
	return pub
}

// readCover checks the cover image publication.yaml names: a PNG or JPEG file
// in the publication folder, checked fully like every image.
func (r *Reader) readCover(dir, dest string, pos diag.Pos, diags *diag.List) *doc.Image {
	src, file, err := markdown.AssetPath(dir, dest)
	if err != nil {
		diags.Add(pos, "cover %v", err)
		return nil
	}
	if _, err := os.Stat(file); err != nil {
		diags.Add(pos, "cover %s not found in %s", src, dir)
		return nil
	}
	format, w, h, err := r.md.CheckImage(dir, file)
	switch {
	case err != nil:
		diags.Add(pos, "cover %s: %v", src, err)
		return nil
	case format != "png" && format != "jpeg":
		diags.Add(pos, "cover %s is not a PNG or JPEG image", src)
		return nil
	}
	return &doc.Image{Src: src, Path: file, Format: format, Width: w, Height: h}
}

// readAccessibility checks the accessibility block of publication.yaml; nil when there is none.
func readAccessibility(dec *yamlconf.Decoder, root *yaml.Node, af accessibilityFile, diags *diag.List) *doc.Accessibility {
	key := yamlconf.Find(root, "accessibility")
	if key == nil {
		return nil
	}
	block := yamlconf.Value(root, "accessibility")
	a := &doc.Accessibility{Hazards: af.Hazards, ConformsTo: strings.TrimSpace(af.ConformsTo),
		CertifiedBy: strings.TrimSpace(af.CertifiedBy), CertifierCredential: strings.TrimSpace(af.CertifierCredential)}
	if len(a.Hazards) == 0 {
		diags.Add(dec.Pos(key), "accessibility: give the hazards (none, or some of %s)", strings.Join(hazards[1:], ", "))
	}
	list := yamlconf.Value(block, "hazards")
	for i, h := range a.Hazards {
		p := dec.Pos(list)
		if list != nil && i < len(list.Content) {
			p = dec.Pos(list.Content[i])
		}
		if !contains(hazards, h) {
			diags.Add(p, "accessibility: unknown hazard %q (known: %s)", h, strings.Join(hazards, ", "))
		}
		if h == "none" && len(a.Hazards) > 1 {
			diags.Add(p, "accessibility: hazard none goes alone")
		}
	}
	if a.ConformsTo != "" && !conformance.MatchString(a.ConformsTo) {
		diags.Add(dec.Pos(yamlconf.Value(block, "conforms-to")), "accessibility: conforms-to %q: write it as EPUB Accessibility 1.1 requires, e.g. \"EPUB Accessibility 1.1 - WCAG 2.1 Level AA\"", a.ConformsTo)
	}
	if a.ConformsTo != "" && a.CertifiedBy == "" {
		diags.Add(dec.Pos(key), "accessibility: a conformance claim needs certified-by: who evaluated the publication")
	}
	if a.ConformsTo == "" && a.CertifiedBy != "" {
		diags.Add(dec.Pos(yamlconf.Value(block, "certified-by")), "accessibility: certified-by without conforms-to: say what was certified")
	}
	if a.CertifierCredential != "" && a.CertifiedBy == "" {
		diags.Add(dec.Pos(yamlconf.Value(block, "certifier-credential")), "accessibility: certifier-credential without certified-by")
	}
	return a
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readEdition reads one language's edition; complete is false when a section
// file could not be read (its error is reported), so that what follows from
// its absence is not reported as well.
func (r *Reader) readEdition(pub *doc.Publication, lang string, langPos diag.Pos, diags *diag.List) (ed *doc.Edition, complete bool) {
	dir := filepath.Join(pub.Dir, lang)
	file := filepath.Join(dir, "edition.yaml")
	dec, root := yamlconf.Open(r.Root, file, diags, diag.Errorf(langPos, "language %s is listed but %s is missing", lang, file))
	if root == nil {
		return nil, false
	}
	var ef editionFile
	dec.DecodeNode(root, &ef)
	if strings.TrimSpace(ef.Title) == "" {
		if key := yamlconf.Find(root, "title"); key == nil {
			diags.Add(diag.Pos{File: file, Line: 1, Col: 1}, "missing required key \"title\"")
		} else if v := yamlconf.Value(root, "title"); v.Kind == yaml.ScalarNode {
			diags.Add(dec.Pos(v), "the title is empty")
		}
	}
	ed = &doc.Edition{
		Pub: pub, File: file, Lang: lang, Title: ef.Title, Subtitle: ef.Subtitle, Description: ef.Description,
		Identifier: ef.Identifier, Keywords: ef.Keywords, Series: ef.Series, Fields: map[string]diag.Pos{}, Texts: map[string]diag.Pos{},
		Publisher: ef.Publisher, Rights: ef.Rights, Authors: ef.Authors,
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		// an unknown key is reported: it is no field to compare across
		// languages, but a misspelt one stands for the key it was meant to be
		if k, ok := yamlconf.Meant(ef, root.Content[i].Value); ok {
			ed.Fields[k] = dec.Pos(root.Content[i])
			ed.Texts[k] = dec.TextPos(root.Content[i+1])
		}
	}
	if list := yamlconf.Value(root, "accept"); list != nil && list.Kind == yaml.SequenceNode && len(list.Content) == len(ef.Accept) {
		for i, a := range ef.Accept {
			pos := dec.Pos(list.Content[i])
			if a.Code == "" {
				diags.Add(pos, "accept: give the code of the finding to accept (e.g. terms/missing)")
			}
			ed.Accept = append(ed.Accept, doc.Accept{Code: a.Code, Section: a.Section.n, Subject: a.Subject, Line: a.Line, Pos: pos})
		}
	}
	if list := yamlconf.Value(root, "hyphenation"); list != nil && list.Kind == yaml.SequenceNode && len(list.Content) == len(ef.Hyphenation) {
		for i, w := range ef.Hyphenation {
			ed.Hyphenation = append(ed.Hyphenation, doc.HyphenationException{Word: w, Pos: dec.Pos(list.Content[i])})
		}
	}
	if ed.Identifier == "" {
		ed.Identifier = derivedIdentifier(pub.ID, lang)
	}
	ed.PDFIdentifier = derivedIdentifier(pub.ID, lang+"/pdf")
	complete = r.readSections(ed, dir, diags)
	ed.Incomplete = !complete
	// links into a section that could not be read, or that the translation
	// lacks (the translation checks report it), are not reported as well
	checkLinks := complete
	if complete && len(pub.Languages) > 0 && lang != pub.Languages[0] {
		if r.AllowMissing {
			r.borrow(ed, pub.Languages[0], diags)
		} else if lacksReported(ed, filepath.Join(pub.Dir, pub.Languages[0])) {
			checkLinks = false
		}
	}
	sortNotes(ed)
	numberNotes(ed)
	assignIDs(ed, checkLinks, diags)
	return ed, complete
}

// lacksReported reports whether ed, a translation, lacks a section of the
// original in origDir that the translation checks will report missing (its
// edition.yaml does not accept it).
func lacksReported(ed *doc.Edition, origDir string) bool {
	have := map[int]bool{}
	for _, s := range ed.Sections {
		have[s.Number] = true
	}
	for _, f := range sectionFiles(origDir) {
		if have[f.num] {
			continue
		}
		accepted := false
		for _, a := range ed.Accept {
			accepted = accepted || a.Takes(doc.MissingSection, f.num, "", 0)
		}
		if !accepted {
			return true
		}
	}
	return false
}

// sectionFile is a file of a language folder named as a section (NN-slug.md).
type sectionFile struct {
	name string
	num  int
	slug string
}

// sectionFiles lists the section files of dir (none when it cannot be read:
// that is reported where the folder is read).
func sectionFiles(dir string) []sectionFile {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []sectionFile
	for _, e := range entries {
		m := sectionPattern.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() {
			continue
		}
		num, _ := strconv.Atoi(m[1])
		out = append(out, sectionFile{name: e.Name(), num: num, slug: m[2]})
	}
	return out
}

// derivedIdentifier is a stable name-based UUID (RFC 9562 version 5) of id and language.
func derivedIdentifier(id, lang string) string {
	// The URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.Sum(append(ns, "folio:"+id+"/"+lang...))
	u := h[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// readSections reads the sections of the edition in dir; complete is false
// when a section file was left out (its number is taken), so that links to it
// are not reported as well.
func (r *Reader) readSections(ed *doc.Edition, dir string, diags *diag.List) (complete bool) {
	complete = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		diags.Add(diag.Pos{File: dir}, "%v", err)
		return
	}
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() && !sectionPattern.MatchString(name) || name == "edition.yaml" || strings.HasPrefix(name, ".") {
			continue // a folder named as a section is reported as one
		}
		file := filepath.Join(dir, name)
		m := sectionPattern.FindStringSubmatch(name)
		if m == nil {
			if strings.HasSuffix(name, ".md") {
				diags.Add(diag.Pos{File: file}, "section file name must be NN-slug.md (NN orders the sections)")
			} else {
				diags.Warn(diag.Pos{File: file}, "not a section file (NN-slug.md); ignored")
			}
			continue
		}
		num, _ := strconv.Atoi(m[1])
		if prev, ok := seen[num]; ok {
			diags.Add(diag.Pos{File: file}, "section number %d is also used by %s", num, prev)
			complete = false
			continue
		}
		seen[num] = name
		s, whole := r.readSection(ed, file, num, m[2], diags)
		if s != nil {
			ed.Sections = append(ed.Sections, s)
		}
		if !whole {
			complete = false // reported
		}
	}
	sort.Slice(ed.Sections, func(i, j int) bool { return ed.Sections[i].Number < ed.Sections[j].Number })
	if len(seen) == 0 {
		diags.Add(diag.Pos{File: dir}, "no sections: add Markdown files named NN-slug.md")
	}
	return complete
}

// readSection reads one section file. The section is nil when the file
// could not be read; whole is false then, and when an error of the file's own
// (front matter that cannot be read, lists nested too deep) left the section
// partial: what depends on all of it (its title, links to the ids it holds)
// is not checked, so that one mistake gives one message.
func (r *Reader) readSection(ed *doc.Edition, file string, num int, slug string, diags *diag.List) (sec *doc.Section, whole bool) {
	data, err := safefile.Read(r.Root, file, limits.Section)
	if err != nil {
		diags.Add(diag.Pos{File: file}, "%v", err)
		return nil, false
	}
	sec, notes, ok := r.kept.get(file, ed.Pub.Dir, data)
	if !ok {
		var own diag.List
		sec, notes, whole = r.parseSection(ed.Pub.Dir, file, num, slug, data, &own)
		r.kept.put(file, ed.Pub.Dir, data, sec, notes, &own)
		diags.Merge(&own)
	} else {
		whole = true // kept: parsed whole, with no problem
	}
	if sec != nil {
		ed.Notes = append(ed.Notes, notes...)
	}
	return sec, whole
}

// parseSection parses data, the bytes of section file file in the
// publication folder pubDir, into the section and its notes, as
// readSection says.
func (r *Reader) parseSection(pubDir, file string, num int, slug string, data []byte, diags *diag.List) (sec *doc.Section, notes []*doc.Note, whole bool) {
	if !utf8.Valid(data) {
		diags.Add(invalidUTF8(file, data), "the file is not UTF-8 text here: save it as UTF-8")
		return nil, nil, false
	}
	data = norm.NFC.Bytes(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	sec = &doc.Section{Number: num, Slug: slug, File: file}
	whole = true
	body, fm := splitFrontMatter(data)
	if fm != nil {
		before := len(diags.Items())
		dec := yamlconf.Decoder{File: file, Diags: diags, LineOffset: 1}
		var f frontMatter
		if root := dec.Parse(fm); root != nil {
			dec.DecodeNode(root, &f)
			if _, ok := doc.LookupRole(f.Role); !ok {
				diags.Add(dec.Pos(yamlconf.Value(root, "role")), "unknown role %q (known: %s)", f.Role, doc.RoleNames())
			}
		}
		sec.Title, sec.Role = f.Title, doc.Role(f.Role)
		whole = len(diags.Items()) == before // else the title or role could not be read
	}
	parsed := r.md.Parse(file, body, pubDir, diags)
	sec.Blocks = parsed.Blocks
	if parsed.Partial {
		whole = false
	}
	for _, n := range parsed.Notes {
		n.Section = sec
	}
	notes = parsed.Notes
	if hs := sec.Headings(1); len(hs) > 0 {
		if sec.Title == "" {
			sec.Title = doc.PlainText(hs[0].Content)
		}
	} else if hs := sec.Headings(6); sec.Title == "" && whole && len(hs) > 0 {
		// a README whose first heading is ## (or underlined with ---)
		sec.Title = doc.PlainText(hs[0].Content)
		diags.Warn(hs[0].Pos, "the section has no # heading: its first heading, %q, is taken as its title; make it a # heading (or set title: in front matter)", sec.Title)
	} else if sec.Title == "" && whole {
		diags.Add(diag.Pos{File: file, Line: 1, Col: 1}, "the section has no title: start it with a # heading")
	}
	return sec, notes, whole
}

// borrow reads into ed, a translation, the sections of the original (in
// language orig) that it lacks, each marked with the original's language.
func (r *Reader) borrow(ed *doc.Edition, orig string, diags *diag.List) {
	dir := filepath.Join(ed.Pub.Dir, orig)
	have := map[int]bool{}
	for _, s := range ed.Sections {
		have[s.Number] = true
	}
	for _, f := range sectionFiles(dir) {
		if have[f.num] {
			continue // numbers used twice in the original are reported where it is read
		}
		have[f.num] = true
		if s, _ := r.readSection(ed, filepath.Join(dir, f.name), f.num, f.slug, diags); s != nil {
			s.Lang = orig
			ed.Sections = append(ed.Sections, s)
		}
	}
	sort.Slice(ed.Sections, func(i, j int) bool { return ed.Sections[i].Number < ed.Sections[j].Number })
}

// sortNotes puts the footnotes in the order of their sections (each
// section's in the order the file references them).
func sortNotes(ed *doc.Edition) {
	index := map[*doc.Section]int{}
	for i, s := range ed.Sections {
		index[s] = i
	}
	sort.SliceStable(ed.Notes, func(i, j int) bool { return index[ed.Notes[i].Section] < index[ed.Notes[j].Section] })
}

// invalidUTF8 is the position of the first byte of data that is not UTF-8.
func invalidUTF8(file string, data []byte) diag.Pos {
	line, col := 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return diag.Pos{File: file, Line: line, Col: col}
}

// splitFrontMatter separates "---" front matter from the body. The body keeps its
// length in lines (front matter lines become empty) so positions stay right.
func splitFrontMatter(data []byte) (body, fm []byte) {
	if !bytes.HasPrefix(data, []byte("---\n")) && !bytes.HasPrefix(data, []byte("---\r\n")) {
		return data, nil
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(string(lines[i]), "\r\n") == "---" {
			fm = bytes.Join(lines[1:i], nil)
			body = append(bytes.Repeat([]byte("\n"), i+1), bytes.Join(lines[i+1:], nil)...)
			return body, fm
		}
	}
	return data, nil
}

// numberNotes numbers the footnotes 1..n in reading order across the edition.
func numberNotes(ed *doc.Edition) {
	for i, n := range ed.Notes {
		n.Number = i + 1
		n.ID = "fn" + strconv.Itoa(i+1)
	}
}

// assignIDs gives every section, heading, box and figure an id unique in the
// edition, and checks that internal links point at one.
func assignIDs(ed *doc.Edition, checkLinks bool, diags *diag.List) {
	used := map[string]diag.Pos{}
	for _, n := range ed.Notes {
		used[n.ID] = n.Pos
	}
	claim := func(id *string, base string, pos diag.Pos, explicit bool) {
		if explicit {
			if *id = doc.CleanID(*id); *id == "" {
				return // nothing usable: an id is made up below
			}
			if prev, ok := used[*id]; ok {
				diags.Add(pos, "id %q is already used at %s", *id, prev)
				return
			}
			used[*id] = pos
			return
		}
		if base == "" {
			base = "id"
		}
		cand := doc.Unique(base, "", func(c string) bool { _, ok := used[c]; return ok })
		*id = cand
		used[cand] = pos
	}
	// Explicit ids first, so generated ones never take them.
	doc.Walk(ed, func(b doc.Block) {
		switch b := b.(type) {
		case *doc.Heading:
			if b.ID != "" {
				claim(&b.ID, "", b.Pos, true)
			}
		case *doc.Box:
			if b.ID != "" {
				claim(&b.ID, "", b.Pos, true)
			}
		case *doc.Figure:
			if b.ID != "" {
				claim(&b.ID, "", b.Pos, true)
			}
		case *doc.Table:
			if b.ID != "" {
				claim(&b.ID, "", b.Pos, true)
			}
		case *doc.Paragraph, *doc.List, *doc.Quote, *doc.CodeBlock, *doc.Rule, *doc.PullQuote:
			// no id of its own
		}
	})
	doc.Walk(ed, func(b doc.Block) {
		switch b := b.(type) {
		case *doc.Heading:
			if b.ID == "" {
				claim(&b.ID, Slugify(doc.PlainText(b.Content)), b.Pos, false)
			}
		case *doc.Box:
			if b.ID == "" {
				claim(&b.ID, "box", b.Pos, false)
			}
		case *doc.Figure:
			if b.ID == "" {
				claim(&b.ID, "figure", b.Pos, false)
			}
		case *doc.Paragraph, *doc.List, *doc.Table, *doc.Quote, *doc.CodeBlock, *doc.Rule, *doc.PullQuote:
			// no id of its own (a table's is its caption's, when it gives one)
		}
	})
	for _, s := range ed.Sections {
		if hs := s.Headings(1); len(hs) > 0 {
			s.ID = hs[0].ID
		} else {
			claim(&s.ID, "section-"+strconv.Itoa(s.Number), diag.Pos{File: s.File}, false)
		}
	}
	if checkLinks {
		checkCrossrefs(ed, diags)
	}
	checkCitations(ed, diags)
	// Every internal link must have a target (when every section was read).
	doc.WalkInlines(ed, func(in doc.Inline) {
		if l, ok := in.(*doc.Link); ok {
			if id, internal := l.Internal(); internal {
				id = doc.CleanID(id)
				l.URL = "#" + id
				if _, ok := used[id]; !ok && checkLinks {
					diags.Add(l.Pos, "link to #%s: no heading, box or figure has that id in this edition", id)
				}
			}
		}
	})
}

// checkCrossrefs reports each cross-reference (@fig-x) whose id no element
// of the edition has, or an element of another kind than its prefix names.
func checkCrossrefs(ed *doc.Edition, diags *diag.List) {
	kinds := map[string]doc.Block{}
	doc.Walk(ed, func(b doc.Block) {
		if id := blockID(b); id != "" {
			kinds[id] = b
		}
	})
	doc.WalkInlines(ed, func(in doc.Inline) {
		c, ok := in.(*doc.Cite)
		if !ok {
			return
		}
		for _, it := range c.Items {
			want := it.Kind()
			if want == doc.RefNone {
				continue // a citation: reported where it is read
			}
			b, found := kinds[it.Key]
			if !found {
				diags.Add(it.Pos, "reference @%s: no %s has the id #%s in this edition (give one {#%s})", it.Key, want, it.Key, it.Key)
				continue
			}
			if got := doc.RefKindOfBlock(b); got != want {
				diags.Add(it.Pos, "reference @%s: #%s is a %s's id (%s), not a %s's: a %s's id starts with %s, a %s's with %s",
					it.Key, it.Key, describeKind(b), b.Position(), want, want, want.Prefix(), describeKind(b), got.Prefix())
			}
		}
	})
}

// blockID is the id a block carries, or "".
func blockID(b doc.Block) string {
	switch b := b.(type) {
	case *doc.Heading:
		return b.ID
	case *doc.Box:
		return b.ID
	case *doc.Figure:
		return b.ID
	case *doc.Table:
		return b.ID
	case *doc.Paragraph, *doc.List, *doc.Quote, *doc.CodeBlock, *doc.Rule, *doc.PullQuote:
		return ""
	}
	return ""
}

// describeKind names what kind of element b is, for messages.
func describeKind(b doc.Block) string {
	if k := doc.RefKindOfBlock(b); k != doc.RefNone {
		if k == doc.RefSection {
			return "heading"
		}
		return k.String()
	}
	return "block"
}

// Slugify makes an id from a title: lowercase ASCII letters, digits and
// dashes, from its first letter on, as Pandoc makes identifiers ("2019
// reforms" gives "reforms"): an id never starts with a digit, which XML
// names, CSS selectors and EPUB 2 reading systems do not take.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r < 128 && unicode.IsDigit(r) && b.Len() == 0:
			// before the first letter
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		case unicode.Is(unicode.Mn, r):
		default:
			dash = true
		}
	}
	return b.String()
}
