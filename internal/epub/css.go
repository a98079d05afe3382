package epub

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/folio-pub/folio/internal/fonts"
	"github.com/folio-pub/folio/internal/style"
)

// fontMediaType is the EPUB 3.2 core media type of TrueType fonts, which EPUBCheck 4.2 accepts.
const fontMediaType = "font/ttf"

// fontFile is one embedded TrueType file.
type fontFile struct {
	href string // fonts/Name.ttf
	id   string
	face *fonts.Face
}

// faceRule is one @font-face rule: a family of the layout in one style.
type faceRule struct {
	family string
	style  style.FontStyle
	file   *fontFile
}

// planFonts collects the faces the layout uses, in first-seen order: every text
// style's face, then the bold and italic faces of the body and box fonts, which
// emphasis needs.
func (b *book) planFonts(set *fonts.Set) error {
	if set == nil {
		return nil
	}
	type key struct {
		family string
		style  style.FontStyle
	}
	var keys []key
	seen := map[key]bool{}
	add := func(family string, st style.FontStyle) {
		if st == "" {
			st = style.Regular
		}
		k := key{family, st}
		if family == "" || seen[k] {
			return
		}
		seen[k] = true
		keys = append(keys, k)
	}
	for _, ns := range b.l.Text.Styles() {
		add(ns.Style.Font.Name, ns.Style.Style)
	}
	for _, fam := range []string{b.l.Text.Body.Font.Name, b.l.Text.Box.Font.Name} {
		for _, st := range []style.FontStyle{style.Bold, style.Italic, style.BoldItalic} {
			add(fam, st)
		}
	}
	byFace := map[*fonts.Face]*fontFile{}
	usedNames := map[string]bool{}
	for _, k := range keys {
		face, err := set.Face(k.family, k.style)
		if err != nil {
			return fmt.Errorf("epub: font for %s %s: %w", k.family, k.style, err)
		}
		if face == nil || len(face.Data) == 0 {
			return fmt.Errorf("epub: font for %s %s has no data", k.family, k.style)
		}
		ff := byFace[face]
		if ff == nil {
			stem := safeName(face.Name)
			if stem == "" {
				stem = safeName(k.family + "-" + string(k.style))
			}
			if stem == "" {
				stem = "font"
			}
			name := stem
			for n := 2; usedNames[name]; n++ {
				name = fmt.Sprintf("%s-%d", stem, n)
			}
			usedNames[name] = true
			ff = &fontFile{href: "fonts/" + name + ".ttf", id: fmt.Sprintf("font-%d", len(b.fontFiles)+1), face: face}
			b.fontFiles = append(b.fontFiles, ff)
			byFace[face] = ff
		}
		b.faces = append(b.faces, faceRule{family: k.family, style: k.style, file: ff})
	}
	return nil
}

// cssFamily is the CSS font-family value for a layout family: the embedded
// face under a prefixed name, then a generic family.
func (b *book) cssFamily(family string) string {
	return cssString("folio-"+family) + ", " + genericFamily(family, b.faceName(family))
}

func (b *book) faceName(family string) string {
	for _, r := range b.faces {
		if r.family == family {
			return r.file.face.Name
		}
	}
	return ""
}

