# Build, install, test and demo the Vercel plugin and its engines.
SHELL := /bin/bash
GO    ?= go

STEAMPIPE_DIR ?= $(HOME)/.steampipe
PLUGIN_DIR    := $(STEAMPIPE_DIR)/plugins/local/vercel
CONFIG_FILE   := $(STEAMPIPE_DIR)/config/vercel.spc

SQLITE_EXT ?= steampipe_sqlite_vercel.so
EXPORTER   := steampipe_export_vercel
TERMSAFE   ?= bin/termsafe
# make postgres builds the extension into PG_BUILD for the PostgreSQL that
# PG_CONFIG describes; make postgres-install installs it there.
PG_BUILD  ?= build/postgres
PG_CONFIG ?= pg_config

# make query reads SQL, or SQL_FILE (a file, - for stdin), in scripts/query.sh.
# Passed on as typed: make would expand a "$" in them when exporting.
ifdef SQL
override SQL := $(value SQL)
export SQL
endif
ifdef SQL_FILE
override SQL_FILE := $(value SQL_FILE)
export SQL_FILE
endif

# make bench: the emulator's size and per-request latency.
TOKENS  ?= 5000
LATENCY ?= 20ms
# make bench-report: the organisations the report is measured on (connections of 300 tokens)
CONNECTIONS ?= 50,200,500

.PHONY: build install deps test-deps sqlite export termsafe query demo test lint bench emulator clean

build:
	$(GO) build -o bin/vercel.plugin .

# Steampipe loads local plugins from plugins/local/<name>/<name>.plugin; the
# connection in config/vercel.spc says plugin = "local/vercel".
install: build
	mkdir -p $(PLUGIN_DIR) $(dir $(CONFIG_FILE))
	install -m 0755 bin/vercel.plugin $(PLUGIN_DIR)/vercel.plugin
	@if [ -e $(CONFIG_FILE) ]; then \
		echo "kept the existing $(CONFIG_FILE)"; \
	else \
		install -m 0600 config/vercel.spc $(CONFIG_FILE); \
		echo "installed $(CONFIG_FILE): set api_token there or export VERCEL_API_TOKEN"; \
	fi

deps:
	@scripts/install-deps.sh

# The tests also run the Powerpipe mod through Powerpipe v1.5.2, built once per
# machine into $(go env GOPATH)/bin (scripts/install-powerpipe.sh); the other
# targets do not need it.
test-deps: deps
	@GO=$(GO) scripts/install-powerpipe.sh

sqlite: deps
	$(GO) build -buildmode=c-shared -o $(SQLITE_EXT) ./engines/sqlite
	@rm -f $(SQLITE_EXT:.so=.h)

export:
	$(GO) build -o $(EXPORTER) ./engines/export

termsafe:
	@$(GO) build -o $(TERMSAFE) ./scripts/termsafe
# The Postgres engine (docs/index.md#postgres): the .so, .control, --1.0.sql
# and install.sh in $(PG_BUILD). postgres-install installs them into the
# machine's PostgreSQL, for real use; postgres-shell opens psql on a
# throw-away cluster with the extension (VERCEL_API_TOKEN, VERCEL_BASE_URL).
.PHONY: postgres postgres-install postgres-shell
postgres: deps
	mkdir -p $(PG_BUILD)
	$(MAKE) -C $(PG_BUILD) -f $(CURDIR)/engines/postgres/fdw/Makefile VPATH=$(CURDIR)/engines/postgres/fdw \
		PG_CONFIG=$(PG_CONFIG) GO=$(GO) with_llvm=no

postgres-install: postgres
	PG_CONFIG=$(PG_CONFIG) $(PG_BUILD)/install.sh

postgres-shell: deps
	@PG_CONFIG=$(PG_CONFIG) GO=$(GO) scripts/postgres-shell.sh

# The main job: SQL over your Vercel tokens, with VERCEL_API_TOKEN set.
query: sqlite termsafe
	@SQLITE_EXTENSION='$(abspath $(basename $(SQLITE_EXT)))' TERMSAFE='$(abspath $(TERMSAFE))' scripts/query.sh

