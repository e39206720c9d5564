#!/usr/bin/env bash
# Every program reports a usage error as GNU tools do: a mistyped long
# option, an unknown short option and a long option without its argument
# each give exactly two lines on stderr, "PROG: what is wrong" (the bare
# program name, though it was run by its full path) and "Try 'PROG --help'
# for more information.", nothing on stdout, exit status 2; --help prints
# the usage on stdout and exits 0.  All programs are checked, and the
# failure names every one that does not hold to it.
set -u
. "$SRC/tests/tools/common.sh"

# PROG, and one of its options that requires an argument.
programs='telemetry_reader --format
telemetry_top --delay
telemetry_prom --output
telemetry_nixl --dir
telemetry_hailo --dir
telemetry_power --dir
nixl_agent --name'

bad=()
# check PROG WANT ARGS...: a usage error whose first line is "PROG: WANT".
check() {
	local prog=$1 want=$2 path rc=0
	shift 2
	path=$(command -v "$prog") || { bad+=("$prog: not built"); return; }
	timeout 20 "$path" "$@" >"$TMPDIR/out" 2>"$TMPDIR/err" </dev/null || rc=$?
	local expect
	expect=$(printf "%s: %s\nTry '%s --help' for more information." "$prog" "$want" "$prog")
	if [ "$rc" -ne 2 ]; then
		bad+=("$prog $*: exit $rc")
	elif [ -s "$TMPDIR/out" ]; then
		bad+=("$prog $*: $(wc -l <"$TMPDIR/out") lines on stdout")
	elif [ "$(cat "$TMPDIR/err")" != "$expect" ]; then
		bad+=("$prog $*: stderr ($(wc -l <"$TMPDIR/err") lines) begins '$(head -n 1 "$TMPDIR/err")'")
	fi
}

while read -r prog needs_arg; do
	check "$prog" "unrecognized option '--hepl'" --hepl
	check "$prog" "invalid option -- 'Q'" -Q
	check "$prog" "option '$needs_arg' requires an argument" "$needs_arg"
	path=$(command -v "$prog") || continue
	rc=0
	timeout 20 "$path" --help >"$TMPDIR/out" 2>"$TMPDIR/err" </dev/null || rc=$?
	if [ "$rc" -ne 0 ]; then
		bad+=("$prog --help: exit $rc")
	elif ! head -n 1 "$TMPDIR/out" | grep -q "^usage: $prog "; then
		bad+=("$prog --help: stdout begins '$(head -n 1 "$TMPDIR/out")'")
	elif [ -s "$TMPDIR/err" ]; then
		bad+=("$prog --help: stderr '$(head -n 1 "$TMPDIR/err")'")
	# The usage lists the option the check above left without its argument.
	elif ! grep -q -- "$needs_arg" "$TMPDIR/out"; then
		bad+=("$prog --help: does not list $needs_arg")
	fi
done <<<"$programs"

[ ${#bad[@]} -eq 0 ] || fail "$(IFS=';'; echo "${bad[*]}")"
