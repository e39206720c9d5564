#!/usr/bin/env bash
# Files of a directory that are not rings (logs, other tools' files:
# NIXL_TELEMETRY_DIR=/tmp is common) are skipped and counted in one line,
# not named one by one; the rings are read.  A directory of such files
# only is "no rings" (exit 4 with --once), still in one line.
set -u
. "$SRC/tests/tools/common.sh"
dir=$TMPDIR/t
mkdir "$dir"
for i in 1 2 3 4 5; do echo "log line $i" >"$dir/app$i.log"; done
printf '' >"$dir/empty"
mkfifo "$dir/fifo"
mkdir "$dir/subdir"
ln -s app1.log "$dir/link"

telemetry_reader --once "$dir" >/dev/null 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 4 ] || fail "no rings: exit $rc, want 4: $(cat "$TMPDIR/err")"
[ "$(cat "$TMPDIR/err")" = "telemetry_reader: $dir: no rings in directory (skipped 6 files that are not rings)" ] ||
	fail "no rings: stderr: $(cat "$TMPDIR/err")"

nixl_agent --dir "$dir" --name agent --count 2 --rate 0 || fail "cannot write the ring"
telemetry_reader --once --format line "$dir" >"$TMPDIR/out" 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 0 ] || fail "with a ring: exit $rc: $(cat "$TMPDIR/err")"
grep -q ' agent TRANSFER agent_tx_bytes ' "$TMPDIR/out" || fail "the ring was not read"
n=$(wc -l <"$TMPDIR/out")
printf '%s\n' "telemetry_reader: $dir: skipped 6 files that are not rings" \
	"telemetry_reader: read $n events, missed 0" | cmp -s - "$TMPDIR/err" ||
	fail "with a ring: stderr: $(cat "$TMPDIR/err")"

# Following: the same one line, then it waits; later files are not named either.
telemetry_reader --format line "$dir" >"$TMPDIR/out" 2>"$TMPDIR/err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wait_within 10 grep -q ' agent TRANSFER ' "$TMPDIR/out" || fail "follower read nothing"
# A rescan that finds the ring "later" has seen late.log, written before it.
echo late >"$dir/late.log"
nixl_agent --dir "$dir" --name later --count 1 --rate 0 || fail "cannot write the second ring"
wait_within 10 grep -q ' later TRANSFER ' "$TMPDIR/out" || fail "follower did not rescan"
kill -INT $pid
wait $pid
[ "$(grep -vc ' events, missed ' "$TMPDIR/err")" = 1 ] || fail "follower stderr: $(cat "$TMPDIR/err")"
exit 0
