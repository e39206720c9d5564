#!/usr/bin/env bash
# A byte counter's RATE/s is its throughput in IEC units per second, not
# values per second: an agent adding 4096 bytes to each of its four byte
# counters five times a second shows about 20 KiB/s for each; a counter
# without a unit (requests) keeps a plain rate.
. "$SRC/tests/tools/top_lib.sh"
need_tmux
export LC_ALL=C.UTF-8

# One value of 4096 bytes every 50 ms, to the four counters in turn.
bg top_many_rings "$D" 1 50
bg nixl_agent --dir "$D" --name reqs --rate 100
wait_for live ring-0000
wait_for live reqs
tm_top 80 24 "-d 1 -v series $D"
tm_wait '^AGENT.*NAME'
tm_wait '^ring-0000 +counter_3 +[0-9.]+ KiB/s '
tm_wait '^reqs +agent_tx_bytes +[0-9.]+ (B|KiB|MiB)/s '
# 4096 bytes x 1000 / 50 ms / 4 counters = 20 KiB/s each: 10 to 40 allows for the writer's pace.
# The first refresh shows the average since the ring was made, a few values
# only (less where start-up is slow, as under an emulator): wait for the
# rates of a refresh that has all four in range, with their KiB/s unit.
rates_ok() {
	local c rate
	tm_screen >"$TMPDIR/screen"
	for c in 0 1 2 3; do
		rate=$(sed -n "s|^ring-0000 \+counter_$c \+\([0-9.]*\) KiB/s .*|\1|p" "$TMPDIR/screen")
		[ -n "$rate" ] && awk -v r="$rate" 'BEGIN { exit !(r >= 10 && r <= 40) }' || return 1
	done
}
wait_for rates_ok
grep -Eq '^reqs +agent_tx_requests_num +[0-9.]+k? +' "$TMPDIR/screen" ||
	fail "requests: not a plain rate: $(cat "$TMPDIR/screen")"
grep -E '^reqs +agent_tx_requests_num ' "$TMPDIR/screen" | grep -q '/s' &&
	fail "requests shown as throughput: $(cat "$TMPDIR/screen")"
tm_end
