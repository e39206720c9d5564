#!/usr/bin/env bash
# top_cpu.sh - telemetry_top's own CPU time over 30 s at a 1 s refresh,
# with 1,000 live agent rings in the directory (each gets one event a
# second), against the same monitor on an empty directory (the baseline:
# what the process costs before it has any ring to look at).  Measured in
# batch mode (every agent row printed) and, when tmux is there, on a
# terminal (what people run).  Medians of TOP_BENCH_RUNS runs (default 3);
# the cases of a run go side by side, so a run takes 30 s.
set -euo pipefail
: "${B:=build}"
SRC=${SRC:-$(cd "$(dirname "$0")/.." && pwd)}
TOP=$SRC/$B/telemetry_top
MANY=$SRC/$B/tests/tools/top_many_rings
RUNS=${TOP_BENCH_RUNS:-3}
SECS=30
RINGS=1000

tmp=$(mktemp -d)
many=
sock=$tmp/tmux.sock
cleanup() {
	# set -e would end the trap at the killed writer's non-zero wait status.
	if [ -n "$many" ]; then
		kill "$many" 2>/dev/null || true
		wait "$many" 2>/dev/null || true
	fi
	if [ -S "$sock" ]; then
		tmux -S "$sock" kill-server 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

mkdir "$tmp/rings" "$tmp/empty"
"$MANY" "$tmp/rings" "$RINGS" 1000 >"$tmp/many.out" &
many=$!
until grep -q ready "$tmp/many.out" 2>/dev/null; do
	kill -0 "$many" || { echo "top_cpu: top_many_rings failed" >&2; exit 1; }
	sleep 0.1
done
have_tmux=0
command -v tmux >/dev/null && have_tmux=1

# cpu_ms FILE: user + system seconds (bash's time, %U %S) as milliseconds.
cpu_ms() {
	awk '{ printf "%.1f", ($1 + $2) * 1000 }' "$1"
}

for ((r = 0; r < RUNS; r++)); do
	export TIMEFORMAT='%3U %3S'
	# -n 30 refreshes 1 s apart after the first: 30 s of monitoring.
	{ time "$TOP" -b -d 1 -n $((SECS + 1)) -v agents "$tmp/empty" >/dev/null; } 2>"$tmp/base.$r" &
	p1=$!
	{ time "$TOP" -b -d 1 -n $((SECS + 1)) -v agents "$tmp/rings" >/dev/null; } 2>"$tmp/batch.$r" &
	p2=$!
	if [ "$have_tmux" = 1 ]; then
		rm -f "$tmp/tty.$r"
		tmux -S "$sock" -f /dev/null new-session -d -x 120 -y 40 \
			"TIMEFORMAT='%3U %3S'; { time $TOP -d 1 -n $SECS $tmp/rings; } 2>$tmp/tty.$r.tmp; mv $tmp/tty.$r.tmp $tmp/tty.$r"
	fi
	wait "$p1" "$p2"
	if [ "$have_tmux" = 1 ]; then
		until [ -e "$tmp/tty.$r" ]; do sleep 0.2; done
		tmux -S "$sock" kill-server 2>/dev/null || true
	fi
done

median() {
	sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
med() {
	for ((r = 0; r < RUNS; r++)); do cpu_ms "$tmp/$1.$r"; echo; done | median
}
base=$(med base)
row() {
	awk -v name="$1" -v ms="$2" -v base="$base" -v secs="$SECS" 'BEGIN {
		printf "%-34s %9.1f %11.3f%% %10.1fx\n", name, ms, ms / (secs * 10), (base > 0 ? ms / base : 0) }'
}
echo "telemetry_top: CPU time over ${SECS} s at a 1 s refresh (median of $RUNS runs)"
printf "%-34s %9s %12s %11s\n" case cpu_ms "of a core" "/baseline"
row "empty directory (baseline)" "$base"
row "$RINGS rings, batch, all rows" "$(med batch)"
if [ "$have_tmux" = 1 ]; then
	row "$RINGS rings, on a terminal (tmux)" "$(med tty)"
fi
