package build

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one of N parts of a series: K from 1 to N. The zero Shard is the
// whole series.
type Shard struct{ K, N int }

// ParseShard parses "K/N".
func ParseShard(s string) (Shard, error) {
	var sh Shard
	if s == "" {
		return sh, nil
	}
	k, n, ok := strings.Cut(s, "/")
	var err1, err2 error
	sh.K, err1 = strconv.Atoi(k)
	sh.N, err2 = strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || sh.N < 1 || sh.K < 1 || sh.K > sh.N {
		return Shard{}, fmt.Errorf("shard %q: write K/N with 1 ≤ K ≤ N, e.g. 2/4", s)
	}
	return sh, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Filter keeps the publication ids of the shard: a stable hash of each id
// decides its shard, so N jobs cover a series with no overlap and no gap.
func (s Shard) Filter(ids []string) []string {
	if s.N <= 1 {
		return ids
	}
	var out []string
	for _, id := range ids {
		h := fnv.New32a()
		h.Write([]byte(id))
		if int(h.Sum32()%uint32(s.N)) == s.K-1 {
			out = append(out, id)
		}
	}
	return out
}
