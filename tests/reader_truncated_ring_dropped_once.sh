#!/usr/bin/env bash
# A followed ring cut short underneath (truncated: its writer's file
# system or another program) is dropped with one line that says so, after
# every event read from it is printed; the reader goes on, and its summary
# still counts them.
. "$SRC/tests/tools/top_lib.sh"
nixl_agent --dir "$D" --name cut --count 5 --rate 0 || fail "cannot write the ring"
n=$(telemetry_reader --once --format line "$D/cut" 2>/dev/null | wc -l)
[ "$n" -gt 0 ] || fail "the ring holds no events"
telemetry_reader --format line "$D/cut" >"$TMPDIR/out" 2>"$TMPDIR/err" &
pid=$!
lines() { [ "$(wc -l <"$TMPDIR/out")" -ge "$1" ]; }
wait_for lines "$n"
truncate -s 4096 "$D/cut"
wait_for grep -q 'file shrank or went away; dropped' "$TMPDIR/err"
kill -0 "$pid" || fail "the reader ended with its only ring dropped"
kill -TERM "$pid"
wait "$pid" && rc=0 || rc=$?
[ "$rc" = 143 ] || fail "exit status $rc, want 143"
[ "$(grep -c 'dropped' "$TMPDIR/err")" = 1 ] || fail "stderr: $(cat "$TMPDIR/err")"
grep -qx "telemetry_reader: $D/cut: file shrank or went away; dropped" "$TMPDIR/err" ||
	fail "stderr: $(cat "$TMPDIR/err")"
[ "$(tail -n 1 "$TMPDIR/err")" = "telemetry_reader: read $n events, missed 0" ] ||
	fail "summary: $(tail -n 1 "$TMPDIR/err")"
[ "$(wc -l <"$TMPDIR/out")" = "$n" ] || fail "$(wc -l <"$TMPDIR/out") lines printed, $n in the ring"
