package watch

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/folio-pub/folio/internal/build"
	"github.com/folio-pub/folio/internal/testtool"
)

// TestWatchRebuildsWhatChanged: a change to a French section rebuilds the
// French edition only; a content error is reported and watching goes on.
func TestWatchRebuildsWhatChanged(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for _, d := range []string{"source", "layouts", "fonts"} {
		testtool.CopyDir(t, filepath.Join(root, d), filepath.Join("..", "..", d))
	}
	cfg := build.Config{Source: filepath.Join(root, "source"), Layouts: filepath.Join(root, "layouts"),
		Fonts: filepath.Join(root, "fonts"), Out: filepath.Join(root, "output"), Cache: filepath.Join(root, "cache")}
	results := make(chan *build.Result, 10)
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error)
	go func() {
		stopped <- Run(ctx, cfg, nil, func(r *build.Result, err error) {
			if err != nil {
				t.Error(err)
			}
			results <- r
		})
	}()
	next := func() *build.Result {
		select {
		case r := <-results:
			return r
		case <-time.After(60 * time.Second):
			t.Fatal("no build within a minute")
		}
		return nil
	}
	if r := next(); r.Diags.HasErrors() || len(r.Outputs) != 6 {
		t.Fatalf("first build: %d outputs, %s", len(r.Outputs), r.Diags.Error())
	}
	section := filepath.Join(cfg.Source, "civil-society", "fr", "02-contribution-a-la-gss.md")
	data, err := os.ReadFile(section)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(section, append(data, "\nUne phrase ajoutée.\n"...), 0o644)
	r := next()
	rebuilt := map[string]bool{}
	for _, o := range r.Outputs {
		rebuilt[filepath.Base(o.Path)] = !o.Cached
	}
	want := map[string]bool{"civil-society.en.pdf": false, "civil-society.en.print.pdf": false, "civil-society.en.epub": false,
		"civil-society.fr.pdf": true, "civil-society.fr.print.pdf": true, "civil-society.fr.epub": true}
	if !reflect.DeepEqual(rebuilt, want) {
		t.Errorf("rebuilt %v, want %v", rebuilt, want)
	}
	os.WriteFile(section, append(data, "\n<div>raw HTML</div>\n"...), 0o644)
	if r := next(); !r.Diags.HasErrors() {
		t.Error("a content error was not reported")
	}
	os.WriteFile(section, data, 0o644)
	if r := next(); r.Diags.HasErrors() {
		t.Errorf("after the fix: %s", r.Diags.Error())
	}
	cancel()
	if err := <-stopped; err != nil {
		t.Error(err)
	}
}

func TestRebuildList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pending map[string]bool
		ids     []string
		want    []string
	}{
		{map[string]bool{"b": true, "a": true}, nil, []string{"a", "b"}},
		{map[string]bool{"b": true, "a": true}, []string{"a"}, []string{"a"}},
		{map[string]bool{"c": true}, []string{"a"}, nil},
		{map[string]bool{"": true, "a": true}, nil, []string{}},
		{map[string]bool{"": true}, []string{"a", "b"}, []string{"a", "b"}},
	}
	for _, tc := range tests {
		if got := rebuildList(tc.pending, tc.ids); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("rebuildList(%v, %v) = %#v, want %#v", tc.pending, tc.ids, got, tc.want)
		}
	}
	for path, want := range map[string]string{
		"src/pub/fr/01-a.md": "pub", "src/pub/images/x.png": "pub", "src/terms.yaml": "", "layouts/base.yaml": "",
	} {
		if got := affected("src", path); got != want {
			t.Errorf("affected(%q) = %q, want %q", path, got, want)
		}
	}
}
