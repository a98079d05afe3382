package markdown

import (
	"net/url"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
)

// checkLink reports a link no edition can keep: one with a scheme other than
// http, https or mailto (javascript: among them), or to a file, which no
// edition carries. Links to "#id" are checked once ids are known.
func (c *converter) checkLink(pos diag.Pos, dest string) {
	if strings.HasPrefix(dest, "#") {
		return
	}
	u, err := url.Parse(dest)
	if err != nil {
		c.diags.Add(pos, "link %q is not a valid address: %v", dest, err)
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		if u.Scheme != "mailto" && u.Host == "" {
			c.diags.Add(pos, "link %q has no host: write the whole address, https://…", dest)
		}
	case "":
		c.diags.Add(pos, "link to %q: an edition carries no other files; link to a web address (https://…), an e-mail (mailto:…) or a heading of the edition (#id)", dest)
	default:
		c.diags.Add(pos, "link %q: only http, https and mailto links are allowed, not %s:", dest, u.Scheme)
	}
}
