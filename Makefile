# The two commands a newcomer needs:
#   make run    installs what is missing, builds (Release) and serves the demo site
#               at http://127.0.0.1:8080
#   make test   installs what is missing, builds and runs every test through ctest
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps test-deps configure build run test clean

all: build

deps:
	@scripts/install-deps

# The browser tests need Debian's chromium and playwright-core from npm.
test-deps:
	@scripts/install-deps --browser
	@npm ci --no-audit --no-fund --loglevel=error >/dev/null

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/src/cli/newszone serve --demo

test: test-deps build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)
