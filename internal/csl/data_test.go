package csl

import "testing"

// TestItemPositions: each item is placed where its object starts, not at an
// object inside the item before it (an author's name).
func TestItemPositions(t *testing.T) {
	items, err := ParseJSON([]byte(`[
  {"id": "a", "type": "book", "author": [{"family": "Grant"}, {"family": "Ng"}],
   "issued": {"date-parts": [[2019]]}},
    {"id": "b", "type": "book"},
{"id": "c", "type": "book", "title": "{braced}"}, {"id": "d", "type": "book"}
]`))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ line, col int }{{2, 3}, {4, 5}, {5, 1}, {5, 51}}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d", len(items), len(want))
	}
	for i, w := range want {
		if it := items[i]; it.Line != w.line || it.Col != w.col {
			t.Errorf("item %s at %d:%d, want %d:%d", it.ID, it.Line, it.Col, w.line, w.col)
		}
	}
}
