#!/usr/bin/env bash
# A directory that cannot be read fails the run: exit 1, one line on
# stderr, and -o FILE keeps its contents.  Without a directory argument
# and without $NIXL_TELEMETRY_DIR it is a usage error (2); with it set,
# that directory is read.
source "$SRC/tests/tools/prom_lib.bash"
spec counter u64 CUSTOM - work - 1 | fixture a
echo keep >"$TMPDIR/out.prom"
rc=0
telemetry_prom -o "$TMPDIR/out.prom" "$D" "$TMPDIR/nope" 2>"$TMPDIR/err" || rc=$?
[ "$rc" = 1 ] || fail "exit $rc, want 1"
[ "$(cat "$TMPDIR/err")" = "telemetry_prom: read directory $TMPDIR/nope: No such file or directory" ] ||
	fail "stderr: $(cat "$TMPDIR/err")"
[ "$(cat "$TMPDIR/out.prom")" = keep ] || fail "FILE changed"
rc=0
env -u NIXL_TELEMETRY_DIR telemetry_prom >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "no directory: exit $rc, want 2"
NIXL_TELEMETRY_DIR=$D telemetry_prom | grep -q '^shmtel_work_total{agent="a"' ||
	fail "NIXL_TELEMETRY_DIR not read"
