#!/usr/bin/env bash
# < and > move the sort to another column (numbers sort biggest first),
# I inverts it, and the column header marks the sorted column.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null	# 12 series
top_hist_writer "$D" beta						# 1 series
bg top_hailo_writer "$D" 77						# 13 series
wait_for live hailo-77
tm_top 100 30 "-C $D"

# Rows in screen order: the first word of each line under the header.
order() {
	tm_screen | awk '/^AGENT/ { on = 1; next } on && NF { printf "%s ", $1 } /^$/ { on = 0 }' |
		sed 's/ F1 .*//; s/ $//'
}
order_is() {
	[ "$(order)" = "$1" ]
}
tm_wait '^AGENT'
wait_for order_is "alpha beta hailo-77"
tm_keys I
wait_for order_is "hailo-77 beta alpha"
tm_keys I
wait_for order_is "alpha beta hailo-77"

# Two columns to the left of AGENT (wrapping round): AGE, then SERIES.
tm_keys '<' '<'
tm_wait 'sort SERIES down'
tm_wait 'SERIES▼'
wait_for order_is "hailo-77 alpha beta"
tm_keys I
wait_for order_is "beta alpha hailo-77"
tm_wait 'SERIES▲'
# F6 moves right: back round to AGENT.
tm_keys F6
tm_keys F6
tm_wait 'sort AGENT up'
wait_for order_is "alpha beta hailo-77"
tm_end
