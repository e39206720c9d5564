#!/usr/bin/env bash
# The state column is coloured on a colour terminal, and the state is
# also written as a word; -C, --no-color and NO_COLOR give a monochrome
# screen with the same words.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
bg top_hailo_writer "$D" 3
wait_for live hailo-3

# capture-pane -e keeps the escape sequences: SGR 30-37 / 90-97 set a colour.
colours() {
	tmux -S "$TMUX_SOCK" capture-pane -p -e | grep -Ec $'\e\\[([0-9;]*;)?(3[0-7]|9[0-7])(;[0-9;]*)?m'
}
runs=0
# run ENV ARGS: the number of coloured lines on telemetry_top's screen.
run() {
	# A fresh server each time: a socket whose server is still exiting cannot be reused.
	runs=$((runs + 1))
	TMUX_SOCK=$TMPDIR/tmux-$runs.sock
	TOP_ENV="TERM=screen $1"
	tm_top 100 30 "$2"
	tm_wait '^hailo-3 +3 +live '
	tm_has '^alpha +[0-9]+ +exited ' || fail "$*: $(tm_screen)"
	n=$(colours) || true
	tm_end
}

run "" "$D"
[ "$n" -ge 1 ] || fail "no colour on a colour terminal"
run "" "-C $D"
[ "$n" -eq 0 ] || fail "-C: $n coloured lines"
run "" "--no-color $D"
[ "$n" -eq 0 ] || fail "--no-color: $n coloured lines"
run NO_COLOR=1 "$D"
[ "$n" -eq 0 ] || fail "NO_COLOR: $n coloured lines"
