#!/usr/bin/env bash
# The TREND sparkline of a steady rate is not a row of full bars: it is
# scaled to what it shows, from its smallest value (a bottom block) over
# a range of at least a tenth of its largest, so a steady rate is a flat
# line at the bottom and its jitter stays small; idle stays blank.
. "$SRC/tests/tools/top_lib.sh"

bg nixl_agent --dir "$D" --name steady --rate 500
wait_for live steady
idle=$TMPDIR/idle
mkdir "$idle"
nixl_agent --dir "$idle" --name idle --count 10 --rate 0 >/dev/null

# trend LOCALE DIR: the TREND cell of agent_tx_requests_num after 10 refreshes.
trend() {
	LC_ALL=$1 telemetry_top -b -n 10 -d 0.2 -v series -w 200 -f tx_requests_num "$2" |
		awk '/^AGENT/ { n++ } n == 10 && /agent_tx_requests_num/ { print substr($0, length($0) - 8 * w + 1) }' \
			w="$3"
}
t=$(LC_ALL=C.UTF-8 trend C.UTF-8 "$D" 3)
[ "$(printf %s "$t" | LC_ALL=C.UTF-8 wc -m)" = 8 ] || fail "not 8 cells: '$t'"
[[ $t == *▁* ]] || fail "no flat bottom: '$t'"
[ "$t" != "████████" ] || fail "solid bars: '$t'"

t=$(trend C "$D" 1)
[[ $t =~ ^[-.:=+*#@]{8}$ && $t == *.* ]] || fail "ASCII: '$t'"

# An agent that writes nothing: blank, so the line ends with its SUM (10 requests).
t=$(trend C "$idle" 1)
[ "$(awk '{ print $NF }' <<<"$t")" = 10 ] || fail "idle: '$t'"
exit 0