demo: deps
	@scripts/demo.sh

# The token audit (docs/compliance.md) over the connection in VERCEL_API_TOKEN,
# VERCEL_TEAM and VERCEL_BASE_URL, e.g. make report ARGS='--output sarif --fail-on high'.
# make itself exits 2 whenever a recipe fails, so this prints the command's own
# status; scripts/report.sh exits with it, for cron and CI.
.PHONY: report
report: deps
	@scripts/report.sh $(ARGS) || { status=$$?; echo "make report: steampipe_report_vercel exited $$status (make exits 2; scripts/report.sh exits $$status)" >&2; exit $$status; }

# The report's cost against a bare pager, and its list requests (docs/benchmarks.md).
.PHONY: bench-report
bench-report: deps
	$(GO) test ./engines/report -run '^$$' -bench 'Report$$' -benchtime 3x -timeout 30m -args -tokens $(TOKENS) -latency $(LATENCY)
	$(GO) test ./engines/report -run '^$$' -bench ReportOrganisation -benchtime 1x -timeout 60m -args -connections $(CONNECTIONS) -latency $(LATENCY)

lint:
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# The tests bring their own emulator: a VERCEL_* variable left over from a
# make emulator session must not steer them.
# The SDK copy is a module of its own: ./... leaves it out, so its patched
# packages' upstream tests run here (third_party/steampipe-plugin-sdk/PATCHES.md).
SDK_PATCHED := ./plugin ./query_cache ./grpc

test: test-deps lint
	env -u VERCEL_API_TOKEN -u VERCEL_TEAM -u VERCEL_BASE_URL $(GO) test -race -timeout 20m ./...
	cd third_party/steampipe-plugin-sdk && $(GO) test -race -timeout 5m $(SDK_PATCHED)
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(TEST_FUZZTIME)

# Every Fuzz target of the *_fuzz_test.go files, FUZZTIME each (make fuzz
# FUZZTIME=10m for a long run); make test runs them for TEST_FUZZTIME each.
# A failing input is saved under the package's testdata/fuzz/ and from then
# on runs with the package's tests.
FUZZTIME      ?= 1m
TEST_FUZZTIME := 6s
FUZZ_FILES    := $(shell find . -name '*_fuzz_test.go' -not -path './third_party/*' | sort)

.PHONY: fuzz
fuzz:
	@for file in $(FUZZ_FILES); do \
		for target in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$file); do \
			echo "fuzzing $$target in $$(dirname $$file) for $(FUZZTIME)"; \
			$(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$(dirname $$file) || exit 1; \
		done; \
	done

bench:
	$(GO) test ./e2e -run '^$$' -bench FullScan -benchtime 3x -timeout 30m -args -tokens $(TOKENS) -latency $(LATENCY)
	$(GO) test ./engines/postgres -run '^$$' -bench 'Postgres(FullScan|BackendMemory)' -benchtime 1x -timeout 30m -args -tokens $(TOKENS) -latency $(LATENCY) -memory-tokens 100000

# Revoking 500 tokens with one DELETE, in PostgreSQL and SQLite, against 500
# bare sequential DELETE requests (docs/benchmarks.md).
.PHONY: bench-revoke
bench-revoke: deps
	$(GO) test ./engines/postgres -run '^$$' -bench PostgresRevoke -benchtime 3x -timeout 30m -args -revoke-tokens 500 -latency $(LATENCY)
	$(GO) test ./engines/sqlite -run '^$$' -bench SQLiteRevoke -benchtime 3x -timeout 30m -args -revoke-tokens 500 -latency $(LATENCY)

# Serves the sample fixture on 127.0.0.1:8787 and prints what to export.
emulator:
	@scripts/emulator.sh

clean:
	rm -rf bin $(PG_BUILD) $(SQLITE_EXT) $(SQLITE_EXT:.so=.h) $(EXPORTER)
