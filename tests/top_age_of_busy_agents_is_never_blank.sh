#!/usr/bin/env bash
# AGE of an agent that writes all the time is a time, never "-": a busy
# writer stamps values after the instant the snapshot was dated (while
# the rings are being read), which is an age of 0, not an unknown one.
. "$SRC/tests/tools/top_lib.sh"

for n in busy0 busy1 busy2; do
	bg nixl_agent --dir "$D" --name "$n" --rate 0 --duration 60
done
for n in busy0 busy1 busy2; do
	wait_for live "$n"
done
telemetry_top -b -n 40 -d 0.1 -v agents -w 120 "$D" >"$TMPDIR/out" || fail "exit $?"
rows=$(grep -c '^busy[0-9] .* live ' "$TMPDIR/out") || true
[ "$rows" -ge 100 ] || fail "only $rows rows of live agents: $(head -n 20 "$TMPDIR/out")"
blank=$(grep '^busy[0-9] .* live ' "$TMPDIR/out" | awk '$NF == "-"' | wc -l)
[ "$blank" = 0 ] || fail "AGE '-' in $blank of $rows rows: $(grep '^busy' "$TMPDIR/out" | awk '$NF == "-"' | head -n 3)"
# And it is an age: it ends in a unit of time.
odd=$(grep '^busy[0-9] .* live ' "$TMPDIR/out" | awk '$NF !~ /^[0-9.]*(ms|s|m|h|d)$/' | head -n 1)
[ -z "$odd" ] || fail "AGE not a time: $odd"
