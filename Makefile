# The two commands of the README:
#   make run    install what is missing, build, create the demo council, show its summary, and serve it
#               on http://127.0.0.1:8080/ with a new admin password printed once
#   make test   install what is missing, build, and run every test (normal and ASan+UBSan builds)
.PHONY: run test deps web build build-cli build-asan build-tsan build-fuzz test-release test-asan test-tsan test-fuzz test-web bench clean

JOBS ?= $(shell nproc)
# Benchmarks in `make run` use the published national data beside the project, when it is there;
# the demo council is modelled on Bury.
NATIONAL ?= $(if $(wildcard ../shared/data/ascof/trend_data.csv),--national-data ../shared/data --council Bury)

deps:
	@./scripts/install-deps.sh

# The browser UI (web/, npm): built before the C++ so `ascent serve` embeds it. Without Node.js the
# server still builds and says the UI is missing; with it, a failed install or build stops the build.
web:
	@if ! command -v npm >/dev/null; then echo "npm not found: building without the browser UI"; \
	 else cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } \
	   && npm run --silent build; fi

build: deps web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-cli: deps web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target ascent

build-asan: deps web
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

# ThreadSanitizer over the server and application tests (not in `make test`: it does not fit CI's
# time; run it when touching threads, the server or the shared snapshot).
build-tsan: deps web
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)

# The libFuzzer targets (tests/fuzz) with clang 14's ASan+UBSan: each over its corpus, then 10 s of
# fuzzing. Not yet in `make test`: the clang build has not been run to the end on CI's time budget.
build-fuzz: web
	@./scripts/install-deps.sh fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)

run: build-cli
	@./build/release/src/ascent --db demo-council/ascent.db demo --dir demo-council
	@./build/release/src/ascent --db demo-council/ascent.db user add admin --role admin --generate-password 2>/dev/null || \
	 ./build/release/src/ascent --db demo-council/ascent.db user password admin --generate-password
	@echo "Sign in at http://127.0.0.1:8080/ as admin with the password above."
	@./build/release/src/ascent --db demo-council/ascent.db serve --programme demo-council/cases/programme.yaml $(NATIONAL)

test-release: build
	@ctest --preset release -j $(JOBS)

test-asan: build-asan
	@ctest --preset asan -j $(JOBS)

test-tsan: build-tsan
	@ctest --preset tsan -j $(JOBS)

test-fuzz: build-fuzz
	@ctest --preset fuzz -j $(JOBS)

test-web: web
	@if [ -d web/node_modules ]; then cd web && npm test --silent; fi

test: test-web test-release test-asan

bench: build
	@./bench/run.sh

clean:
	rm -rf build demo-council
