package series

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dst := t.TempDir()
	ids, err := Write(dst, "../../source/civil-society", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 || ids[2] != "civil-society-003" {
		t.Fatalf("ids %v", ids)
	}
	ed, err := os.ReadFile(filepath.Join(dst, "civil-society-002", "fr", "edition.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ed), `title: "La société civile 2"`) {
		t.Errorf("edition.yaml:\n%s", ed)
	}
	if _, err := os.Stat(filepath.Join(dst, "civil-society-001", "images", "civil-society-roles.png")); err != nil {
		t.Error(err)
	}
}
