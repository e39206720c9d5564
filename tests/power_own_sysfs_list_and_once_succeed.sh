#!/usr/bin/env bash
# On this machine's own /sys and /proc (which may have no sensors at
# all): --list exits 0 and says, for every collector, whether it is
# available and why not; --once exits 0, writes the ring and says what
# it sampled.
. "$SRC/tests/tools/power_lib.sh"

telemetry_power --list >"$TMPDIR/list" 2>"$TMPDIR/list.err" ||
	fail "--list exited $?: $(cat "$TMPDIR/list.err")"
for c in rapl hwmon thermal host tegrastats nvml amdsmi; do
	grep -Eq "^$c: (available|not available: .+)$" "$TMPDIR/list" ||
		fail "--list says nothing of $c: $(cat "$TMPDIR/list")"
done
grep -q '^host: available$' "$TMPDIR/list" || fail "no /proc/meminfo here?"
telemetry_power --once --dir "$TD" 2>"$TMPDIR/err" || fail "--once exited $?: $(cat "$TMPDIR/err")"
grep -q '^telemetry_power: 1 samples, [0-9]* series' "$TMPDIR/err" || fail "no summary: $(cat "$TMPDIR/err")"
[ -f "$TD/power" ] || fail "no ring"
value_of 'shmtel_memory_total_bytes{source="host"}' >/dev/null || fail "no host memory"
cat "$TMPDIR/list"
