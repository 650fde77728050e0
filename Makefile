# sfsql.so, the loadable SQLite extension: only sqlite3_sfsql_init is exported.
GO ?= go

sfsql.so: $(shell find . -name '*.go' -o -name '*.c' -o -name '*.h' | grep -v _test.go) cmd/sfsql-ext/exports.map
	$(GO) build -buildmode=c-shared -trimpath \
		-ldflags='-s -w -extldflags=-Wl,--version-script=$(CURDIR)/cmd/sfsql-ext/exports.map' \
		-o sfsql.so ./cmd/sfsql-ext
	rm -f sfsql.h

sfsql:
	$(GO) build -o sfsql ./cmd/sfsql

test:
	$(GO) test ./...

.PHONY: sfsql test
