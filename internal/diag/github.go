package diag

import (
	"strconv"
	"strings"
)

// Annotation formats d as a GitHub Actions workflow command, which the
// runner shows as an annotation on the file's line in a pull request:
// ::error file=PATH,line=L,col=C::message (::warning for a warning). The
// file is named as it is in d.Pos (the caller makes it relative to the
// repository root); an unknown line or column is left out. The message and
// the property values are escaped as GitHub requires, so that a message
// with a newline, a colon or a comma stays one command.
func (d Diagnostic) Annotation() string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(d.Severity.String())
	var props []string
	if d.Pos.File != "" {
		props = append(props, "file="+escapeProperty(d.Pos.File))
		if d.Pos.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Pos.Line))
			if d.Pos.Col > 0 {
				props = append(props, "col="+strconv.Itoa(d.Pos.Col))
			}
		}
	}
	if len(props) > 0 {
		b.WriteString(" ")
		b.WriteString(strings.Join(props, ","))
	}
	b.WriteString("::")
	b.WriteString(escapeData(d.Msg))
	return b.String()
}

// escapeData escapes a workflow command's message (actions/toolkit's escapeData).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value
// (actions/toolkit's escapeProperty): also ':' and ',', which end a value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
