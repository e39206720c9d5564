#!/usr/bin/env bash
# F3 searches as in htop: the selection jumps to the first row matching
# what is typed (a glob over the line), F3 again to the next one (round
# the end), scrolling it into view; Enter ends the search and leaves the
# selection there, every row still listed; F3 later goes on from it.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_tty_lib.sh"
need_tmux

top_many_rings --copies "$D" 60 >/dev/null
TOP_ENV=TERM=screen
tm_top 80 24 "-C $D"
tm_wait '^ring-0000 '
sel_is() {
	[ "$(tm_selected | cut -d' ' -f1)" = "$1" ]
}
wait_for sel_is ring-0000

tm_keys F3 004
tm_wait '^search: 004_'
wait_for sel_is ring-0004
tm_keys F3
wait_for sel_is ring-0040
tm_has '^ring-0040 ' || fail "not scrolled to: $(tm_screen)"
tm_keys F3
wait_for sel_is ring-0041
tm_keys Enter
tm_wait 'row 42 of 60$'
wait_for sel_is ring-0041
# Later, F3 picks up the last search after the selection.
tm_keys F3
tm_wait '^search: 004_'
wait_for sel_is ring-0042
# Round the end, back to the first match.
tm_keys BSpace BSpace BSpace '*59'
wait_for sel_is ring-0059
tm_keys BSpace BSpace BSpace 0000 F3
wait_for sel_is ring-0000
tm_keys Escape
tm_wait 'row 1 of 60$'
tm_end
