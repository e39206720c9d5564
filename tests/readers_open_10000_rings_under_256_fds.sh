#!/usr/bin/env bash
# A ring's mapping needs no descriptor: with 10,000 rings in a directory and
# an open-file limit of 256, telemetry_top lists every one and
# telemetry_reader --once reads every one, without a word about limits.
set -u
. "$SRC/tests/tools/common.sh"
dir=$TMPDIR/rings
mkdir "$dir"
top_many_rings --copies "$dir" 10000 >/dev/null || fail "cannot write the rings"
(
	ulimit -n 256 || exit 77
	got=$(telemetry_top --json "$dir" 2>"$TMPDIR/top.err" |
	      jq -c '[.unreadable, (.agents | length), ([.agents[].name] | unique | length)]')
	[ "$got" = '[0,10000,10000]' ] || fail "telemetry_top: got $got: $(head -3 "$TMPDIR/top.err")"
	[ ! -s "$TMPDIR/top.err" ] || fail "telemetry_top stderr: $(head -3 "$TMPDIR/top.err")"
	telemetry_reader --once --format line "$dir" >"$TMPDIR/out" 2>"$TMPDIR/err" ||
		fail "telemetry_reader exit $?: $(head -3 "$TMPDIR/err")"
	agents=$(awk '{ print $3 }' "$TMPDIR/out" | sort -u | wc -l)
	[ "$agents" -eq 10000 ] || fail "telemetry_reader read $agents agents: $(head -3 "$TMPDIR/err")"
	[ "$(cat "$TMPDIR/err")" = "telemetry_reader: read 40000 events, missed 0" ] ||
		fail "telemetry_reader stderr: $(head -3 "$TMPDIR/err")"
)