// genericFamily guesses the generic CSS family from the family and face names.
func genericFamily(family, face string) string {
	s := strings.ToLower(family + " " + face)
	switch {
	case strings.Contains(s, "mono"), strings.Contains(s, "code"), strings.Contains(s, "courier"):
		return "monospace"
	case strings.Contains(s, "sans"), strings.Contains(s, "arial"), strings.Contains(s, "helvetica"):
		return "sans-serif"
	}
	return "serif"
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&sb, "\\%x ", r)
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// num formats a CSS number with at most three decimals.
func num(x float64) string {
	x = math.Round(x*1000) / 1000
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// em expresses a length in points as em of a font of size pt.
func em(points, size float64) string {
	if size <= 0 || points == 0 {
		return "0"
	}
	return num(points/size) + "em"
}

const ptPerMM = 72 / 25.4

// textRule writes the declarations of a text style, its size relative to parent
// points. extra declarations ("property: value") replace those of the same
// property; a "margin" shorthand replaces margin-top and margin-bottom.
func (b *book) textRule(sb *strings.Builder, sel string, ts *style.TextStyle, parent float64, extra ...string) {
	type decl struct{ prop, value string }
	var decls []decl
	set := func(prop, value string) {
		for i := range decls {
			if decls[i].prop == prop {
				decls[i].value = value
				return
			}
		}
		decls = append(decls, decl{prop, value})
	}
	if ts.Font.Name != "" {
		set("font-family", b.cssFamily(ts.Font.Name))
	}
	weight, slant := "normal", "normal"
	if ts.Style == style.Bold || ts.Style == style.BoldItalic {
		weight = "bold"
	}
	if ts.Style == style.Italic || ts.Style == style.BoldItalic {
		slant = "italic"
	}
	set("font-weight", weight)
	set("font-style", slant)
	if ts.Size > 0 && parent > 0 {
		set("font-size", num(ts.Size/parent)+"em")
		if ts.Leading > 0 {
			set("line-height", num(ts.Leading/ts.Size))
		}
	}
	set("color", b.l.Resolve(ts.Color).Hex())
	if ts.Align != "" {
		set("text-align", string(ts.Align))
	}
	set("margin-top", em(ts.SpaceBefore, ts.Size))
	set("margin-bottom", em(ts.SpaceAfter, ts.Size))
	if ts.Uppercase {
		set("text-transform", "uppercase")
	}
	for _, e := range extra {
		prop, value, _ := strings.Cut(e, ":")
		prop, value = strings.TrimSpace(prop), strings.TrimSpace(value)
		if prop == "margin" {
			kept := decls[:0]
			for _, d := range decls {
				if d.prop != "margin-top" && d.prop != "margin-bottom" {
					kept = append(kept, d)
				}
			}
			decls = kept
		}
		set(prop, value)
	}
	fmt.Fprintf(sb, "%s {\n", sel)
	for _, d := range decls {
		fmt.Fprintf(sb, "  %s: %s;\n", d.prop, d.value)
	}
	sb.WriteString("}\n")
}

// sizeRule writes a rule that only sets the font size of a role inside another context.
func sizeRule(sb *strings.Builder, sel string, size, parent float64) {
	if size > 0 && parent > 0 {
		fmt.Fprintf(sb, "%s {\n  font-size: %sem;\n}\n", sel, num(size/parent))
	}
}

// stylesheet generates the one stylesheet from the layout. Sizes are em relative
// to the body size, so the reader's font-size setting scales everything.
func (b *book) stylesheet() []byte {
	l := b.l
	t := &l.Text
	body := t.Body.Size
	var sb strings.Builder
	sb.WriteString("/* Generated by folio from the layout " + strings.ReplaceAll(l.Name, "*/", "") + ". */\n\n")
	for _, r := range b.faces {
		weight, slant := "normal", "normal"
		if r.style == style.Bold || r.style == style.BoldItalic {
			weight = "bold"
		}
		if r.style == style.Italic || r.style == style.BoldItalic {
			slant = "italic"
		}
		fmt.Fprintf(&sb, "@font-face {\n  font-family: %s;\n  font-weight: %s;\n  font-style: %s;\n  src: url(\"../%s\");\n}\n",
			cssString("folio-"+r.family), weight, slant, r.file.href)
	}
	rule := l.Colors.Rule.Hex()

	sb.WriteString("\nbody {\n  margin: 0;\n")
	if t.Body.Font.Name != "" {
		fmt.Fprintf(&sb, "  font-family: %s;\n", b.cssFamily(t.Body.Font.Name))
	}
	if t.Body.Size > 0 && t.Body.Leading > 0 {
		fmt.Fprintf(&sb, "  line-height: %s;\n", num(t.Body.Leading/t.Body.Size))
	}
	fmt.Fprintf(&sb, "  color: %s;\n}\n", b.l.Resolve(t.Body.Color).Hex())
	fmt.Fprintf(&sb, "p {\n  margin: 0 0 %s 0;\n  text-align: %s;\n  hyphens: auto;\n  -webkit-hyphens: auto;\n}\n",
		em(t.Body.SpaceAfter, body), t.Body.Align)
	fmt.Fprintf(&sb, "a {\n  color: %s;\n}\n", l.Colors.Accent.Hex())
	fmt.Fprintf(&sb, "sup {\n  line-height: 0;\n  font-size: 0.75em;\n}\n")
	for lvl := 1; lvl <= 3; lvl++ {
		sel := fmt.Sprintf("h%d", lvl)
		if lvl == 3 {
			sel = "h3, h4, h5, h6"
		}
		b.textRule(&sb, sel, t.Heading(lvl), body, "page-break-after: avoid", "break-after: avoid")
	}

	// Lists, quotes, rules, code.
	indent := l.List.Indent * ptPerMM
	fmt.Fprintf(&sb, "ul, ol {\n  margin: 0 0 %s 0;\n  padding-left: %s;\n}\n", em(t.Body.SpaceAfter, body), em(indent, body))
	if l.List.Bullet != "" && l.List.Bullet != "•" {
		fmt.Fprintf(&sb, "ul {\n  list-style-type: %s;\n}\n", cssString(l.List.Bullet+" "))
	}
	sb.WriteString("li > p {\n  margin: 0 0 0.25em 0;\n}\n")
	fmt.Fprintf(&sb, "blockquote {\n  margin: 0 0 %s %s;\n}\n", em(t.Body.SpaceAfter, body), em(indent, body))
	fmt.Fprintf(&sb, "hr {\n  border: 0;\n  border-top: 0.5pt solid %s;\n  margin: 1em 0;\n}\n", rule)
	b.textRule(&sb, "pre", &t.Code, body, "white-space: pre-wrap", "text-align: left")
	fmt.Fprintf(&sb, "code {\n  font-family: %s;\n  font-size: %sem;\n}\n", b.cssFamily(t.Code.Font.Name), num(t.Code.Size/body))
	sb.WriteString("pre code {\n  font-size: 1em;\n}\n")

	// Figures and tables.
	fmt.Fprintf(&sb, "figure {\n  margin: 1em 0;\n  text-align: center;\n  page-break-inside: avoid;\n}\n")
	fmt.Fprintf(&sb, "figure img {\n  max-width: %s%%;\n  height: auto;\n}\n", num(l.Figure.MaxWidth*100))
	b.textRule(&sb, "figcaption", &t.Caption, body)
	b.textRule(&sb, "table", &t.Table, body, "margin: 1em 0", "border-collapse: collapse",
		fmt.Sprintf("border-top: %spt solid %s", num(l.Table.RuleWidth), rule),
		fmt.Sprintf("border-bottom: %spt solid %s", num(l.Table.RuleWidth), rule))
	fmt.Fprintf(&sb, "th, td {\n  padding: %s;\n  vertical-align: top;\n  text-align: left;\n}\n", em(l.Table.CellPadding*ptPerMM, t.Table.Size))
	fmt.Fprintf(&sb, "thead th {\n  font-weight: bold;\n  border-bottom: %spt solid %s;\n}\n", num(l.Table.RuleWidth), rule)
	sb.WriteString(".align-left {\n  text-align: left;\n}\n.align-center {\n  text-align: center;\n}\n.align-right {\n  text-align: right;\n}\n")

	// Boxes: sizes inside are relative to the box text.
	box := t.Box.Size
	extra := []string{"margin: 1em 0", "page-break-inside: avoid",
		fmt.Sprintf("padding: %s", em(l.Box.Padding*ptPerMM, box)),
		fmt.Sprintf("background-color: %s", l.Colors.BoxBackground.Hex())}
	if l.Box.RuleWidth > 0 {
		extra = append(extra, fmt.Sprintf("border-left: %spt solid %s", num(l.Box.RuleWidth), rule))
	}
	b.textRule(&sb, "aside.box", &t.Box, body, extra...)
	fmt.Fprintf(&sb, "aside.box p {\n  margin: 0 0 %s 0;\n  text-align: %s;\n}\n", em(t.Box.SpaceAfter, box), t.Box.Align)
	b.textRule(&sb, "aside.box .box-title", &t.BoxTitle, box, "margin-top: 0")
	sizeRule(&sb, "aside.box figcaption", t.Caption.Size, box)
	sizeRule(&sb, "aside.box table", t.Table.Size, box)
	sizeRule(&sb, "aside.box pre", t.Code.Size, box)

	// Notes at the end of each section.
	notes := t.Notes.Size
	b.textRule(&sb, "section.footnotes", &t.Notes, body, "margin-top: 2em",
		fmt.Sprintf("border-top: 0.5pt solid %s", rule), "padding-top: 0.5em")
	fmt.Fprintf(&sb, "section.footnotes p {\n  margin: 0 0 %s 0;\n  text-align: %s;\n}\n", em(t.Notes.SpaceAfter, notes), t.Notes.Align)
	b.textRule(&sb, "section.footnotes .notes-title", &t.Heading2, notes)
	sb.WriteString("aside.footnote .note-number {\n  font-weight: bold;\n  padding-right: 0.25em;\n}\n")
	sizeRule(&sb, "section.footnotes figcaption", t.Caption.Size, notes)
	sizeRule(&sb, "section.footnotes table", t.Table.Size, notes)
	sizeRule(&sb, "section.footnotes pre", t.Code.Size, notes)

	// The title page.
	fmt.Fprintf(&sb, ".titlepage .band {\n  background-color: %s;\n  color: %s;\n  padding: 1em;\n  margin: 0 0 2em 0;\n}\n",
		l.Colors.CoverBand.Hex(), l.Colors.CoverText.Hex())
	b.textRule(&sb, ".titlepage .series", &t.CoverSeries, body, "margin: 0")
	b.textRule(&sb, ".titlepage .title", &t.CoverTitle, body, "hyphens: manual")
	b.textRule(&sb, ".titlepage .subtitle", &t.CoverSubtitle, body, "hyphens: manual")
	b.textRule(&sb, ".titlepage .footer", &t.CoverFooter, body, "margin-top: 3em")
	sb.WriteString(".titlepage .footer p, .titlepage dl {\n  margin: 0 0 0.5em 0;\n  text-align: inherit;\n}\n")
	sb.WriteString(".titlepage dt {\n  font-weight: bold;\n}\n.titlepage dd {\n  margin: 0 0 0.5em 0;\n}\n")

	// The table of contents.
	b.textRule(&sb, "nav#toc > ol", &t.Contents, body, "list-style-type: none", "padding-left: 0")
	sb.WriteString("nav#toc ol ol {\n  list-style-type: none;\n  padding-left: 1.5em;\n  margin: 0;\n}\n")
	sb.WriteString("nav#toc li {\n  margin: 0.25em 0;\n}\n")
	sb.WriteString("nav#toc a {\n  text-decoration: none;\n}\n")
	return []byte(sb.String())
}
