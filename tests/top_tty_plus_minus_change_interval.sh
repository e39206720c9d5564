#!/usr/bin/env bash
# + refreshes less often and - more often, in steps, shown in the title;
# the clock in the title then moves at the new pace.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

tm_top 100 30 "-C -d 1 $D"
tm_wait 'refresh 1\.0s'
tm_keys +
tm_wait 'refresh 2\.0s'
tm_keys - - -
tm_wait 'refresh 0\.2s'
# At 0.2 s the title's clock must change within a couple of seconds.
clock() {
	tm_row 1 | grep -Eo '[0-9]{2}:[0-9]{2}:[0-9]{2}'
}
t0=$(clock)
ticked() {
	[ "$(clock)" != "$t0" ]
}
wait_for ticked
tm_end
