#!/usr/bin/env bash
# On a terminal that curses cannot drive (TERM dumb or unset) it prints
# batch snapshots instead of starting curses.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name alpha --count 10 --rate 0 >/dev/null
tm_start 100 30 "TERM=dumb telemetry_top -n 1 -v agents $D; env -u TERM telemetry_top -n 1 -v agents $D; echo end-marker; exec sleep 1000"
tm_wait '^end-marker$'
[ "$(tm_screen | grep -c '^telemetry_top ')" -eq 2 ] || fail "not two batch snapshots: $(tm_screen)"
[ "$(tm_screen | grep -Ec '^alpha +[0-9]+ +exited')" -eq 2 ] || fail "rows: $(tm_screen)"
