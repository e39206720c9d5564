#!/usr/bin/env bash
# Ctrl+C on a terminal ends a following telemetry_reader as it ends tail:
# the summary on stderr, then exit status 130 (128 + SIGINT); SIGTERM the
# same with 143.
. "$SRC/tests/tools/top_lib.sh"
need_tmux
nixl_agent --dir "$D" --name live --count 5 --rate 0 || fail "cannot write the ring"

# The terminal's Ctrl+C goes to its whole foreground group: the shell
# around the reader traps it only to go on and write the reader's status.
tm_start 80 24 "trap true INT; telemetry_reader --last 10 --format line $D/live 2>$TMPDIR/err;" \
	"echo \$? >$TMPDIR/rc; exec sleep 100000"
tm_wait ' live PERFORMANCE agent_xfer_post_time '
[ "$(tm_screen | grep -c ' live ')" = 10 ] || fail "screen: $(tm_screen)"
tm_keys C-c
wait_for test -s "$TMPDIR/rc"
[ "$(cat "$TMPDIR/rc")" = 130 ] || fail "Ctrl+C: exit status $(cat "$TMPDIR/rc"), want 130"
[ "$(cat "$TMPDIR/err")" = "telemetry_reader: read 10 events, missed 0" ] ||
	fail "Ctrl+C: stderr is not the summary: $(cat "$TMPDIR/err")"

telemetry_reader --format line "$D/live" >"$TMPDIR/out" 2>"$TMPDIR/err" &
pid=$!
wait_for grep -q ' live PERFORMANCE agent_xfer_post_time ' "$TMPDIR/out"
kill -TERM "$pid"
wait "$pid" && rc=0 || rc=$?
[ "$rc" = 143 ] || fail "SIGTERM: exit status $rc, want 143"
[ "$(cat "$TMPDIR/err")" = "telemetry_reader: read $(wc -l <"$TMPDIR/out") events, missed 0" ] ||
	fail "SIGTERM: stderr is not the summary: $(cat "$TMPDIR/err")"
exit 0
