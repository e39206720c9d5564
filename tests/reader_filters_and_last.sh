#!/usr/bin/env bash
# --category, --name and --last select exactly what they say.
set -eu
dir=$TMPDIR/t
mkdir "$dir"
nixl_agent --dir "$dir" --name f --count 200 --rate 0
telemetry_reader --once --format json --category performance "$dir/f" 2>/dev/null >"$TMPDIR/perf"
[ "$(jq -r .category "$TMPDIR/perf" | sort -u)" = PERFORMANCE ]
[ "$(wc -l <"$TMPDIR/perf")" -eq 400 ]
telemetry_reader --once --format json --name 'agent_*x_bytes' "$dir/f" 2>/dev/null >"$TMPDIR/bytes"
[ "$(jq -r .name "$TMPDIR/bytes" | sort -u | tr '\n' ' ')" = "agent_rx_bytes agent_tx_bytes " ]
telemetry_reader --once --format json "$dir/f" 2>/dev/null | tail -n 5 >"$TMPDIR/all5"
telemetry_reader --once --format json --last 5 "$dir/f" 2>/dev/null >"$TMPDIR/last5"
cmp "$TMPDIR/all5" "$TMPDIR/last5"
# Bad option values are usage errors.
set +e
telemetry_reader --once --format xml "$dir/f" 2>/dev/null; [ $? -eq 2 ] || exit 1
telemetry_reader --once --category NOPE "$dir/f" 2>/dev/null; [ $? -eq 2 ] || exit 1
telemetry_reader --once --last -3 "$dir/f" 2>/dev/null; [ $? -eq 2 ] || exit 1
exit 0
