# No tegrastats (not on PATH, not a Jetson): --list says
# "tegrastats: not found" and exits 0, and a run with only that collector
# still writes its ring and ends cleanly.  A tegrastats that ends without
# printing a line (what it does off a Jetson) makes the collector
# unavailable with a reason, never a restart loop.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

mkdir -p "$TMPDIR/empty"
TP=$(command -v telemetry_power)

PATH=$TMPDIR/empty "$TP" --list --collectors tegrastats >"$TMPDIR/list" 2>&1 ||
	fail "--list failed: $(cat "$TMPDIR/list")"
grep -qx 'tegrastats: not found' "$TMPDIR/list" || fail "--list said: $(cat "$TMPDIR/list")"
"$TP" --list --collectors tegrastats --tegrastats "$TMPDIR/no-such-tegrastats --verbose" \
	>"$TMPDIR/list" 2>&1 || fail "--list failed: $(cat "$TMPDIR/list")"
grep -qx 'tegrastats: not found' "$TMPDIR/list" || fail "--list said: $(cat "$TMPDIR/list")"

PATH=$TMPDIR/empty "$TP" --once --dir "$TD" --collectors tegrastats 2>"$TMPDIR/err" ||
	fail "--once failed: $(cat "$TMPDIR/err")"
[ -e "$TD/power" ] || fail "no ring"
telemetry_reader --once --format line "$TD/power" 2>/dev/null | grep -q tegrastats &&
	fail "tegrastats series without a tegrastats"

stand_in_tegrastats <<'EOT'
#!/bin/sh
echo "Error: not running on a Jetson" >&2
exit 1
EOT
PATH=$TMPDIR:$PATH "$TP" --list --collectors tegrastats >"$TMPDIR/list" 2>/dev/null ||
	fail "--list failed"
grep -q '^tegrastats: tegrastats: ended without a line' "$TMPDIR/list" ||
	fail "--list said: $(cat "$TMPDIR/list")"
grep -q '^tegrastats: not available' "$TMPDIR/list" || fail "--list said: $(cat "$TMPDIR/list")"
