#!/usr/bin/env bash
# h, ? and F1 show the help screen with every key; any key returns to the
# view.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
tm_top 100 40 "-C $D"
tm_wait '^alpha '
for key in h '?' F1; do
	tm_keys "$key"
	tm_wait '^telemetry_top keys$'
	for k in 'q, F10' 'h, \?, F1' 'Tab, Shift-Tab' '1 2 3' 'PgUp, PgDn' 'Home, End' 'Enter' \
		'<  >  F6' '^  I ' '^  / ' '^  \\ ' 'Esc' 'p, Z' '\+  -' 'Ctrl-L'; do
		tm_has "$k" || fail "help lacks '$k': $(tm_screen)"
	done
	tm_has '^alpha ' && fail "the table shows through the help"
	tm_keys x
	tm_wait '^alpha '
done
tm_end
