#!/usr/bin/env bash
# Every libFuzzer target (clang, ASan+UBSan) runs a short while from an
# empty corpus; any crash, leak or UB report fails the test.
set -eu
if [ -n "${SANITIZE:-}" ]; then
	echo "fuzz targets carry their own sanitizers; they run in the plain suite"
	exit 77
fi
command -v clang >/dev/null || { echo "clang is needed for libFuzzer"; exit 1; }
make -s -C "$SRC" fuzz >/dev/null
shopt -s nullglob
targets=("$SRC"/build-fuzz/fuzz_*)
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets built"; exit 1; }
for t in "${targets[@]}"; do
	corpus=$(mktemp -d)
	echo "== $(basename "$t")"
	"$t" -runs="${FUZZ_RUNS:-20000}" -max_len=65536 -timeout=10 "$corpus" 2>&1 | tail -n 2
	rm -rf "$corpus"
done
