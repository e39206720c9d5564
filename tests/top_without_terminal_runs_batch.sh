#!/usr/bin/env bash
# Without a terminal on stdout, telemetry_top prints batch snapshots
# instead of starting curses; -n bounds them.
. "$SRC/tests/tools/top_lib.sh"

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
telemetry_top -n 2 -d 0.1 "$D" </dev/null >"$TMPDIR/out"
[ "$(grep -c '^telemetry_top ' "$TMPDIR/out")" -eq 2 ] || fail "output: $(cat "$TMPDIR/out")"
if LC_ALL=C grep -q $'\x1b' "$TMPDIR/out"; then
	fail "terminal escapes in batch output"
fi
# NIXL_TELEMETRY_DIR is the default directory.
NIXL_TELEMETRY_DIR=$D telemetry_top -n 1 | grep -Eq '^alpha +[0-9]+ +exited' || fail "default dir"
