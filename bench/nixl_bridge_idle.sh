#!/usr/bin/env bash
# CPU used by telemetry_nixl at its default 50 ms interval: with 100 idle
# NIXL rings to watch, and, as the baseline in the same run, with an empty
# NIXL directory.  Median of 3 runs of 3 s each.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/empty" "$dir/rings" "$dir/out"
# A version-4 NIXL ring of 1024 slots, header written byte by byte.
ring() {
	printf '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\4\0\0\0\4\0\0\0\0\4\0\0\0\0\0\0\377\3\0\0\0\0\0\0' >"$1"
	truncate -s $((40 + 1024 * 16)) "$1"
}
for i in $(seq 1 100); do ring "$dir/rings/agent$i"; done
hz=$(getconf CLK_TCK)
# cpu SRC_DIR: CPU seconds of one 3 s run.
cpu() {
	local pid ticks
	telemetry_nixl --dir "$dir/out" "$1" &
	pid=$!
	sleep 3
	ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
	kill -TERM $pid
	wait $pid
	awk -v t="$ticks" -v hz="$hz" 'BEGIN { printf "%.3f\n", t / hz }'
}
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
base=$(median3 "$(cpu "$dir/empty")" "$(cpu "$dir/empty")" "$(cpu "$dir/empty")")
busy=$(median3 "$(cpu "$dir/rings")" "$(cpu "$dir/rings")" "$(cpu "$dir/rings")")
[ "$(ls "$dir/out" | wc -l)" -eq 100 ] || { echo "bench: the bridge did not pick up the rings" >&2; exit 1; }
echo "telemetry_nixl at the default 50 ms interval, median of 3 runs x 3 s (CPU time)"
awk -v b="$base" -v r="$busy" 'BEGIN {
	printf "  %-44s %7.3f s %6.2f %% of a core\n", "baseline: empty NIXL directory", b, 100 * b / 3
	printf "  %-44s %7.3f s %6.2f %% of a core\n", "100 idle NIXL rings", r, 100 * r / 3
}'
