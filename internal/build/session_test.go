package build

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/folio-pub/folio/internal/diag"
)

// sessionProject is a copy of the sample, layouts and fonts, built with
// no cache: what a session keeps is in memory.
func sessionProject(t testing.TB) Config {
	t.Helper()
	cfg := cachedProject(t)
	cfg.Cache = ""
	return cfg
}

// outputs reads every file of the output folder, by its path in it.
func outputs(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files[rel], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameAsCold fails unless the output folder of cfg holds the bytes a cold
// build of its sources writes, file for file.
func sameAsCold(t *testing.T, cfg Config, what string) {
	t.Helper()
	cold := cfg
	cold.Out = t.TempDir()
	res, err := Run(context.Background(), cold, nil)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("%s: the cold build: %v %s", what, err, res.Diags.Error())
	}
	got, want := outputs(t, cfg.Out), outputs(t, cold.Out)
	if len(want) != 6 || !reflect.DeepEqual(keys(got), keys(want)) {
		t.Fatalf("%s: files %v, a cold build writes %v", what, keys(got), keys(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s: %s differs from a cold build's", what, name)
		}
	}
}

func keys(m map[string][]byte) []string { return slices.Sorted(maps.Keys(m)) }

// epubFile is the file name in the EPUB (a zip container) data.
func epubFile(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// session builds with a Session; each edit is told to it (Changed) as
// watch tells it, and built at once.
type session struct {
	t *testing.T
	s *Session
}

// startSession starts a session of cfg with its first build, which must
// have no error.
func startSession(t *testing.T, cfg Config) (session, *Result) {
	t.Helper()
	ss := session{t: t, s: NewSession(cfg)}
	res, err := ss.s.Run(context.Background(), nil)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("the first build: %v %s", err, res.Diags.Error())
	}
	return ss, res
}

// edit writes data to the file at path, tells the session, builds, and
// returns the outputs rebuilt (not taken from memory) by their names.
func (ss session) edit(path string, data []byte) (*Result, []string) {
	ss.t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		ss.t.Fatal(err)
	}
	ss.s.Changed(path)
	res, err := ss.s.Run(context.Background(), nil)
	if err != nil {
		ss.t.Fatal(err)
	}
	var rebuilt []string
	for _, o := range res.Outputs {
		if !o.Cached {
			rebuilt = append(rebuilt, filepath.Base(o.Path))
		}
	}
	slices.Sort(rebuilt)
	return res, rebuilt
}

