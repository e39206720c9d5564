#!/usr/bin/env bash
# Every libFuzzer target (clang, ASan+UBSan) runs a short while from an
# empty corpus; any crash, leak or UB report fails the check.  `make
# check-fuzz` has just built them (`make fuzz`) and names them here.
#
#   fuzz_short.sh TARGET...
set -eu
trap 'echo "check-fuzz: failed: $BASH_COMMAND" >&2' ERR
[ $# -gt 0 ] || { echo "check-fuzz: no fuzz targets" >&2; exit 1; }
runs=${FUZZ_RUNS:-20000}
work=$(mktemp -d "${TMPDIR:-/tmp}/shmtel-fuzz.XXXXXX")
for t in "$@"; do
	name=$(basename "$t")
	mkdir -p "$work/$name/corpus"
	if ! "$t" -runs="$runs" -max_len=65536 -timeout=10 -artifact_prefix="$work/$name/" \
		"$work/$name/corpus" >"$work/$name/log" 2>&1 </dev/null; then
		echo "check-fuzz: $name failed; its input and log are in $work/$name:" >&2
		tail -n 30 "$work/$name/log" >&2
		exit 1
	fi
done
rm -rf "$work"
echo "check-fuzz: $# targets, $runs runs each, no crash, leak or UB report"
