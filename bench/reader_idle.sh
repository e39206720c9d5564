#!/usr/bin/env bash
# CPU used by a following telemetry_reader over 10 s: on a quiet agent
# (one transfer a second) and, as the baseline in the same run, by `sleep`.
set -eu
dir=$(mktemp -d)
trap 'kill $agent $reader 2>/dev/null || true; rm -rf "$dir"' EXIT
nixl_agent --dir "$dir" --name quiet --rate 1 --duration 30 &
agent=$!
while [ ! -e "$dir/quiet" ]; do sleep 0.05; done
telemetry_reader --format line "$dir/quiet" >/dev/null 2>&1 &
reader=$!
sleep 10
ticks=$(awk '{ print $14 + $15 }' "/proc/$reader/stat")
hz=$(getconf CLK_TCK)
kill -INT $reader
echo "telemetry_reader following an idle agent, 10 s"
awk -v t="$ticks" -v hz="$hz" 'BEGIN { printf "  cpu time %.3f s = %.2f %% of a core\n", t / hz, 100 * t / hz / 10 }'
