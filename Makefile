# Gradbook: `make run` sets up a fresh Debian machine and runs the main job; `make test` runs the tests.
SWIFT ?= swift
SESSION ?= sessions/quickstart.grad

.PHONY: setup build run test tsan bench clean lessons

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product gradbook

run: build
	.build/release/gradbook run $(SESSION)

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) build -c release --product gradbook
	OPENBLAS_NUM_THREADS=1 $(SWIFT) test --skip-build
	$(MAKE) tsan
	$(MAKE) fuzz

# The thread pool and the trainer under ThreadSanitizer (a separate build folder).
tsan: setup
	OPENBLAS_NUM_THREADS=1 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter 'ThreadPool|Trainer|Monitor|SessionRunner'

.PHONY: fuzz
# libFuzzer on six targets (parser, interpreter, IDX and safetensors readers, image decoders, text reader and tokenizers):
# FUZZ_SECONDS (default 30) each, after replaying every saved crash input (a separate build folder, .build-fuzz; see scripts/fuzz.sh).
fuzz: setup
	bash scripts/fuzz.sh

# Every lesson of sessions/lessons in full, timed, as a class runs it: fails when a lesson fails or one of its
# `expect` lines does not hold (the tests run the same; see scripts/lessons.sh).
lessons: build
	bash scripts/lessons.sh

bench: build
	.build/release/gradbook bench

# Every build folder: the normal one, the thread sanitizer's and the fuzzers'.
clean:
	rm -rf .build .build-tsan .build-fuzz
