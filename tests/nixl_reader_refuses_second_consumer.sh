#!/usr/bin/env bash
# While telemetry_nixl consumes a NIXL ring, telemetry_reader will not
# consume it too (the two would steal events from each other): it says so
# and points at --peek, which works alongside.
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
nixl_writer --create --version 4 --capacity 64 --count 3 "$in/a"
telemetry_nixl --interval 20 --dir "$out" "$in" &
bridge=$!
trap 'kill $bridge 2>/dev/null || true' EXIT
wait_within 30 nixl_drained "$in/a" || fail "bridge did not drain"
rc=0
telemetry_reader --once "$in/a" >"$TMPDIR/out" 2>"$TMPDIR/err" || rc=$?
[ "$rc" -eq 1 ] || fail "exit $rc"
grep -q "^telemetry_reader: $in/a: another shmtel reader is consuming this NIXL ring (--peek reads without consuming)\$" "$TMPDIR/err" ||
	fail "stderr: $(cat "$TMPDIR/err")"
telemetry_reader --once --peek "$in/a" >"$TMPDIR/out" 2>"$TMPDIR/err" || fail "--peek: $(cat "$TMPDIR/err")"
kill -TERM $bridge
wait $bridge || fail "bridge exited $?"
trap - EXIT
