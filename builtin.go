// Package folio holds the files built into the folio program, so that a
// content repository needs only its source/: the layouts (layouts/*.yaml),
// the words files of each language (layouts/i18n/*.yaml) with their
// hyphenation patterns (layouts/i18n/hyphenation/), the printing conditions'
// profiles (layouts/profiles/, each with its zlib stream beside it), and the font manifest
// (fonts/fonts.yaml, whose families are the Liberation fonts of their Go
// module). They are the very files of this checkout, embedded: one copy.
// A series' own layouts/ and fonts/ folders are laid over them file by file
// (package overlay).
package folio

import (
	"embed"
	"io/fs"
)

//go:embed layouts/*.yaml layouts/csl/*.csl layouts/csl/*.xml layouts/i18n/*.yaml layouts/i18n/hyphenation/*.dic layouts/profiles/*.icc layouts/profiles/*.icc.zlib fonts/fonts.yaml
var builtin embed.FS

// Layouts returns the built-in layouts folder: <name>.yaml, i18n/<lang>.yaml
// and i18n/hyphenation/*.dic.
func Layouts() fs.FS { return sub("layouts") }

// Fonts returns the built-in fonts folder: fonts.yaml.
func Fonts() fs.FS { return sub("fonts") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(builtin, dir)
	if err != nil {
		panic(err) // dir is one of the embedded folders: cannot happen
	}
	return f
}
