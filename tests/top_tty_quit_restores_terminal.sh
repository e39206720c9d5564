#!/usr/bin/env bash
# q leaves the terminal as it found it: the same stty settings, the shell's
# screen back (curses' alternate screen gone), exit status 0.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
tm_start 100 30 "bash --norc --noprofile"
tm_keys "PS1='$ '; stty -g >$TMPDIR/before; echo before-marker" Enter
tm_wait '^before-marker$'
tm_keys "telemetry_top $D; echo rc=\$? >$TMPDIR/rc; stty -g >$TMPDIR/after" Enter
tm_wait '^alpha +[0-9]+ +exited'
tm_has 'before-marker' && fail "curses did not take the screen"

tm_keys q
wait_for test -s "$TMPDIR/after"
[ "$(cat "$TMPDIR/rc")" = rc=0 ] || fail "$(cat "$TMPDIR/rc")"
cmp -s "$TMPDIR/before" "$TMPDIR/after" || fail "stty changed: $(cat "$TMPDIR/before") -> $(cat "$TMPDIR/after")"
tm_wait '^before-marker$'
tm_has '^alpha +[0-9]+ +exited' && fail "the monitor's screen is still showing: $(tm_screen)"
exit 0
