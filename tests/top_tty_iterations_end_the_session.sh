#!/usr/bin/env bash
# On a terminal, -n N ends the session by itself after N refreshes (as in
# batch mode), with status 0 and the terminal restored.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
tm_start 100 30 "bash --norc --noprofile"
tm_keys "PS1='$ '; stty -g >$TMPDIR/before" Enter
wait_for test -s "$TMPDIR/before"
tm_keys "telemetry_top -n 3 -d 0.2 $D; echo \$? >$TMPDIR/rc; stty -g >$TMPDIR/after; echo done-marker" Enter
tm_wait '^done-marker$'
[ "$(cat "$TMPDIR/rc")" = 0 ] || fail "exit status $(cat "$TMPDIR/rc")"
cmp -s "$TMPDIR/before" "$TMPDIR/after" || fail "stty changed"
# It ran on the screen (the alternate screen is gone), not in batch mode.
tm_has '^alpha +[0-9]+ +exited' && fail "printed batch output: $(tm_screen)"
exit 0
