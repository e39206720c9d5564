#!/usr/bin/env bash
# Rows whose sort values look the same on the screen are ties, and ties
# go by agent, then name, then labels, at every refresh: three sums of
# 100000, 100001 and 100002 all read "100k", so sorted by SUM, biggest
# first, they stay in agent order a, b, c instead of swapping with each
# small change.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name b --count 100001 --rate 0 >/dev/null
nixl_agent --dir "$D" --name c --count 100002 --rate 0 >/dev/null
nixl_agent --dir "$D" --name a --count 100000 --rate 0 >/dev/null
tm_top 200 30 "-C -d 0.2 -v series -f tx_requests $D"
tm_wait '^a +TRANSFER +agent_tx_requests_num .* 100k'

# Rows in screen order: their agents.
order() {
	tm_screen | awk '/^AGENT/ { on = 1; next } on && /^F1 / { exit } on && NF { printf "%s ", $1 }' |
		sed 's/ $//'
}
order_is() {
	[ "$(order)" = "$1" ]
}
# To SUM, whichever way round the columns are cycled.
for _ in $(seq 12); do
	tm_has 'sort SUM ' && break
	tm_keys '<'
	sleep 0.1
done
tm_wait 'sort SUM down'
wait_for order_is "a b c"
# Refresh after refresh (0.2 s each), the order holds.
for _ in $(seq 10); do
	order_is "a b c" || fail "order changed: $(order)"
	sleep 0.1
done
# A name breaks a tie the same way: by agent first.
tm_keys I
tm_wait 'sort SUM up'
wait_for order_is "a b c"
tm_end