// TestSessionEdits: a session over 50 edits (French and English sections,
// the publication's date and an edition's title, which the covers show, the
// figure's image, a section with an error then mended) rebuilds only the
// editions each edit feeds, and ends, after a French title changed, with
// the bytes a cold build of the final sources writes.
func TestSessionEdits(t *testing.T) {
	t.Parallel()
	cfg := sessionProject(t)
	ss, res := startSession(t, cfg)
	if len(res.Outputs) != 6 {
		t.Fatalf("the first build wrote %d files", len(res.Outputs))
	}
	pub := filepath.Join(cfg.Source, "civil-society")
	read := func(rel string) []byte {
		data, err := os.ReadFile(filepath.Join(pub, rel))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	frSection, enSection := "fr/02-contribution-a-la-gss.md", "en/03-working-with-civil-society.md"
	fr, en, frEdition, pubFile := read(frSection), read(enSection), read("fr/edition.yaml"), read("publication.yaml")
	french := []string{"civil-society.fr.epub", "civil-society.fr.pdf", "civil-society.fr.print.pdf"}
	english := []string{"civil-society.en.epub", "civil-society.en.pdf", "civil-society.en.print.pdf"}
	all := slices.Sorted(slices.Values(append(append([]string(nil), english...), french...)))
	for i := range 50 {
		var (
			path string
			data []byte
			want []string // the files rebuilt; nil: the build has an error
		)
		switch i % 10 {
		case 0, 3, 6:
			fr = append(fr, "\nUne phrase ajoutée.\n"...)
			path, data, want = frSection, fr, french
		case 1, 4:
			en = append(en, "\nOne more sentence.\n"...)
			path, data, want = enSection, en, english
		case 2:
			path, data, want = "publication.yaml", bytes.Replace(pubFile, []byte("2019-05-01"), fmt.Appendf(nil, "2019-05-%02d", 2+i/10), 1), all
		case 5:
			path, data, want = "images/civil-society-roles.png", figure(t, uint8(i)), all
		case 7:
			path, data = frSection, append(append([]byte(nil), fr...), "\n<div>raw HTML</div>\n"...)
		case 8:
			path, data, want = frSection, fr, french // mended: the error's edition again
		case 9: // last: no edit that rebuilds every edition follows
			path, data, want = "fr/edition.yaml", bytes.Replace(frEdition, []byte(`"La société civile"`), fmt.Appendf(nil, `"La société civile (%d)"`, i), 1), french
		}
		res, rebuilt := ss.edit(filepath.Join(pub, path), data)
		if want == nil {
			if !res.Diags.HasErrors() {
				t.Errorf("edit %d (%s): the error is not reported", i, path)
			}
			continue
		}
		if res.Diags.HasErrors() {
			t.Fatalf("edit %d (%s): %s", i, path, res.Diags.Error())
		}
		if !reflect.DeepEqual(rebuilt, want) {
			t.Errorf("edit %d (%s): rebuilt %v, want %v", i, path, rebuilt, want)
		}
	}
	sameAsCold(t, cfg, "after 50 edits")
}

// figure is a small PNG, its colour from c.
func figure(t *testing.T, c uint8) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, 40, 25))
	for y := range 25 {
		for x := range 40 {
			m.Set(x, y, color.NRGBA{c, uint8(x * 6), uint8(y * 10), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSessionCover: a change the covers show (the publication's date)
// reaches the cover of every edition built in a session, PDF and EPUB, as a
// cold build draws it, though the session keeps the covers it drew.
func TestSessionCover(t *testing.T) {
	t.Parallel()
	cfg := sessionProject(t)
	ss, _ := startSession(t, cfg)
	before := outputs(t, cfg.Out)
	file := filepath.Join(cfg.Source, "civil-society", "publication.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ss.edit(file, bytes.Replace(data, []byte("date: 2019-05-01"), []byte("date: 2021-11-30"), 1))
	after := outputs(t, cfg.Out)
	for name := range before {
		if bytes.Equal(before[name], after[name]) {
			t.Errorf("%s did not change with the date", name)
		}
		if strings.HasSuffix(name, ".epub") && bytes.Equal(epubFile(t, before[name], "EPUB/cover.png"), epubFile(t, after[name], "EPUB/cover.png")) {
			t.Errorf("%s: its cover image did not change with the date", name)
		}
	}
	sameAsCold(t, cfg, "after the date changed")
}

// BenchmarkWatch measures the edit loop of folio watch on the sample: a
// French section saved, then its editions built again in a session (the
// English ones kept), against a cold build of both languages timed between
// its runs; it reports the ratio as ×cold (the goal: at most 0.4).
func BenchmarkWatch(b *testing.B) {
	cfg := sessionProject(b)
	s := NewSession(cfg)
	if res, err := s.Run(context.Background(), nil); err != nil || res.Diags.HasErrors() {
		b.Fatal(err, res.Diags.Error())
	}
	section := filepath.Join(cfg.Source, "civil-society", "fr", "02-contribution-a-la-gss.md")
	data, err := os.ReadFile(section)
	if err != nil {
		b.Fatal(err)
	}
	cold := cfg
	cold.Out = b.TempDir()
	var edit, full time.Duration
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		os.WriteFile(section, append(bytes.Clone(data), strings.Repeat("\nUne phrase ajoutée.\n", 1+i%2)...), 0o644)
		s.Changed(section)
		if res, err := s.Run(context.Background(), nil); err != nil || res.Diags.HasErrors() {
			b.Fatal(err, res.Diags.Error())
		}
		edit += time.Since(start)
		b.StopTimer()
		os.RemoveAll(cold.Out)
		start = time.Now()
		if _, err := Run(context.Background(), cold, nil); err != nil {
			b.Fatal(err)
		}
		full += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(edit.Seconds()/full.Seconds(), "×cold")
}

// BenchmarkSessionEdit is BenchmarkWatch's edit alone, with no cold build
// between them, for a CPU profile of what a save costs (-cpuprofile): a
// French section saved, its editions built again in a session.
func BenchmarkSessionEdit(b *testing.B) {
	cfg := sessionProject(b)
	s := NewSession(cfg)
	if res, err := s.Run(context.Background(), nil); err != nil || res.Diags.HasErrors() {
		b.Fatal(err, res.Diags.Error())
	}
	section := filepath.Join(cfg.Source, "civil-society", "fr", "02-contribution-a-la-gss.md")
	data, err := os.ReadFile(section)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(section, append(bytes.Clone(data), strings.Repeat("\nUne phrase ajoutée.\n", 1+i%2)...), 0o644); err != nil {
			b.Fatal(err)
		}
		s.Changed(section)
		if res, err := s.Run(context.Background(), nil); err != nil || res.Diags.HasErrors() {
			b.Fatal(err, res.Diags.Error())
		}
	}
}

// TestSessionKeeps: a session keeps an edition built whole for its next
// builds; not one with an error or no files, not in a dry run, and Run's
// one-build session keeps none (a series streams to disk).
func TestSessionKeeps(t *testing.T) {
	t.Parallel()
	built := editionResult{lang: "fr", files: []rendered{{path: "p.fr.pdf", data: []byte("%PDF")}}}
	var failed editionResult
	failed.lang, failed.files = "fr", built.files
	failed.diags.Add(diag.Pos{File: "s.md", Line: 1, Col: 1}, "an error")
	for _, tc := range []struct {
		name string
		s    *Session
		e    editionResult
		want bool
	}{
		{"built", NewSession(Config{}), built, true},
		{"an error", NewSession(Config{}), failed, false},
		{"no files", NewSession(Config{}), editionResult{lang: "fr"}, false},
		{"a dry run", NewSession(Config{DryRun: true}), built, false},
		{"Run's", &Session{cfg: Config{}, kept: map[string]editionResult{}, once: true}, built, false},
	} {
		tc.s.keep("p", tc.e)
		if _, ok := tc.s.keptEdition("p", "fr"); ok != tc.want {
			t.Errorf("%s: kept %v, want %v", tc.name, ok, tc.want)
		}
	}
}

// TestSessionWebOtherLanguage: a web edition kept in a session reads no
// other edition's facts: after the French title changes, only the French
// editions are built again, and every file, the English web pages and the
// series' pages among them, is as a cold build writes it.
func TestSessionWebOtherLanguage(t *testing.T) {
	t.Parallel()
	cfg := sessionProject(t)
	cfg.Formats = nil // every format, the web edition's pages with them
	ss, _ := startSession(t, cfg)
	file := filepath.Join(cfg.Source, "civil-society", "fr", "edition.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, rebuilt := ss.edit(file, bytes.Replace(data, []byte(`title: "La société civile"`), []byte(`title: "Une société civile"`), 1))
	for _, name := range rebuilt {
		if strings.Contains(name, ".en.") {
			t.Errorf("%s was built again: only the French editions changed", name)
		}
	}
	if !slices.Contains(rebuilt, "index.fr.html") {
		t.Errorf("the French publication page was not built again: %v", rebuilt)
	}
	cold := cfg
	cold.Out = t.TempDir()
	if res, err := Run(context.Background(), cold, nil); err != nil || res.Diags.HasErrors() {
		t.Fatalf("the cold build: %v %s", err, res.Diags.Error())
	}
	got, want := outputs(t, cfg.Out), outputs(t, cold.Out)
	if !reflect.DeepEqual(keys(got), keys(want)) {
		t.Fatalf("files %v, a cold build writes %v", keys(got), keys(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a cold build's", name)
		}
	}
	if !bytes.Contains(want["index.fr.html"], []byte("Une société civile")) {
		t.Error("the French series page does not show the new title")
	}
}

// TestSessionAsCold: what a session keeps between builds (the sections
// parsed, the translation checks of each pair of sections, what the
// language rules made of each text, the PDFs' streams and the EPUBs' files
// deflated) never makes it say or write other than a cold build of the same
// sources: after each edit, its diagnostics are a cold check's, and its
// files, when it has no error, a cold build's, byte for byte. The edits: an
// English section given a number the French lacks (the French is found
// wanting) and edited back to its earlier bytes, a French section edited
// and back (the French EPUB written again from the files the one before
// deflated, but that section), a French sentence given what the rules
// rewrite (a dash, a number to group, an ordinal) and back, a French
// section renamed and another deleted then restored, the termbase, and the
// French words file, whose termbase rules the checks read (without its
// elisions, "l'information" no longer renders "information").
func TestSessionAsCold(t *testing.T) {
	t.Parallel()
	cfg := sessionProject(t)
	ss, _ := startSession(t, cfg)
	pub := filepath.Join(cfg.Source, "civil-society")
	file := func(rel string) string { return filepath.Join(pub, filepath.FromSlash(rel)) }
	read := func(rel string) []byte {
		data, err := os.ReadFile(file(rel))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	const (
		enSection = "en/03-working-with-civil-society.md"
		frSection = "fr/02-contribution-a-la-gss.md"
		frRenamed = "fr/02-contribution.md"
		frDeleted = "fr/05-defis-de-la-societe-civile.md"
		terms     = "terms.yaml"
	)
	words := filepath.Join(cfg.Layouts, "i18n", "fr.yaml")
	en, fr, deleted, termbase := read(enSection), read(frSection), read(frDeleted), read(terms)
	frWords, err := os.ReadFile(words)
	if err != nil {
		t.Fatal(err)
	}
	replaced := func(data []byte, old, new string) []byte {
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("no %q to replace", old)
		}
		return bytes.Replace(data, []byte(old), []byte(new), 1)
	}
	write := func(path string, data []byte) func() []string {
		return func() []string {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}
	}
	for _, step := range []struct {
		name   string
		edit   func() []string // the paths changed
		errors bool            // the sources have errors now
	}{
		{"an English number the French lacks", write(file(enSection), bytes.Replace(en, []byte("adopted in 2002"), []byte("adopted in 2003"), 1)), true},
		{"the English section as it was", write(file(enSection), en), false},
		{"a French sentence", write(file(frSection), append(bytes.Clone(fr), "\nUne phrase ajoutée.\n"...)), false},
		{"the French section as it was", write(file(frSection), fr), false},
		{"a French dash, number and ordinal", write(file(frSection), replaced(fr, "de la force ; les journalistes", "de la force -- le 1er mai, quelque 10000 journalistes")), false},
		{"the French section as it was, again", write(file(frSection), fr), false},
		{"a French section renamed", func() []string {
			if err := os.Rename(file(frSection), file(frRenamed)); err != nil {
				t.Fatal(err)
			}
			return []string{file(frSection), file(frRenamed)}
		}, false},
		{"a French section deleted", func() []string {
			if err := os.Remove(file(frDeleted)); err != nil {
				t.Fatal(err)
			}
			return []string{file(frDeleted)}
		}, true},
		{"the French section restored", write(file(frDeleted), deleted), false},
		{"a form to avoid in the termbase", write(file(terms), bytes.Replace(termbase, []byte("      fr: [accountabilité]"), []byte("      fr: [accountabilité, contribution]"), 1)), true},
		{"the termbase as it was", write(file(terms), termbase), false},
		{"the French words' elisions", write(words, bytes.Replace(frWords, []byte("elision: [c, d, j, l,"), []byte("elision: [c, j,"), 1)), true},
		{"the French words as they were", write(words, frWords), false},
	} {
		ss.s.Changed(step.edit()...)
		res, err := ss.s.Run(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		check := cfg
		check.DryRun = true
		cold, err := Run(context.Background(), check, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := res.Diags.Error(), cold.Diags.Error(); got != want {
			t.Errorf("%s: the session says\n%s\na cold check\n%s", step.name, got, want)
		}
		if res.Diags.HasErrors() != step.errors {
			t.Errorf("%s: errors %v, want %v: %s", step.name, res.Diags.HasErrors(), step.errors, res.Diags.Error())
		}
		if !step.errors {
			sameAsCold(t, cfg, step.name)
		}
	}
}

// TestSessionParagraphs: a session whose typesetting keeps each
// paragraph's lines writes, after an edit that changes a paragraph's lines,
// one that only moves a paragraph (before the one it followed, in both
// languages: the translation checks pair them in order), and after both
// are undone, the bytes a cold build writes.
func TestSessionParagraphs(t *testing.T) {
	t.Parallel()
	cfg := sessionProject(t)
	ss, _ := startSession(t, cfg)
	pub := filepath.Join(cfg.Source, "civil-society")
	fr, en := filepath.Join(pub, "fr", "02-contribution-a-la-gss.md"), filepath.Join(pub, "en", "02-how-can-civil-society-improve-ssg.md")
	sources := map[string][]byte{}
	for _, path := range []string{fr, en} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sources[path] = data
	}
	// moved swaps the paragraph that begins with first and the one before it
	moved := func(path, first string) []byte {
		paras := bytes.Split(sources[path], []byte("\n\n"))
		i := slices.IndexFunc(paras, func(p []byte) bool { return bytes.HasPrefix(p, []byte(first)) })
		if i < 1 {
			t.Fatalf("%s: no paragraph %q after another", path, first)
		}
		paras[i-1], paras[i] = paras[i], paras[i-1]
		return bytes.Join(paras, []byte("\n\n"))
	}
	pdf := filepath.Join(cfg.Out, "civil-society", "civil-society.fr.pdf")
	for _, step := range []struct {
		name  string
		files map[string][]byte
	}{
		{"a paragraph's lines changed", map[string][]byte{fr: bytes.Replace(sources[fr], []byte("incombe au parlement"), []byte("incombe d'abord et avant tout au parlement"), 1)}},
		{"a paragraph moved", map[string][]byte{fr: moved(fr, "La société civile peut aussi suivre le budget"), en: moved(en, "Civil society can also follow the security budget")}},
		{"as it was", sources},
	} {
		before, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		for path, data := range step.files {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			ss.s.Changed(path)
		}
		if res, err := ss.s.Run(context.Background(), nil); err != nil || res.Diags.HasErrors() {
			t.Fatalf("%s: %v %s", step.name, err, res.Diags.Error())
		}
		if after, err := os.ReadFile(pdf); err != nil || bytes.Equal(before, after) {
			t.Fatalf("%s: the PDF is as before (%v)", step.name, err)
		}
		sameAsCold(t, cfg, step.name)
	}
}

// TestSessionRewrites: a session that knows what its files hold without
// reading them back still writes again, at its next build, a file of an
// edition it kept that changed behind its back (overwritten, the same
// size) or went; the others it leaves as they are, their times too.
func TestSessionRewrites(t *testing.T) {
	t.Parallel()
	cfg := sessionProject(t)
	ss, _ := startSession(t, cfg)
	out := filepath.Join(cfg.Out, "civil-society")
	pdf, epub, print := filepath.Join(out, "civil-society.en.pdf"), filepath.Join(out, "civil-society.en.epub"), filepath.Join(out, "civil-society.en.print.pdf")
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdf, bytes.Repeat([]byte("x"), len(data)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(epub); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(print)
	if err != nil {
		t.Fatal(err)
	}
	section := filepath.Join(cfg.Source, "civil-society", "fr", "02-contribution-a-la-gss.md")
	fr, err := os.ReadFile(section)
	if err != nil {
		t.Fatal(err)
	}
	res, rebuilt := ss.edit(section, append(fr, "\nUne phrase ajoutée.\n"...))
	if res.Diags.HasErrors() || slices.Contains(rebuilt, "civil-society.en.pdf") {
		t.Fatalf("the English edition was built again: %v %s", rebuilt, res.Diags.Error())
	}
	unchanged := map[string]bool{}
	for _, o := range res.Outputs {
		unchanged[filepath.Base(o.Path)] = o.Unchanged
	}
	if unchanged["civil-society.en.pdf"] || unchanged["civil-society.en.epub"] || !unchanged["civil-society.en.print.pdf"] {
		t.Errorf("unchanged: %v; want the PDF and EPUB written again, not the print PDF", unchanged)
	}
	if after, err := os.Stat(print); err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the print PDF was written again: %v", err)
	}
	sameAsCold(t, cfg, "after two files changed behind its back")
}

// TestSessionDiffers: Differs tells a file whose bytes are not those Changed
// last saw (or that Changed never saw, or that went), and remembers nothing:
// Changed still reports the change after it.
func TestSessionDiffers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := NewSession(Config{Source: dir, Out: filepath.Join(dir, "output")})
	p := filepath.Join(dir, "pub", "en", "01-a.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# A\n")
	if !s.Differs(p) {
		t.Error("a file Changed never saw does not differ")
	}
	if !s.Changed(p) || s.Differs(p) {
		t.Error("a file as Changed saw it differs")
	}
	write("# B\n")
	for range 2 { // asked twice: the first did not take the change in
		if !s.Differs(p) {
			t.Error("a file written since does not differ")
		}
	}
	if !s.Changed(p) {
		t.Error("Differs took the change: Changed does not report it")
	}
	os.Remove(p)
	if !s.Differs(p) {
		t.Error("a file that went does not differ")
	}
	if s.Differs(filepath.Join(dir, "output", "pub", "pub.en.pdf")) {
		t.Error("a file of the output folder differs")
	}
}
