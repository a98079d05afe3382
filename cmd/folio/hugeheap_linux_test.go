package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestDisableTHP(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		godebug string
		want    bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"madvdontneed=1, disablethp=1", true},
		{"disablethp=1,disablethp=0", false},
		{"disablethp=0", false},
		{"xdisablethp=1", false},
	} {
		if got := disableTHP(tt.godebug); got != tt.want {
			t.Errorf("disableTHP(%q) = %v, want %v", tt.godebug, got, tt.want)
		}
	}
}

// TestHugeHeap: after hugeHeap, a mapping of the process of at least the
// size asked is advised for huge pages (VmFlags "hg" in /proc/self/smaps).
func TestHugeHeap(t *testing.T) {
	if !thpOnRequest() || strictOvercommit() {
		t.Skip("transparent huge pages are not given on request here (or address space is committed strictly): hugeHeap does nothing")
	}
	const size = 16 << 20
	hugeHeap(size, "")
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	kb := 0 // the size of the mapping being read
	for _, line := range strings.Split(string(smaps), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 3 && f[0] == "Size:":
			kb, _ = strconv.Atoi(f[1])
		case len(f) > 0 && f[0] == "VmFlags:" && kb*1024 >= size && strings.Contains(line, " hg"):
			return
		}
	}
	t.Errorf("no mapping of %d MiB or more advised for huge pages after hugeHeap", size>>20)
}
