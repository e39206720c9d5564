#!/usr/bin/env bash
# After the terminal is resized (and after a stop and continue, when the
# size may have changed meanwhile) the screen is laid out again for the
# new size: nothing wider than the terminal, the key reminder on the new
# last line.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name a_rather_long_agent_name_indeed --count 10 --rate 0 >/dev/null
tm_top 120 30 "-C -d 0.2 $D"
tm_wait '^a_rather_long_agent_name_indeed '
fits() {
	local cols=$1 rows=$2
	[ "$(tm_screen | wc -L)" -le "$cols" ] && [[ $(tm_row "$rows") == "F1 Help"* ]] &&
		tm_has '^AGENT.*PID.*STATE'
}

tmux -S "$TMUX_SOCK" resize-window -x 60 -y 15
wait_for fits 60 15
# Cut in the middle: the start and the end of the name stay.
tm_has '^a_rat[a-z_]*…[a-z_]*indeed ' || fail "name not cut to fit: $(tm_screen)"

tmux -S "$TMUX_SOCK" resize-window -x 140 -y 40
wait_for fits 140 40
tm_has '^a_rather_long_agent_name_indeed ' || fail "name still cut: $(tm_screen)"

# Stopped while the terminal changes size: redrawn for the new size on SIGCONT.
pid=$(tm_pid -C -d 0.2 "$D")
kill -STOP "$pid"
tmux -S "$TMUX_SOCK" resize-window -x 70 -y 20
kill -CONT "$pid"
wait_for fits 70 20
tm_end
