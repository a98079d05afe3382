package markdown

import (
	"net/url"
	"strings"

	"github.com/folio-pub/folio/internal/diag"
)

// checkLink reports a link no edition can keep: one with a scheme other than
// http, https or mailto (javascript: among them), an error; or one to a file
// (of the repository the Markdown came from), which no edition carries: a
// warning, and false, as the link's text is then set as plain text. Links
// to "#id" are checked once ids are known.
func (c *converter) checkLink(pos diag.Pos, dest, text string) bool {
	if strings.HasPrefix(dest, "#") {
		return true
	}
	u, err := url.Parse(dest)
	if err != nil {
		c.diags.Add(pos, "link %q is not a valid address: %v", dest, err)
		return true
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		if u.Scheme != "mailto" && u.Host == "" {
			c.diags.Add(pos, "link %q has no host: write the whole address, https://…", dest)
		}
	case "":
		c.diags.Warn(pos, "link [%s](%s) to a file is set as plain text: an edition carries no other files; link to its web address, [%s](https://…), or to a heading of the edition, [%s](#id)", text, dest, text, text)
		return false
	default:
		c.diags.Add(pos, "link %q: only http, https and mailto links are allowed, not %s:", dest, u.Scheme)
	}
	return true
}
