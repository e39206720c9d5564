#!/usr/bin/env bash
# Agent names too long for their column are cut in the middle, and where
# names differ only at the end (...-gpu0, ...-gpu1) or in the middle
# (prefill, decode) the cut keeps what tells them apart: at 80x24, 120x40
# and 220x60, in the agents and the series view, every agent cell reads as
# the start and end of exactly one agent's name, no two rows of a screen
# look the same, and no line is wider than the terminal.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_cut_lib.sh"
need_tmux
export LC_ALL=C.UTF-8

names=(llama70b-prefill-worker-gpu0 llama70b-prefill-worker-gpu1 llama70b-decode-worker-gpu0)
for n in "${names[@]}"; do
	nixl_agent --dir "$D" --name "$n" --count 20 --rate 0 >/dev/null
done

exited() { [ "$(tm_screen | grep -c ' exited ')" -eq "$1" ]; }

# check COLS FILE VIEW: the screen in FILE keeps its rows apart.
check() {
	local cols=$1 screen=$2 view=$3 cell agents
	[ "$(wc -L <"$screen")" -le "$cols" ] || fail "$view at $cols: a line is too wide: $(cat "$screen")"
	table_rows "$screen" >"$TMPDIR/rows"
	[ -s "$TMPDIR/rows" ] || fail "$view at $cols: no rows: $(cat "$screen")"
	for cell in $(awk '{ print $1 }' "$TMPDIR/rows"); do
		one_of "$cell" "${names[@]}"
	done
	if [ "$view" = agents ]; then
		agents=$(awk '{ print $1 }' "$TMPDIR/rows" | sort -u | wc -l)
		[ "$agents" -eq 3 ] || fail "agents at $cols: $agents agents told apart: $(cat "$screen")"
	fi
	[ -z "$(name_cells "$screen" | sort | uniq -d)" ] ||
		fail "$view at $cols: rows that look the same: $(cat "$screen")"
	if [ "$cols" -ge 220 ] && grep -q '…' <(awk '{ print $1 }' "$TMPDIR/rows"); then
		fail "$view at $cols: a name cut with room to spare: $(cat "$screen")"
	fi
	return 0
}

for size in 80x24 120x40 220x60; do
	cols=${size%x*} rows=${size#*x}
	TMUX_SOCK=$TMPDIR/tmux-$cols.sock
	tm_top "$cols" "$rows" "-d 0.2 $D"
	tm_wait '^AGENT.*STATE'
	wait_for exited 3
	tm_screen >"$TMPDIR/agents-$cols"
	check "$cols" "$TMPDIR/agents-$cols" agents
	tm_keys 2
	tm_wait '^AGENT.*NAME'
	tm_wait 'agent_'
	tm_screen >"$TMPDIR/series-$cols"
	check "$cols" "$TMPDIR/series-$cols" series
	tm_end
done
