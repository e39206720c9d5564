#!/usr/bin/env bash
# A dead agent stays exported, with up 0 and its last values, while its
# file exists; a live one is up 1; a live ring whose process is marked
# gone (a bridge's) is up 0; a removed file is no longer exported.
source "$SRC/tests/tools/prom_lib.bash"
live_fixture live < <(spec counter u64 CUSTOM - work - 5,6)
live_pid=$LIVE_PID
live_fixture bridged --source-pid 4242 --gone < <(spec counter u64 CUSTOM - work - 7)
spec counter u64 CUSTOM - work - 1,2,3 | fixture dead
telemetry_prom "$D" >"$TMPDIR/out.prom" || fail "exit $?"
O=$TMPDIR/out.prom
[ "$(prom_sample "$O" shmtel_up 'agent="live"')" = 1 ] || fail "live agent not up"
[ "$(prom_sample "$O" shmtel_up 'agent="bridged"' 'pid="4242"')" = 0 ] || fail "gone agent up"
[ "$(prom_sample "$O" shmtel_up 'agent="dead"')" = 0 ] || fail "dead agent up"
[ "$(prom_sample "$O" shmtel_work_total 'agent="dead"')" = 6 ] || fail "dead agent's counter lost"
[ "$(prom_sample "$O" shmtel_work_total 'agent="live"')" = 11 ] || fail "live agent's counter"

# The live writer exits: the same ring turns up 0, values kept.
kill "$live_pid"
wait "$live_pid" || true
telemetry_prom "$D" >"$O" || fail "exit $?"
[ "$(prom_sample "$O" shmtel_up 'agent="live"')" = 0 ] || fail "exited agent still up"
[ "$(prom_sample "$O" shmtel_work_total 'agent="live"')" = 11 ] || fail "values lost at exit"
rm "$D/dead"
telemetry_prom "$D" >"$O" || fail "exit $?"
! grep -q 'agent="dead"' "$O" || fail "removed ring still exported"
