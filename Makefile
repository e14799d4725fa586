# sockshell — build, run, test. `make run` starts the shell; `make test` runs the whole test suite.
# Both install what they need on a fresh Debian machine (libedit-dev, libpcap-dev, pkg-config) when run as
# root with apt.

SWIFT ?= swift
BIN_DEBUG := .build/debug/sockshell
BIN_RELEASE := .build/release/sockshell

.PHONY: deps build release run test bench fuzz lint-man clean

# System packages: libedit-dev (line editing; a SwiftPM system library), pkg-config (finds it),
# libpcap-dev (the wire view's packet capture; a SwiftPM system library too),
# iproute2 (ip, for the private network namespaces of the multicast/broadcast tests), mandoc (man lint).
deps:
	@need=""; opt=""; \
	pkg-config --exists libedit 2>/dev/null || need="libedit-dev pkg-config"; \
	pkg-config --exists libpcap 2>/dev/null || need="$$need libpcap-dev pkg-config"; \
	command -v ip >/dev/null 2>&1 || opt="$$opt iproute2"; \
	command -v mandoc >/dev/null 2>&1 || opt="$$opt mandoc"; \
	if [ -n "$$need$$opt" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing with apt-get:$$need$$opt"; \
	  apt-get install -y -q $$need $$opt >/dev/null 2>&1 || \
	  { apt-get update -q >/dev/null 2>&1; apt-get install -y -q $$need $$opt >/dev/null 2>&1; } || \
	  { [ -n "$$need" ] && apt-get install -y -q $$need >/dev/null 2>&1; } || true; \
	fi; \
	if ! pkg-config --exists libedit 2>/dev/null; then \
	  echo "libedit is missing: run  sudo apt-get install libedit-dev pkg-config  (Debian/Ubuntu) and retry"; \
	  exit 1; \
	fi; \
	if ! pkg-config --exists libpcap 2>/dev/null; then \
	  echo "libpcap is missing: run  sudo apt-get install libpcap-dev pkg-config  (Debian/Ubuntu) and retry"; \
	  exit 1; \
	fi; \
	command -v mandoc >/dev/null 2>&1 || echo "note: mandoc is not installed; the man-page lint is skipped"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	@$(BIN_RELEASE)

# The test suite: unit tests, real-socket tests, transcript replays of examples/ (multicast and broadcast
# inside private network namespaces), pseudo-terminal tests of the REPL, and the man-page lint.
test: deps
	$(SWIFT) build
	$(SWIFT) test
	@if command -v mandoc >/dev/null 2>&1; then mandoc -Tlint -W warning man/sockshell.1 && echo "man page: lint clean"; fi

bench: release
	bash bench/run

fuzz: deps
	bash fuzz/run

clean:
	rm -rf .build
