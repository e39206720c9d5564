#!/usr/bin/env bash
# When the selected row is cut, the line under the table shows it in full
# and escaped, "Selected: agent name{labels}": at 80x24 in the series view
# for the first row and, after Down, for the row the selection moved to;
# in the agents view, the agent's whole name; at 220x60, where nothing is
# cut, there is no such line.
. "$SRC/tests/tools/top_lib.sh"
. "$SRC/tests/tools/top_cut_lib.sh"
need_tmux
export LC_ALL=C.UTF-8

names=(llama70b-prefill-worker-gpu0 llama70b-prefill-worker-gpu1 llama70b-decode-worker-gpu0)
for n in "${names[@]}"; do
	nixl_agent --dir "$D" --name "$n" --count 20 --rate 0 >/dev/null
done

detail() { tm_screen | sed -n 's/^Selected: //p'; }
detail_not() { [ "$(detail)" != "$1" ]; }
exited() { [ "$(tm_screen | grep -c ' exited ')" -eq "$1" ]; }

# matches ROW: the detail line is row ROW (1-based) of the series table in full.
matches() {
	local cells agent name full fagent fname
	tm_screen >"$TMPDIR/screen"
	cells=$(name_cells "$TMPDIR/screen" | sed -n "${1}p")
	agent=${cells%% *} name=${cells#* }
	full=$(detail)
	fagent=${full%% *} fname=${full#* }
	[ -n "$(reads_as "$agent" "$fagent")" ] || return 1
	# The row may show the labels without quotes or keys; the detail has them all.
	[ -n "$(reads_as "$name" "$fname" "$(sed 's/"//g' <<<"$fname")" \
		"$(sed -E 's/[a-z_]+="([^"]*)"/\1/g' <<<"$fname")")" ]
}

tm_top 80 24 "-d 0.2 -v series $D"
tm_wait '^AGENT.*NAME'
tm_wait '^Selected: '
[[ $(detail) =~ ^llama70b-[a-z]+-worker-gpu[01]\ agent_[a-z_]+(\{status=\"[a-z_]+\"\})?$ ]] ||
	fail "detail line: $(tm_screen)"
wait_within "$WAIT_SECS" matches 1 || fail "the detail is not of the first row: $(tm_screen)"
first=$(detail)
tm_keys Down Down Down
wait_for detail_not "$first"
wait_within "$WAIT_SECS" matches 4 || fail "the detail is not of the fourth row: $(tm_screen)"

tm_keys 1
tm_wait '^AGENT.*STATE'
wait_for exited 3
tm_screen >"$TMPDIR/agents"
cell=$(table_rows "$TMPDIR/agents" | awk 'NR == 1 { print $1 }')
[[ $cell == *…* ]] || fail "80 columns: the agent name is not cut: $(tm_screen)"
wait_within "$WAIT_SECS" bash -c "tmux -S '$TMUX_SOCK' capture-pane -p | grep -q '^Selected: llama'" ||
	fail "no detail line in the agents view: $(tm_screen)"
one_of "$cell" "$(detail)"
printf '%s\n' "${names[@]}" | grep -qxF -- "$(detail)" || fail "agents view detail: $(tm_screen)"
tm_end

TMUX_SOCK=$TMPDIR/tmux-wide.sock
tm_top 220 60 "-d 0.2 -v series $D"
tm_wait '^AGENT.*NAME'
tm_wait 'agent_xfer_time'
tm_has '^Selected: ' && fail "220 columns: a detail line though nothing is cut: $(tm_screen)"
tm_end
