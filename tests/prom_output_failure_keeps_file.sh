#!/usr/bin/env bash
# When -o FILE cannot be written (here: the file size limit is hit in the
# middle of the write), telemetry_prom exits non-zero with a one-line
# reason, FILE keeps its previous good contents, and no temporary file is
# left in the directory.
source "$SRC/tests/tools/prom_lib.bash"
nixl_agent --dir "$D" --name nixl-rank0 --count 100 --rate 0 >/dev/null
OUT=$TMPDIR/textfile
mkdir "$OUT"
telemetry_prom -o "$OUT/shmtel.prom" "$D" || fail "first export failed"
good=$(md5sum <"$OUT/shmtel.prom")
[ "$(stat -c %s "$OUT/shmtel.prom")" -gt 4096 ] || fail "output too small for the test"
nixl_agent --dir "$D" --name nixl-rank1 --count 100 --rate 0 >/dev/null

rc=0
(ulimit -f 2 && exec telemetry_prom -o "$OUT/shmtel.prom" "$D") 2>"$TMPDIR/err" || rc=$?
[ "$rc" = 1 ] || fail "exit status $rc, want 1"
[ "$(wc -l <"$TMPDIR/err")" = 1 ] || fail "stderr is not one line: $(cat "$TMPDIR/err")"
grep -q '^telemetry_prom: write .*shmtel\.prom\.[A-Za-z0-9]\{6\}: File too large$' "$TMPDIR/err" ||
	fail "unexpected reason: $(cat "$TMPDIR/err")"
[ "$(md5sum <"$OUT/shmtel.prom")" = "$good" ] || fail "FILE changed"
[ "$(ls -A "$OUT")" = shmtel.prom ] || fail "left behind: $(ls -A "$OUT")"

# The same when the directory cannot take a new file at all.
rc=0
telemetry_prom -o "$TMPDIR/missing/shmtel.prom" "$D" 2>"$TMPDIR/err" || rc=$?
[ "$rc" = 1 ] && [ "$(wc -l <"$TMPDIR/err")" = 1 ] ||
	fail "missing directory: exit $rc, stderr: $(cat "$TMPDIR/err")"
grep -q '^telemetry_prom: create temporary file .*: No such file or directory$' "$TMPDIR/err" ||
	fail "unexpected reason: $(cat "$TMPDIR/err")"
