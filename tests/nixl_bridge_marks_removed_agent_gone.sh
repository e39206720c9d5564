#!/usr/bin/env bash
# When a NIXL ring file disappears, the bridge publishes what was still in
# it, then marks its shmtel agent gone and closes it; the file keeps the
# final totals.  Stopping the bridge closes the others without marking
# them gone (the bridge going away says nothing about the agents).
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
nixl_writer --create --version 3 --capacity 64 --count 0 "$in/a"
nixl_writer --create --version 3 --capacity 64 --count 0 "$in/b"
telemetry_nixl --interval 20 --dir "$out" "$in" &
bridge=$!
trap 'kill $bridge 2>/dev/null || true' EXIT
state() { nixl_shmtotals "$1" 2>/dev/null | head -1; }
up() { [ "$(state "$1" | cut -d' ' -f2-4)" = "alive=1 gone=0 closed=0" ]; }
wait_within 30 up "$out/nixl-a" || fail "nixl-a never came up"
wait_within 30 up "$out/nixl-b" || fail "nixl-b never came up"
# Events the bridge has not drained yet when the file goes: stop it first.
kill -STOP $bridge
nixl_writer --count 40 --summary "$in/a" >"$TMPDIR/a.sum"
rm "$in/a"
kill -CONT $bridge
gone() { [ "$(state "$1" | cut -d' ' -f2-4)" = "alive=0 gone=1 closed=1" ]; }
wait_within 30 gone "$out/nixl-a" || fail "nixl-a: $(state "$out/nixl-a")"
diff -u <(summary_lines "$TMPDIR/a.sum") <(shm_totals "$out/nixl-a") || fail "last events of a lost"
up "$out/nixl-b" || fail "nixl-b: $(state "$out/nixl-b")"
kill -TERM $bridge
wait $bridge || fail "bridge exited $?"
trap - EXIT
[ "$(state "$out/nixl-b" | cut -d' ' -f2-4)" = "alive=0 gone=0 closed=1" ] || fail "nixl-b after stop: $(state "$out/nixl-b")"
