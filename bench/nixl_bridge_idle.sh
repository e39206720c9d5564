#!/usr/bin/env bash
# CPU used by telemetry_nixl at its default 50 ms interval: with 100 idle
# NIXL rings to watch, and, as the baseline in the same run, with an empty
# NIXL directory, run in turns with it.  Steady state only: measured over
# 5 s once the bridge has attached every ring (start-up, which creates the
# shmtel agents, is not idle cost), from /proc/PID/schedstat (ns) where the
# kernel has it, else from clock ticks.  Median of 3 runs.
set -eu
# Where rings live: shared memory (tmpfs).  A disk file system's page
# cache makes each cold header load several times dearer.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	dir=$(mktemp -d -p /dev/shm)
else
	dir=$(mktemp -d)
fi
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/empty" "$dir/rings"
# A version-4 NIXL ring of 1024 slots, header written byte by byte.
ring() {
	printf '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\4\0\0\0\4\0\0\0\0\4\0\0\0\0\0\0\377\3\0\0\0\0\0\0' >"$1"
	truncate -s $((40 + 1024 * 16)) "$1"
}
for i in $(seq 1 100); do ring "$dir/rings/agent$i"; done
hz=$(getconf CLK_TCK)
# cpu_ns PID: CPU time used so far, in ns.
cpu_ns() {
	if [ -r "/proc/$1/schedstat" ]; then
		awk '{ print $1 }' "/proc/$1/schedstat"
	else
		awk -v hz="$hz" '{ printf "%.0f\n", ($14 + $15) * 1e9 / hz }' "/proc/$1/stat"
	fi
}
secs=5
# cpu SRC_DIR AGENTS: CPU seconds of $secs s of steady state, once AGENTS agents are up.
cpu() {
	local pid a b out=$dir/out.$RANDOM i=0
	mkdir "$out"
	telemetry_nixl --dir "$out" "$1" &
	pid=$!
	while [ "$(ls "$out" | wc -l)" -lt "$2" ]; do
		i=$((i + 1))
		[ $i -lt 500 ] || { echo "bench: the bridge did not pick up the rings" >&2; exit 1; }
		sleep 0.02
	done
	sleep 0.5
	a=$(cpu_ns $pid)
	sleep "$secs"
	b=$(cpu_ns $pid)
	kill -TERM $pid
	wait $pid
	rm -rf "$out"
	awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
}
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
# Baseline and rings in turns, so that both see the same machine.
b1=$(cpu "$dir/empty" 0); r1=$(cpu "$dir/rings" 100)
b2=$(cpu "$dir/empty" 0); r2=$(cpu "$dir/rings" 100)
b3=$(cpu "$dir/empty" 0); r3=$(cpu "$dir/rings" 100)
base=$(median3 "$b1" "$b2" "$b3")
busy=$(median3 "$r1" "$r2" "$r3")
echo "telemetry_nixl at the default 50 ms interval, rings in ${dir%/*}, median of 3 runs x $secs s steady state (CPU time)"
awk -v b="$base" -v r="$busy" -v s="$secs" 'BEGIN {
	printf "  %-44s %7.4f s %6.3f %% of a core\n", "baseline: empty NIXL directory", b, 100 * b / s
	printf "  %-44s %7.4f s %6.3f %% of a core\n", "100 idle NIXL rings", r, 100 * r / s
	printf "  %-44s %7.4f s %6.3f %% of a core (target < 0.1 %%)\n", "cost of the 100 rings (rings - baseline)", r - b, 100 * (r - b) / s
}'
