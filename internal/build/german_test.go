package build

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-pub/folio/internal/testtool"
)

// TestGerman builds a German publication: a language that folio's Go code
// never names, given only by layouts/i18n/de.yaml.
func TestGerman(t *testing.T) {
	t.Parallel()
	out, _ := sharedBuild(t, "de")
	base := filepath.Join(out, "zivilgesellschaft", "zivilgesellschaft.de")
	pdf, err := os.ReadFile(base + ".pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Error("the PDF is not a PDF")
	}
	docs := readXHTML(t, base+".epub")

	var text, sections, nav strings.Builder
	for name, d := range docs {
		if d.lang != "de" {
			t.Errorf("%s: <html lang=%q>, want lang=\"de\"", name, d.lang)
		}
		if strings.Contains(d.text, `"`) {
			t.Errorf("%s: a straight \" is left in the text: %q", name, d.text)
		}
		text.WriteString(d.text)
		if d.isNav {
			nav.WriteString(d.heading)
		}
		if strings.Contains(d.text, "Zivilgesellschaft ist der Raum") || strings.Contains(d.text, "Was sie leistet") {
			sections.WriteString(d.text)
		}
	}
	if sections.Len() == 0 {
		t.Fatal("no section document in the EPUB")
	}
	for _, want := range []string{"„dritten Sektor“", "„so“", "geht’s", "‚halber‘", "Kasten\u00a01"} {
		if !strings.Contains(sections.String(), want) {
			t.Errorf("the sections lack %q", want)
		}
	}
	if got := nav.String(); got != "Inhalt" {
		t.Errorf("nav heading %q, want %q", got, "Inhalt")
	}
	for _, want := range []string{"Anmerkungen", "1. Mai 2019", "Lizenz"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the EPUB lacks the generated words %q", want)
		}
	}

	t.Run("EPUBCheck", func(t *testing.T) {
		msg, err := testtool.EPUBCheck(t, base+".epub")
		if err != nil || !strings.Contains(msg, "No errors or warnings detected") {
			t.Errorf("EPUBCheck: %v\n%s", err, msg)
		}
	})
}

// xhtmlDoc is what the test reads from one XHTML document of an EPUB.
type xhtmlDoc struct {
	lang    string // of the html element
	text    string // the character data of the body
	isNav   bool   // it holds the table of contents
	heading string // the first heading of the table of contents
}

// readXHTML reads every XHTML document of the EPUB at path, by file name.
func readXHTML(t *testing.T, path string) map[string]xhtmlDoc {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	docs := map[string]xhtmlDoc{}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		d, err := parseXHTML(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		docs[f.Name] = d
	}
	if len(docs) == 0 {
		t.Fatal("no XHTML in the EPUB")
	}
	return docs
}

func parseXHTML(r io.Reader) (xhtmlDoc, error) {
	var d xhtmlDoc
	dec := xml.NewDecoder(r)
	dec.Strict = true
	var inBody, inTOC, inHeading bool
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return d, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "html":
				for _, a := range tok.Attr {
					if a.Name.Local == "lang" && a.Name.Space == "" {
						d.lang = a.Value
					}
				}
			case "body":
				inBody = true
			case "nav":
				for _, a := range tok.Attr {
					if a.Name.Local == "type" && a.Value == "toc" {
						inTOC, d.isNav = true, true
					}
				}
			case "h1", "h2":
				inHeading = inTOC && d.heading == ""
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "nav":
				inTOC = false
			case "h1", "h2":
				inHeading = false
			}
		case xml.CharData:
			if inBody {
				text.Write(tok)
			}
			if inHeading {
				d.heading += string(tok)
			}
		}
	}
	d.text = text.String()
	return d, nil
}
