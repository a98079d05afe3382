package build

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func sampleConfig(out string) Config {
	return Config{Source: "../../source", Layouts: "../../layouts", Fonts: "../../fonts", Out: out}
}

func TestRunWritesEveryEdition(t *testing.T) {
	out := t.TempDir()
	res, err := Run(context.Background(), sampleConfig(out), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags.Error())
	}
	var got []string
	for _, o := range res.Outputs {
		rel, _ := filepath.Rel(out, o.Path)
		got = append(got, rel)
	}
	want := []string{"civil-society/civil-society.en.pdf", "civil-society/civil-society.en.print.pdf", "civil-society/civil-society.en.epub",
		"civil-society/civil-society.fr.pdf", "civil-society/civil-society.fr.print.pdf", "civil-society/civil-society.fr.epub"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outputs %v, want %v", got, want)
	}
	entries, _ := os.ReadDir(filepath.Join(out, "civil-society"))
	if len(entries) != 6 {
		t.Errorf("%d files in the output folder, want 6 and no temporary files", len(entries))
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	cfg := sampleConfig(out)
	cfg.DryRun = true
	res, err := Run(context.Background(), cfg, []string{"civil-society"})
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags.Error())
	}
	if len(res.Outputs) != 6 {
		t.Errorf("%d outputs checked, want 6", len(res.Outputs))
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a dry run created the output folder")
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := t.TempDir()
	if _, err := Run(ctx, sampleConfig(out), nil); err == nil {
		t.Error("a cancelled build succeeded")
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Error("a cancelled build wrote files")
	}
}

func TestWriteAtomicReplaces(t *testing.T) {
	f := filepath.Join(t.TempDir(), "a", "x.pdf")
	for _, content := range []string{"one", "two"} {
		if err := writeAtomic(f, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(f); string(data) != content {
			t.Errorf("content %q, want %q", data, content)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(f))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %d entries", len(entries))
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in   string
		want []Format
		err  bool
	}{
		{"", nil, false},
		{"pdf", []Format{"pdf"}, false},
		{"epub, pdf", []Format{"epub", "pdf"}, false},
		{"pdf,pdf", []Format{"pdf"}, false},
		{"docx", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseFormats(tt.in)
		if (err != nil) != tt.err || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFormats(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// BenchmarkBuild measures a whole build of the sample (2 languages) per format;
// compare the sub-benchmarks with each other: all ≈ pdf + epub, and both PDFs
// (drawn once, finished twice) cost at most 1.5× the digital one.
func BenchmarkBuild(b *testing.B) {
	for _, bc := range []struct {
		name    string
		formats []Format
	}{{"pdf", []Format{"pdf"}}, {"pdf+print", []Format{"pdf", "print"}}, {"epub", []Format{"epub"}}, {"all", nil}} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := sampleConfig(b.TempDir())
			cfg.Formats = bc.formats
			cfg.DryRun = true
			for i := 0; i < b.N; i++ {
				if _, err := Run(context.Background(), cfg, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
