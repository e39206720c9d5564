# --once with a tegrastats that prints a line every interval and never
# ends: telemetry_power takes one line, writes it, exits 0, and ends the
# child (and the child's own children) on the way out.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

stand_in_tegrastats <<'EOT'
#!/bin/bash
echo $$ >"$PIDS"
sleep 1000 &
echo $! >>"$PIDS"
ms=${2:?no --interval}
k=0
while :; do
	k=$((k + 1))
	echo "CPU [${k}%@1000,off] VDD_IN ${k}/${k} GR3D_FREQ ${k}%@76"
	sleep "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')"
done
EOT

PIDS=$TMPDIR/pids telemetry_power --once --dir "$TD" --interval 100 --collectors tegrastats \
	--tegrastats "$STAND" 2>"$TMPDIR/err" || fail "--once failed: $(cat "$TMPDIR/err")"
telemetry_reader --once --format line "$TD/power" >"$TMPDIR/got" || fail "no ring"
n=$(grep -c 'power{rail="VDD_IN",source="tegrastats"}' "$TMPDIR/got" || true)
[ "$n" = 1 ] || fail "$n samples of the rail, want 1: $(cat "$TMPDIR/got")"
grep -q 'power{rail="VDD_IN",source="tegrastats"} 0.001 W' "$TMPDIR/got" ||
	fail "not the first line: $(cat "$TMPDIR/got")"
grep -q 'gpu_utilization{engine="GR3D",source="tegrastats"} 1 percent' "$TMPDIR/got" ||
	fail "no GR3D as gpu_utilization: $(cat "$TMPDIR/got")"
# An off core has no load: NaN, not a stale or made-up figure.
grep -qi 'cpu_utilization{cpu="1",source="tegrastats"} nan' "$TMPDIR/got" ||
	fail "the off core is not NaN: $(grep cpu_ "$TMPDIR/got")"
gone() { ! kill -0 "$1" 2>/dev/null; }
while read -r p; do
	wait_within "$WAIT_SECS" gone "$p" || fail "process $p of the child outlived telemetry_power"
done <"$TMPDIR/pids"
