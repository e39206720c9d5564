#!/usr/bin/env bash
# run.sh - run every test given on the command line, each under a timeout,
# each in its own temporary directory.  Exit 0 passes, 77 skips, anything
# else fails.  Ends with one line: "N passed, N failed, N skipped".
set -u
: "${B:=build}"
export B
export SRC=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$SRC/$B:$SRC/$B/examples:$SRC/$B/tests/tools:$PATH"
limit=${TEST_TIMEOUT:-300}
pass=0 fail=0 skip=0 failed=()
for t in "$@"; do
	name=$(basename "$t")
	dir=$(mktemp -d "${TMPDIR:-/tmp}/shmtel-check.XXXXXX")
	log="$dir/log"
	start=$EPOCHREALTIME
	if [[ $t == *.sh ]]; then
		TMPDIR=$dir timeout -k 5 "$limit" bash "$t" >"$log" 2>&1
	else
		TMPDIR=$dir timeout -k 5 "$limit" "$t" >"$log" 2>&1
	fi
	rc=$?
	secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
	case $rc in
	0) pass=$((pass + 1)); printf 'PASS  %-44s %6ss\n' "$name" "$secs" ;;
	77) skip=$((skip + 1)); printf 'SKIP  %-44s %s\n' "$name" "$(tail -n 1 "$log")" ;;
	*) fail=$((fail + 1)); failed+=("$name")
	   printf 'FAIL  %-44s exit %d\n' "$name" "$rc"
	   sed 's/^/      | /' "$log" | tail -n 30 ;;
	esac
	rm -rf "$dir"
done
[ ${#failed[@]} -eq 0 ] || printf 'failed: %s\n' "${failed[*]}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
