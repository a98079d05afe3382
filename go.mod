module github.com/folio-pub/folio

go 1.26.0

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/go-fonts/liberation v0.3.3
	github.com/yuin/goldmark v1.8.7
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/image v0.48.0
	golang.org/x/text v0.44.0
)
