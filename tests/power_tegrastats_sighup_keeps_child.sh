# SIGHUP probes every collector again; the running tegrastats is kept
# (a restart would lose a line and reset its running averages), and its
# lines go on landing after the re-probe.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

stand_in_tegrastats <<'EOT'
#!/bin/bash
echo $$ >>"$RUNS"
k=0
while :; do
	k=$((k + 1))
	echo "VDD_IN ${k}/${k}"
	sleep 0.05
done
EOT

RUNS=$TMPDIR/runs telemetry_power --dir "$TD" --interval 50 --collectors tegrastats \
	--tegrastats "$STAND" 2>"$TMPDIR/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
rail() {	# rail: the newest VDD_IN value in mW
	telemetry_reader --once --format line "$TD/power" 2>/dev/null |
		awk '$5 == "power{rail=\"VDD_IN\",source=\"tegrastats\"}" { v = $6 } END { print v * 1000 }'
}
above() { [ "$(rail)" -gt "$1" ]; }
wait_within "$WAIT_SECS" above 0 || fail "no line landed: $(cat "$TMPDIR/err")"
kill -HUP $pid
hupped() { grep -q 'SIGHUP: probing again' "$TMPDIR/err"; }
wait_within "$WAIT_SECS" hupped || fail "SIGHUP not taken: $(cat "$TMPDIR/err")"
seen=$(rail)
wait_within "$WAIT_SECS" above "$seen" || fail "no line after SIGHUP: $(cat "$TMPDIR/err")"
kill -TERM $pid
wait $pid || fail "telemetry_power exited $? on SIGTERM: $(cat "$TMPDIR/err")"
trap - EXIT
[ "$(wc -l <"$TMPDIR/runs")" = 1 ] || fail "tegrastats started $(wc -l <"$TMPDIR/runs") times, want 1"
