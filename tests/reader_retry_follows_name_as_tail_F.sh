#!/usr/bin/env bash
# -F / --retry is tail -F: a ring that does not exist yet is waited for
# (without it: exit 3 at once), and the name is followed across removal,
# re-creation and replacement, each said once on stderr in tail's words.
# Every event of every incarnation is printed.
set -u
. "$SRC/tests/tools/common.sh"
WAIT_SECS=10
[ -n "${SANITIZE:-}" ] && WAIT_SECS=40
dir=$TMPDIR/tel
mkdir "$dir"
reader=
trap '[ -z "$reader" ] || kill "$reader" 2>/dev/null || true' EXIT

telemetry_reader --format line "$dir/x" >/dev/null 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 3 ] || fail "without -F a missing file exits $rc, want 3"

# incarnation N COUNT: write ring x anew (written elsewhere, renamed over x
# as an agent's ring is published) and add its event count to $want.
want=0
incarnation() {
	mkdir "$TMPDIR/$1"
	nixl_agent --dir "$TMPDIR/$1" --name x --count "$2" --rate 0 || fail "cannot write incarnation $1"
	want=$((want + $(telemetry_reader --once --format line "$TMPDIR/$1/x" 2>/dev/null | wc -l)))
	mv "$TMPDIR/$1/x" "$dir/x"
}
# said N TEXT: stderr holds the line "telemetry_reader: TEXT" exactly N times.
said() {
	[ "$(grep -cxF "telemetry_reader: $2" "$TMPDIR/err")" = "$1" ]
}
printed() {
	[ "$(grep -c ' x TRANSFER \| x PERFORMANCE \| x MEMORY \| x ERROR ' "$TMPDIR/out")" = "$want" ]
}
expect() {	# expect N TEXT: wait until TEXT has been said N times and the events are printed
	wait_within "$WAIT_SECS" said "$1" "$2" || fail "not said $1 times: '$2'; stderr: $(cat "$TMPDIR/err")"
	wait_within "$WAIT_SECS" printed || fail "printed $(wc -l <"$TMPDIR/out") events, want $want"
}

telemetry_reader -F --format line "$dir/x" >"$TMPDIR/out" 2>"$TMPDIR/err" &
reader=$!
wait_within "$WAIT_SECS" said 1 "cannot open '$dir/x' for reading: No such file or directory" ||
	fail "no word about the missing file: $(cat "$TMPDIR/err")"
kill -0 "$reader" || fail "-F exited on a missing file: $(cat "$TMPDIR/err")"
incarnation 1 3
expect 1 "'$dir/x' has appeared;  following new file"
incarnation 2 5
expect 1 "'$dir/x' has been replaced;  following new file"
rm "$dir/x"
expect 1 "'$dir/x' has become inaccessible: No such file or directory"
incarnation 3 2
expect 2 "'$dir/x' has appeared;  following new file"
kill -INT "$reader"
wait "$reader" && rc=0 || rc=$?
reader=
[ "$rc" = 130 ] || fail "exit $rc after Ctrl+C, want 130: $(cat "$TMPDIR/err")"
# Nothing else was said: the five lines above and the summary.
[ "$(wc -l <"$TMPDIR/err")" = 6 ] || fail "stderr: $(cat "$TMPDIR/err")"
said 1 "read $want events, missed 0" || fail "summary: $(tail -n 1 "$TMPDIR/err")"

# A bare name is waited for as an agent of $NIXL_TELEMETRY_DIR (none here of that name).
(cd "$TMPDIR" && NIXL_TELEMETRY_DIR=$dir exec telemetry_reader -F --format line later) \
	>"$TMPDIR/out" 2>"$TMPDIR/err" &
reader=$!
wait_within "$WAIT_SECS" said 1 "cannot open 'later' for reading: No such file or directory" ||
	fail "bare name: $(cat "$TMPDIR/err")"
nixl_agent --dir "$dir" --name later --count 1 --rate 0 || fail "cannot write ring later"
wait_within "$WAIT_SECS" said 1 "'later' has appeared;  following new file" ||
	fail "bare name: $(cat "$TMPDIR/err")"
wait_within "$WAIT_SECS" grep -q ' later TRANSFER agent_tx_bytes ' "$TMPDIR/out" ||
	fail "bare name: no events of the agent: $(cat "$TMPDIR/out")"
kill -INT "$reader"
wait "$reader"
reader=

# With --once there is nothing to retry: tail's warning, then the usual error.
telemetry_reader --once -F "$dir/nosuch" >/dev/null 2>"$TMPDIR/err" && rc=0 || rc=$?
[ "$rc" = 3 ] && said 1 "warning: --retry ignored; --retry is useful only when following" ||
	fail "--once --retry: exit $rc: $(cat "$TMPDIR/err")"
exit 0
