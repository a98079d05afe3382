// Package series writes synthetic series of publications, copies of a real
// one under numbered ids, so that the speed of whole-series builds can be measured.
package series

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Write copies the publication folder sample n times into dst, as
// <base>-001, <base>-002…, where base is the sample's folder name. Each copy's
// edition titles carry its number, so that no two publications are the same
// bytes. dst is created when needed; existing copies are replaced.
func Write(dst, sample string, n int) ([]string, error) {
	base := filepath.Base(sample)
	var ids []string
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("%s-%03d", base, i)
		dir := filepath.Join(dst, id)
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if err := copyTree(dir, sample, i); err != nil {
			return nil, fmt.Errorf("series: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// copyTree copies the folder src to dst, numbering the titles of edition.yaml files.
func copyTree(dst, src string, number int) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if d.Name() == "edition.yaml" {
			data = numberTitle(data, number)
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// numberTitle appends " (n)" to the title line of an edition.yaml.
func numberTitle(data []byte, n int) []byte {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if v, ok := strings.CutPrefix(l, "title: "); ok {
			v = strings.Trim(v, `"`)
			lines[i] = fmt.Sprintf("title: %q", fmt.Sprintf("%s %d", v, n))
			break
		}
	}
	return []byte(strings.Join(lines, "\n"))
}
