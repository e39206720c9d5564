#!/usr/bin/env bash
# --gc AGE removes the ring files of writers dead for longer than AGE (not
# sooner), and never a live one, however old; what it removes is not
# exported.
source "$SRC/tests/tools/prom_lib.bash"
live_fixture live < <(spec counter u64 CUSTOM - work - 1)
# Taken before the ring exists: its writer's last sign of life is later.
before=$EPOCHREALTIME
spec counter u64 CUSTOM - work - 1 | fixture dead
telemetry_prom --gc 1h "$D" >"$TMPDIR/out.prom" || fail "exit $?"
[ -e "$D/dead" ] || fail "a ring dead for less than AGE was removed"
grep -q 'shmtel_up{agent="dead"' "$TMPDIR/out.prom" || fail "recently dead ring not exported"

# Run --gc 1s until the dead ring goes: not before a second has passed.
gone() {
	telemetry_prom --gc 1s "$D" >"$TMPDIR/out.prom" || fail "exit $?"
	[ ! -e "$D/dead" ]
}
wait_within "$WAIT_SECS" gone || fail "a ring dead for longer than AGE was kept"
awk -v a="$before" -v b="$EPOCHREALTIME" 'BEGIN { exit !(b - a >= 1) }' ||
	fail "removed after $(awk -v a="$before" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')s"
! grep -q 'agent="dead"' "$TMPDIR/out.prom" || fail "removed ring exported"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_export_removed_rings)" = 1 ] || fail "removal not counted"
[ -e "$D/live" ] || fail "live ring removed"
telemetry_prom --gc 0 "$D" >"$TMPDIR/out.prom" || fail "exit $?"
[ -e "$D/live" ] || fail "live ring removed with --gc 0"
[ "$(prom_sample "$TMPDIR/out.prom" shmtel_up 'agent="live"')" = 1 ] || fail "live ring not up"
