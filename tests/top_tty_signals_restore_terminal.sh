#!/usr/bin/env bash
# The terminal is restored however the monitor ends: SIGINT, SIGTERM and
# SIGHUP end it cleanly (status 0); a fatal signal (SIGSEGV) still kills
# it, but only after the terminal is put back.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
tm_start 100 30 "bash --norc --noprofile"
tm_keys "PS1='$ '; stty -g >$TMPDIR/before" Enter
wait_for test -s "$TMPDIR/before"

for sig in INT TERM HUP SEGV; do
	rm -f "$TMPDIR/after"
	tm_keys "telemetry_top $D; echo \$? >$TMPDIR/rc; stty -g >$TMPDIR/after; echo done-$sig" Enter
	tm_wait '^alpha +[0-9]+ +exited'
	pid=$(tm_pid "$D")
	kill -"$sig" "$pid"
	wait_for test -s "$TMPDIR/after"
	rc=$(cat "$TMPDIR/rc")
	case $sig in
	SEGV) [ "$rc" -ne 0 ] || fail "SIGSEGV: exit status 0" ;;
	*) [ "$rc" -eq 0 ] || fail "SIG$sig: exit status $rc" ;;
	esac
	cmp -s "$TMPDIR/before" "$TMPDIR/after" || fail "SIG$sig: stty changed"
	tm_wait "^done-$sig\$"
	tm_has '^alpha +[0-9]+ +exited' && fail "SIG$sig: the monitor's screen is still showing"
done
exit 0
