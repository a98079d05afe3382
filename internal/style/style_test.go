package style

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadSampleLayout(t *testing.T) {
	l, err := LoadLayout("../../layouts", "backgrounder")
	if err != nil {
		t.Fatal(err)
	}
	if l.Page.Width != 210 || l.Page.Height != 297 {
		t.Errorf("page = %v x %v, want A4", l.Page.Width, l.Page.Height)
	}
	if got := l.Colors.Accent.Hex(); got != "#00577d" {
		t.Errorf("accent = %s, want the backgrounder's #00577d (extends must overlay)", got)
	}
	if l.Text.Body.Font.Name != "serif" {
		t.Errorf("body font = %q, want serif from base", l.Text.Body.Font)
	}
	if len(l.Files) != 2 {
		t.Errorf("files = %v, want base then backgrounder", l.Files)
	}
}

func TestLayoutErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "extends: base\npage:\n  colour: red\n", "x.yaml:3:3: error: unknown key \"colour\" in page"},
		{"wrong type", "extends: base\ntext:\n  body: {font: serif, size: big}\n", "x.yaml:3:29: error: size: expected a number, got \"big\""},
		{"bad colour", "extends: base\ncolors:\n  accent: blue\n", "x.yaml:3:11: error: accent: invalid colour \"blue\""},
		{"bad align", "extends: base\ntext:\n  body: {font: serif, size: 9, align: middle}\n", "x.yaml:3:39: error: align: unknown alignment"},
		{"cycle", "extends: x\n", "extends itself"},
		{"missing parent", "extends: nothere\n", "no layout \"nothere\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			base, _ := os.ReadFile("../../layouts/base.yaml")
			os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644)
			os.WriteFile(filepath.Join(dir, "x.yaml"), []byte(tt.yaml), 0o644)
			_, err := LoadLayout(dir, "x")
			if err == nil {
				t.Fatal("no error")
			}
			msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want it to contain %q", msg, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		w, err := LoadWords("../../layouts", lang)
		if err != nil {
			t.Fatal(err)
		}
		if w.Contents == "" || len(w.Months) != 12 {
			t.Errorf("%s: incomplete words", lang)
		}
	}
	w, _ := LoadWords("../../layouts", "fr")
	if got := w.FormatDate("2019-05-01"); got != "1er mai 2019" {
		t.Errorf("fr date = %q", got)
	}
	if got := w.FormatDate("2019-05-02"); got != "2 mai 2019" {
		t.Errorf("fr date = %q", got)
	}
	en, _ := LoadWords("../../layouts", "en")
	if got := en.FormatDate("2019-05-01"); got != "1 May 2019" {
		t.Errorf("en date = %q", got)
	}
	if _, err := LoadWords("../../layouts", "de"); err == nil || !strings.Contains(err.Error(), "i18n/de.yaml") {
		t.Errorf("missing language: err = %v", err)
	}
}
