# SPDX-License-Identifier: GPL-3.0-or-later
# voicecap: `make run` renders every seed into out/, `make test` runs the whole suite.
# Both install what is missing first (Debian packages via apt-get, test tools via npm):
# `make run` only what building and rendering need, `make test` the test tools as well.
# Warnings are errors in `make test` (and so in CI), not in a user's build.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
TSAN_BUILD ?= build-tsan
DEB_BUILD  ?= build-deb
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps deps-test build build-test run install deb test test-asan test-tsan format format-check fuzz bench clean

all: build

deps:
	@bash scripts/deps.sh run

deps-test:
	@bash scripts/deps.sh test
	@bash scripts/npm-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVC_WERROR=OFF -DVC_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

build-test: deps-test
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVC_WERROR=ON -DVC_TESTS=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/voicecap batch -o out seeds

# Installs into PREFIX (default /usr/local; DESTDIR is honoured): the program, both
# libraries, the public headers, voicecap.pc, the man page, voices, data, README, LICENSE.
install:
	$(MAKE) --no-print-directory build CMAKE_FLAGS="$(CMAKE_FLAGS) -DCMAKE_INSTALL_PREFIX=$(PREFIX)"
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD)

# Debian packages in $(DEB_BUILD)/: voicecap, libvoicecap0, libvoicecap-dev (CPack), built
# for /usr with Debian's hardening flags.
deb:
	@bash scripts/deps.sh pkg
	cmake -S . -B $(DEB_BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
	  -DVC_WERROR=OFF -DVC_TESTS=OFF \
	  -DCMAKE_C_FLAGS="$$(dpkg-buildflags --get CFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
	  -DCMAKE_EXE_LINKER_FLAGS="$$(dpkg-buildflags --get LDFLAGS)" \
	  -DCMAKE_SHARED_LINKER_FLAGS="$$(dpkg-buildflags --get LDFLAGS)" $(CMAKE_FLAGS)
	cmake --build $(DEB_BUILD) -j $(JOBS)
	cd $(DEB_BUILD) && cpack -G DEB
	@ls -1 $(DEB_BUILD)/*.deb

# The whole suite twice: the release build, then the same tests under ASan + UBSan;
# then the audio sink's worker thread under ThreadSanitizer.
test: build-test format-check
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory test-tsan

test-asan: deps-test
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DVC_SANITIZE=ON -DVC_WERROR=ON -DVC_TESTS=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

test-tsan: deps-test
	CC=clang cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DVC_TESTS=ON \
	  -DCMAKE_C_FLAGS="-fsanitize=thread -g" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread"
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target voicecap_cli test_audio test_audio_formats
	cd $(TSAN_BUILD) && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R 'test_audio$$|test_audio_formats|integ_determinism'

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@bash scripts/format-check.sh

fuzz: deps-test
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DVC_FUZZ=ON -DVC_TESTS=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	bash fuzz/run.sh $(FUZZ_BUILD) $(or $(FUZZ_SECONDS),60) $(FUZZ_TARGETS)

bench: build-test
	bash bench/bench.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(TSAN_BUILD) $(DEB_BUILD)
