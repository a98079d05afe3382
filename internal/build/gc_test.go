package build

import "testing"

// TestBatchGC: a build lets the heap grow to four times what is live, within
// a limit that grows with the CPUs; GOGC and GOMEMLIMIT set by the user win.
func TestBatchGC(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	got := BatchGCSettings(env(nil), 2)
	if !got.SetPercent || got.Percent != 300 || !got.SetLimit || got.Limit != 224<<20 {
		t.Errorf("two CPUs: %+v, want GOGC 300 and a limit of 224 MiB", got)
	}
	if got := BatchGCSettings(env(nil), 8); got.Limit != 416<<20 {
		t.Errorf("eight CPUs: a limit of %d MiB, want 416", got.Limit>>20)
	}
	if got := BatchGCSettings(env(map[string]string{"GOGC": "100", "GOMEMLIMIT": "1GiB"}), 2); got.SetPercent || got.SetLimit {
		t.Errorf("the environment's settings are overridden: %+v", got)
	}
}
