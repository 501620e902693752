# Thin wrapper over CMake. Quick start on a fresh Debian machine:
#   make run    set up, build, run the whole chain over corpora/ (TSV on stdout)
#   make test   set up, build, run the whole test suite (ctest)
# Other targets: build, asan (sanitizer build + tests), tsan (run's threads
# under ThreadSanitizer), bench, eval, fuzz, lint, memcheck, install
# (PREFIX=/usr/local), clean.

BUILD    ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
PREFIX   ?= /usr/local
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=
# Debian packages needed to build and test.
DEB_PKGS := cmake make gcc pkg-config libpcre2-dev libutf8proc-dev libstemmer-dev python3
DEB_TEST_PKGS := clang libclang-rt-dev parallel valgrind cppcheck clang-tidy chromium jq miller

BIN := $(BUILD)/tonesift
CORPORA := $(sort $(wildcard corpora/*/*.txt))

.PHONY: all deps deps-test configure build run test asan tsan bench eval fuzz lint memcheck install clean

all: build

deps:
	@sh tests/tools/deps.sh $(DEB_PKGS)

deps-test:
	@sh tests/tools/deps.sh $(DEB_PKGS) $(DEB_TEST_PKGS)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The build talks on stderr, so that `make run > out.tsv` holds only TSV.
run:
	@$(MAKE) --no-print-directory build 1>&2
	@$(BIN) run -j 0 $(CORPORA)

test: deps-test
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: deps-test
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
	      -DTS_SANITIZE=address,undefined $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	      ctest --output-on-failure -j $(JOBS)

# `run -j N` is the only threaded code: its equality tests (1, 2 and 3
# threads, one long document and many short ones) under ThreadSanitizer.
tsan: deps-test
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
	      -DTS_SANITIZE=thread -DTS_BUILD_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(TSAN_BUILD) -j $(JOBS)
	TSAN_OPTIONS=halt_on_error=1 sh tests/cli/run_equals_pipe.sh $(TSAN_BUILD)/tonesift

bench: build
	sh tests/bench/bench.sh $(BIN)

eval: build
	sh tests/eval/sentiment.sh
	sh tests/eval/quotes.sh
	sh tests/eval/checkworthy.sh

fuzz: deps-test
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

lint: deps-test
	sh tests/tools/lint.sh

memcheck: build
	sh tests/tools/memcheck.sh $(BUILD)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD)
