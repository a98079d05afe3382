package build

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// FuzzCacheKey builds, from the fuzzer's bytes, a tree of folders, files,
// FIFOs and links (inside the tree, to folders that hold them, out of it, to
// devices, to nothing) and hashes it as the cache key does: it must end
// (the test's timeout says when not), never open a FIFO or a device, give
// the same hash twice, and read nothing outside the tree: changing the files
// beside it changes no hash.
func FuzzCacheKey(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3})
	f.Add([]byte{1, 0, 4, 0, 5, 1, 6, 2, 7, 3})
	f.Add([]byte{1, 0, 1, 1, 8, 2, 9, 0, 10, 1, 2, 2, 3, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 64 {
			ops = ops[:64]
		}
		dir := t.TempDir()
		root, outside := filepath.Join(dir, "root"), filepath.Join(dir, "outside")
		for _, d := range []string{root, outside} {
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		os.WriteFile(filepath.Join(outside, "secret"), []byte("before"), 0o644)
		folders := []string{root}
		for i := 0; i+1 < len(ops); i += 2 {
			in := folders[int(ops[i+1])%len(folders)]
			p := filepath.Join(in, fmt.Sprintf("e%d", i/2))
			rel, _ := filepath.Rel(in, root)
			switch ops[i] % 11 {
			case 0:
				if os.Mkdir(p, 0o755) == nil {
					folders = append(folders, p)
				}
			case 1:
				os.WriteFile(p, []byte{ops[i+1]}, 0o644)
			case 2:
				syscall.Mkfifo(p, 0o644)
			case 3:
				os.Symlink("/dev/zero", p)
			case 4:
				os.Symlink(".", p) // a folder that holds it
			case 5:
				os.Symlink(rel, p) // the root, from wherever
			case 6:
				os.Symlink(filepath.Join(rel, "..", "outside"), p)
			case 7:
				os.Symlink(filepath.Join(rel, "..", "outside", "secret"), p)
			case 8:
				os.Symlink("nothing", p)
			case 9:
				os.Symlink(p, p) // itself
			case 10:
				os.Symlink(filepath.Join(rel, fmt.Sprintf("e%d", int(ops[i+1])%(i/2+1))), p) // an earlier entry of the root
			}
		}
		hash := func() string {
			c := newCache(Config{Source: root})
			h, err := c.hash(root, root)
			if err != nil {
				t.Fatalf("hash: %v", err)
			}
			return h
		}
		first := hash()
		if again := hash(); again != first {
			t.Fatalf("two hashes of the same tree: %s, %s", first, again)
		}
		os.WriteFile(filepath.Join(outside, "secret"), []byte("after"), 0o644)
		os.WriteFile(filepath.Join(outside, "new"), nil, 0o644)
		if after := hash(); after != first {
			t.Fatal("a file outside the tree changed the hash: it was read")
		}
	})
}
