# The two commands of the README:
#   make run    install what is missing, build, create the demo council and show its summary
#   make test   install what is missing, build, and run every test (normal and ASan+UBSan builds)
.PHONY: run test deps build build-cli build-asan test-release test-asan bench clean

JOBS ?= $(shell nproc)

deps:
	@./scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-cli: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target ascent

build-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

run: build-cli
	@./build/release/src/ascent --db demo-council/ascent.db demo --dir demo-council

test-release: build
	@ctest --preset release -j $(JOBS)

test-asan: build-asan
	@ctest --preset asan -j $(JOBS)

test: test-release test-asan

bench: build
	@./bench/run.sh

clean:
	rm -rf build demo-council
