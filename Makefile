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

# lint fails when gofmt fails or lists a file, and on any vet or staticcheck finding.
lint:
	@echo 'gofmt -l .'; files=$$(gofmt -l .) || exit 1; \
	if [ -n "$$files" ]; then echo "gofmt: not formatted (run gofmt -w):" >&2; echo "$$files" >&2; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) mod tidy -diff

figures:
	$(GO) run ./cmd/samplefigure source/civil-society/images/civil-society-roles.png

clean:
	rm -rf output/*/
