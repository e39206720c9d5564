#!/usr/bin/env bash
# A NIXL agent restarting re-creates its ring under the same name (new
# inode, positions back at 0).  The running bridge drains the old ring,
# closes the old shmtel agent as gone, and publishes the new ring's events
# into a fresh nixl-<name> whose totals are the new writer's alone.
source "$SRC/tests/tools/nixl_lib.bash"
in=$TMPDIR/nixl out=$TMPDIR/shm
mkdir "$in" "$out"
nixl_writer --create --version 4 --capacity 4096 --count 1000 --mix --seed 7 --summary "$in/a" >"$TMPDIR/1.sum"
telemetry_nixl --interval 20 --dir "$out" "$in" 2>"$TMPDIR/err" &
bridge=$!
trap 'kill $bridge 2>/dev/null || true' EXIT
same_totals() { diff -q <(summary_lines "$1") <(shm_totals "$2") >/dev/null 2>&1; }
wait_within 30 same_totals "$TMPDIR/1.sum" "$out/nixl-a" || fail "first totals never matched"
ino1=$(stat -c %i "$out/nixl-a")
old_ring=$TMPDIR/old-ring
ln "$out/nixl-a" "$old_ring"	# keep the first shmtel file to look at once replaced
nixl_writer --create --version 4 --capacity 4096 --count 500 --mix --seed 8 --summary "$in/a" >"$TMPDIR/2.sum"
wait_within 30 same_totals "$TMPDIR/2.sum" "$out/nixl-a" || fail "second totals never matched"
[ "$(stat -c %i "$out/nixl-a")" != "$ino1" ] || fail "shmtel ring not replaced"
grep -q '^state alive=0 gone=1 closed=1 ' <(nixl_shmtotals "$old_ring") || fail "old agent: $(nixl_shmtotals "$old_ring" | head -1)"
diff -u <(summary_lines "$TMPDIR/1.sum") <(shm_totals "$old_ring") || fail "old agent lost its totals"
# The new agent is open; it may already be gone, as its writer has exited.
grep -Eq '^state alive=1 gone=[01] closed=0 ' <(nixl_shmtotals "$out/nixl-a") || fail "new agent closed"
kill -TERM $bridge
wait $bridge || fail "bridge exited $?"
trap - EXIT
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
