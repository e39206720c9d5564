# Lines that are not tegrastats output (garbage, binary bytes, an
# unclosed list) are skipped with one warning in all, not one per line;
# telemetry_power keeps running and the next good line still lands.
set -euo pipefail
. "$SRC/tests/tools/power_lib.sh"

# The stand-in prints, each time the test asks (a fifo read: the test
# goes on only once the line before has landed), a bad line and then,
# one tegrastats interval later as tegrastats would, a good line whose
# VDD_IN is the round number.
mkfifo "$TMPDIR/go"
stand_in_tegrastats <<'EOT'
#!/bin/bash
exec 3<>"$GO"
k=0
for bad in 'hello world' $'\x01\x02\xff\xfe' 'CPU [1%@2,' '!!! ??? ###' '0/0 @@ %%'; do
	read -r _ <&3
	k=$((k + 1))
	printf '%s\n' "$bad"
	sleep 0.15
	echo "RAM 707/7854MB (lfb 1659x4MB) VDD_IN ${k}000/1134 tj@41.5C"
done
sleep infinity
EOT

GO=$TMPDIR/go telemetry_power --dir "$TD" --interval 50 --collectors tegrastats \
	--tegrastats "$STAND" 2>"$TMPDIR/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
exec 3<>"$TMPDIR/go"

landed() {
	telemetry_reader --once --format line "$TD/power" 2>/dev/null |
		grep -q "power{rail=\"VDD_IN\",source=\"tegrastats\"} $1 W"
}
wait_within "$WAIT_SECS" test -e "$TD/power" || fail "no ring: $(cat "$TMPDIR/err")"
for k in 1 2 3 4 5; do
	echo go >&3
	wait_within "$WAIT_SECS" landed "$k" ||
		fail "the good line after bad line $k did not land: $(cat "$TMPDIR/err")"
done
kill -0 $pid || fail "telemetry_power died"
kill -TERM $pid
wait $pid || fail "telemetry_power exited $? on SIGTERM: $(cat "$TMPDIR/err")"
trap - EXIT
n=$(grep -c 'no readings' "$TMPDIR/err" || true)
[ "$n" = 1 ] || fail "$n warnings for bad lines, want 1: $(cat "$TMPDIR/err")"
grep -q 'telemetry_power: tegrastats: .*no readings, skipped (warned once): "hello world"' "$TMPDIR/err" ||
	fail "the warning does not name the line: $(cat "$TMPDIR/err")"
