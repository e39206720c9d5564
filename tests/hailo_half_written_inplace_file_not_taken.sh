# A HailoRT 4.21- writer truncates its file in place, locks it and writes
# the dump; this one pauses halfway, holding the lock, with the message cut
# at a field boundary (everything but the device written), so the half
# file decodes cleanly.  The bridge, rescanning far more often than the
# writer dumps, must never take that half for a whole dump: the device
# utilization never turns into "no value", nothing is warned, and every
# dump is still taken once complete.
. "$SRC/tests/tools/hailo_lib.sh"

HAILO_MONITOR_TIME_INTERVAL=300 start_writer "$TMPDIR/w" --method inplace --pause 200
w=$WRITER_PID
start_bridge --interval 20
wait_within "$WAIT_SECS" dumps_done "$TMPDIR/w" 12 || fail "writer: $(tail -n 1 "$TMPDIR/w")"
# The bridge catches up with the complete dump 12 (or a later one).
wait_within "$WAIT_SECS" value_at_least "hailo-$w" "$DEV" 12 ||
	fail "dump 12 not taken: $(state "hailo-$w")"
stop_bridge || fail "exit status $?"
# Every device value the ring ever held is a number.
reader_values "$TD" 2>/dev/null | grep -F " hailo_device_utilization{" >"$TMPDIR/dev" || true
[ -s "$TMPDIR/dev" ] || fail "no device values"
if grep -q ' null$' "$TMPDIR/dev"; then
	fail "a half-written file was taken: $(grep -c ' null$' "$TMPDIR/dev") of $(wc -l <"$TMPDIR/dev") device values are no value"
fi
grep -F skipped "$TMPDIR/bridge.err" && fail "a file being written was warned about"
# The reader's lock is short: a writer rarely, if ever, finds it held.
n=$(grep -c '^skipped' "$TMPDIR/w" || true)
[ "$n" -le 2 ] || fail "the writer found its lock taken $n times"
echo "device values: $(wc -l <"$TMPDIR/dev"), writer skips: $n"
