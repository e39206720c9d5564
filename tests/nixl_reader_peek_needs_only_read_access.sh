#!/usr/bin/env bash
# --peek maps a NIXL ring read-only, so a user who may only read the file
# can peek at it; consuming needs write access and says so, pointing at
# --peek (exit 7, unreadable as a consumer).
source "$SRC/tests/tools/nixl_lib.bash"
f=$TMPDIR/agent
nixl_mkring --version 4 --capacity 8 "$f" 0:10 1:20
chmod 444 "$f"
as_reader() {
	if [ "$(id -u)" = 0 ]; then
		# root may write anything: drop to nobody, who may only read
		chmod 755 "$TMPDIR"
		as_nobody telemetry_reader "$@"
	else
		telemetry_reader "$@"
	fi
}
rc=0
as_reader --once "$f" >"$TMPDIR/out" 2>"$TMPDIR/err" || rc=$?
[ "$rc" -eq 7 ] || fail "consuming: exit $rc: $(cat "$TMPDIR/err")"
grep -q "^telemetry_reader: $f: cannot open for consuming: Permission denied (--peek reads without consuming)\$" "$TMPDIR/err" ||
	fail "consuming: $(cat "$TMPDIR/err")"
as_reader --once --peek --format json "$f" 2>"$TMPDIR/err" | jq -r .value | paste -sd, >"$TMPDIR/peek"
[ "$(cat "$TMPDIR/peek")" = "10,20" ] || fail "peek read '$(cat "$TMPDIR/peek")': $(cat "$TMPDIR/err")"
