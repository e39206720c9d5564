#!/usr/bin/env bash
# telemetry_nixl --once drains every NIXL ring in the directory, whatever
# its layout, and the shmtel agent nixl-<name> it writes holds exactly the
# counts and sums the NIXL writer pushed (errors as agent_errors by status,
# version 4's drop counter included).
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
nixl_writer --create --version 1 --capacity 4096 --count 3000 --mix --seed 1 --summary "$in/v1" >"$TMPDIR/v1.sum"
nixl_writer --create --version 2 --layout named --capacity 4096 --count 3000 --mix --seed 2 --summary "$in/v2n" >"$TMPDIR/v2n.sum"
nixl_writer --create --version 2 --capacity 4096 --count 3000 --mix --seed 3 --summary "$in/v2t" >"$TMPDIR/v2t.sum"
nixl_writer --create --version 3 --capacity 4096 --count 3000 --mix --seed 4 --summary "$in/v3" >"$TMPDIR/v3.sum"
nixl_writer --create --version 4 --capacity 8192 --count 6000 --mix --seed 5 --summary "$in/v4" >"$TMPDIR/v4.sum"
grep -q '^agent_telemetry_events_dropped ' "$TMPDIR/v4.sum" || fail "v4 mix has no drop counter"
telemetry_nixl --once --dir "$out" "$in" 2>"$TMPDIR/err" || fail "exit $?: $(cat "$TMPDIR/err")"
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
for a in v1 v2n v2t v3 v4; do
	nixl_drained "$in/$a" || fail "$a not drained: $(nixl_pos "$in/$a")"
	grep -q '^dropped_by_writer count=0$' "$TMPDIR/$a.sum" || fail "$a: writer dropped events"
	diff -u <(summary_lines "$TMPDIR/$a.sum") <(shm_totals "$out/nixl-$a") || fail "$a: totals differ"
done
