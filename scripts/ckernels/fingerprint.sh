#!/usr/bin/env bash
# CKernels' fingerprint on this machine's paths and, under qemu, on arm64's NEON path: every line must show
# the same hash (x86-64 baseline/avx2/avx512 and arm64 baseline/neon agreed on b1a042f03d37d21a).
# Needs clang; for arm64: qemu-user, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross (Debian).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$here/../../Sources/CKernels"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
clang -O2 -ffp-contract=off -I"$src/include" "$src"/*.c "$here/fingerprint.c" -o "$out/host" -lm -lpthread
"$out/host"
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
  aarch64-linux-gnu-gcc -O2 -ffp-contract=off -w -I"$src/include" "$src"/*.c "$here/fingerprint.c" -o "$out/arm64" -lm -lpthread
  qemu-aarch64 -L /usr/aarch64-linux-gnu "$out/arm64" | sed 's/^/arm64 /'
else
  echo "arm64: skipped (install qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross)" >&2
fi
