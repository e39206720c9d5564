#!/usr/bin/env bash
# A usage error is what GNU tools print: one line saying what is wrong
# (for a bad value, what is allowed), then the --help hint; exit 2, no
# usage text, and the program named as telemetry_reader, not by its path.
set -u
. "$SRC/tests/tools/common.sh"
dir=$TMPDIR/t
mkdir "$dir"
nixl_agent --dir "$dir" --name ok --count 1 --rate 0 || fail "cannot write the ring"
reader=$(command -v telemetry_reader)

expect() {	# expect MESSAGE ARGS...: the reader, run by its full path, says MESSAGE
	local msg=$1 rc
	shift
	"$reader" "$@" >"$TMPDIR/out" 2>"$TMPDIR/err" && rc=0 || rc=$?
	printf 'telemetry_reader: %s\nTry '\''telemetry_reader --help'\'' for more information.\n' "$msg" >"$TMPDIR/want"
	[ "$rc" = 2 ] || fail "$*: exit $rc, want 2: $(cat "$TMPDIR/err")"
	cmp -s "$TMPDIR/want" "$TMPDIR/err" || fail "$*: stderr is not the two lines: $(cat "$TMPDIR/err")"
	[ ! -s "$TMPDIR/out" ] || fail "$*: printed on stdout: $(head -n 3 "$TMPDIR/out")"
}
expect "unrecognized option '--lats'" --lats "$dir/ok"
expect "unrecognized option '--lats'" --lats=3 "$dir/ok"
expect "invalid option -- 'x'" -x "$dir/ok"
expect "option '--format' requires an argument" "$dir/ok" --format
expect "option '--once' doesn't allow an argument" --once=yes "$dir/ok"
expect "invalid value 'xml' for --format (allowed: block, line, json)" --format xml "$dir/ok"
expect "invalid value 'soon' for --from (allowed: oldest, now)" --from soon "$dir/ok"
expect "invalid value '-3' for --last (allowed: a count, 0 or more)" --last -3 "$dir/ok"
expect "invalid value '99999999999999999999' for --last (allowed: a count, 0 or more)" --last 99999999999999999999 "$dir/ok"
expect "invalid value 'NOPE' for --category (allowed: MEMORY, TRANSFER, CONNECTION, BACKEND, ERROR, PERFORMANCE, SYSTEM, CUSTOM)" \
	--category NOPE "$dir/ok"
expect "no ring file, agent name or directory given" --once
# What it names is escaped: a value cannot drive the terminal.
expect 'invalid value '\''\x1b[2J'\'' for --format (allowed: block, line, json)' --format $'\e[2J' "$dir/ok"
exit 0
