#!/usr/bin/env bash
# With the shmtel directory the same as NIXL's, the bridge skips its own
# output, other shmtel rings and files that are not NIXL rings without a
# word; a NIXL ring it cannot use is reported once, by name and reason,
# makes --once exit 1, and is left as it was.
source "$SRC/tests/tools/nixl_lib.bash"
d=$TMPDIR/dir
mkdir "$d"
nixl_agent --dir "$d" --name shm --count 10 --rate 0
echo "not a ring" >"$d/notes.txt"
: >"$d/empty"
nixl_writer --create --version 4 --capacity 64 --count 5 --summary "$d/good" >"$TMPDIR/good.sum"
telemetry_nixl --once --dir "$d" "$d" 2>"$TMPDIR/err" || fail "clean directory: exit $? $(cat "$TMPDIR/err")"
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
ls "$d" | sort | paste -sd' ' | grep -qx 'empty good nixl-good notes.txt shm' || fail "files: $(ls "$d")"
# Again, now that nixl-good (a shmtel ring) is in the directory too, plus a bad NIXL ring.
nixl_mkring --version 4 --capacity 6 "$d/bad" 0:1
cp "$d/bad" "$TMPDIR/bad.orig"
rc=0
telemetry_nixl --once --dir "$d" "$d" 2>"$TMPDIR/err" || rc=$?
[ "$rc" -eq 1 ] || fail "bad ring: exit $rc"
[ "$(cat "$TMPDIR/err")" = "telemetry_nixl: $d/bad: corrupt NIXL ring (version 4): capacity 6 is not a power of two" ] ||
	fail "stderr: $(cat "$TMPDIR/err")"
cmp "$d/bad" "$TMPDIR/bad.orig" || fail "bad ring changed"
[ ! -e "$d/nixl-nixl-good" ] && [ ! -e "$d/nixl-bad" ] || fail "bridged something it should not have"
# A live bridge says it once, not every interval.
telemetry_nixl --interval 10 --dir "$d" "$d" 2>"$TMPDIR/err" &
bridge=$!
trap 'kill $bridge 2>/dev/null || true' EXIT
wait_within 30 grep -q 'capacity 6' "$TMPDIR/err" || fail "live bridge did not report"
nixl_writer --count 5 "$d/good"
wait_within 30 nixl_drained "$d/good" || fail "live bridge not draining"
nixl_writer --count 5 "$d/good"
wait_within 30 nixl_drained "$d/good" || fail "live bridge not draining"
kill -TERM $bridge
wait $bridge || fail "bridge exited $?"
trap - EXIT
[ "$(wc -l <"$TMPDIR/err")" -eq 1 ] || fail "reported more than once: $(cat "$TMPDIR/err")"
