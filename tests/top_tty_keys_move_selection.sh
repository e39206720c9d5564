#!/usr/bin/env bash
# Up, Down, PgUp, PgDn, Home and End move the selection (the bold reverse
# row), scrolling the table to keep it on the screen.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_tty_lib.sh"
need_tmux

bg top_many_rings "$D" 60 1000
all_there() {
	[ "$(find "$D" -name 'ring-*' | wc -l)" -eq 60 ]
}
wait_for all_there
# 20 lines: 3 of summary, the column header, 15 rows, the key reminder.
TOP_ENV=TERM=screen
tm_top 100 20 "-C $D"
tm_wait '^ring-0014 '

# The selected row (bold and reversed; see tm_selected): its ring.
selected() {
	tm_selected | awk '/^ring-/ { print $1 }'
}
selected_is() {
	[ "$(selected)" = "$1" ]
}
wait_for selected_is ring-0000
tm_keys End
wait_for selected_is ring-0059
tm_has '^ring-0000 ' && fail "End: the top rows are still shown"
tm_keys Home
wait_for selected_is ring-0000
tm_keys PgDn
wait_for selected_is ring-0015
tm_keys Down Down
wait_for selected_is ring-0017
tm_has '^ring-0017 ' || fail "the selection scrolled off: $(tm_screen)"
tm_keys Up
wait_for selected_is ring-0016
tm_keys PgUp
wait_for selected_is ring-0001
tm_end
