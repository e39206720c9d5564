#!/usr/bin/env bash
# At 80x24 the help screen is not cut: no line is wider than the screen,
# it says which of its lines are shown, and Down, PgDn, End, Up and Home
# scroll it to every line (F3, F4 and g included); another key closes it.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
tm_top 80 24 "-C $D"
tm_wait '^alpha '
tm_keys h
tm_wait '^telemetry_top keys$'
tm_wait 'lines 1-23 of [0-9]+$'
total=$(tm_row 24 | sed 's/.* of //')
[ "$total" -gt 23 ] || fail "the help fits: cannot tell"
seen=$TMPDIR/seen
tm_screen | sed '$d' >"$seen"
# Down one line, then a page at a time to the end.
tm_keys Down
tm_wait 'lines 2-24 of '
tm_screen | sed '$d' >>"$seen"
tm_keys PgDn
tm_wait "lines [0-9]+-$total of $total\$"
tm_screen | sed '$d' >>"$seen"
[ "$(awk '{ print length }' "$seen" | sort -n | tail -n 1)" -le 80 ] || fail "a line is cut or too wide"
for k in 'q, F10' 'h, \?, F1' 'PgUp, PgDn' 'Home, End' '<  >  F6' '^  F3 ' '^  /  F4 ' '^  \\ ' \
	'^  g ' 'Ctrl-L' '^  exited ' '^  dead ' '^UNSEEN' 'not rings'; do
	grep -Eq -- "$k" "$seen" || fail "help lacks '$k' however scrolled"
done
# Past the end it stays at the end; Up and Home go back.
tm_keys End Down
tm_wait "lines [0-9]+-$total of $total\$"
tm_keys Up
tm_wait "lines [0-9]+-$((total - 1)) of $total\$"
tm_keys Home
tm_wait '^telemetry_top keys$'
tm_wait 'lines 1-23 of '
tm_keys x
tm_wait '^alpha '
tm_end
