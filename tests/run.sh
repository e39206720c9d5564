#!/usr/bin/env bash
# run.sh - run every test given on the command line, each under a timeout,
# each in its own temporary directory.  Exit 0 passes, 77 skips, anything
# else fails.  Ends with one line: "N passed, N failed, N skipped".
#
#   run.sh TEST... [--make MAKE TARGET...]
#
# A TEST is an executable or a shell script (*.sh).  After --make, each
# TARGET is a make target run as one more test of that name (`MAKE
# TARGET` from the top of the tree): the checks that need a build of their
# own, which `make check` counts in the same closing line.
#
# EMU, when set, is the emulator that runs the build's programs (a cross
# build, `make check-cross`), e.g. qemu-aarch64-static.  The C tests run
# under it, and the programs the tests find on PATH (the tools, the
# example agent, tests/tools) are thin wrappers that exec it on a copy
# of the program: exec keeps the pid, so a test signals what it started,
# and the copies sit in a directory any user may enter, for the tests
# that run a program as nobody.  EMU_B is the wrappers' tree, shaped as
# $B is; tests that build a program of their own run it under $EMU.
# Nothing is registered with binfmt_misc.
set -u
: "${B:=build}"
: "${EMU:=}"
export B
export SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "$EMU" ]; then
	read -r -a emu <<<"$EMU"
	# By its path: some tests run the tools with a PATH of their own.
	emu[0]=$(command -v "${emu[0]}") || { echo "run.sh: no emulator ${emu[0]}" >&2; exit 2; }
	EMU=${emu[*]}
	emu_dir=$(mktemp -d "${TMPDIR:-/tmp}/shmtel-emu.XXXXXX")
	trap 'rm -rf "$emu_dir"' EXIT
	chmod 755 "$emu_dir"
	export EMU_B=$emu_dir/bin
	for sub in . examples tests/tools; do
		mkdir -p "$emu_dir/prog/$sub" "$EMU_B/$sub"
		for p in "$SRC/$B/$sub"/*; do
			[ -f "$p" ] && [ -x "$p" ] || continue
			case $p in *.so | *.so.*) continue ;; esac
			n=${p#"$SRC/$B/"}
			cp "$p" "$emu_dir/prog/$n"
			printf '#!/bin/sh\nexec %s %s "$@"\n' "$EMU" "$emu_dir/prog/$n" >"$EMU_B/$n"
			chmod 755 "$EMU_B/$n"
		done
	done
	export PATH="$EMU_B:$EMU_B/examples:$EMU_B/tests/tools:$PATH"
else
	export PATH="$SRC/$B:$SRC/$B/examples:$SRC/$B/tests/tools:$PATH"
fi
export EMU
limit=${TEST_TIMEOUT:-300}
tests=() targets=() make_cmd=
while [ $# -gt 0 ]; do
	if [ "$1" = --make ]; then
		[ $# -ge 2 ] || { echo "run.sh: --make needs the make to run" >&2; exit 2; }
		make_cmd=$2 targets=("${@:3}")
		break
	fi
	tests+=("$1")
	shift
done
pass=0 fail=0 skip=0 failed=()
# make's jobserver descriptors (--jobserver-auth=R,W in MAKEFLAGS) go only
# to the make targets: a daemon that a suite test leaves behind (a tmux
# server) would otherwise hold them, and make would wait for its tokens.
js_r=$(sed -n 's/.*--jobserver-auth=\([0-9]*\),\([0-9]*\).*/\1/p' <<<"${MAKEFLAGS:-}")
js_w=$(sed -n 's/.*--jobserver-auth=\([0-9]*\),\([0-9]*\).*/\2/p' <<<"${MAKEFLAGS:-}")
jobserver=0	# 1 while the make targets run

run() {	# run NAME CMD...: one test in a directory of its own, under the timeout
	local name=$1 dir log start rc secs
	shift
	dir=$(mktemp -d "${TMPDIR:-/tmp}/shmtel-check.XXXXXX")
	log="$dir/log"
	start=$EPOCHREALTIME
	if [ -n "$js_r" ] && [ "$jobserver" = 0 ]; then
		TMPDIR=$dir timeout -k 5 "$limit" "$@" >"$log" 2>&1 {js_r}<&- {js_w}>&-
	else
		TMPDIR=$dir timeout -k 5 "$limit" "$@" >"$log" 2>&1
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
}

for t in "${tests[@]}"; do
	if [[ $t == *.sh ]]; then
		run "$(basename "$t")" bash "$t"
	else
		run "$(basename "$t")" $EMU "$t"
	fi
done
jobserver=1
for t in "${targets[@]}"; do
	run "$t" "$make_cmd" --no-print-directory -C "$SRC" "$t"
done
[ ${#failed[@]} -eq 0 ] || printf 'failed: %s\n' "${failed[*]}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
