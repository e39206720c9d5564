#!/usr/bin/env bash
# In a shared NIXL directory (/tmp, say) the bridge meets other users'
# files.  One it may read but not write that is not a NIXL ring is
# skipped without a word, as every file that is not NIXL's; files it may
# not even read are one summary line for the directory, not one line
# each, and do not fail --once; a NIXL ring it may read but not write
# (so cannot consume) is reported by name and fails --once.
source "$SRC/tests/tools/nixl_lib.bash"
d=$TMPDIR/nixl out=$TMPDIR/out
mkdir "$d" "$out"
echo "someone's log" >"$d/app.log"
head -c 8192 /dev/zero >"$d/zeros.bin"
for f in private1 private2 private3; do
	echo secret >"$d/$f"
done
nixl_writer --create --version 4 --capacity 64 --count 5 "$TMPDIR/theirs.orig" >/dev/null
# Root may write anything: then the bridge runs as nobody, and root's
# files are the other user's.  Else the modes alone keep it out.
chmod 755 "$d"
chmod 777 "$out"
chmod 444 "$d/app.log" "$d/zeros.bin"
chmod 000 "$d"/private*
run=(telemetry_nixl)
if [ "$(id -u)" = 0 ]; then
	mkdir "$TMPDIR/bin"
	cp "$(command -v telemetry_nixl)" "$TMPDIR/bin/"
	chmod 755 "$TMPDIR" "$TMPDIR/bin"
	run=(setpriv --reuid=65534 --regid=65534 --clear-groups "$TMPDIR/bin/telemetry_nixl")
fi
bridge() { "${run[@]}" "$@"; }

bridge --once --dir "$out" "$d" 2>"$TMPDIR/err" || fail "exit $?: $(cat "$TMPDIR/err")"
[ "$(cat "$TMPDIR/err")" = "telemetry_nixl: $d: 3 files not readable by this user, skipped (not bridged, if NIXL rings)" ] ||
	fail "stderr: $(cat "$TMPDIR/err")"
[ -z "$(ls "$out")" ] || fail "bridged: $(ls "$out")"

# A NIXL ring it may read but not consume: said, by name and why, and --once fails.
cp "$TMPDIR/theirs.orig" "$d/theirs"
chmod 444 "$d/theirs"
rc=0
bridge --once --dir "$out" "$d" 2>"$TMPDIR/err" || rc=$?
[ "$rc" -eq 1 ] || fail "unconsumable NIXL ring: exit $rc"
grep -qx "telemetry_nixl: $d/theirs: cannot open for consuming: Permission denied (.*write access)" "$TMPDIR/err" ||
	fail "stderr: $(cat "$TMPDIR/err")"
[ "$(wc -l <"$TMPDIR/err")" -eq 2 ] || fail "more than the ring and the summary: $(cat "$TMPDIR/err")"
cmp "$d/theirs" "$TMPDIR/theirs.orig" || fail "the ring changed"

# A live bridge says the summary once, not every scan (one every 2 s at least).
"${run[@]}" --interval 10 --dir "$out" "$d" 2>"$TMPDIR/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wait_within 30 grep -q 'not readable' "$TMPDIR/err" || fail "live bridge: no summary"
# One more such file: said again, with the new count.
echo secret >"$d/private4"
chmod 000 "$d/private4"
wait_within 30 grep -q ': 4 files not readable' "$TMPDIR/err" || fail "live bridge: new file not counted"
kill -TERM $pid
wait $pid || fail "bridge exited $?"
trap - EXIT
[ "$(grep -c 'not readable' "$TMPDIR/err")" -eq 2 ] || fail "summary repeated: $(cat "$TMPDIR/err")"
