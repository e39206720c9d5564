#!/usr/bin/env bash
# The filter is one glob over the whole line as shown, "agent
# name{labels}": rank1*xfer keeps rank1's two xfer series and nothing
# else, where matching agent, name and labels one by one found none.  A
# filter that matches nothing says so ("No match for ...").  F4 filters
# as you type, as in htop.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_tty_lib.sh"
need_tmux

for n in rank0 rank1; do
	nixl_agent --dir "$D" --name "$n" --count 100 --rate 0 >/dev/null
done
tm_top 80 24 "-C $D"
tm_wait '^rank1 '
tm_keys 2 F4
tm_wait '^filter \(as you type\): _'
tm_keys 'rank1*xfer'
tm_wait 'filter \(as you type\): rank1\*xfer_'
only_xfer() {
	[ "$(tm_table)" = "$(printf 'rank1 agent_xfer_post_time\nrank1 agent_xfer_time')" ]
}
wait_for only_xfer
# Labels are part of the line: a glob from the name into the labels.
tm_keys Escape F4 'rank0*errors{*found'
tm_wait 'found_'
one_label() {
	local t
	t=$(tm_table)
	[ "$(wc -l <<<"$t")" = 1 ] && [[ $t == "rank0 agent_errors{"*"not_found"* ]]
}
wait_for one_label
# Enter keeps it; the batch mode's -f is the same glob.
tm_keys Enter
tm_wait 'filter: rank0\*errors'
[ "$(telemetry_top -b -n 1 -v series -w 200 -f 'rank1*xfer' "$D" | grep -c '^rank1 ')" = 2 ] ||
	fail "-f rank1*xfer: $(telemetry_top -b -n 1 -v series -w 200 -f 'rank1*xfer' "$D")"

# Nothing matches: it says so, and how to get the rows back.
tm_keys F4 BSpace BSpace BSpace BSpace BSpace nomatch
tm_wait '^No match for "rank0\*errors\{\*nomatch" \(Esc clears the filter\)\.$'
tm_keys Escape
tm_wait '^rank0 +agent_tx_bytes'
tm_wait_not 'No match'
telemetry_top -b -n 1 -v agents -f zzz "$D" | grep -q '^No match for "zzz"\.$' ||
	fail "batch: $(telemetry_top -b -n 1 -v agents -f zzz "$D")"
tm_end
