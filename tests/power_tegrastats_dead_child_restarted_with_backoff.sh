# A tegrastats that exits is started again, after a backoff (1 s, doubling
# to 30 s, back to 1 s once a child has given a line): each run of the
# stand-in counts itself in a file and prints one line carrying its run
# number, then exits.  The third run's line lands, the runs are at least
# the backoff apart, and each exit is said on stderr.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"
WAIT_SECS=15
[ -n "${SANITIZE:-}" ] && WAIT_SECS=60

stand_in_tegrastats <<'EOT'
#!/bin/bash
date +%s.%N >>"$RUNS"
n=$(wc -l <"$RUNS")
echo "RAM 707/7854MB (lfb 1659x4MB) VDD_IN ${n}00/${n}00"
exit 3
EOT

RUNS=$TMPDIR/runs telemetry_power --dir "$TD" --interval 50 --collectors tegrastats \
	--tegrastats "$STAND" 2>"$TMPDIR/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

landed() {
	telemetry_reader --once --format line "$TD/power" 2>/dev/null |
		grep -q 'power{rail="VDD_IN",source="tegrastats"} 0.3 W'
}
wait_within "$WAIT_SECS" landed || fail "no line from a third run: $(cat "$TMPDIR/err")"
kill -0 $pid || fail "telemetry_power died"
kill -TERM $pid
wait $pid || fail "telemetry_power exited $? on SIGTERM: $(cat "$TMPDIR/err")"
trap - EXIT
# Every run gave a line, so the backoff stays at its 1 s floor.
awk 'NR > 1 && $1 - prev < 0.95 { print "runs " prev " and " $1 " are less than 1 s apart"; bad = 1 }
	{ prev = $1 } END { exit bad }' "$TMPDIR/runs" >&2 || fail "restarted without the backoff"
grep -q 'tegrastats: .*exited with status 3; restarting in 1 s' "$TMPDIR/err" ||
	fail "the exit is not said: $(cat "$TMPDIR/err")"
