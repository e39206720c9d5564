#!/usr/bin/env bash
# Slots of the shared lane left BUSY by writers killed mid-event are
# skipped after one grace (1 s for the whole run of them, not per slot)
# and counted missed, and the committed events after them are read: by
# --once, and by a follower.
set -u
. "$SRC/tests/tools/common.sh"
dir=$TMPDIR/rings
mkdir "$dir"
ring_busy_slots "$dir" busy 64 10 || fail "cannot write the fixture"

# --once: all 11 committed events (10 after the busy slots, 1 on lane 1), 64 missed.
start=$SECONDS
telemetry_reader --once --format line "$dir/busy" >"$TMPDIR/once" 2>"$TMPDIR/once.err" ||
	fail "--once exit $?: $(cat "$TMPDIR/once.err")"
((SECONDS - start <= 10)) || fail "--once took $((SECONDS - start)) s"
n=$(grep -c ' shared \| owned ' "$TMPDIR/once")
[ "$n" -eq 11 ] || fail "--once printed $n events, want 11: $(cat "$TMPDIR/once")"
grep -q '^# missed 64 events from busy' "$TMPDIR/once" || fail "no missed line: $(cat "$TMPDIR/once")"
grep -q 'read 11 events, missed 64$' "$TMPDIR/once.err" || fail "summary: $(cat "$TMPDIR/once.err")"

# Following: the same, within a few seconds (not 64).
telemetry_reader --format line "$dir/busy" >"$TMPDIR/follow" 2>"$TMPDIR/follow.err" &
pid=$!
all_read() { [ "$(grep -c ' shared \| owned ' "$TMPDIR/follow")" -eq 11 ]; }
wait_within 10 all_read || { kill "$pid"; fail "follower printed: $(cat "$TMPDIR/follow")"; }
kill -INT "$pid"
wait "$pid" && rc=0 || rc=$?
[ "$rc" = 130 ] || fail "follower exit $rc, want 130 (SIGINT): $(cat "$TMPDIR/follow.err")"
grep -q 'read 11 events, missed 64$' "$TMPDIR/follow.err" || fail "summary: $(cat "$TMPDIR/follow.err")"
exit 0
