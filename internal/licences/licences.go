// Package licences names the licence of folio and of every third-party
// component built into it: the fonts, hyphenation patterns and colour
// profile it embeds or ships, and the Go modules linked in. `folio version
// --licences` prints them; NOTICE at the repository root says the same in
// prose, and the release archives ship every text named here.
package licences

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"text/tabwriter"
)

// Folio is folio's own licence, an SPDX identifier.
const Folio = "Apache-2.0"

// Component is one third-party part of folio with its licence.
type Component struct {
	Name      string   // what it is, as NOTICE names it
	Licence   string   // an SPDX licence expression, or a short description when the terms have no identifier
	Copyright string   // the holders, as the component states them
	From      string   // where it came from
	Texts     []string // the licence texts, paths in the repository and in the release archives
}

// Data is the fonts, patterns and profile folio embeds or ships, in NOTICE's order.
func Data() []Component {
	return []Component{
		{Name: "Liberation fonts 2.1.4 (Serif, Sans, Mono)", Licence: "OFL-1.1",
			Copyright: "(c) 2012 Red Hat, Inc.; digitized data (c) 2010 Google Corporation",
			From:      "Go module github.com/go-fonts/liberation",
			Texts:     []string{"licences/liberation-fonts.OFL-1.1.txt"}},
		{Name: "British English hyphenation patterns (en-GB.dic)", Licence: "BSD-style notice (free copying and modification)",
			Copyright: "Dominik Wujastyk, Graham Toal",
			From:      "LibreOffice dictionaries via Debian hyphen-en-gb 1:7.5.0-1",
			Texts:     []string{"layouts/i18n/hyphenation/LICENSE-en-GB.txt"}},
		{Name: "French hyphenation patterns (fr.dic)", Licence: "LGPL-2.1-or-later",
			Copyright: "Blaise Drayer, Marc Lodewijck, Paul Pichaureau",
			From:      "LibreOffice dictionaries via Debian hyphen-fr 1:7.5.0-1",
			Texts:     []string{"layouts/i18n/hyphenation/LICENSE-fr.LGPL-2.1.txt"}},
		{Name: "CSL citation styles and locales (layouts/csl/)", Licence: "CC-BY-SA-3.0",
			Copyright: "Contributors to the CSL project (citationstyles.org)",
			From:      "citation-style-language/styles and /locales via Debian citation-style-language-styles 0~20230209.153790a-1, -locales 0~20230122.9b9366b-1",
			Texts:     []string{"licences/csl.CC-BY-SA-3.0.txt"}},
		{Name: "sRGB colour profile (sRGB2014.icc)", Licence: "ICC terms (free copying, embedding and sale)",
			Copyright: "International Color Consortium",
			From:      "International Color Consortium, color.org",
			Texts:     []string{"internal/pdf/icc/LICENSE.color.org"}},
		{Name: "FOGRA39 printing condition profile (FOGRA39.icc)", Licence: "Zlib",
			Copyright: "Kai-Uwe Behrmann (the FOGRA39L.ti3 data, from Fogra's characterisation); the profile made from it by folio with Argyll CMS colprof",
			From:      "Debian icc-profiles-free 2.0.1+dfsg-1.1 (FOGRA39L.ti3)",
			Texts:     []string{"layouts/profiles/LICENSE-FOGRA39.txt"}},
	}
}

// Module is the licence of a Go module folio may link.
type Module struct {
	Licence string
	Texts   []string
}

// Modules maps the path of every Go module folio links (and "std", Go's
// standard library and runtime) to its licence. A module that is linked
// and missing here fails the tests.
func Modules() map[string]Module {
	goBSD := Module{"BSD-3-Clause", []string{"licences/go.BSD-3-Clause.txt"}}
	return map[string]Module{
		"std":                            goBSD,
		"golang.org/x/image":             goBSD,
		"golang.org/x/text":              goBSD,
		"golang.org/x/sys":               goBSD,
		"github.com/yuin/goldmark":       {"MIT", []string{"licences/goldmark.MIT.txt"}},
		"codeberg.org/go-pdf/fpdf":       {"MIT", []string{"licences/fpdf.MIT.txt"}},
		"go.yaml.in/yaml/v3":             {"MIT AND Apache-2.0", []string{"licences/yaml.MIT-and-Apache-2.0.txt", "licences/yaml.NOTICE.txt"}},
		"github.com/fsnotify/fsnotify":   {"BSD-3-Clause", []string{"licences/fsnotify.BSD-3-Clause.txt"}},
		"github.com/go-fonts/liberation": {"BSD-3-Clause (code), OFL-1.1 (fonts)", []string{"licences/go-fonts-liberation.BSD-3-Clause.txt", "licences/liberation-fonts.OFL-1.1.txt"}},
	}
}

// Write prints folio's licence and every component's: the data, then the
// Go modules the binary links as its build info lists them (with their
// versions), then Go's standard library. A module with no known licence is
// printed as such, never left out.
func Write(w io.Writer, info *debug.BuildInfo) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "folio is licensed under %s (LICENSE). It contains these components, each under its own licence;\n", Folio)
	fmt.Fprintf(tw, "the texts are in the release archive and folio's repository at the paths given (list in NOTICE).\n\n")
	for _, c := range Data() {
		fmt.Fprintf(tw, "%s: %s\n    Copyright %s\n    From %s\n    Text: %s\n", c.Name, c.Licence, c.Copyright, c.From, strings.Join(c.Texts, ", "))
	}
	fmt.Fprintf(tw, "\nGo module\tLicence\tText\n")
	mods := Modules()
	if info != nil {
		for _, d := range info.Deps {
			if d.Replace != nil {
				d = d.Replace
			}
			m, ok := mods[d.Path]
			if !ok {
				m = Module{Licence: "unknown to this list: see the module", Texts: []string{"-"}}
			}
			fmt.Fprintf(tw, "%s %s\t%s\t%s\n", d.Path, d.Version, m.Licence, strings.Join(m.Texts, ", "))
		}
	}
	std := mods["std"]
	goVersion := ""
	if info != nil {
		goVersion = " " + info.GoVersion
	}
	fmt.Fprintf(tw, "Go standard library%s\t%s\t%s\n", goVersion, std.Licence, strings.Join(std.Texts, ", "))
	return tw.Flush()
}
