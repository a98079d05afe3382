// Package series writes synthetic series of publications, copies of a real
// one under numbered ids, so that the speed of whole-series builds can be measured.
package series

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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

// Long writes a long publication into dst/<base>-long-<k>: the sample's
// numbered sections k times over, in every language, its about section (0)
// once. The ids the sections give ({#id}) and what refers to them (@id,
// (#id)) take the copy's number, so that each copy's are its own. It
// returns the publication's id.
func Long(dst, sample string, k int) (string, error) {
	id := fmt.Sprintf("%s-long-%d", filepath.Base(sample), k)
	dir := filepath.Join(dst, id)
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := copyTree(dir, sample, k); err != nil {
		return "", fmt.Errorf("series: %w", err)
	}
	langs, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, l := range langs {
		sections, _ := filepath.Glob(filepath.Join(dir, l.Name(), "*.md"))
		var names []string
		var texts [][]byte
		for _, s := range sections {
			data, err := os.ReadFile(s)
			if err != nil {
				return "", err
			}
			if strings.HasPrefix(filepath.Base(s), "00-") {
				// the about section, once, its links to the first copy
				if err := os.WriteFile(s, copyIDs(data, 1), 0o644); err != nil {
					return "", err
				}
				continue
			}
			if err := os.Remove(s); err != nil {
				return "", err
			}
			_, name, _ := strings.Cut(filepath.Base(s), "-")
			names, texts = append(names, name), append(texts, data)
		}
		n := 0
		for c := 1; c <= k; c++ {
			for i, name := range names {
				n++
				target := filepath.Join(dir, l.Name(), fmt.Sprintf("%04d-%s", n, name))
				if err := os.WriteFile(target, copyIDs(texts[i], c), 0o644); err != nil {
					return "", err
				}
			}
		}
	}
	return id, nil
}

var (
	idAttrs = regexp.MustCompile(`\{[^}\n]*\}`)
	idAttr  = regexp.MustCompile(`#([a-z0-9-]+)`)
	idRef   = regexp.MustCompile(`@((?:fig|tbl|box|sec)-[a-z0-9-]*[a-z0-9])`)
	idLink  = regexp.MustCompile(`\]\(#([a-z0-9-]+)\)`)
)

// copyIDs gives the ids of a section's text, and what refers to them, the
// copy's number c.
func copyIDs(data []byte, c int) []byte {
	suffix := fmt.Sprintf("-c%d", c)
	data = idAttrs.ReplaceAllFunc(data, func(attrs []byte) []byte {
		return idAttr.ReplaceAll(attrs, []byte("#${1}"+suffix))
	})
	data = idRef.ReplaceAll(data, []byte("@${1}"+suffix))
	return idLink.ReplaceAll(data, []byte("](#${1}"+suffix+")"))
}
