# folio: the usual entry points. `make` builds the sample editions into output/.
GO ?= go

.PHONY: all build test check bench lint figures clean

all: build

build:
	$(GO) run ./cmd/folio build

test:
	$(GO) test ./...

check:
	$(GO) run ./cmd/folio check

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

lint:
	gofmt -l . | (! grep .)
	$(GO) vet ./...
	$(GO) mod tidy -diff

figures:
	$(GO) run ./cmd/samplefigure source/civil-society/images/civil-society-roles.png

clean:
	rm -rf output/*/
