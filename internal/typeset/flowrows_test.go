package typeset

import (
	"slices"
	"testing"
)

// TestFlowRows checks the flow's changes against the same changes made to
// a plain slice: rows taken out and put back, rows let go, and a flow
// tried, kept or given up.
func TestFlowRows(t *testing.T) {
	t.Parallel()
	// a change: remove n rows at at, insert n (made-up) rows at at, let go
	// the rows before at, begin a try, keep it or give it up
	type change struct {
		op    string
		at, n int
	}
	tests := []struct {
		name    string
		changes []change
	}{
		{"remove, insert back", []change{{"remove", 3, 2}, {"insert", 3, 2}}},
		{"insert with no room before", []change{{"insert", 0, 3}, {"insert", 5, 1}}},
		{"let go, then remove and insert", []change{{"letGo", 4, 0}, {"remove", 2, 3}, {"insert", 1, 3}}},
		{"a try kept", []change{{"remove", 5, 2}, {"try", 0, 0}, {"insert", 2, 2}, {"remove", 6, 1}, {"keep", 0, 0}}},
		{"a try given up", []change{{"remove", 5, 2}, {"try", 0, 0}, {"insert", 2, 2}, {"remove", 6, 1}, {"giveUp", 0, 0}}},
		{"a try that grows the array, given up", []change{{"try", 0, 0}, {"remove", 1, 1}, {"insert", 0, 4}, {"giveUp", 0, 0}}},
		{"tries after letting go", []change{{"letGo", 6, 0}, {"remove", 1, 2}, {"try", 0, 0}, {"insert", 0, 2}, {"giveUp", 0, 0}, {"try", 0, 0}, {"insert", 1, 2}, {"keep", 0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var rows []row
			for i := range 12 {
				rows = append(rows, row{textAt: i, level: i % 5})
			}
			f := newFlowRows(slices.Clone(rows))
			want := slices.Clone(rows)
			var saved []row
			next := 100 // the textAt of the next row made up
			for _, c := range tt.changes {
				switch c.op {
				case "remove":
					f.remove(c.at, c.n)
					want = slices.Delete(want, c.at, c.at+c.n)
				case "insert":
					var rs []row
					for range c.n {
						rs = append(rs, row{textAt: next})
						next++
					}
					f.insert(c.at, rs)
					want = slices.Insert(want, c.at, rs...)
				case "letGo":
					level := f.level
					for _, r := range want[:c.at-1] {
						if r.level > 0 {
							level = r.level
						}
					}
					if n := f.letGo(c.at); n != c.at-1 {
						t.Fatalf("letGo(%d) = %d, want %d", c.at, n, c.at-1)
					}
					if f.level != level {
						t.Errorf("after letGo(%d), level %d, want %d", c.at, f.level, level)
					}
					want = want[c.at-1:]
				case "try":
					f.try()
					saved = slices.Clone(want)
				case "keep":
					f.keep()
				case "giveUp":
					f.giveUp()
					want = saved
				}
				if got := rowTexts(f.rows); !slices.Equal(got, rowTexts(want)) {
					t.Fatalf("after %v: rows %v, want %v", c, got, rowTexts(want))
				}
			}
		})
	}
}

// rowTexts returns the textAt of each row: made-up rows told apart.
func rowTexts(rows []row) []int {
	var s []int
	for _, r := range rows {
		s = append(s, r.textAt)
	}
	return s
}
