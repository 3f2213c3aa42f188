# Gradbook: `make run` sets up a fresh Debian machine and runs the main job; `make test` runs the tests.
SWIFT ?= swift
SESSION ?= sessions/quickstart.grad

.PHONY: setup build run test bench clean

setup:
	bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product gradbook

run: build
	.build/release/gradbook run $(SESSION)

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	.build/release/gradbook bench

clean:
	rm -rf .build
