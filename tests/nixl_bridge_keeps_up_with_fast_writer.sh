#!/usr/bin/env bash
# A NIXL writer pushing 40,000 events/s into a 4096-slot ring fills it in
# 100 ms, less than the bridge's interval (200 ms here, so that the ring
# still holds 100 ms on a loaded machine), and the bridge used to take one
# ring's worth per round.  The running bridge drains again while a ring is
# more than half full and polls as often as the ring's rate asks, so after
# the first half second (the bridge learns the rate from the fill it
# finds) the writer drops nothing, and the bridge's totals are exactly
# what was written.
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
nixl_writer --create --version 4 --capacity 4096 --count 0 "$in/a"
telemetry_nixl --interval 200 --dir "$out" "$in" 2>"$TMPDIR/err" &
bridge=$!
trap 'kill $bridge 2>/dev/null || true' EXIT
wait_within 30 test -e "$out/nixl-a" || fail "bridge never attached"
nixl_writer --start 0 --count 140000 --rate 40000 --drops "$TMPDIR/drops" "$in/a"
awk '$1 < 20000' "$TMPDIR/drops" >"$TMPDIR/d1"
awk '$1 >= 20000' "$TMPDIR/drops" >"$TMPDIR/d2"
wait_within 30 nixl_drained "$in/a" || fail "ring not drained: $(nixl_pos "$in/a")"
[ ! -s "$TMPDIR/d2" ] || fail "the writer dropped $(wc -l <"$TMPDIR/d2") of the 120000 after the first 0.5 s at 40000/s"
kept=$((140000 - $(wc -l <"$TMPDIR/d1")))
got() { [ "$(shm_totals "$out/nixl-a" | awk '$1 == "agent_tx_bytes" { print $2 }')" = "count=$kept" ]; }
wait_within 30 got || fail "bridge totals: $(shm_totals "$out/nixl-a" | grep agent_tx_bytes), want count=$kept"
kill -TERM $bridge
wait $bridge || fail "bridge exited $?"
trap - EXIT
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
