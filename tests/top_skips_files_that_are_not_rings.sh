#!/usr/bin/env bash
# In a directory shared with other programs (NIXL_TELEMETRY_DIR=/tmp),
# the files that are not rings (logs, empty files) are not rows of the
# agents table: one line counts them, on the screen and in batch text, as
# telemetry_reader does; FIFOs, sockets, links and directories are left
# alone.  A ring cut short is still a row with its reason, and the ring is
# shown in full.
. "$SRC/tests/tools/top_lib.sh"
need_tmux

nixl_agent --dir "$D" --name good --count 10 --rate 0 >/dev/null
head -c 100000 "$D/good" >"$D/cut"
for i in 1 2 3 4 5; do seq 1 "$i"00 >"$D/app$i.log"; done
: >"$D/empty"
head -c 8192 /dev/zero >"$D/zeros.bin"
mkfifo "$D/fifo"
mkdir "$D/subdir"
ln -s app1.log "$D/link"

telemetry_top -b -n 1 -v agents -w 100 "$D" >"$TMPDIR/out" 2>"$TMPDIR/err" || fail "exit $?"
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
[ "$(grep -c '^Skipped 7 files that are not rings$' "$TMPDIR/out")" = 1 ] ||
	fail "no one line for the 7 files: $(cat "$TMPDIR/out")"
grep -Eq '^(app|empty|zeros|fifo|subdir|link)' "$TMPDIR/out" && fail "a non-ring listed: $(cat "$TMPDIR/out")"
grep -Eq '^good +[0-9]+ +exited ' "$TMPDIR/out" || fail "the ring: $(cat "$TMPDIR/out")"
grep -Eq '^cut +- +error +truncated' "$TMPDIR/out" || fail "the cut ring: $(cat "$TMPDIR/out")"
grep -q '^Agents: 0 live, 1 exited, 0 dead, 1 unreadable ' "$TMPDIR/out" || fail "summary: $(cat "$TMPDIR/out")"
# --json carries the same count.
n=$(telemetry_top --json "$D" | jq '.skipped_files') || fail "--json failed"
[ "$n" = 7 ] || fail "json skipped_files: $n"

# The screen, at 80x24, through $NIXL_TELEMETRY_DIR: the same line once, no rows for them.
TOP_ENV="NIXL_TELEMETRY_DIR=$D"
tm_top 80 24 "-C"
tm_wait '^good '
[ "$(tm_screen | grep -c '^Skipped 7 files that are not rings$')" = 1 ] || fail "screen: $(tm_screen)"
tm_has '^(app|empty|zeros)' && fail "a non-ring on the screen: $(tm_screen)"
# A file that becomes a ring is picked up, and counted no more.
rm "$D/app5.log"
nixl_agent --dir "$D" --name app5.log --count 1 --rate 0 >/dev/null
tm_wait '^app5\.log '
tm_wait '^Skipped 6 files that are not rings$'
tm_end
