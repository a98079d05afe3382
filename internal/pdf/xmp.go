package pdf

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/folio-pub/folio/internal/page"
)

// xmpMeta describes the document in XMP, as PDF/X-4 and PDF/UA-1 require:
// the same title, author, dates and producer as the document information, its
// language, and the identification of the standard the edition follows.
type xmpMeta struct {
	info     page.Info
	producer string
	docID    string // a UUID derived from the content, the same for both editions
	instID   string // a UUID of this edition
	print    bool   // PDF/X-4; else PDF/UA-1
	pdfa     bool   // and PDF/A-2a
}

func (m xmpMeta) bytes() []byte {
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	in := m.info
	date := infoDate(in).UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"`)
	switch {
	case m.print:
		b.WriteString("\n xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n")
	case m.pdfa:
		b.WriteString("\n xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
	default:
		b.WriteString("\n xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
	}
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if in.ID != "" && !m.print {
		// the digital PDF's name, which the EPUB's page-list gives as its source
		fmt.Fprintf(&b, "<dc:identifier>%s</dc:identifier>\n", esc(in.ID))
	}
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(in.Title))
	if in.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(in.Author))
	}
	if in.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(in.Subject))
	}
	if in.Lang != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(in.Lang))
	}
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	b.WriteString("<xmp:CreatorTool>folio</xmp:CreatorTool>\n")
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(m.producer))
	if in.Keywords != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(in.Keywords))
	}
	b.WriteString("<pdf:Trapped>False</pdf:Trapped>\n")
	fmt.Fprintf(&b, "<xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n<xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n", m.docID, m.instID)
	b.WriteString("<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n")
	if m.print {
		b.WriteString("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n")
	} else {
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	}
	if m.pdfa {
		b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n")
	}
	b.WriteString("</rdf:Description>\n")
	if m.pdfa {
		b.WriteString(pdfuaExtension)
	}
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n")
	// room to edit the packet in place, as XMP recommends
	b.WriteString(strings.Repeat(strings.Repeat(" ", 99)+"\n", 20))
	b.WriteString("<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// pdfuaExtension describes the PDF/UA identification schema in the PDF/A
// extension schema's terms: PDF/A-2 admits in XMP only the schemas it
// predefines and those a file describes (ISO 19005-2, 6.6.2.3).
const pdfuaExtension = `<rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`
