#!/usr/bin/env bash
# g draws the selected row's history across the screen: a title with the
# newest value and the range, the plot scaled to that range (its top
# labelled with the largest value, its bottom with the smallest), in
# braille in a UTF-8 locale and in ASCII otherwise, over a time axis that
# ends at "now" and grows with every refresh; g again closes it.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

bg nixl_agent --dir "$D" --name steady --rate 200
wait_for live steady

# graph_check COLS: the graph of agent_tx_requests_num on a COLS-wide screen.
graph_check() {
	local cols=$1 title top bottom re end=$((SECONDS + WAIT_SECS))
	re='^steady agent_tx_requests_num +now [^ ]+/s  min [^ ]+/s  max [^ ]+/s  over ([3-9]|[1-9][0-9]+)s'
	# One capture for the title, the plot and the axis: the graph is
	# redrawn ten times a second, so two captures may show two refreshes.
	until tm_screen >"$TMPDIR/screen" && grep -Eq -- "$re" "$TMPDIR/screen" &&
		grep -q ' now$' "$TMPDIR/screen"; do
		[ "$SECONDS" -lt "$end" ] || fail "timed out waiting for the graph: $(cat "$TMPDIR/screen")"
		sleep 0.05
	done
	title=$(grep '^steady agent_tx_requests_num ' "$TMPDIR/screen")
	top=$(sed 's/.*  max \([^ ]*\)  .*/\1/' <<<"$title")
	bottom=$(sed 's/.*  min \([^ ]*\)  .*/\1/' <<<"$title")
	# The plot's rows: between the title and the time axis.
	awk '/^steady agent_tx_requests_num /{ on = 1; next } on && / now$/ { exit } on' \
		"$TMPDIR/screen" >"$TMPDIR/plot"
	[ "$(wc -l <"$TMPDIR/plot")" -ge 3 ] || fail "plot: $(cat "$TMPDIR/plot")"
	[ "$(head -n 1 "$TMPDIR/plot" | awk '{ print $1 }')" = "$top" ] ||
		fail "top label is not the max $top: $(head -n 1 "$TMPDIR/plot")"
	[ "$(tail -n 1 "$TMPDIR/plot" | awk '{ print $1 }')" = "$bottom" ] ||
		fail "bottom label is not the min $bottom: $(tail -n 1 "$TMPDIR/plot")"
	grep -Eq "^ +-[0-9]+s +now\$" "$TMPDIR/screen" || fail "no time axis: $(cat "$TMPDIR/screen")"
	[ "$(grep ' now$' "$TMPDIR/screen" | tail -n 1 | wc -L)" = "$cols" ] || fail "the axis is not full width"
}

tm_top 100 30 "-C -d 0.1 -v series -f tx_requests_num $D"
tm_wait '^steady +agent_tx_requests_num'
tm_keys g
graph_check 100
# Braille: U+2800..U+28FF, UTF-8 e2 a0..a3 xx.
LC_ALL=C grep -q $'\xe2[\xa0-\xa3]' "$TMPDIR/plot" || fail "no braille: $(cat "$TMPDIR/plot")"
tm_keys g
tm_wait_not '^steady agent_tx_requests_num +now'
tm_end

# ASCII outside a UTF-8 locale, and the agents view: its events per second.
tmux -S "$TMUX_SOCK" kill-server
TOP_ENV=LC_ALL=C
tm_top 80 24 "-C -d 0.1 $D"
tm_wait '^steady '
tm_keys g
tm_wait '^steady events +now [^ ]+/s  min .* over ([2-9]|[1-9][0-9]+)s'
tm_screen | awk '/^steady events /{ on = 1; next } on && / now$/ { exit } on' >"$TMPDIR/plot"
grep -q '#' "$TMPDIR/plot" || fail "ASCII plot: $(cat "$TMPDIR/plot")"
LC_ALL=C grep -q $'[\x80-\xff]' "$TMPDIR/plot" && fail "not ASCII: $(cat "$TMPDIR/plot")"
tm_end
