#!/usr/bin/env bash
# A new sort column shows the top of the list, with the first row
# selected, unless the user moved the selection: then it stays on that
# row wherever the new order puts it.  When the table does not fit, the
# status line says where the selection is ("row N of M").
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_tty_lib.sh"
need_tmux

for n in alpha beta gamma; do
	nixl_agent --dir "$D" --name "$n" --count 1000 --rate 0 >/dev/null	# 12 series each
done
# The row a MAX sort puts first: the biggest MAX, a tie going to the first agent.
top=$(telemetry_top --json "$D" | jq -r '[.series[] | select(.max != null)] |
	sort_by([-.max, .agent, .name]) | first | "\(.agent) \(.name)"')
TOP_ENV=TERM=screen
tm_top 120 24 "-C $D"
tm_wait '^alpha '
tm_keys 2
tm_wait '^ 1 Agents  \[2 Series\].* row 1 of 36$'

# As in the issue: > until MAX, biggest first.
for _ in $(seq 12); do
	tm_has 'sort MAX ' && break
	tm_keys '>'
	sleep 0.1
done
tm_wait 'sort MAX down +row 1 of 36$'
first() {
	tm_table | head -n 1
}
first_is() {
	[ "$(first)" = "$1" ]
}
wait_for first_is "$top"
[ "$(tm_selected | cut -d' ' -f1-2)" = "$top" ] || fail "selected: $(tm_selected)"

# Moved by hand: the selection stays on its row through a new order.
tm_keys Down Down Down
tm_wait 'row 4 of 36$'
row=$(tm_selected | cut -d' ' -f1-2)
tm_keys I
tm_wait 'sort MAX up'
sel_is() {
	[ "$(tm_selected | cut -d' ' -f1-2)" = "$row" ]
}
wait_for sel_is
# It is now elsewhere in the list, and the status line says where.
n=$(telemetry_top --json "$D" | jq -r --arg r "$row" '[.series[] | select(.max != null)] |
	sort_by([.max, .agent, .name]) | map("\(.agent) \(.name)") | index($r) + 1')
tm_wait "sort MAX up +row $n of 36\$"
[ "$n" != 4 ] || fail "the row did not move: cannot tell"

# Home lets go: the next order shows the top again.
tm_keys Home
tm_wait 'row 1 of 36$'
tm_keys '<'
tm_wait 'row 1 of 36$'
tm_wait_not 'sort MAX'
tm_end
