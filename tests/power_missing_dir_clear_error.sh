#!/usr/bin/env bash
# No telemetry directory (no --dir, no NIXL_TELEMETRY_DIR), or one that
# does not exist: exit 1 with one line saying so, and no ring anywhere.
. "$SRC/tests/tools/power_lib.sh"

rc=0
env -u NIXL_TELEMETRY_DIR telemetry_power --once 2>"$TMPDIR/err" || rc=$?
[ "$rc" -eq 1 ] || fail "no directory: exit $rc, want 1"
[ "$(cat "$TMPDIR/err")" = "telemetry_power: no telemetry directory: give --dir or set NIXL_TELEMETRY_DIR" ] ||
	fail "unclear error: $(cat "$TMPDIR/err")"
rc=0
telemetry_power --once --dir "$TMPDIR/nope" 2>"$TMPDIR/err" || rc=$?
[ "$rc" -eq 1 ] || fail "missing directory: exit $rc, want 1"
[ "$(cat "$TMPDIR/err")" = "telemetry_power: $TMPDIR/nope: No such file or directory" ] ||
	fail "unclear error: $(cat "$TMPDIR/err")"
[ ! -e "$TMPDIR/nope" ] || fail "created the directory"
