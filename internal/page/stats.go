package page

// Stats are the typesetting figures of an edition: how well its text could
// be set, for a publisher or CI to see at a glance (folio build --report).
type Stats struct {
	Pages int `json:"pages"`
	// Lines are the lines of justified text; HyphenatedLines those of them
	// that end inside a word, LongestHyphenRun the most in a row.
	Lines            int `json:"lines"`
	HyphenatedLines  int `json:"hyphenated-lines"`
	LongestHyphenRun int `json:"longest-hyphen-run"`
	// LooseLines and TightLines are justified lines whose word spaces are
	// wider than 1.5 or narrower than 0.8 times the font's space;
	// EmergencyLines those wider than 2 (each also a warning).
	LooseLines     int `json:"loose-lines"`
	TightLines     int `json:"tight-lines"`
	EmergencyLines int `json:"emergency-lines"`
	// OverfullLines stick out of the measure (a word too long for it; each
	// also a warning).
	OverfullLines int `json:"overfull-lines"`
	// BoxSplits are boxes broken across pages; TableSplits the page breaks
	// between the body rows of a table (each repeats its header).
	BoxSplits   int `json:"box-splits"`
	TableSplits int `json:"table-splits"`
	// KeepsBroken are page breaks the keep rules could not avoid: a widow,
	// an orphan, or a heading parted from its text.
	KeepsBroken int `json:"keeps-broken"`
}
