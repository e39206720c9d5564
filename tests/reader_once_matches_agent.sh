#!/usr/bin/env bash
# telemetry_reader --once prints every retained event exactly: the sums of
# its JSON output per series equal what the example agent says it emitted.
set -eu
dir=$TMPDIR/t
mkdir "$dir"
NIXL_TELEMETRY_BUFFER_SIZE=8192 nixl_agent --dir "$dir" --name ex --count 500 --rate 0 --summary >"$TMPDIR/summary"
telemetry_reader --once --format json "$dir/ex" >"$TMPDIR/events" 2>"$TMPDIR/err"
grep -q "missed 0" "$TMPDIR/err"
for name in agent_tx_bytes agent_rx_bytes agent_xfer_time agent_memory_registered; do
	want=$(awk -v n="$name" '$1 == n { sub("sum=", "", $3); print $3 }' "$TMPDIR/summary")
	got=$(jq -s --arg n "$name" '[.[] | select(.name == $n) | .value] | add' "$TMPDIR/events")
	echo "$name: want $want got $got"
	[ "$want" = "$got" ]
done
# Every line is a complete object with the documented fields.
jq -e 'has("timestamp") and has("ns") and has("agent") and has("category") and has("labels") and has("unit")' \
	"$TMPDIR/events" >/dev/null
# The block format is NIXL's.
telemetry_reader --once --last 1 "$dir/ex" >"$TMPDIR/block" 2>/dev/null
head -n 1 "$TMPDIR/block" | grep -qx '=== NIXL Telemetry Event ==='
grep -Eq '^Timestamp: [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}$' "$TMPDIR/block"
grep -q '^Category: ' "$TMPDIR/block"
grep -q '^Event: ' "$TMPDIR/block"
grep -Eq '^Value: [0-9]+$' "$TMPDIR/block"
grep -qx '===========================' "$TMPDIR/block"
