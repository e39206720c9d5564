#!/usr/bin/env bash
# The sort keys step only through the columns on the screen: at 80x24 the
# series view leaves columns out, and > and < go round the ones shown, the
# sorted one always there with its arrow; at 220x60, where all twelve
# fit, they go round all twelve.
. "$SRC/tests/tools/top_lib.sh"
need_tmux
export LC_ALL=C.UTF-8

for n in llama70b-prefill-worker-gpu0 llama70b-prefill-worker-gpu1; do
	nixl_agent --dir "$D" --name "$n" --count 20 --rate 0 >/dev/null
done

sorted() { tm_screen | sed -n 's/.* sort \([^ ]*\) \(up\|down\).*/\1/p' | head -n 1; }
header() { tm_screen | grep -m 1 '^AGENT' | sed 's/[▲▼]//g'; }
# The screen shows the sort column $1 with its arrow.
arrowed() { tm_screen | grep -m 1 '^AGENT' | grep -Eq "(^| )$(sed 's/[/]/\\&/g' <<<"$1")[▲▼]( |$)"; }
changed() { [ "$(sorted)" != "$1" ]; }

# cycle COLS ROWS KEY: go once round the sort keys with KEY; prints the
# number of columns shown.
cycle() {
	local cols=$1 rows=$2 key=$3 start now shown visited=" " i
	TMUX_SOCK=$TMPDIR/tmux-$cols-$key.sock
	tm_top "$cols" "$rows" "-d 0.2 -v series $D"
	tm_wait '^AGENT.*NAME'
	tm_wait 'agent_xfer'
	shown=$(header | wc -w)
	start=$(sorted)
	now=$start
	for ((i = 0; i < shown; i++)); do
		tm_keys "$key"
		wait_for changed "$now"
		now=$(sorted)
		wait_within "$WAIT_SECS" arrowed "$now" ||
			fail "$cols columns, $key: sort $now, and no column shown with an arrow: $(tm_screen)"
		header | tr ' ' '\n' | grep -qxF -- "$now" ||
			fail "$cols columns, $key: sort $now is not a column shown: $(tm_screen)"
		[[ $visited == *" $now "* ]] && [ "$now" != "$start" ] &&
			fail "$cols columns, $key: $now twice before going round: $visited"
		visited+="$now "
	done
	[ "$now" = "$start" ] || fail "$cols columns, $key: not round after $shown keys ($visited)"
	tm_end
	echo "$shown"
}

narrow=$(cycle 80 24 '>')
[ "$narrow" -lt 12 ] || fail "80 columns show all twelve: nothing to test"
[ "$(cycle 80 24 '<')" -eq "$narrow" ] || fail "< and > go round different columns"
[ "$(cycle 220 60 '>')" -eq 12 ] || fail "220 columns: not all twelve columns in the round"
