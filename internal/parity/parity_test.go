package parity

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/diag"
	"github.com/folio-pub/folio/internal/source"
	"github.com/folio-pub/folio/internal/style"
)

// run reads publication id of the source folder root (with AllowMissing as
// given), loads its termbases and checks it, and returns the diagnostics, one
// a line, paths relative to root.
func run(t *testing.T, root, id string, allowMissing bool, langs ...string) []string {
	t.Helper()
	var diags diag.List
	r := source.NewReader(root)
	r.AllowMissing = allowMissing
	pub := r.Read(id, langs, &diags)
	if pub == nil {
		t.Fatalf("cannot read %s: %s", id, diags.Error())
	}
	orig := pub.Editions[0]
	if orig.Lang != pub.Languages[0] {
		var ignored diag.List
		orig = r.Read(id, pub.Languages[:1], &ignored).Editions[0]
	}
	loaded := map[string]*style.TermRules{}
	rules := func(lang string) *style.TermRules {
		if _, ok := loaded[lang]; !ok {
			loaded[lang] = termRules(t, lang)
		}
		return loaded[lang]
	}
	Check(orig, pub.Editions, Options{Terms: LoadTerms(root, id, &diags), TermRules: rules}, &diags)
	var out []string
	for _, d := range diags.Items() {
		out = append(out, strings.ReplaceAll(d.Error(), root+string(filepath.Separator), ""))
	}
	return out
}

