# folio: the usual entry points. `make` builds the sample editions into output/.
GO ?= go

.PHONY: all build test check bench lint figures profiles clean ci-fresh release-snapshot release

all: build

build:
	$(GO) run ./cmd/folio build

# then the tests of the concurrent build again under the race detector, which
# needs a C compiler (without one they are skipped, except in CI): the worker
# pool and the cache it shares (a series built twice, a check that reads the
# cache, a cancelled build), a session's builds with what it keeps shared
# by editions built at once, a publication's files written at once, and watch
RACE_TESTS = ^(TestPublicationsStartInOrder|TestSessionAsCold|TestWriteAllOrNothing|TestCheckReadsCache|TestCancelled|TestWatchRebuildsWhatChanged|TestWatchRescans|TestRebuildList)$$

test:
	$(GO) test -timeout 30m ./...
	@if [ "$$CI" = true ] || command -v "$$($(GO) env CC)" >/dev/null; then \
		echo "$(GO) test -race -short -run '$(RACE_TESTS)' ./internal/build/ ./internal/watch/"; \
		$(GO) test -race -short -run '$(RACE_TESTS)' ./internal/build/ ./internal/watch/; \
	else echo 'make test: no C compiler ($(GO) env CC), so the race detector run is skipped (CI runs it)'; fi

check:
	$(GO) run ./cmd/folio check

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# lint fails when gofmt fails or lists a file, on any vet or staticcheck
# finding, and on a type switch over a sum type (//sumtype:decl: doc.Block,
# doc.Inline) that does not name every kind, a default case or not, and on a
# function of cyclomatic complexity over 30 (gocyclo; tests aside).
lint:
	@echo 'gofmt -l .'; files=$$(gofmt -l .) || exit 1; \
	if [ -n "$$files" ]; then echo "gofmt: not formatted (run gofmt -w):" >&2; echo "$$files" >&2; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) tool go-check-sumtype -default-signifies-exhaustive=false ./...
	$(GO) mod tidy -diff
	@echo "$(GO) tool gocyclo -over 30 -ignore '_test\.go\$$' ."; \
	$(GO) tool gocyclo -over 30 -ignore '_test\.go$$' . || { echo 'gocyclo: the functions above are over cyclomatic 30: split them along their seams' >&2; exit 1; }

figures:
	$(GO) run ./cmd/samplefigure source/civil-society/images/civil-society-roles.png

# The print edition's default printing condition, FOGRA39 (coated offset,
# ISO 12647-2:2004/Amd 1), as an ICC output profile built with Argyll CMS's
# colprof (Debian: argyll) from Fogra's characterisation data FOGRA39L.ti3 as
# Debian's icc-profiles-free ships it (zlib licence; layouts/profiles/README.md).
# Medium quality (-q m: A2B tables of 9 points a side; -b m: B2A of 17), total
# ink 300 % (-l 300), the black ramp of colprof's default (-k r); no copy of
# the measurements in the profile (-nc). colprof stamps the header with the
# time it ran, so a rebuild differs from the committed file in those bytes.
# Then the profile deflated as the print PDF embeds it (FOGRA39.icc.zlib).
ICC_DATA ?= /usr/share/color/icc
profiles:
	tmp=$$(mktemp -d) && cp $(ICC_DATA)/FOGRA39L.ti3 "$$tmp/" && \
	(cd "$$tmp" && colprof -q m -b m -nc -k r -l 300 -A "folio" \
		-D "Coated FOGRA39 (ISO 12647-2:2004/Amd 1), 300% TAC, from FOGRA39L.ti3" \
		-C "Data: Fogra FOGRA39L (zlib licence, icc-profiles-free); profile: folio, colprof" \
		FOGRA39L >/dev/null) && \
	cp "$$tmp/FOGRA39L.icc" layouts/profiles/FOGRA39.icc && rm -rf "$$tmp" && \
	$(GO) test ./internal/pdf -run '^TestProfilesDeflated$$' -update

clean:
	rm -rf output/*/

# .ci/run as on a fresh machine: the hand-installed tools hidden (.ci/fresh)
ci-fresh:
	bash .ci/fresh

# GoReleaser, pinned here and run with go run (not a go.mod tool: its many
# modules stay out of folio's go.mod). release-snapshot builds every archive
# into dist/ without publishing; release publishes the tag checked out
# (the release workflow runs it, with GITHUB_TOKEN).
GORELEASER = $(GO) run github.com/goreleaser/goreleaser/v2@v2.17.0

release-snapshot:
	$(GORELEASER) release --snapshot --clean

release:
	$(GORELEASER) release --clean