// sample copies the sample publication into a temporary source folder.
func sample(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	from := filepath.Join("..", "..", "source", "civil-society")
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(root, "civil-society", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// edit rewrites a file of the copy: old must be in it.
func edit(t *testing.T, root, rel, old, new string) {
	t.Helper()
	p := filepath.Join(root, "civil-society", filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSampleIsClean(t *testing.T) {
	t.Parallel()
	for _, langs := range [][]string{nil, {"fr"}, {"en"}} {
		if got := run(t, "../../source", "civil-society", false, langs...); len(got) != 0 {
			t.Errorf("--lang %v: the sample has findings:\n%s", langs, strings.Join(got, "\n"))
		}
	}
}

// TestSeed: the defect of the page this project started from. The French
// about paragraph is the abstract of a backgrounder on police reform; the
// check points at that paragraph, naming the English one, and the list of
// questions next to it passes.
func TestSeed(t *testing.T) {
	t.Parallel()
	got := run(t, "testdata/seed", "civil-society", false)
	want := []string{
		`civil-society/fr/00-a-propos.md:6:1: error: terms/missing: "civil society" in the original (civil-society/en/00-about.md:6:1) is not rendered here: expected "société civile"`,
		`civil-society/fr/00-a-propos.md:6:1: warning: terms/extra: "gouvernance du secteur de la sécurité" here has no "security sector governance" or "SSG" in the original (civil-society/en/00-about.md:6:1): is this text about something else?`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// the same, building only the French edition
	if got := run(t, "testdata/seed", "civil-society", false, "fr"); !reflect.DeepEqual(got, want) {
		t.Errorf("--lang fr: got\n%s", strings.Join(got, "\n"))
	}
}

// TestFindings: what a translator or an editor may get wrong, one change of
// the sample at a time, and what the check says about it.
func TestFindings(t *testing.T) {
	t.Parallel()
	const (
		en = "en/"
		fr = "fr/"
	)
	tests := []struct {
		name         string
		edit         func(t *testing.T, root string)
		allowMissing bool
		want         []string // regexps, one per diagnostic, in order
	}{
		// one message: the about section's link to it, which has lost its
		// target, is not reported as well
		{"deleted French section", func(t *testing.T, root string) {
			os.Remove(filepath.Join(root, "civil-society", "fr", "04-quand-la-societe-civile-aggrave-l-insecurite.md"))
		}, false, []string{
			`^civil-society/fr: error: parity/missing-section: section 04 of the original \(civil-society/en/04-when-civil-society-makes-insecurity-worse\.md:1:1\) has no fr translation: add it as civil-society/fr/04-<slug>\.md \(or build with --allow-missing\)$`,
		}},
		{"deleted French section, allowed missing", func(t *testing.T, root string) {
			os.Remove(filepath.Join(root, "civil-society", "fr", "04-quand-la-societe-civile-aggrave-l-insecurite.md"))
		}, true, []string{
			`^civil-society/fr: warning: parity/missing-section: section 04 has no fr translation: the original's \(civil-society/en/04-when-civil-society-makes-insecurity-worse\.md:1:1\) is set in its place, marked as en \(--allow-missing\)$`,
		}},
		{"section only in French", func(t *testing.T, root string) {
			os.WriteFile(filepath.Join(root, "civil-society", "fr", "06-annexe.md"), []byte("# Annexe\n\nTexte.\n"), 0o644)
		}, false, []string{
			`^civil-society/fr/06-annexe\.md:1:1: error: parity/extra-section: section 06 has no counterpart in the original \(en\)`,
		}},
		{"changed year", func(t *testing.T, root string) {
			edit(t, root, fr+"04-quand-la-societe-civile-aggrave-l-insecurite.md", "au Rwanda en 1994", "au Rwanda en 1995")
		}, false, []string{
			`^civil-society/fr/04-quand-la-societe-civile-aggrave-l-insecurite\.md:7:1: error: parity/numbers: 1994 is in the original \(civil-society/en/04-when-civil-society-makes-insecurity-worse\.md:7:1\) and not here$`,
		}},
		{"avoided term", func(t *testing.T, root string) {
			edit(t, root, fr+"01-qu-est-ce-que-la-societe-civile.md", "principes de redevabilité", "principes d'accountabilité")
		}, false, []string{
			`^civil-society/fr/01-qu-est-ce-que-la-societe-civile\.md:29:1: error: terms/missing: "accountability" in the original \(civil-society/en/01-what-is-civil-society\.md:29:1\) is not rendered here: expected "redevabilité" or "obligation de rendre des comptes"$`,
			`^civil-society/fr/01-qu-est-ce-que-la-societe-civile\.md:29:1: error: terms/avoid: "accountabilité" is a form to avoid \(civil-society/terms\.yaml:\d+:5\): write "redevabilité" or "obligation de rendre des comptes"$`,
		}},
		// a span in another language is not the translation's text: a
		// form avoided in French is not looked for in it
		{"avoided form in a span of another language", func(t *testing.T, root string) {
			edit(t, root, fr+"01-qu-est-ce-que-la-societe-civile.md", "principes de redevabilité", "principes de redevabilité ([accountabilité]{lang=en})")
		}, false, nil},
		{"list drifted as in the seed", func(t *testing.T, root string) {
			edit(t, root, fr+"00-a-propos.md", "suivantes :\n\n- [Qu'est-ce", "suivantes : [Qu'est-ce")
		}, false, []string{
			`^civil-society/fr/00-a-propos\.md:12:3: error: parity/structure: 4 list items here, 5 in the original, whose 5th has no counterpart here \(civil-society/en/00-about\.md:14:3\)$`,
		}},
		{"pull quote only in the original", func(t *testing.T, root string) {
			edit(t, root, en+"01-what-is-civil-society.md", "Civil society is made up", "::: pullquote\nCivil society is a space.\n:::\n\nCivil society is made up")
		}, false, []string{
			`^civil-society/fr/01-qu-est-ce-que-la-societe-civile\.md:\d+:1: error: parity/structure: 0 pull quotes here, 1 in the original, whose 1st has no counterpart here \(civil-society/en/01-what-is-civil-society\.md:5:1\)$`,
		}},
		{"link to another section", func(t *testing.T, root string) {
			edit(t, root, fr+"00-a-propos.md", "(#when-does-civil-society-make-insecurity-worse)", "(#what-is-civil-society)")
		}, false, []string{
			`^civil-society/fr/00-a-propos\.md:13:3: error: parity/links: the original links to #when-does-civil-society-make-insecurity-worse \(civil-society/en/00-about\.md:\d+:\d+\); this section does not$`,
		}},
		{"reference to another box", func(t *testing.T, root string) {
			edit(t, root, fr+"05-defis-de-la-societe-civile.md", "l'@box-access-to-information)", "l'@box-ssg)")
		}, false, []string{
			`^civil-society/fr/05-defis-de-la-societe-civile\.md:11:1: error: parity/references: the original refers to @box-access-to-information \(civil-society/en/05-what-challenges-does-civil-society-face\.md:11:\d+\); this section does not$`,
			`^civil-society/fr/05-defis-de-la-societe-civile\.md:11:\d+: error: parity/references: refers to @box-ssg, which the original's section does not \(civil-society/en/05-what-challenges-does-civil-society-face\.md:1:1\)$`,
		}},
		{"reference left out", func(t *testing.T, root string) {
			edit(t, root, fr+"02-contribution-a-la-gss.md", "Le @tbl-roles résume", "Le tableau résume")
		}, false, []string{
			`^civil-society/fr/02-contribution-a-la-gss\.md:3:1: error: parity/references: the original refers to @tbl-roles \(civil-society/en/02-how-can-civil-society-improve-ssg\.md:3:\d+\); this section does not$`,
		}},
		{"a URL of another site", func(t *testing.T, root string) {
			edit(t, root, fr+"05-defis-de-la-societe-civile.md", "https://www.un.org/fr/", "https://www.ohchr.org/fr/")
		}, false, []string{
			`^civil-society/fr/05-defis-de-la-societe-civile\.md:7:1: warning: parity/links: the original links to https://www\.un\.org/en/about-us/universal-declaration-of-human-rights`,
			`^civil-society/fr/05-defis-de-la-societe-civile\.md:7:\d+: warning: parity/links: links to https://www\.ohchr\.org/fr/`,
		}},
		{"subtitle left out", func(t *testing.T, root string) {
			edit(t, root, fr+"edition.yaml", "subtitle: \"Rôles et responsabilités dans la bonne gouvernance du secteur de la sécurité\"\n", "")
		}, false, []string{
			`^civil-society/fr/edition\.yaml:1:1: warning: parity/metadata: subtitle is not given here; the original gives it \(civil-society/en/edition\.yaml:2:1\)$`,
		}},
		{"a citation in French only", func(t *testing.T, root string) {
			edit(t, root, fr+"04-quand-la-societe-civile-aggrave-l-insecurite.md", "au Rwanda en 1994", "au Rwanda en 1994 [voir @smith2020, p. 4]")
		}, false, []string{
			`^civil-society/fr/04-quand-la-societe-civile-aggrave-l-insecurite\.md:7:\d+: warning: citation @smith2020: publication\.yaml names no bibliography`,
			`^civil-society/fr/04-quand-la-societe-civile-aggrave-l-insecurite\.md:7:\d+: error: parity/references: refers to @smith2020`,
		}},
		{"publisher, rights and authors in French only", func(t *testing.T, root string) {
			edit(t, root, fr+"edition.yaml", "keywords:", "publisher: Centre (fr)\nrights: Licence CC BY\nauthors: [{name: B. Auteur, affiliation: Université de X}]\nidentifier: urn:x:fr\nkeywords:")
		}, false, nil},
		{"accepted", func(t *testing.T, root string) {
			edit(t, root, fr+"04-quand-la-societe-civile-aggrave-l-insecurite.md", "au Rwanda en 1994", "au Rwanda en 1995")
			edit(t, root, fr+"edition.yaml", "keywords:", "accept:\n  - {code: parity/numbers, section: 4, subject: \"1994\"}\n  - {code: parity/numbers, section: 3}\n  - {code: terms/mising}\nkeywords:")
		}, false, []string{
			`^civil-society/fr/edition\.yaml:12:5: warning: accept: no parity/numbers finding matches this entry: remove it$`,
			`^civil-society/fr/edition\.yaml:13:5: error: accept: unknown code "terms/mising" \(known: parity/missing-section, .*terms/avoid\)$`,
		}},
		{"an English term in the French text", func(t *testing.T, root string) {
			edit(t, root, en+"03-working-with-civil-society.md", "Cooperation can take many forms.", "Cooperation can take many forms, in civic space.")
		}, false, []string{
			`^civil-society/fr/03-collaboration-avec-la-societe-civile\.md:14:1: error: terms/missing: "civic space" in the original \(civil-society/en/03-working-with-civil-society\.md:14:1\) is not rendered here: expected "espace civique"$`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := sample(t)
			tt.edit(t, root)
			got := run(t, root, "civil-society", tt.allowMissing)
			ok := len(got) == len(tt.want)
			for i := 0; ok && i < len(got); i++ {
				ok = regexp.MustCompile(tt.want[i]).MatchString(got[i])
			}
			if !ok {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTermsWithoutRules: where a language's words file could not be read
// (its own error), its terms are not checked, rather than matched without
// its plurals and elisions and reported missing everywhere.
func TestTermsWithoutRules(t *testing.T) {
	root := sample(t)
	edit(t, root, "fr/01-qu-est-ce-que-la-societe-civile.md", "principes de redevabilité", "principes d'accountabilité")
	var diags diag.List
	pub := source.NewReader(root).Read("civil-society", nil, &diags)
	if pub == nil || diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	all := builtinRules(t)
	for _, tc := range []struct {
		name  string
		rules func(string) *style.TermRules
		want  bool // terms findings
	}{
		{"French rules read", func(lang string) *style.TermRules { return all[lang] }, true},
		{"French words file broken", func(lang string) *style.TermRules {
			if lang == "fr" {
				return nil
			}
			return all[lang]
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			Check(pub.Editions[0], pub.Editions, Options{Terms: LoadTerms(root, "civil-society", &diags), TermRules: tc.rules}, &diags)
			if got := strings.Contains(diags.Error(), "terms/"); got != tc.want {
				t.Errorf("terms findings %v, want %v:\n%s", got, tc.want, diags.Error())
			}
		})
	}
}

// TestMemo: checks that keep what each pair of sections gave in a Memo
// find what checks without one do, edit after edit (a French section, an
// English one that changes what the French is found to lack, a form to
// avoid, the termbase, a term's form that French text had, a section
// deleted, each edit undone), and take the pairs no edit touched from the
// memo.
func TestMemo(t *testing.T) {
	t.Parallel()
	root := sample(t)
	loaded := map[string]*style.TermRules{}
	rules := func(lang string) *style.TermRules { // one value a language, as a build's words
		if _, ok := loaded[lang]; !ok {
			loaded[lang] = termRules(t, lang)
		}
		return loaded[lang]
	}
	check := func(m *Memo) []string {
		var diags diag.List
		pub := source.NewReader(root).Read("civil-society", nil, &diags)
		Check(pub.Editions[0], pub.Editions, Options{Terms: LoadTerms(root, "civil-society", &diags), TermRules: rules, Memo: m}, &diags)
		var out []string
		for _, d := range diags.Items() {
			out = append(out, d.Error())
		}
		return out
	}
	const (
		frYear   = "fr/04-quand-la-societe-civile-aggrave-l-insecurite.md"
		enPull   = "en/01-what-is-civil-society.md"
		frAvoid  = "fr/01-qu-est-ce-que-la-societe-civile.md"
		frRemove = "fr/03-collaboration-avec-la-societe-civile.md"
	)
	removed, err := os.ReadFile(filepath.Join(root, "civil-society", frRemove))
	if err != nil {
		t.Fatal(err)
	}
	memo := NewMemo()
	for _, step := range []struct {
		name     string
		edit     func()
		findings bool // the step has findings
		fromMemo bool // some checks are taken from the memo (not after the termbase changed)
	}{
		{"as it is", func() {}, false, false},
		{"a French year", func() { edit(t, root, frYear, "au Rwanda en 1994", "au Rwanda en 1995") }, true, true},
		{"an English pull quote", func() {
			edit(t, root, enPull, "Civil society is made up", "::: pullquote\nCivil society is a space.\n:::\n\nCivil society is made up")
		}, true, true},
		{"a form to avoid", func() { edit(t, root, frAvoid, "principes de redevabilité", "principes d'accountabilité") }, true, true},
		{"the termbase", func() { edit(t, root, "terms.yaml", "  - en: civil society\n", "  - en: [civil society, society]\n") }, true, false},
		{"a term's French form", func() { edit(t, root, "terms.yaml", "fr: justicier\n", "fr: justicière masquée\n") }, true, false},
		{"a section deleted", func() { os.Remove(filepath.Join(root, "civil-society", frRemove)) }, true, true},
		{"every edit undone", func() {
			edit(t, root, frYear, "au Rwanda en 1995", "au Rwanda en 1994")
			edit(t, root, enPull, "::: pullquote\nCivil society is a space.\n:::\n\n", "")
			edit(t, root, frAvoid, "principes d'accountabilité", "principes de redevabilité")
			edit(t, root, "terms.yaml", "  - en: [civil society, society]\n", "  - en: civil society\n")
			edit(t, root, "terms.yaml", "fr: justicière masquée\n", "fr: justicier\n")
			os.WriteFile(filepath.Join(root, "civil-society", frRemove), removed, 0o644)
		}, false, false},
	} {
		step.edit()
		hits := memo.hits.Load()
		got, want := check(memo), check(nil)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: with the memo\n%s\nwithout\n%s", step.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if (len(want) > 0) != step.findings {
			t.Errorf("%s: findings %q", step.name, want)
		}
		if fromMemo := memo.hits.Load() > hits; fromMemo != step.fromMemo {
			t.Errorf("%s: checks taken from the memo: %v, want %v", step.name, fromMemo, step.fromMemo)
		}
	}
}
